/**
 * CVRPLIB / TSPLIB `.vrp` files with EDGE_WEIGHT_TYPE EUC_2D: `KEY : value` header lines, then
 * NODE_COORD_SECTION, DEMAND_SECTION, DEPOT_SECTION (terminated by -1) and EOF. Edge lengths are
 * Euclidean rounded to the nearest integer; travel time equals length; no time windows; the fleet
 * is unlimited unless a VEHICLES key says otherwise.
 */
import { euclideanMatrix } from './euclidean-matrix';
import type { Problem } from './problem';

function fail(line: number, message: string): never {
  throw new Error(`core/routing/cvrplib: line ${line}: ${message}`);
}

export function parseCvrplib(text: string): Problem {
  const lines = text.split(/\r?\n/);
  const header = new Map<string, string>();
  let dimension = -1;
  let capacity = -1;
  let coords: Array<[number, number] | undefined> = [];
  let demands: Array<number | undefined> = [];
  const depots: number[] = [];
  let section: 'header' | 'coords' | 'demand' | 'depot' | 'done' = 'header';
  let lastLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!.trim();
    if (line === '') continue;
    lastLine = lineNo;
    const upper = line.toUpperCase();
    if (upper === 'EOF') {
      section = 'done';
      break;
    }
    if (/^[A-Z_]+_SECTION$/.test(upper)) {
      if (dimension < 0) fail(lineNo, `${upper} before DIMENSION`);
      if (upper === 'NODE_COORD_SECTION') section = 'coords';
      else if (upper === 'DEMAND_SECTION') section = 'demand';
      else if (upper === 'DEPOT_SECTION') section = 'depot';
      else fail(lineNo, `unsupported section ${upper}`);
      continue;
    }
    if (section === 'header' || line.includes(':')) {
      const m = /^([A-Za-z_]+)\s*:\s*(.*)$/.exec(line);
      if (!m) fail(lineNo, `expected "KEY : value", found "${line}"`);
      const key = m[1]!.toUpperCase();
      const value = m[2]!.trim().replace(/^"|"$/g, '');
      header.set(key, value);
      if (key === 'DIMENSION') {
        dimension = Number(value);
        if (!Number.isInteger(dimension) || dimension < 2) fail(lineNo, `DIMENSION must be an integer ≥ 2, found "${value}"`);
        coords = new Array(dimension).fill(undefined);
        demands = new Array(dimension).fill(undefined);
      } else if (key === 'CAPACITY') {
        capacity = Number(value);
        if (!Number.isFinite(capacity) || capacity <= 0) fail(lineNo, `CAPACITY must be a positive number, found "${value}"`);
      } else if (key === 'EDGE_WEIGHT_TYPE' && value.toUpperCase() !== 'EUC_2D') {
        fail(lineNo, `only EDGE_WEIGHT_TYPE EUC_2D is supported, found "${value}"`);
      }
      continue;
    }
    const parts = line.split(/\s+/).map(Number);
    if (!parts.every(Number.isFinite)) fail(lineNo, `expected numbers, found "${line}"`);
    const node = parts[0]!;
    if (section === 'depot') {
      if (node === -1) continue;
      if (!Number.isInteger(node) || node < 1 || node > dimension) fail(lineNo, `depot node ${node} out of range 1..${dimension}`);
      depots.push(node);
      continue;
    }
    if (!Number.isInteger(node) || node < 1 || node > dimension) fail(lineNo, `node ${node} out of range 1..${dimension}`);
    if (section === 'coords') {
      if (parts.length !== 3) fail(lineNo, `expected "node x y", found ${parts.length} values`);
      if (coords[node - 1]) fail(lineNo, `duplicate coordinates for node ${node}`);
      coords[node - 1] = [parts[1]!, parts[2]!];
    } else {
      if (parts.length !== 2) fail(lineNo, `expected "node demand", found ${parts.length} values`);
      if (parts[1]! < 0) fail(lineNo, `demand must be ≥ 0, found ${parts[1]}`);
      if (demands[node - 1] !== undefined) fail(lineNo, `duplicate demand for node ${node}`);
      demands[node - 1] = parts[1]!;
    }
  }
  if (dimension < 0) fail(lastLine, 'missing DIMENSION');
  if (capacity < 0) fail(lastLine, 'missing CAPACITY');
  const missingCoord = coords.findIndex((c) => c === undefined);
  if (missingCoord >= 0) fail(lastLine, `missing coordinates for node ${missingCoord + 1}`);
  const missingDemand = demands.findIndex((d) => d === undefined);
  if (missingDemand >= 0) fail(lastLine, `missing demand for node ${missingDemand + 1}`);
  if (depots.length !== 1) fail(lastLine, `expected exactly one depot in DEPOT_SECTION, found ${depots.length}`);
  const depot = depots[0]! - 1;
  const xs = coords.map((c) => c![0]);
  const ys = coords.map((c) => c![1]);
  const matrix = euclideanMatrix(xs, ys, 'nint');
  const vehiclesKey = header.get('VEHICLES');
  const count = vehiclesKey !== undefined && Number.isInteger(Number(vehiclesKey)) ? Number(vehiclesKey) : undefined;
  const tasks = [];
  for (let k = 0; k < dimension; k++) {
    if (k === depot) continue;
    tasks.push({
      id: String(k + 1),
      location: k,
      demand: [demands[k]!],
      serviceTime: 0,
      timeWindows: [] as Array<[number, number]>,
      x: xs[k],
      y: ys[k],
    });
  }
  return {
    name: header.get('NAME') ?? '',
    dimensions: 1,
    locations: dimension,
    profiles: [{ id: 'euc_2d', distance: matrix, duration: matrix }],
    tasks,
    vehicles: [{
      id: 'vehicle',
      count,
      profile: 0,
      start: depot,
      end: depot,
      shift: [0, 1e9],
      capacity: [capacity],
      fixedCost: 0,
      costPerDistance: 1,
      costPerTime: 0,
    }],
  };
}
