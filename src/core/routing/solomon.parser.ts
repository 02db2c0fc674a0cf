/**
 * Solomon / Gehring–Homberger VRPTW text files: a name line, `VEHICLE` / `NUMBER CAPACITY` and one
 * row of two numbers, then `CUSTOMER`, a header, and one row per node (id, x, y, demand, ready, due,
 * service); node 0 is the depot. Distances are unrounded Euclidean and travel time equals distance.
 */
import { euclideanMatrix } from './euclidean-matrix';
import type { Problem } from './problem';

function fail(line: number, message: string): never {
  throw new Error(`core/routing/solomon: line ${line}: ${message}`);
}

export function parseSolomon(text: string): Problem {
  const lines = text.split(/\r?\n/);
  let name = '';
  let vehicleCount = -1;
  let capacity = -1;
  const rows: Array<{ line: number; values: number[] }> = [];
  let state: 'name' | 'vehicle' | 'vehicle-values' | 'customer' | 'rows' = 'name';
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!.trim();
    if (line === '') continue;
    const upper = line.toUpperCase();
    switch (state) {
      case 'name':
        name = line;
        state = 'vehicle';
        break;
      case 'vehicle':
        if (upper.startsWith('VEHICLE')) break;
        if (upper.startsWith('NUMBER')) {
          state = 'vehicle-values';
          break;
        }
        fail(lineNo, `expected the VEHICLE section, found "${line}"`);
      // falls through never (fail throws)
      case 'vehicle-values': {
        const parts = line.split(/\s+/).map(Number);
        if (parts.length !== 2 || !parts.every((v) => Number.isInteger(v) && v >= 0)) {
          fail(lineNo, `expected two non-negative integers (vehicle number, capacity), found "${line}"`);
        }
        [vehicleCount, capacity] = parts as [number, number];
        state = 'customer';
        break;
      }
      case 'customer':
        if (upper.startsWith('CUSTOMER')) break;
        if (upper.startsWith('CUST')) {
          state = 'rows';
          break;
        }
        fail(lineNo, `expected the CUSTOMER section header, found "${line}"`);
      // falls through never
      case 'rows': {
        const parts = line.split(/\s+/);
        if (parts.length !== 7) fail(lineNo, `expected 7 columns (id x y demand ready due service), found ${parts.length}`);
        const values = parts.map(Number);
        const bad = values.findIndex((v) => !Number.isFinite(v));
        if (bad >= 0) fail(lineNo, `column ${bad + 1} is not a number: "${parts[bad]}"`);
        if (values[3]! < 0 || values[6]! < 0) fail(lineNo, 'demand and service time must be ≥ 0');
        if (values[4]! > values[5]!) fail(lineNo, `ready time ${values[4]} is after due date ${values[5]}`);
        rows.push({ line: lineNo, values });
        break;
      }
    }
  }
  if (state !== 'rows') fail(lines.length, `file ended before the customer rows (in section ${state})`);
  if (rows.length < 2) fail(lines.length, 'need a depot row and at least one customer');
  const seen = new Set<number>();
  rows.forEach(({ line, values }, k) => {
    const id = values[0]!;
    if (!Number.isInteger(id) || id < 0) fail(line, `node id must be a non-negative integer, found ${id}`);
    if (seen.has(id)) fail(line, `duplicate node id ${id}`);
    seen.add(id);
    if (k === 0 && id !== 0) fail(line, `the first row must be the depot (id 0), found id ${id}`);
  });
  const depot = rows[0]!.values;
  const xs = rows.map((r) => r.values[1]!);
  const ys = rows.map((r) => r.values[2]!);
  const matrix = euclideanMatrix(xs, ys, 'none');
  return {
    name,
    dimensions: 1,
    locations: rows.length,
    profiles: [{ id: 'euclidean', distance: matrix, duration: matrix }],
    tasks: rows.slice(1).map(({ values }, k) => ({
      id: String(values[0]),
      location: k + 1,
      demand: [values[3]!],
      serviceTime: values[6]!,
      timeWindows: [[values[4]!, values[5]!]],
      x: values[1],
      y: values[2],
    })),
    vehicles: [{
      id: 'vehicle',
      count: vehicleCount,
      profile: 0,
      start: 0,
      end: 0,
      shift: [depot[4]!, depot[5]!],
      capacity: [capacity],
      fixedCost: 0,
      costPerDistance: 1,
      costPerTime: 0,
    }],
  };
}
