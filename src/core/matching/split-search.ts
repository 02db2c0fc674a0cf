import type { Random } from '../shared/random';
import type { MatchAssignment } from './match-assignment';
import type { MatchModel } from './match-model';
import { reinsertOrder } from './reinsert-order';
import { relocateOrder } from './relocate-order';
import { allowedCoop, createSearchContext, orderCoops } from './search-context';

export interface SplitSearchLimits {
  /** Stop after this many move evaluations. */
  maxIterations: number;
  /** Absolute performance.now() deadline in ms (Infinity = none). */
  deadlineMs: number;
}

export interface SplitSearchStats {
  iterations: number;
  improvements: number;
  passes: number;
  /** Improving moves per pass. */
  passImprovements: number[];
}

/** Passes over the split orders; later passes pay less and less, so larger bursts get fewer. */
const MAX_PASSES = 4;
const MEDIUM_BURST_LINES = 5_000;
const LARGE_BURST_LINES = 50_000;
/** A pass that improves fewer than this share of the orders it tries ends the search. */
const MIN_PASS_YIELD = 0.01;

/**
 * Local search on order-level moves that cut split parcels without losing fill (every move keeps
 * the total filled units). For each split order, in seeded random order: re-serve it from free
 * stock (reinsertOrder), else relocate the units of one of its cooperatives into the others, or
 * the whole order into one cooperative, using free stock, exchanges with other orders and
 * hand-overs to unfilled lines (relocateOrder). First improvement is taken; passes repeat while
 * they improve. One iteration = one move evaluated, so an iteration limit replays a run exactly.
 */
export function searchSplits(
  m: MatchModel,
  a: MatchAssignment,
  lineClass: Int32Array,
  random: Random,
  limits: SplitSearchLimits,
  homeChoices?: number[][],
  wholeOrders = false,
): SplitSearchStats {
  const stats: SplitSearchStats = { iterations: 0, improvements: 0, passes: 0, passImprovements: [] };
  const ctx = createSearchContext(m, a, lineClass);
  let timedOut = false;
  const mayContinue = (): boolean => {
    if (stats.iterations >= limits.maxIterations) return false;
    if (!timedOut && limits.deadlineMs !== Infinity && (stats.iterations & 15) === 0) timedOut = performance.now() > limits.deadlineMs;
    return !timedOut;
  };
  const isSplit = (o: number): boolean => orderCoops(m, a, o).length > 1;
  // With wholeOrders, served multi-line orders that are not split are candidates too: moving one
  // whole to another home option (by exchanges) can lower unit costs the flow fixed around it.
  const isCandidate = (o: number): boolean => {
    const n = orderCoops(m, a, o).length;
    return n > 1 || (wholeOrders && n === 1 && (homeChoices?.[o].length ?? 0) > 1);
  };

  let queue: number[] = [];
  for (let o = 0; o < m.nOrder; o++) if (isCandidate(o)) queue.push(o);
  const maxPasses = m.nLine > LARGE_BURST_LINES ? 1 : m.nLine > MEDIUM_BURST_LINES ? 2 : MAX_PASSES;
  while (queue.length > 0 && stats.passes < maxPasses && mayContinue()) {
    stats.passes++;
    random.shuffle(queue);
    let improved = 0;
    for (const o of queue) {
      if (!mayContinue()) break;
      if (!isCandidate(o)) continue;
      if (isSplit(o)) {
        stats.iterations++;
        if (reinsertOrder(ctx, o)) {
          improved++;
          continue;
        }
      }
      for (const keep of keepSets(m, a, o, homeChoices?.[o])) {
        if (!mayContinue()) break;
        stats.iterations++;
        if (relocateOrder(ctx, o, keep)) {
          improved++;
          break;
        }
      }
    }
    stats.improvements += improved;
    stats.passImprovements.push(improved);
    if (improved === 0 || improved < MIN_PASS_YIELD * queue.length) break;
    queue = queue.filter(isCandidate);
  }
  return stats;
}

/** New single cooperatives tried per split order (the cheapest of its home options). */
const NEW_HOMES = 3;

/**
 * Cooperatives sets to consolidate a split order into: all but one of its cooperatives (fewest
 * units dropped first), each single one of them, and up to NEW_HOMES other cooperatives that may
 * serve it and hold usable stock of every SKU it has filled (taken from `options`, cheapest first,
 * when given).
 */
function keepSets(m: MatchModel, a: MatchAssignment, o: number, options?: number[]): number[][] {
  const coops = orderCoops(m, a, o);
  const units = new Map<number, number>();
  const skus = new Set<number>();
  for (let l = m.orderLineStart[o]; l < m.orderLineStart[o + 1]; l++) {
    for (const u of a.lineAlloc[l]) {
      units.set(m.lotCoop[u.lot], (units.get(m.lotCoop[u.lot]) ?? 0) + u.qty);
      skus.add(m.lineSku[l]);
    }
  }
  const sets: number[][] = [];
  const byUnits = [...coops].sort((x, y) => units.get(x)! - units.get(y)! || x - y);
  for (const drop of byUnits) sets.push(coops.filter((c) => c !== drop));
  if (coops.length > 2) for (const c of [...byUnits].reverse()) sets.push([c]);
  let added = 0;
  for (const c of options ?? Array.from({ length: m.nCoop }, (_, i) => i)) {
    if (added >= NEW_HOMES) break;
    if (coops.includes(c) || !m.coopReachable[c] || !allowedCoop(m, o, c)) continue;
    let all = true;
    for (const s of skus) if (m.usableLots[s * m.nCoop + c].length === 0) all = false;
    if (all) {
      sets.push([c]);
      added++;
    }
  }
  return sets;
}
