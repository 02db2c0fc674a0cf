import type { Random } from '../shared/random';
import { assignFromFlow, serviceCost, type MatchAssignment } from './match-assignment';
import { solveMatchFlow } from './match-flow';
import { lockedModel } from './locked-model';
import type { MatchModel } from './match-model';
import { orderCoops } from './search-context';

export interface LockSearchResult {
  assignment: MatchAssignment;
  cost: number;
  iterations: number;
  improvements: number;
}

/** Passes of one descent; a pass without an improving move ends it. */
const MAX_PASSES = 4;
/** Orders re-locked at once by a kick. */
const KICK_MIN = 2;
const KICK_MAX = 4;
/** Flows one search may run (about 0.2 ms each on small bursts): per multi-line order, and at most. */
const FLOWS_PER_ORDER = 200;
const MAX_FLOWS = 2_000;

interface Limits {
  maxIterations: number;
  deadlineMs: number;
}

/**
 * Exact re-sourcing of multi-line orders (small bursts): every served multi-line order is locked
 * to the cooperatives serving it now, one order at a time is moved to another lock (one of its
 * home options, or its cooperatives minus one), and an exact flow re-optimises all the other
 * stock around it. A descent keeps moves that keep the fill maximal and lower the service cost.
 * From the local optimum, kicks re-lock a few random orders at once, or re-lock one and release
 * all the others, and descend again, keeping cheaper plans: the optimum often needs several orders to trade places, which no move alone pays for. This finds what the
 * order-level local search cannot (an order moving whole while single-line orders shift their
 * stock to make room). One iteration = one flow, so an iteration limit replays a run.
 */
export function searchLocks(
  m: MatchModel,
  start: MatchAssignment,
  fill: number,
  random: Random,
  limits: Limits,
): LockSearchResult {
  const options = lockOptions(m);
  const multi: number[] = [];
  for (let o = 0; o < m.nOrder; o++) if (options[o].length > 0) multi.push(o);
  let iterations = 0;
  let improvements = 0;
  const maxIterations = Math.min(limits.maxIterations, MAX_FLOWS, FLOWS_PER_ORDER * multi.length);
  const stop = (): boolean => iterations >= maxIterations || performance.now() >= limits.deadlineMs;

  const locksOf = (a: MatchAssignment, o: number): number[][] => {
    const current = orderCoops(m, a, o);
    const locks: number[][] = [];
    if (current.length > 1) for (const drop of current) locks.push(current.filter((c) => c !== drop));
    for (const c of options[o]) if (current.length !== 1 || c !== current[0]) locks.push([c]);
    return locks;
  };
  const apply = (a: MatchAssignment, changes: Map<number, number[] | null>): Plan | null => {
    iterations++;
    const model = lockedModel(m, a, changes);
    const flow = solveMatchFlow(model);
    if (flow.filledUnits !== fill) return null;
    const assignment = assignFromFlow(model, flow);
    return { assignment, cost: serviceCost(m, assignment) };
  };
  const descend = (from: Plan): Plan => {
    let plan = from;
    for (let pass = 0; pass < MAX_PASSES && !stop(); pass++) {
      let improved = false;
      random.shuffle(multi);
      for (const o of multi) {
        for (const lock of locksOf(plan.assignment, o)) {
          if (stop()) break;
          const next = apply(plan.assignment, new Map([[o, lock]]));
          if (next && next.cost < plan.cost - 1e-9) {
            plan = next;
            improvements++;
            improved = true;
            break;
          }
        }
      }
      if (!improved) break;
    }
    return plan;
  };

  // Iterated local search: kick the best plan by re-locking a few random orders at once, descend,
  // keep the result if it is cheaper.
  let best = descend({ assignment: start, cost: serviceCost(m, start) });
  for (let kick = 0; multi.length > 0 && !stop(); kick++) {
    const changes = new Map<number, number[] | null>();
    if (kick % 2 === 0) {
      const size = KICK_MIN + random.int(KICK_MAX - KICK_MIN + 1);
      for (let k = 0; k < size; k++) {
        const o = multi[random.int(multi.length)];
        const locks = locksOf(best.assignment, o);
        if (locks.length > 0) changes.set(o, locks[random.int(locks.length)]);
      }
    } else {
      // Release kick: one order re-locked, every other multi-line order free to go anywhere (the
      // flow may split them; the descent then re-locks them): reaches cyclic exchanges of orders.
      const o = multi[random.int(multi.length)];
      const locks = locksOf(best.assignment, o);
      if (locks.length > 0) {
        for (const other of multi) changes.set(other, null);
        changes.set(o, locks[random.int(locks.length)]);
      }
    }
    if (changes.size === 0) {
      // Nothing to re-lock (every drawn order sits at its only option): counts, so the loop ends.
      iterations++;
      continue;
    }
    const kicked = apply(best.assignment, changes);
    if (!kicked) continue;
    const plan = descend(kicked);
    if (plan.cost < best.cost - 1e-9) best = plan;
  }
  return { assignment: best.assignment, cost: best.cost, iterations, improvements };
}

/**
 * Per multi-line order, every cooperative it may use that holds usable stock for at least one of
 * its lines: wider than the flow rounds' home options, because the optimum often serves an order
 * whole from a cooperative that cannot fill all of it and lets the other line go unfilled (the
 * scarce stock then fills other orders' lines instead).
 */
function lockOptions(m: MatchModel): number[][] {
  const options: number[][] = [];
  for (let o = 0; o < m.nOrder; o++) {
    const list: number[] = [];
    const first = m.orderLineStart[o];
    const end = m.orderLineStart[o + 1];
    if (end - first >= 2) {
      const mask = m.orderAllowed[o];
      for (let c = 0; c < m.nCoop; c++) {
        if (!m.coopReachable[c] || (mask !== null && mask[c] !== 1)) continue;
        for (let l = first; l < end; l++) {
          const s = m.lineSku[l];
          if (s >= 0 && m.usableLots[s * m.nCoop + c].some((lot) => m.lotGrade[lot] <= m.lineMinGrade[l])) {
            list.push(c);
            break;
          }
        }
      }
    }
    options.push(list);
  }
  return options;
}

interface Plan {
  assignment: MatchAssignment;
  cost: number;
}
