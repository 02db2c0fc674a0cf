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
 * Determinism: nothing depends on the clock except when to stop; a time-limited run reports its
 * iteration count, and the same problem (in any task order), seed and iteration count give the
 * same routes.
 */
import { createRandom } from '../shared/random';
import { validateProblem, type Objective, type Problem, type Route } from './problem';
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
  routes: Route[];
  unassigned: number[];
  /** Objective cost recomputed in double precision (weighted: fixed + distance + time costs). */
  cost: number;
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
  const model = buildSearchModel(problem, { objective, granularity: options.granularity ?? 20 });
  const rng = createRandom(options.seed);
  const budget = Budget.create(options.iterations, options.timeLimitSeconds);
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
  if (objective === 'vehicles-then-distance' && model.n > 0) {
    hgs = minimiseThenSearch(model, rng, budget, makeHgs, (routes) => report('route-minimisation', 0, routes), (f) => (fallback = f));
    slotVT = hgs.state.slotVT;
  } else {
    hgs = makeHgs(slotVT, []);
    if (model.n > 0) hgs.run(budget);
  }
  const best = hgs.best;
  // no feasible HGS solution (tiny budget): the route-minimisation result, else the least infeasible
  const chosen = best?.routes ?? fallback ?? hgs.bestInfeasible?.routes ?? [];
  const routes: Route[] = [];
  chosen.forEach((clients, r) => {
    if (clients.length === 0) return;
    routes.push({ vehicleType: slotVT[r] ?? slotVT[0]!, tasks: clients.map((c) => model.taskOf[c]!) });
  });
  return finish(problem, model, routes, budget, started);
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

function finish(problem: Problem, _model: SearchModel, routes: Route[], budget: Budget, started: number): SolveResult {
  const check = checkSolution(problem, routes);
  return {
    routes,
    unassigned: [],
    cost: check.cost,
    distance: check.distance,
    vehicles: check.vehicles,
    feasible: check.feasible,
    iterations: budget.iterations,
    seconds: (performance.now() - started) / 1000,
  };
}
