import { assemblePlan } from '../../plan/plan-assembly';
import type { PlanDocument } from '../../plan/plan.types';
import type { WaveInput } from '../../plan/wave-input.types';
import { dropKey, evaluateDownstream, solveDownstreamStation } from './downstream-wave';
import type { SolveBudget } from './tier-solve';
import { evaluateUpstream, solveUpstreamStation, villageStage } from './upstream-wave';
import { FeedbackBudgetSpent, improveWave, type FeedbackReport } from './wave-feedback';
import { createWaveSetup } from './wave-setup';
import { DIRECT, servesMoreOrCheaper, type StationOutcome, type TierSolver, type WaveEvaluation, type WaveState } from './wave-state';

/**
 * The three-tier wave planner. Upstream: per township station, the station's vehicles collect the
 * cooperatives' allocations (capacity per temperature class, cooperative ready times, station hours,
 * multi-trip by rounds); then hub trucks collect each station's consolidated load — only once the village
 * routes that brought it are back (synchronisation) — and must reach the hub by the cut-off, within each
 * item's shelf-life limit; what the station's vehicles cannot collect in time, a hub truck may collect
 * directly. Downstream mirrors it (upstream-wave.ts, downstream-wave.ts). Every tier is solved by the
 * routing solver (HGS) and replayed independently; what no vehicle can take is reported with its reason.
 *
 * Then the feedback loop (wave-feedback.ts) improves across the tiers — which station or hub truck serves
 * a cooperative, early and late trunk visits — re-solving only the tiers a move touches.
 */
export const TIERED_PLANNER = 'three-tier-hgs';

export interface PlanWaveOptions {
  seed: number;
  /**
   * Wall-clock budget for the whole plan: half for the first tier solves (shared by their numbers of
   * pickups), the rest for the feedback loop, whose solver calls run fixed iteration counts.
   */
  timeLimitSeconds?: number;
  /** Iteration budget for the first tier solves together, shared the same way; with the seed it defines the plan. */
  iterations?: number;
  /** Iteration budget of the feedback loop (default: 1.5 times the tier solves'; 0 turns the loop off). Ignored with a time limit. */
  feedbackIterations?: number;
  /**
   * Replay: the iteration count of each solver call, in order, as a previous (time-limited) run reported
   * it; the feedback loop then runs exactly until the list is used up, as the recorded run did.
   */
  solveIterations?: readonly number[];
}

/** Without a budget: enough search for a county wave in a few seconds, and deterministic. */
export const DEFAULT_ITERATIONS = 6000;

export interface PlanWaveResult {
  plan: PlanDocument;
  /** Solver iterations of the whole run, tier solves and feedback loop. */
  iterations: number;
  /** The iteration count of every solver call, in order: `solveIterations` replays the run exactly. */
  solveIterations: number[];
  /** What the feedback loop tried and kept, and the plan's cost and unassigned count before and after it. */
  feedback: FeedbackReport;
}

/** At most this many iterations for one solver call of the feedback loop: many moves, each re-solved briefly. */
const FEEDBACK_CALL_ITERATIONS = 100;
/** What the trunk serves besides the stations' loads: a move that changes it is never screened on its village tiers alone. */
const trunkShape = (state: WaveState) => `${[...state.splits].sort().join(',')}|${[...state.assignment].filter(([, at]) => at === DIRECT).map(([c]) => c).sort().join(',')}`;
/** Without its own budget, the feedback loop gets this many times the tier solves' iterations. */
const FEEDBACK_SHARE = 1.5;
/** Share of a time limit for the first tier solves; the feedback loop has the rest. */
const TIER_TIME_SHARE = 0.5;

interface WaveBudget extends SolveBudget {
  used: number[];
  /** From now on, calls belong to the feedback loop. */
  startFeedback(): void;
  /**
   * Whether the feedback loop's budget is spent. Checked before each of its solver calls, which then throws
   * FeedbackBudgetSpent: the loop stops at the first solve past its budget — in a replay, the first call
   * past the recorded list, so the replay stops at the very same point, moves that needed no solve included.
   */
  exhausted(): boolean;
}

/** Pickups of the whole wave, to share a budget between the tier solves. */
function createBudget(options: PlanWaveOptions, totalTasks: number): WaveBudget {
  const used: number[] = [];
  let call = 0;
  let feedbackFrom = -1;
  const started = performance.now();
  const spentSeconds = () => (performance.now() - started) / 1000;
  const share = (tasks: number) => Math.max(0.05, tasks / Math.max(1, totalTasks));
  const total = options.iterations ?? DEFAULT_ITERATIONS;
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
  const exhausted = () => {
    if (options.solveIterations) return call >= options.solveIterations.length;
    if (options.timeLimitSeconds !== undefined) return spentSeconds() >= options.timeLimitSeconds;
    return sum(used.slice(Math.max(0, feedbackFrom))) >= (options.feedbackIterations ?? FEEDBACK_SHARE * total);
  };
  return {
    seed: options.seed,
    used,
    next(tasks) {
      const replay = options.solveIterations?.[call];
      if (feedbackFrom >= 0 && exhausted()) throw new FeedbackBudgetSpent();
      call += 1;
      if (options.solveIterations) return { iterations: Math.max(1, replay ?? 1) };
      // The feedback loop's solves get fixed counts, so only when the loop stops depends on the clock.
      if (feedbackFrom >= 0) return { iterations: Math.max(20, Math.min(FEEDBACK_CALL_ITERATIONS, Math.round(total * share(tasks)))) };
      // A share of what is left, so the rounds and vehicle types of a tier never overrun the whole budget.
      if (options.timeLimitSeconds !== undefined) {
        const limit = options.timeLimitSeconds * TIER_TIME_SHARE;
        const left = Math.max(0, limit - spentSeconds());
        return { timeLimitSeconds: Math.max(0.01, Math.min(left, limit * share(tasks))), iterations: 50_000 };
      }
      const left = Math.max(0, total - sum(used));
      return { iterations: Math.max(20, Math.min(left, Math.round(total * share(tasks)))) };
    },
    record(iterations) { used.push(iterations); },
    startFeedback() { feedbackFrom = used.length; },
    exhausted,
  };
}

export function planWave(input: WaveInput, options: PlanWaveOptions): PlanWaveResult {
  const setup = createWaveSetup(input);
  const coopIds = [...setup.itemsByCoop.keys()].filter((id) => setup.coops.has(id)).sort();
  // Every cooperative is solved about twice (its village tier and its station's trunk): the budget is shared by that count.
  const budget = createBudget(options, 2 * coopIds.length);
  const solver: TierSolver = { budget, stationSeed: (id) => options.seed + (setup.stationIds.indexOf(id) + 1) * 104729 };
  // Station tiers by their inputs: a move re-solves only the stations it changes.
  const cache = new Map<string, StationOutcome>();
  const cached = (key: string, solve: () => StationOutcome) => {
    const hit = cache.get(key);
    if (hit) return hit;
    const outcome = solve();
    cache.set(key, outcome);
    return outcome;
  };
  const upstreamStation = (stationId: string, coops: readonly string[]) =>
    cached(`${stationId}|${coops.join(',')}`, () => solveUpstreamStation(setup, stationId, coops, solver));
  const evaluate = (state: WaveState, current?: WaveEvaluation): WaveEvaluation | undefined => {
    if (input.direction === 'downstream') {
      return evaluateDownstream(setup, state, solver, (stationId, coops, drop) =>
        cached(`${stationId}|${dropKey(coops, drop)}`, () => solveDownstreamStation(setup, stationId, coops, drop, solver)));
    }
    // Upstream, a move between stations must first improve their village tiers: less work left for others, or as little at a lower cost.
    const now = current && villageStage(current.stations);
    const screen = now && trunkShape(state) === trunkShape(current.state)
      ? (stations: ReadonlyMap<string, StationOutcome>) => servesMoreOrCheaper(villageStage(stations), now)
      : undefined;
    return evaluateUpstream(setup, state, solver, upstreamStation, screen);
  };
  const initial = evaluate({ assignment: new Map(coopIds.map((id) => [id, setup.coops.get(id)!.stationId])), splits: new Set() })!;
  budget.startFeedback();
  const { best, report } = improveWave(setup, initial, evaluate);
  return {
    plan: assemblePlan(input, { planner: TIERED_PLANNER, travel: setup.travel, hubId: setup.hub.id, routes: best.routes, unassigned: best.unassigned, atHub: best.served }),
    iterations: budget.used.reduce((a, b) => a + b, 0),
    solveIterations: budget.used,
    feedback: report,
  };
}
