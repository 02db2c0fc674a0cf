/**
 * Shortest paths that leave a route's start, visit a subset of its stops in the best order and end at
 * the route's end (usually the same station): the "best route serving only the coalition" of the
 * Shapley game. The metric is a flat row-major matrix over `size = m + 2` points: index 0 is the start,
 * 1..m the stops, m + 1 the end. Stop subsets are named by stop index 0..m-1 (point index − 1).
 */
export interface TourMetric {
  /** Number of stops m (points are m + 2). */
  stops: number;
  /** (m + 2)² distances, row-major. */
  d: Float64Array;
}

/** Above this many stops one table over every subset (2^m · m states) is too large to build per route. */
export const FULL_TABLE_MAX_STOPS = 16;
/** A single subset is solved exactly by Held–Karp up to this many stops, by insertion + 2-opt above. */
export const EXACT_TOUR_MAX_STOPS = 8;

/**
 * Held–Karp over all stops at once: entry `mask` is the length of the shortest start → (every stop in
 * mask, any order) → end path. One forward dynamic programme yields every subset's optimum, because
 * dp[S][j] (best path from the start through S ending at j) does not depend on what comes after.
 * Entry 0 is 0: an empty coalition does not send the vehicle out.
 */
export function subsetTourTable(metric: TourMetric): Float64Array {
  const m = metric.stops;
  if (m > FULL_TABLE_MAX_STOPS) throw new Error(`core/cost-split: a subset tour table over ${m} stops is too large (max ${FULL_TABLE_MAX_STOPS})`);
  const size = m + 2;
  const end = m + 1;
  const d = metric.d;
  const full = 1 << m;
  const table = new Float64Array(full);
  if (m === 0) return table;
  const dp = new Float64Array(full * m).fill(Infinity);
  for (let j = 0; j < m; j++) dp[(1 << j) * m + j] = d[j + 1]!;
  for (let mask = 1; mask < full; mask++) {
    let best = Infinity;
    for (let j = 0; j < m; j++) {
      if ((mask & (1 << j)) === 0) continue;
      const v = dp[mask * m + j]!;
      if (v === Infinity) continue;
      const row = (j + 1) * size;
      const closing = v + d[row + end]!;
      if (closing < best) best = closing;
      for (let k = 0; k < m; k++) {
        if ((mask & (1 << k)) !== 0) continue;
        const next = (mask | (1 << k)) * m + k;
        const cand = v + d[row + k + 1]!;
        if (cand < dp[next]!) dp[next] = cand;
      }
    }
    table[mask] = best;
  }
  return table;
}

/**
 * Length of the best start → stops → end path over one subset of stops (indices 0..m-1, any order).
 * Exact (Held–Karp) up to EXACT_TOUR_MAX_STOPS stops; above that cheapest insertion improved by 2-opt,
 * a heuristic, reported as such by the caller. Deterministic: ties keep the first candidate in the
 * ascending order of the given stop indices.
 */
export function subsetTourLength(metric: TourMetric, subset: readonly number[]): { length: number; exact: boolean } {
  const nodes = [...subset].sort((a, b) => a - b);
  if (nodes.length === 0) return { length: 0, exact: true };
  if (nodes.length <= EXACT_TOUR_MAX_STOPS) return { length: heldKarp(metric, nodes), exact: true };
  return { length: insertionTwoOpt(metric, nodes), exact: false };
}

function heldKarp(metric: TourMetric, nodes: readonly number[]): number {
  const size = metric.stops + 2;
  const end = metric.stops + 1;
  const d = metric.d;
  const k = nodes.length;
  const pts = nodes.map((n) => n + 1);
  const full = 1 << k;
  const dp = new Float64Array(full * k).fill(Infinity);
  for (let j = 0; j < k; j++) dp[(1 << j) * k + j] = d[pts[j]!]!;
  let best = Infinity;
  for (let mask = 1; mask < full; mask++) {
    for (let j = 0; j < k; j++) {
      if ((mask & (1 << j)) === 0) continue;
      const v = dp[mask * k + j]!;
      if (v === Infinity) continue;
      const row = pts[j]! * size;
      if (mask === full - 1) {
        const closing = v + d[row + end]!;
        if (closing < best) best = closing;
        continue;
      }
      for (let t = 0; t < k; t++) {
        if ((mask & (1 << t)) !== 0) continue;
        const next = (mask | (1 << t)) * k + t;
        const cand = v + d[row + pts[t]!]!;
        if (cand < dp[next]!) dp[next] = cand;
      }
    }
  }
  return best;
}

function insertionTwoOpt(metric: TourMetric, nodes: readonly number[]): number {
  const size = metric.stops + 2;
  const end = metric.stops + 1;
  const d = metric.d;
  const dist = (a: number, b: number) => d[a * size + b]!;
  // Cheapest insertion into the open path start … end.
  const path: number[] = [0, end];
  const left = nodes.map((n) => n + 1);
  while (left.length > 0) {
    let bestNode = -1;
    let bestPos = -1;
    let bestDelta = Infinity;
    for (let li = 0; li < left.length; li++) {
      const p = left[li]!;
      for (let i = 0; i + 1 < path.length; i++) {
        const delta = dist(path[i]!, p) + dist(p, path[i + 1]!) - dist(path[i]!, path[i + 1]!);
        if (delta < bestDelta - 1e-9) { bestDelta = delta; bestNode = li; bestPos = i + 1; }
      }
    }
    path.splice(bestPos, 0, left[bestNode]!);
    left.splice(bestNode, 1);
  }
  // 2-opt on the interior (the endpoints stay fixed), first improvement until none is left.
  let improved = true;
  while (improved) {
    improved = false;
    for (let i = 1; i < path.length - 2; i++) {
      for (let j = i + 1; j < path.length - 1; j++) {
        const delta = dist(path[i - 1]!, path[j]!) + dist(path[i]!, path[j + 1]!) - dist(path[i - 1]!, path[i]!) - dist(path[j]!, path[j + 1]!);
        if (delta < -1e-9) {
          for (let a = i, b = j; a < b; a++, b--) { const t = path[a]!; path[a] = path[b]!; path[b] = t; }
          improved = true;
        }
      }
    }
  }
  let length = 0;
  for (let i = 0; i + 1 < path.length; i++) length += dist(path[i]!, path[i + 1]!);
  return length;
}
