import { createRandom } from '../shared/random';
import { lineFilled } from './match-assignment';
import { homeOptions } from './home-coop';
import { searchLocks } from './lock-search';
import { computeMatchCost } from './match-cost';
import { buildMatchModel, unfilledReason } from './match-model';
import { planMatch, type MatchPlan } from './match-plan';
import type { MatchAllocation, MatchOptions, MatchProblem, MatchResult, MatchUnfilled } from './match-problem';

/**
 * Fills order lines from lots. Lexicographic objective: first the maximal fill, then the least
 * cost (unit costs + split penalty). Every plan comes from an exact min-cost max-flow on the
 * aggregated transportation graph (so the fill is always maximal), the first without the split
 * penalty, later ones steering multi-line orders towards a home cooperative; a local search on
 * order-level moves (split-search) then trades unit cost against split parcels without touching
 * the fill, and a last flow re-optimises unit costs with the multi-line orders' sources fixed.
 * The input is put in canonical (id) order first, so the same problem in any order gives the same
 * result; a seed and an iteration count define a run (`iterations` in the result replays it).
 */
/** Runs per burst: about RESTART_LINES / lines of them, at most MAX_RESTARTS. */
const RESTART_LINES = 1_200;
const MAX_RESTARTS = 6;
/** Up to this many lines, multi-line orders are re-sourced by exact flows (lock-search). */
const LOCK_LINES = 1_000;

export function matchOrders(problem: MatchProblem, options: MatchOptions): MatchResult {
  const started = performance.now();
  const m = buildMatchModel(problem);
  const random = createRandom(options.seed);
  const maxIterations = options.iterations ?? Number.MAX_SAFE_INTEGER;
  const deadlineMs = options.timeLimitSeconds === undefined ? Infinity : started + options.timeLimitSeconds * 1000;
  let iterations = 0;

  // Small bursts get several runs from differently seeded streams; the cheapest plan wins.
  const homeChoices = homeOptions(m);
  const restarts = Math.max(1, Math.min(MAX_RESTARTS, Math.floor(RESTART_LINES / Math.max(1, m.nLine))));
  let best: MatchPlan | null = null;
  for (let run = 0; run < restarts && (run === 0 || (iterations < maxIterations && performance.now() < deadlineMs)); run++) {
    const plan = planMatch(m, homeChoices, homeChoices, run === 0 ? random : createRandom(options.seed + run * 7919), maxIterations - iterations, deadlineMs);
    iterations += plan.iterations;
    if (!best || plan.cost < best.cost - 1e-9) best = plan;
  }
  // Small bursts: the best plan's multi-line orders re-sourced by exact flows (lock-search).
  let assignment = best!.assignment;
  if (m.nLine <= LOCK_LINES && iterations < maxIterations && performance.now() < deadlineMs) {
    const filled = assignment.lineAlloc.reduce((sum, units) => units.reduce((s, u) => s + u.qty, sum), 0);
    const locked = searchLocks(m, assignment, filled, random, { maxIterations: maxIterations - iterations, deadlineMs });
    iterations += locked.iterations;
    assignment = locked.assignment;
  }

  const allocations: MatchAllocation[] = [];
  const unfilled: MatchUnfilled[] = [];
  for (let l = 0; l < m.nLine; l++) {
    const order = m.orderIds[m.lineOrder[l]];
    const line = m.lineIndex[l];
    const units = [...assignment.lineAlloc[l]].filter((u) => u.qty > 0).sort((x, y) => x.lot - y.lot);
    for (const u of units) allocations.push({ order, line, lot: m.lotIds[u.lot], quantity: u.qty });
    const left = m.lineQty[l] - lineFilled(assignment, l);
    if (left > 0) unfilled.push({ order, line, quantity: left, reason: unfilledReason(m, l) });
  }
  const cost = computeMatchCost(problem, allocations).total;
  return {
    allocations,
    unfilled,
    cost,
    seconds: (performance.now() - started) / 1000,
    iterations,
  };
}
