import { createRandom } from '../../../../src/core/shared/random';
import { solve } from '../../../../src/core/routing/solve';
import { checkSolution } from '../../../../src/core/routing/solution-checker';
import type { Problem } from '../../../../src/core/routing/problem';
import { randomProblem } from './fixtures';

/** The same problem with tasks listed in another order and locations renumbered. */
function shuffled(problem: Problem, seed: number): Problem {
  const rng = createRandom(seed);
  const L = problem.locations;
  const perm = rng.shuffle(Array.from({ length: L }, (_, i) => i)); // old location → new
  const remap = (m: ArrayLike<number>): number[] => {
    const out = new Array<number>(L * L);
    for (let i = 0; i < L; i++) for (let j = 0; j < L; j++) out[perm[i]! * L + perm[j]!] = m[i * L + j]!;
    return out;
  };
  return {
    ...problem,
    profiles: problem.profiles.map((p) => ({ ...p, distance: remap(p.distance), duration: remap(p.duration) })),
    tasks: rng.shuffle(problem.tasks.map((t) => ({ ...t, location: perm[t.location]! }))),
    vehicles: problem.vehicles.map((v) => ({ ...v, start: perm[v.start]!, end: perm[v.end]! })),
  };
}

const byIds = (problem: Problem, routes: { tasks: number[] }[]): string[][] =>
  routes.map((r) => r.tasks.map((t) => problem.tasks[t]!.id));

/** Optimal CVRP distance by dynamic programming over subsets (Held–Karp per route, then partition). */
function optimalDistance(problem: Problem): number {
  const n = problem.tasks.length;
  const L = problem.locations;
  const d = problem.profiles[0]!.distance;
  const depot = problem.vehicles[0]!.start;
  const cap = problem.vehicles[0]!.capacity[0]!;
  const loc = problem.tasks.map((t) => t.location);
  const full = 1 << n;
  const tsp = new Float64Array(full * n).fill(Infinity); // path from depot over subset ending at j
  for (let j = 0; j < n; j++) tsp[(1 << j) * n + j] = d[depot * L + loc[j]!]!;
  for (let s = 1; s < full; s++) {
    for (let j = 0; j < n; j++) {
      const cur = tsp[s * n + j]!;
      if (!(s & (1 << j)) || cur === Infinity) continue;
      for (let k = 0; k < n; k++) {
        if (s & (1 << k)) continue;
        const t = (s | (1 << k)) * n + k;
        tsp[t] = Math.min(tsp[t]!, cur + d[loc[j]! * L + loc[k]!]!);
      }
    }
  }
  const route = new Float64Array(full).fill(Infinity);
  for (let s = 1; s < full; s++) {
    let load = 0;
    for (let j = 0; j < n; j++) if (s & (1 << j)) load += problem.tasks[j]!.demand[0]!;
    if (load > cap) continue;
    for (let j = 0; j < n; j++) if (s & (1 << j)) route[s] = Math.min(route[s]!, tsp[s * n + j]! + d[loc[j]! * L + depot]!);
  }
  const best = new Float64Array(full).fill(Infinity);
  best[0] = 0;
  for (let s = 1; s < full; s++) {
    const low = s & -s; // the route containing the lowest client
    for (let sub = s; sub > 0; sub = (sub - 1) & s) {
      if (sub & low) best[s] = Math.min(best[s]!, best[s ^ sub]! + route[sub]!);
    }
  }
  return best[full - 1]!;
}

describe('solve', () => {
  it('gives the same routes for the same seed and iteration limit, whatever the task order', () => {
    const problem = randomProblem(5, 40, { tw: true, capacity: 40 });
    const a = solve(problem, { seed: 9, iterations: 150, objective: 'distance' });
    const b = solve(problem, { seed: 9, iterations: 150, objective: 'distance' });
    expect(byIds(problem, b.routes)).toEqual(byIds(problem, a.routes));
    const other = shuffled(problem, 77);
    const c = solve(other, { seed: 9, iterations: 150, objective: 'distance' });
    expect(byIds(other, c.routes)).toEqual(byIds(problem, a.routes));
    expect(c.distance).toBeCloseTo(a.distance, 6);
    expect(a.iterations).toBe(150);
  });

  it('is deterministic with route minimisation too', () => {
    const problem = randomProblem(6, 40, { tw: true, capacity: 40 });
    const a = solve(problem, { seed: 2, iterations: 400, objective: 'vehicles-then-distance' });
    const other = shuffled(problem, 5);
    const b = solve(other, { seed: 2, iterations: 400, objective: 'vehicles-then-distance' });
    expect(byIds(other, b.routes)).toEqual(byIds(problem, a.routes));
  });

  it.each([1, 2, 3, 4])('returns checker-feasible solutions with every task once (instance %i)', (seed) => {
    const problem = randomProblem(seed, 30, { tw: seed % 2 === 0, capacity: 35 });
    for (const objective of ['weighted', 'distance', 'vehicles-then-distance'] as const) {
      const res = solve(problem, { seed, iterations: 200, objective });
      const check = checkSolution(problem, res.routes);
      expect(check.violations).toEqual([]);
      expect(res.feasible).toBe(true);
      expect(res.distance).toBeCloseTo(check.distance, 9);
    }
  });

  it.each([21, 22, 23])('finds the optimum of a tiny CVRP (instance %i)', (seed) => {
    const problem = randomProblem(seed, 9, { capacity: 15 });
    const res = solve(problem, { seed: 1, iterations: 300, objective: 'distance' });
    expect(res.feasible).toBe(true);
    // integer scaling rounds each edge to 1/1000
    expect(Math.abs(res.distance - optimalDistance(problem))).toBeLessThan(0.01);
  });

  it('uses the fewest vehicles the windows and capacity allow on a tiny instance', () => {
    const problem = randomProblem(31, 12, { tw: true, capacity: 20 });
    const res = solve(problem, { seed: 1, iterations: 400, objective: 'vehicles-then-distance' });
    const dist = solve(problem, { seed: 1, iterations: 400, objective: 'distance' });
    expect(res.feasible).toBe(true);
    expect(res.vehicles).toBeLessThanOrEqual(dist.vehicles);
    const totalDemand = problem.tasks.reduce((a, t) => a + t.demand[0]!, 0);
    expect(res.vehicles).toBeGreaterThanOrEqual(Math.ceil(totalDemand / 20));
  });

  it('reports progress and refuses a run without any limit', () => {
    const problem = randomProblem(8, 20);
    const seen: number[] = [];
    solve(problem, { seed: 1, iterations: 100, objective: 'distance', onProgress: (p) => seen.push(p.iterations) });
    expect(seen.length).toBeGreaterThan(0);
    expect(() => solve(problem, { seed: 1 })).toThrow(/time limit or an iteration limit/);
  });
});
