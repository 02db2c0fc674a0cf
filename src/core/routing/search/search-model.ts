/**
 * The problem compiled for the search: tasks in a canonical order (by id, so input order does not
 * matter), integer-scaled times and distances, node-indexed matrices per profile (clients 0..n-1,
 * then a start and an end node per vehicle type, then — only when some type is multi-trip — one
 * reload node per vehicle type at its base), route slots and granular neighbour lists.
 *
 * Multi-trip: a reload node of type vt may appear any number of times inside a route of type vt
 * (never of another type); the load resets there (capacity binds per trip) and its service time is
 * the handling time. Paired pickup-and-delivery: the paired delivery is a node that collects a
 * negative load (−q), so the peak-load segments carry the load exactly between the two ends.
 *
 * Rounding keeps integer feasibility sufficient for double-precision feasibility: travel and
 * service times are rounded up, window and shift ends down, window starts up. Matrices hold these
 * integers in Float64Arrays (exact up to 2^53), so large units (milliseconds, metres) cannot overflow.
 */
import { compartmentSettings, type CompiledProblem } from '../compartments';
import { pairPartners, type Objective } from '../problem';

export interface SearchProfile {
  dist: Float64Array;
  time: Float64Array;
  symmetric: boolean;
}

export interface SearchModel {
  n: number;
  dims: number;
  nVT: number;
  nNodes: number;
  scale: number;
  /** Internal client index → index in problem.tasks. */
  taskOf: Int32Array;
  ready: Float64Array;
  due: Float64Array;
  service: Float64Array;
  /** nNodes × dims: what is dropped at a node (deliveries). */
  demand: Float64Array;
  /** nNodes × dims: what is collected at a node (pickups); null when no task is a pickup. */
  pickup: Float64Array | null;
  xs: Float64Array | null;
  ys: Float64Array | null;
  profiles: SearchProfile[];
  vtProfile: Int32Array;
  vtCapacity: Float64Array;
  vtFixed: Float64Array;
  vtCostDist: Float64Array;
  vtCostTime: Float64Array;
  /** Longest route duration and distance per vehicle type (scaled; Infinity = no limit). */
  vtMaxDuration: Float64Array;
  vtMaxDistance: Float64Array;
  /**
   * Compartments whose class is chosen per route: per vehicle type, the class-block capacities
   * of every setting (see compartments.ts), or null; blocks start at dimension blockBase.
   */
  vtSettings: Array<Float64Array | null>;
  /** Whether any vehicle type has settings, or a duration or distance limit (hot paths skip them otherwise). */
  hasSettings: boolean;
  hasLimits: boolean;
  blockBase: number;
  blockWidth: number;
  /** Whether some vehicle type is multi-trip (reload nodes exist; hot paths skip trips otherwise). */
  multiTrip: boolean;
  /** Per vehicle type: its reload node, or -1 when the type is not multi-trip. */
  reloadNode: Int32Array;
  /** Per vehicle type: most trips per vehicle (Infinity = no limit). */
  vtMaxTrips: Float64Array;
  /** Per vehicle type: load excess charged per trip beyond maxTrips (its capacity summed: a full load). */
  vtTripExcess: Float64Array;
  /** Paired pickup-and-delivery: the partner client of each client (-1: unpaired); null when no pairs. */
  partner: Int32Array | null;
  /** With pairs: 1 for the pickup end of a pair (else 0). */
  pairPickup: Uint8Array | null;
  /** Route slots: the vehicle type of each slot. */
  slotVT: Int32Array;
  /** False when some vehicle type has no count (its slots are then a bound from the demand). */
  fleetLimited: boolean;
  neighbours: Int32Array;
  k: number;
  maxDist: number;
  maxDemand: number;
  totalDemand: Float64Array;
}

/**
 * Excess over a vehicle type's maximum duration and distance, added to the time warp: like lateness,
 * it is a time-like violation the search penalises and repairs.
 */
export function limitExcess(m: SearchModel, vt: number, duration: number, distance: number): number {
  const d = duration - m.vtMaxDuration[vt]!;
  const x = distance - m.vtMaxDistance[vt]!;
  return (d > 0 ? d : 0) + (x > 0 ? x : 0);
}

/**
 * Load excess of a route of type vt whose loads are load[offset .. offset + dims − 1]: over the
 * capacity per dimension, and for compartments set per route, over the best setting.
 */
export function loadExcess(m: SearchModel, vt: number, load: ArrayLike<number>, offset: number): number {
  const dims = m.dims;
  const settings = m.vtSettings[vt];
  const upto = settings ? m.blockBase : dims;
  let excess = 0;
  for (let d = 0; d < upto; d++) {
    const x = load[offset + d]! - m.vtCapacity[vt * dims + d]!;
    if (x > 0) excess += x;
  }
  if (!settings) return excess;
  const W = m.blockWidth;
  const from = offset + m.blockBase;
  let best = Infinity;
  for (let s = 0; s < settings.length && best > 0; s += W) {
    let e = 0;
    for (let i = 0; i < W; i++) {
      const x = load[from + i]! - settings[s + i]!;
      if (x > 0) e += x;
    }
    if (e < best) best = e;
  }
  return excess + best;
}

export const startNode = (m: SearchModel, vt: number): number => m.n + 2 * vt;
export const endNode = (m: SearchModel, vt: number): number => m.n + 2 * vt + 1;
/** The vehicle type whose reload node `node` is, or -1 when it is a client or a depot. */
export const reloadTypeOf = (m: SearchModel, node: number): number => (node >= m.n + 2 * m.nVT ? node - m.n - 2 * m.nVT : -1);

export interface ModelOptions {
  objective: Objective;
  granularity?: number;
}

function compareIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildSearchModel(problem: CompiledProblem, options: ModelOptions): SearchModel {
  const scale = problem.precision ?? 1000;
  const order = problem.tasks.map((_, i) => i).sort((a, b) => compareIds(problem.tasks[a]!.id, problem.tasks[b]!.id));
  const n = order.length;
  const dims = problem.dimensions;
  const nVT = problem.vehicles.length;
  const multiTrip = problem.vehicles.some((v) => v.multiTrip !== undefined);
  const nNodes = n + (multiTrip ? 3 : 2) * nVT;
  const ready = new Float64Array(nNodes);
  const due = new Float64Array(nNodes);
  const service = new Float64Array(nNodes);
  const demand = new Float64Array(nNodes * dims);
  const pickup = problem.tasks.some((t) => t.kind === 'pickup') ? new Float64Array(nNodes * dims) : null;
  const locationOf = new Int32Array(nNodes);
  const hasXY = problem.tasks.every((t) => t.x !== undefined && t.y !== undefined);
  const xs = hasXY ? new Float64Array(n) : null;
  const ys = hasXY ? new Float64Array(n) : null;
  const horizon = problem.vehicles.reduce((h, v) => Math.max(h, v.shift[1]), -Infinity);
  order.forEach((t, c) => {
    const task = problem.tasks[t]!;
    locationOf[c] = task.location;
    // several windows: the search keeps the widest one (a safe restriction; see the solver notes)
    let window: [number, number] = [-Infinity, horizon];
    if (task.timeWindows.length > 0) {
      window = task.timeWindows.reduce((best, w) => (w[1] - w[0] > best[1] - best[0] ? w : best));
    }
    ready[c] = Number.isFinite(window[0]) ? Math.ceil(window[0] * scale) : -1e15;
    due[c] = Math.floor(window[1] * scale);
    service[c] = Math.ceil(task.serviceTime * scale);
    // a paired delivery drops what its pickup collected: a negative pickup, nothing from the start
    const into = task.kind === 'pickup' || task.deliveryOf !== undefined ? pickup! : demand;
    const sign = task.deliveryOf !== undefined ? -1 : 1;
    for (let d = 0; d < dims; d++) into[c * dims + d] = sign * task.demand[d]!;
    if (xs && ys) {
      xs[c] = task.x!;
      ys[c] = task.y!;
    }
  });
  const vtProfile = new Int32Array(nVT);
  const vtCapacity = new Float64Array(nVT * dims);
  const vtFixed = new Float64Array(nVT);
  const vtCostDist = new Float64Array(nVT);
  const vtCostTime = new Float64Array(nVT);
  const vtMaxDuration = new Float64Array(nVT).fill(Infinity);
  const vtMaxDistance = new Float64Array(nVT).fill(Infinity);
  const weighted = options.objective === 'weighted';
  const reloadNode = new Int32Array(nVT).fill(-1);
  const vtMaxTrips = new Float64Array(nVT).fill(Infinity);
  const vtTripExcess = new Float64Array(nVT);
  problem.vehicles.forEach((v, k) => {
    for (const [node, loc] of [[n + 2 * k, v.start], [n + 2 * k + 1, v.end]] as const) {
      locationOf[node] = loc;
      ready[node] = Math.ceil(v.shift[0] * scale);
      due[node] = Math.floor(v.shift[1] * scale);
    }
    if (v.multiTrip) {
      const node = n + 2 * nVT + k;
      locationOf[node] = v.start;
      ready[node] = Math.ceil(v.shift[0] * scale);
      due[node] = Math.floor(v.shift[1] * scale);
      service[node] = Math.ceil(v.multiTrip.handlingTime * scale);
      reloadNode[k] = node;
      if (v.multiTrip.maxTrips !== undefined) vtMaxTrips[k] = v.multiTrip.maxTrips;
      vtTripExcess[k] = Math.max(1, v.capacity.reduce((a, b) => a + b, 0));
    }
    vtProfile[k] = v.profile;
    for (let d = 0; d < dims; d++) vtCapacity[k * dims + d] = v.capacity[d]!;
    vtFixed[k] = weighted ? v.fixedCost * scale : 0;
    vtCostDist[k] = weighted ? v.costPerDistance : 1;
    vtCostTime[k] = weighted ? v.costPerTime : 0;
    // rounded down, like window ends, so a limit kept in integers is kept in double precision
    if (v.maxDuration !== undefined) vtMaxDuration[k] = Math.floor(v.maxDuration * scale);
    if (v.maxDistance !== undefined) vtMaxDistance[k] = Math.floor(v.maxDistance * scale);
  });
  const L = problem.locations;
  let maxDist = 0;
  const used = new Set(problem.vehicles.map((v) => v.profile));
  const profiles: SearchProfile[] = problem.profiles.map((p, index) => {
    // a profile no vehicle type uses is never read
    if (!used.has(index)) return { dist: new Float64Array(0), time: new Float64Array(0), symmetric: true };
    const dist = new Float64Array(nNodes * nNodes);
    const time = new Float64Array(nNodes * nNodes);
    let symmetric = true;
    for (let i = 0; i < nNodes; i++) {
      const li = locationOf[i]! * L;
      for (let j = 0; j < nNodes; j++) {
        const lj = locationOf[j]!;
        const dd = Math.round(p.distance[li + lj]! * scale);
        dist[i * nNodes + j] = dd;
        time[i * nNodes + j] = Math.ceil(p.duration[li + lj]! * scale);
        if (dd > maxDist) maxDist = dd;
      }
    }
    for (let i = 0; i < nNodes && symmetric; i++) {
      for (let j = 0; j < i; j++) {
        if (dist[i * nNodes + j] !== dist[j * nNodes + i] || time[i * nNodes + j] !== time[j * nNodes + i]) {
          symmetric = false;
          break;
        }
      }
    }
    return { dist, time, symmetric };
  });
  // with pickups, the larger of the delivered and the collected totals (a valid bound on loads)
  const totalDemand = new Float64Array(dims);
  const totalPickup = new Float64Array(dims);
  let maxDemand = 0;
  for (let c = 0; c < n; c++) {
    for (let d = 0; d < dims; d++) {
      totalDemand[d]! += demand[c * dims + d]!;
      maxDemand = Math.max(maxDemand, demand[c * dims + d]!);
      if (pickup) {
        totalPickup[d]! += pickup[c * dims + d]!;
        maxDemand = Math.max(maxDemand, pickup[c * dims + d]!);
      }
    }
  }
  for (let d = 0; d < dims; d++) totalDemand[d] = Math.max(totalDemand[d]!, totalPickup[d]!);
  // route slots: the fleet when it is limited, else a generous bound from the total demand
  const slotTypes: number[] = [];
  let fleetLimited = true;
  problem.vehicles.forEach((v, k) => {
    let count = v.count;
    if (count === undefined) {
      fleetLimited = false;
      let ratio = 1;
      for (let d = 0; d < dims; d++) {
        if (v.capacity[d]! > 0) ratio = Math.max(ratio, totalDemand[d]! / v.capacity[d]!);
      }
      count = Math.ceil(1.3 * ratio) + 3;
    }
    count = Math.min(count, n);
    for (let i = 0; i < count; i++) slotTypes.push(k);
  });
  const vtSettings = problem.vehicles.map((v) => (problem.classBlocks ? compartmentSettings(v, problem.classBlocks) : null));
  const partner = clientPartners(problem, order);
  const model: SearchModel = {
    n, dims, nVT, nNodes, scale,
    taskOf: Int32Array.from(order),
    ready, due, service, demand, pickup, xs, ys, profiles,
    vtProfile, vtCapacity, vtFixed, vtCostDist, vtCostTime, vtMaxDuration, vtMaxDistance,
    vtSettings,
    hasSettings: vtSettings.some((x) => x !== null),
    hasLimits: problem.vehicles.some((v) => v.maxDuration !== undefined || v.maxDistance !== undefined),
    blockBase: problem.classBlocks?.base ?? dims,
    blockWidth: problem.classBlocks ? problem.classBlocks.base * problem.classBlocks.classes.length : 0,
    multiTrip,
    reloadNode,
    vtMaxTrips,
    vtTripExcess,
    partner,
    pairPickup: partner ? Uint8Array.from(order, (t, c) => (partner[c]! >= 0 && problem.tasks[t]!.kind === 'pickup' ? 1 : 0)) : null,
    slotVT: Int32Array.from(slotTypes),
    fleetLimited,
    neighbours: new Int32Array(0),
    k: 0,
    maxDist,
    maxDemand,
    totalDemand,
  };
  computeNeighbours(model, options.granularity ?? 25);
  return model;
}

/** Partners of paired tasks in client indices (order[c] is the task of client c). */
function clientPartners(problem: CompiledProblem, order: number[]): Int32Array | null {
  const byTask = pairPartners(problem);
  if (!byTask) return null;
  const clientOf = new Int32Array(order.length);
  order.forEach((t, c) => (clientOf[t] = c));
  return Int32Array.from(order, (t) => (byTask[t]! >= 0 ? clientOf[byTask[t]!]! : -1));
}

/**
 * Granular neighbour lists (Toth & Vigo; proximity with waiting and time-warp terms as in Vidal et
 * al. 2013): distance plus 0.2 × unavoidable wait plus 1 × unavoidable lateness, in either order.
 */
function computeNeighbours(m: SearchModel, granularity: number): void {
  const { n, nNodes } = m;
  const k = Math.max(0, Math.min(granularity, n - 1));
  const { dist, time } = m.profiles[m.vtProfile[0]!]!;
  const prox = (i: number, j: number): number => {
    const t = time[i * nNodes + j]!;
    const wait = Math.max(m.ready[j]! - t - m.service[i]! - m.due[i]!, 0);
    const warp = Math.max(m.ready[i]! + m.service[i]! + t - m.due[j]!, 0);
    return dist[i * nNodes + j]! + 0.2 * wait + warp;
  };
  const neighbours = new Int32Array(n * k);
  const candidates = new Array<number>(Math.max(0, n - 1));
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      score[j] = Math.min(prox(i, j), prox(j, i));
      candidates[c++] = j;
    }
    candidates.sort((a, b) => score[a]! - score[b]! || a - b);
    for (let q = 0; q < k; q++) neighbours[i * k + q] = candidates[q]!;
  }
  m.neighbours = neighbours;
  m.k = k;
}
