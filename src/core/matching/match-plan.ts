import type { Random } from '../shared/random';
import { assignFromFlow, serviceCost, type MatchAssignment } from './match-assignment';
import { homesFromAssignment, initialHomes, perturbHomes } from './home-coop';
import { solveMatchFlow, type MatchFlow } from './match-flow';
import { lockedModel } from './locked-model';
import type { MatchModel } from './match-model';
import { orderCoops } from './search-context';
import { searchSplits, type SplitSearchLimits } from './split-search';

/** Flow rounds: about ROUND_LINES / lines of them, within [MIN_ROUNDS, MAX_ROUNDS]. */
const ROUND_LINES = 20_000;
const MIN_ROUNDS = 3;
const MAX_ROUNDS = 30;
/** Targeted rounds (one flow per split order and home option) run up to this many lines. */
const TARGET_LINES = 1_000;
const TARGET_PASSES = 3;
const TARGET_WEIGHT = 25;
const TARGET_STEPS = 2;
/** Up to this many lines, every flow round's plan is polished by the local search. */
const POLISH_LINES = 1_000;

export interface MatchPlan {
  assignment: MatchAssignment;
  /** Service cost (unit costs + split penalty). */
  cost: number;
  iterations: number;
}

/**
 * One run of the matcher's search from the exact flow: flow rounds with home cooperatives, the
 * split search, targeted rounds and the unit-cost polish (see matchOrders). Stops early at
 * `maxIterations` or `deadlineMs`; every step is counted, so the count replays the run.
 */
export function planMatch(
  m: MatchModel,
  homeChoices: number[][],
  targetChoices: number[][],
  random: Random,
  maxIterations: number,
  deadlineMs: number,
): MatchPlan {
  let iterations = 0;

  // Flow rounds (a large-neighbourhood search whose repair is an exact flow): the plain
  // transportation optimum, then flows that keep multi-line orders at a home cooperative: first
  // the cheapest homes, then homes where the plain optimum put most of each order. After a better
  // plan the homes are re-read from it; otherwise some split orders of the best plan get another
  // home. On bursts up to POLISH_LINES lines every round's plan is polished by the local search;
  // on larger ones only the best plan is.
  const polishEach = m.nLine <= POLISH_LINES;
  const budget = (): SplitSearchLimits => ({ maxIterations: maxIterations - iterations, deadlineMs });
  const polish = (f: MatchFlow, a: MatchAssignment, wholeOrders = false): void => {
    iterations += searchSplits(m, a, f.lineClass, random, budget(), homeChoices, wholeOrders).iterations;
  };
  let flow = solveMatchFlow(m);
  let assignment = assignFromFlow(m, flow);
  const plain = assignment;
  if (polishEach) polish(flow, assignment);
  let best = serviceCost(m, assignment);
  let bestHome = initialHomes(homeChoices);
  let home = bestHome;
  const anyHome = homeChoices.some((list) => list.length > 0);
  const rounds = anyHome ? Math.max(MIN_ROUNDS, Math.min(MAX_ROUNDS, Math.floor(ROUND_LINES / Math.max(1, m.nLine)))) : 0;
  for (let round = 0; round < rounds && iterations < maxIterations && performance.now() < deadlineMs; round++) {
    iterations++;
    const f = solveMatchFlow(m, home);
    const a = assignFromFlow(m, f, home);
    if (polishEach) polish(f, a);
    const cost = serviceCost(m, a);
    const improved = cost < best - 1e-9;
    if (improved) [flow, assignment, best, bestHome] = [f, a, cost, home];
    if (round === 0) home = homesFromAssignment(m, plain, home);
    else if (improved) home = homesFromAssignment(m, a, home);
    else home = perturbHomes(m, assignment, bestHome, homeChoices, random);
  }
  if (!polishEach) polish(flow, assignment);

  // Targeted rounds on small bursts: each order still split is pinned (a heavy home weight) to
  // each of its home options in turn, the whole flow re-solved around it and polished. The flow
  // finds the chain of displacements a local move cannot; the plan is kept only if it is cheaper.
  if (anyHome && m.nLine <= TARGET_LINES) {
    const weight = new Float64Array(m.nOrder).fill(1);
    let improvedPass = true;
    for (let pass = 0; pass < TARGET_PASSES && improvedPass; pass++) {
      improvedPass = false;
      for (let o = 0; o < m.nOrder; o++) {
        if (targetChoices[o].length === 0 || orderCoops(m, assignment, o).length < 2) continue;
        for (const c of targetChoices[o]) {
          if (iterations >= maxIterations || performance.now() >= deadlineMs) break;
          iterations++;
          let h = homesFromAssignment(m, assignment, bestHome);
          weight[o] = TARGET_WEIGHT;
          // Pin, solve, re-read the others' homes from the result, solve again.
          let f: MatchFlow | null = null;
          let a: MatchAssignment | null = null;
          for (let step = 0; step < TARGET_STEPS; step++) {
            if (a) h = homesFromAssignment(m, a, h);
            h[o] = c;
            f = solveMatchFlow(m, h, weight);
            a = assignFromFlow(m, f, h);
          }
          weight[o] = 1;
          if (!f || !a) break;
          polish(f, a);
          const cost = serviceCost(m, a);
          if (f.filledUnits === flow.filledUnits && cost < best - 1e-9) {
            [flow, assignment, best, bestHome] = [f, a, cost, h];
            improvedPass = true;
            break;
          }
        }
      }
    }
  }

  // Small bursts: one more search in which unsplit multi-line orders may move whole, too.
  if (anyHome && m.nLine <= TARGET_LINES) polish(flow, assignment, true);

  // Unit-cost polish: the exact flow with each served order confined to its current cooperatives.
  // Kept only if it fills as much (it must: the current plan is feasible in it) and costs less.
  if (iterations < maxIterations && performance.now() < deadlineMs) {
    iterations++;
    const locked = lockedModel(m, assignment);
    const f = solveMatchFlow(locked);
    const a = assignFromFlow(locked, f);
    if (f.filledUnits === flow.filledUnits && serviceCost(m, a) < serviceCost(m, assignment) - 1e-9) assignment = a;
  }

  return { assignment, cost: serviceCost(m, assignment), iterations };
}
