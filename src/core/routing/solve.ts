/**
 * Public entry of the routing solver: `solve(problem, { seed, timeLimitSeconds?, iterations?,
 * objective?, onProgress? })` → plain data (routes as task indices per vehicle type, distance and
 * cost recomputed in double precision, vehicles, iterations, seconds).
 *
 * Method (details in the search/ modules and in bench/vrp.bench.ts' header): tasks are put in a
 * canonical order (by id) and scaled to integers; a hybrid genetic search with penalised
 * infeasibility, OX crossover + split or ruin-and-recreate offspring, and a granular local search
 * (relocate, or-opt, swap, cross-exchange, 2-opt, 2-opt*, SWAP*) with O(1) segment-concatenation
 * evaluation. For `vehicles-then-distance`, route minimisation by ejection pool first, then the HGS
 * under the fleet it reached, with periodic further removal attempts. Objectives: `weighted` (fixed
 * + distance + time costs of the vehicle types), `distance`, `vehicles-then-distance`.
 *
 * Issue 5 rules: compartments/temperature classes become capacity dimensions (compartments.ts);
 * a mixed fleet is split and moved slot by slot with each slot's own type; maxDuration and
 * maxDistance are penalised like time warp; pickups use peak-load segments; latestArrival tightens
 * the shift; maxRideTime is checked afterwards (a violating task moves to a free vehicle). Multi-trip
 * vehicle types get a reload node at their base that routes of their type may visit between trips
 * (load resets there, handling time is its service; trip moves in search/trip-moves.ts); pickup-
 * and-delivery pairs are kept whole by the search (search/pair-moves.ts). Optional
 * tasks (penalty): unservable ones are left out first with their reason, then a first search of
 * 1000 iterations, leaving out optional tasks that break rules or cost more than their penalty,
 * a second search seeded with that, and reinsertion where cheaper than the penalty.
 *
 * Determinism: nothing depends on the clock except when to stop; a time-limited run reports its
 * iteration count, and the same problem (in any task order), seed and iteration count give the
 * same routes.
 */
import { createRandom } from '../shared/random';
import { pairPartners, validateProblem, type Objective, type Problem, type Route } from './problem';
import { dropOptionalTasks, isolateRideTimes, reinsertOptionalTasks, type UnassignedTask } from './optional-tasks';
import { publicRoute, RELOAD } from './route-evaluator';
import { unservableReason } from './unassigned-reason';
import { compileProblem } from './compartments';
import { checkSolution } from './solution-checker';
import { Budget } from './search/budget';
import { Hgs } from './search/hgs';
import { DEFAULT_POPULATION } from './search/population';
import { buildSearchModel, type SearchModel } from './search/search-model';
import { minimiseRoutes, routeLowerBound } from './search/route-minimiser';
import type { Random } from '../shared/random';

export interface SolveProgress {
  phase: 'route-minimisation' | 'hgs';
  iterations: number;
  /**
   * Best feasible cost so far in the search's objective, in the problem's units (0 during route
   * minimisation, which reports only its vehicle count).
   */
  bestCost: number;
  vehicles: number;
}

export interface SolveOptions {
  seed: number;
  timeLimitSeconds?: number;
  iterations?: number;
  objective?: Objective;
  onProgress?: (progress: SolveProgress) => void;
  /** Granular neighbourhood size (default 20). */
  granularity?: number;
  /** Share of HGS offspring made by ruin-and-recreate instead of crossover (advanced). */
  mutationRate?: number;
  /** HGS population sizes (advanced; defaults mu 12, lambda 20). */
  population?: { mu: number; lambda: number };
}

export interface SolveResult {
  /** Routes in task order; a route of a multi-trip vehicle type also lists its `trips`. */
  routes: Route[];
  /** Optional tasks left out (indices into problem.tasks); mandatory tasks are always routed. */
  unassigned: number[];
  /** The same tasks with their ids and why each was left out, in the order they were left out. */
  unassignedReasons: UnassignedTask[];
  /**
   * Cost recomputed in double precision: fixed + distance + time costs of the routes plus the
   * penalties of unassigned tasks.
   */
  cost: number;
  /** The penalties of unassigned tasks (included in cost). */
  penalty: number;
  distance: number;
  vehicles: number;
  feasible: boolean;
  iterations: number;
  seconds: number;
}

export function solve(problem: Problem, options: SolveOptions): SolveResult {
  validateProblem(problem);
  if (options.timeLimitSeconds === undefined && options.iterations === undefined) {
    throw new Error('core/routing: solve needs a time limit or an iteration limit');
  }
  const started = performance.now();
  const objective = options.objective ?? 'weighted';
  const rng = createRandom(options.seed);
  const budget = Budget.create(options.iterations, options.timeLimitSeconds);
  const original = problem;
  // compartments become capacity dimensions, the latest arrival a shift end (see compartments.ts)
  problem = compileProblem(problem);
  const hasRideTimes = problem.tasks.some((t) => t.maxRideTime !== undefined);
  if (!problem.tasks.some((t) => t.penalty !== undefined)) {
    const routes = searchRoutes(problem, options, objective, rng, budget);
    if (hasRideTimes) isolateRideTimes(problem, routes, objective);
    return finish(original, routes.filter((r) => r.tasks.length > 0), [], objective, budget, started);
  }
  // optional tasks: those no vehicle can serve even alone are left out first, with their reason
  const out: UnassignedTask[] = [];
  const kept: number[] = [];
  const partners = pairPartners(problem);
  const reasons = problem.tasks.map((task, t) => (task.penalty !== undefined ? unservableReason(problem, t, partners?.[t] ?? -1) : null));
  problem.tasks.forEach((task, t) => {
    const reason = reasons[t]!;
    if (reason === null) kept.push(t);
    else out.push({ task: t, id: task.id, reason });
  });
  // a first search on the rest (a fixed share of iterations, so that time-limited runs replay),
  // then the overpriced or rule-breaking optional tasks are left out and a second search, seeded
  // with the repaired solution, polishes what is kept
  let routes = searchSubset(problem, kept, options, objective, rng, budget.capped(budget.iterations + FIRST_PHASE_ITERATIONS));
  if (hasRideTimes) isolateRideTimes(problem, routes, objective);
  out.push(...dropOptionalTasks(problem, routes, objective));
  if (!budget.done()) {
    const servedNow = routes.flatMap((r) => r.tasks).filter((t) => t !== RELOAD);
    const second = searchSubset(problem, servedNow.slice().sort((a, b) => a - b), options, objective, rng, budget, routes);
    if (hasRideTimes) isolateRideTimes(problem, second, objective);
    const secondOut = [...out, ...dropOptionalTasks(problem, second, objective)];
    const ca = checkSolution(original, second.map((r) => publicRoute(original, r)), secondOut.map((u) => u.task));
    const cb = checkSolution(original, routes.map((r) => publicRoute(original, r)), out.map((u) => u.task));
    if ((ca.feasible && !cb.feasible) || (ca.feasible === cb.feasible && ca.cost < cb.cost - 1e-9)) {
      routes = second;
      out.length = 0;
      out.push(...secondOut);
    }
  }
  const stillOut = reinsertOptionalTasks(problem, routes, out, objective);
  return finish(original, routes.filter((r) => r.tasks.length > 0), stillOut, objective, budget, started);
}

/** Iterations of the first search when some tasks are optional (or the whole budget if smaller). */
const FIRST_PHASE_ITERATIONS = 1000;

function penaltyOf(problem: Problem, out: UnassignedTask[]): number {
  return out.reduce((sum, u) => sum + (problem.tasks[u.task]!.penalty ?? 0), 0);
}

/** Solve for the tasks `subset` (indices into problem.tasks); routes come back in problem indices. */
function searchSubset(problem: Problem, subset: number[], options: SolveOptions, objective: Objective, rng: Random, budget: Budget, seed?: Route[]): Route[] {
  if (subset.length === 0) return [];
  const sub: Problem = { ...problem, tasks: subset.map((t) => problem.tasks[t]!) };
  const local = new Map<number, number>();
  subset.forEach((t, i) => local.set(t, i));
  const seedLocal = seed?.map((r) => ({ vehicleType: r.vehicleType, tasks: r.tasks.map((t) => (t === RELOAD ? RELOAD : local.get(t)!)) }));
  return searchRoutes(sub, options, objective, rng, budget, seedLocal).map((r) => ({ vehicleType: r.vehicleType, tasks: r.tasks.map((t) => (t === RELOAD ? RELOAD : subset[t]!)) }));
}

/**
 * The search itself: every task of `problem` is served (penalties play no part here). Routes come
 * back in the internal form: RELOAD markers between the trips of a multi-trip day.
 */
function searchRoutes(problem: Problem, options: SolveOptions, objective: Objective, rng: Random, budget: Budget, seed?: Route[]): Route[] {
  const model = buildSearchModel(problem, { objective, granularity: options.granularity ?? 20 });
  const report = (phase: SolveProgress['phase'], cost: number, vehicles: number): void => {
    options.onProgress?.({ phase, iterations: budget.iterations, bestCost: cost / model.scale, vehicles });
  };
  let slotVT = model.slotVT;
  let lastReport = -Infinity;
  const makeHgs = (slots: Int32Array, seeds: number[][][], penalties?: { load: number; timeWarp: number }): Hgs => new Hgs(model, rng, slots, {
    initialSolutions: seeds,
    penalties,
    mutationRate: options.mutationRate,
    population: options.population ? { ...DEFAULT_POPULATION, ...options.population } : undefined,
    onImprove: (best) => {
      if (budget.iterations - lastReport >= 50 || lastReport < 0) {
        lastReport = budget.iterations;
        report('hgs', best.base, best.nRoutes);
      }
    },
  });
  let hgs: Hgs;
  let fallback: number[][] | null = null;
  // the ejection-pool minimiser assumes one vehicle type; a mixed fleet goes straight to the HGS,
  // whose split and moves give every slot its own type
  // nor trips nor pairs: its one-client routes and insertions know neither
  const mixedFleet = new Set(model.slotVT).size > 1 || model.multiTrip || model.partner !== null;
  const seedSlots = seed ? seedToSlots(model, seed) : null;
  if (objective === 'vehicles-then-distance' && model.n > 0 && !mixedFleet && !seedSlots) {
    hgs = minimiseThenSearch(model, rng, budget, makeHgs, (routes) => report('route-minimisation', 0, routes), (f) => (fallback = f));
    slotVT = hgs.state.slotVT;
  } else {
    hgs = makeHgs(slotVT, seedSlots ? [seedSlots] : []);
    if (model.n > 0) hgs.run(budget);
  }
  const best = hgs.best;
  // no feasible HGS solution (tiny budget): the route-minimisation result, else the least infeasible
  const chosen = best?.routes ?? fallback ?? hgs.bestInfeasible?.routes ?? seedSlots ?? [];
  const routes: Route[] = [];
  chosen.forEach((clients, r) => {
    if (clients.length === 0) return;
    routes.push({ vehicleType: slotVT[r] ?? slotVT[0]!, tasks: clients.map((c) => (c < model.n ? model.taskOf[c]! : RELOAD)) });
  });
  return routes;
}

/** Routes in problem task indices → client lists per slot of the model (null when they do not fit the slots). */
function seedToSlots(model: SearchModel, seed: Route[]): number[][] | null {
  const clientOf = new Int32Array(model.n);
  model.taskOf.forEach((t, c) => (clientOf[t] = c));
  const out: number[][] = Array.from({ length: model.slotVT.length }, () => []);
  const taken = new Uint8Array(model.slotVT.length);
  for (const route of seed) {
    if (route.tasks.length === 0) continue;
    let slot = -1;
    for (let r = 0; r < model.slotVT.length; r++) {
      if (!taken[r] && model.slotVT[r] === route.vehicleType) {
        slot = r;
        break;
      }
    }
    if (slot < 0) return null;
    taken[slot] = 1;
    out[slot] = route.tasks.map((t) => (t === RELOAD ? model.reloadNode[route.vehicleType]! : clientOf[t]!));
  }
  return out;
}

/**
 * Vehicles first: route minimisation from one route per client until its first failed removal,
 * then HGS with the fleet capped at the routes reached, interrupted after 300, 600, 1200, …
 * iterations for one more removal attempt (of half as many pool operations) from its best
 * solution; each success restarts the HGS with one route fewer, seeded with that solution. Every
 * step is counted in iterations, so a time-limited run replays exactly under its reported
 * iteration count.
 */
function minimiseThenSearch(
  model: SearchModel,
  rng: Random,
  budget: Budget,
  makeHgs: (slots: Int32Array, seeds: number[][][], penalties?: { load: number; timeWarp: number }) => Hgs,
  onRoutes: (routes: number) => void,
  setFallback: (routes: number[][]) => void,
): Hgs {
  const n = model.n;
  const vt0 = model.slotVT[0] ?? 0;
  const slotsFor = (routes: number[][]): Int32Array => new Int32Array(routes.length).fill(vt0);
  let current = minimiseRoutes(model, rng, budget, onRoutes, { maxPops: Math.max(500, 10 * n) });
  if (!current) {
    const hgs = makeHgs(model.slotVT, []);
    hgs.run(budget);
    return hgs;
  }
  // never more routes than the fleet has vehicles
  const fleet = model.slotVT.length;
  setFallback(current);
  let hgs = current.length <= fleet ? makeHgs(slotsFor(current), [current]) : makeHgs(model.slotVT, []);
  const lowerBound = routeLowerBound(model);
  let chunk = 300;
  while (!budget.done()) {
    hgs.runUntil(budget, budget.iterations + chunk);
    if (budget.done()) break;
    if (current.length <= lowerBound) {
      hgs.run(budget);
      break;
    }
    const start = hgs.best ? hgs.best.routes.filter((r) => r.length > 0) : current;
    // the removal attempt gets about half as many iterations as the search chunk before it
    const next = minimiseRoutes(model, rng, budget, onRoutes, { start, maxRemovals: 1, maxPops: Math.max(100, Math.min(10 * n, chunk / 2)) });
    if (next && next.length < start.length) {
      current = next;
      // above the fleet size the capped search keeps running; only a fitting solution replaces it
      if (current.length <= fleet) {
        setFallback(current);
        hgs = makeHgs(slotsFor(current), [current], hgs.penalties());
      }
      chunk = 300;
    } else {
      chunk *= 2;
    }
  }
  return hgs;
}

function finish(problem: Problem, internal: Route[], out: UnassignedTask[], objective: Objective, budget: Budget, started: number): SolveResult {
  const routes = internal.map((r) => publicRoute(problem, r)).filter((r) => r.tasks.length > 0);
  const unassigned = out.map((u) => u.task);
  const check = checkSolution(problem, routes, unassigned);
  const penalty = penaltyOf(problem, out);
  return {
    routes,
    unassigned,
    unassignedReasons: out,
    cost: check.cost,
    penalty,
    distance: check.distance,
    vehicles: check.vehicles,
    feasible: check.feasible,
    iterations: budget.iterations,
    seconds: (performance.now() - started) / 1000,
  };
}
