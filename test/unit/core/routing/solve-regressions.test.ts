import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { solve } from '../../../../src/core/routing/solve';
import { checkSolution } from '../../../../src/core/routing/solution-checker';
import type { Problem } from '../../../../src/core/routing/problem';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'fixtures', 'routing');
const load = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

describe('solve: regressions from the three-tier planner', () => {
  it('a: returns under an iteration limit on a problem with no feasible solution (no-op 2-opt* cycle)', () => {
    const { opts, problem } = load('regression-hang-infeasible.json') as { opts: { seed: number }; problem: Problem };
    const result = solve(problem, { ...opts, objective: 'weighted', iterations: 618 });
    expect(result.iterations).toBeLessThanOrEqual(618);
    const served = result.routes.flatMap((r) => r.tasks).sort((a, b) => a - b);
    expect(served).toEqual(problem.tasks.map((_, i) => i));
    expect(result.feasible).toBe(checkSolution(problem, result.routes, result.unassigned).feasible);
  });

  it('b: returns under a time limit on a mixed fleet, and replays exactly with its iteration count', () => {
    const problem = load('regression-mixed-fleet.json') as Problem;
    const timed = solve(problem, { seed: 1, timeLimitSeconds: 0.3, objective: 'weighted' });
    expect(timed.iterations).toBeGreaterThan(0);
    expect(timed.feasible).toBe(true);
    const replay = solve(problem, { seed: 1, iterations: timed.iterations, objective: 'weighted' });
    expect(replay.routes).toEqual(timed.routes);
  });

  it('c: a mixed fleet gives each load a vehicle type that can carry it', () => {
    const problem = load('regression-mixed-fleet.json') as Problem;
    for (const seed of [1, 2, 3]) {
      const result = solve(problem, { seed, iterations: 200, objective: 'weighted' });
      const check = checkSolution(problem, result.routes, result.unassigned);
      expect(check.violations).toEqual([]);
      expect(result.feasible).toBe(true);
      // the 313 kg and 140.4 kg cool loads exceed a tricycle's 140 kg: they ride in vans
      for (const id of ['coop-25', 'coop-30']) {
        const t = problem.tasks.findIndex((task) => task.id === id);
        const route = result.routes.find((r) => r.tasks.includes(t))!;
        expect(problem.vehicles[route.vehicleType]!.id).toMatch(/^reefer-van/);
      }
      const perType = problem.vehicles.map((_, k) => result.routes.filter((r) => r.vehicleType === k).length);
      perType.forEach((used, k) => expect(used).toBeLessThanOrEqual(problem.vehicles[k]!.count!));
    }
  });

  it('c: vehicles-then-distance on a mixed fleet is feasible too', () => {
    const problem = load('regression-mixed-fleet.json') as Problem;
    const result = solve(problem, { seed: 1, iterations: 300, objective: 'vehicles-then-distance' });
    expect(checkSolution(problem, result.routes, result.unassigned).violations).toEqual([]);
  });
});
