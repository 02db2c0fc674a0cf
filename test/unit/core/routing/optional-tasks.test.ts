import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { solve } from '../../../../src/core/routing/solve';
import { checkSolution } from '../../../../src/core/routing/solution-checker';
import { UNASSIGNED_REASONS, type Problem, type Task } from '../../../../src/core/routing/problem';

/** Locations on a line at the given positions; travel time = distance = |a - b|; depot at location 0. */
function lineProblem(positions: number[], tasks: Array<Partial<Task> & { location: number }>, vehicle: Partial<Problem['vehicles'][number]> = {}): Problem {
  const L = positions.length;
  const m = new Array<number>(L * L);
  for (let i = 0; i < L; i++) for (let j = 0; j < L; j++) m[i * L + j] = Math.abs(positions[i]! - positions[j]!);
  return {
    name: 'line',
    dimensions: 1,
    locations: L,
    profiles: [{ id: 'road', distance: m, duration: m.slice() }],
    tasks: tasks.map((t, i) => ({ id: `t${i}`, demand: [1], serviceTime: 1, timeWindows: [], ...t })),
    vehicles: [{ id: 'van', count: 2, profile: 0, start: 0, end: 0, shift: [0, 100], capacity: [10], fixedCost: 0, costPerDistance: 1, costPerTime: 0, ...vehicle }],
    precision: 1000,
  };
}

const reasonOf = (result: ReturnType<typeof solve>, problem: Problem, id: string): string | undefined =>
  result.unassignedReasons.find((u) => problem.tasks[u.task]!.id === id)?.reason;

describe('optional tasks', () => {
  it('leaves out what cannot be served, each with the rule that stops it, and serves the rest feasibly', () => {
    const problem = lineProblem([0, 10, 20, 30, 45, 1000], [
      { id: 'ok', location: 1 },
      { id: 'heavy', location: 2, demand: [11], penalty: 100 },
      { id: 'early', location: 3, timeWindows: [[0, 5]], penalty: 100 },
      { id: 'long-service', location: 4, serviceTime: 20, penalty: 100 },
      { id: 'track', location: 5, penalty: 100 },
      { id: 'mandatory', location: 3 },
    ]);
    for (const seed of [1, 2]) {
      const result = solve(problem, { seed, iterations: 300, objective: 'weighted' });
      const check = checkSolution(problem, result.routes, result.unassigned);
      expect(check.violations).toEqual([]);
      expect(result.feasible).toBe(true);
      expect(reasonOf(result, problem, 'heavy')).toBe('capacity');
      expect(reasonOf(result, problem, 'early')).toBe('time_window');
      expect(reasonOf(result, problem, 'long-service')).toBe('shift');
      expect(reasonOf(result, problem, 'track')).toBe('unreachable');
      expect(result.unassigned.sort()).toEqual([1, 2, 3, 4]);
      expect(result.penalty).toBe(400);
      expect(result.cost).toBeCloseTo(check.cost);
    }
  });

  it('names no_compatible_vehicle when no vehicle type has vehicles', () => {
    const problem = lineProblem([0, 10], [{ id: 'a', location: 1, penalty: 5 }], { count: 0 });
    const result = solve(problem, { seed: 1, iterations: 50 });
    expect(result.unassignedReasons).toEqual([{ task: 0, id: 'a', reason: 'no_compatible_vehicle' }]);
    expect(result.routes).toEqual([]);
    expect(result.feasible).toBe(true);
  });

  it('leaves out a task that costs more to serve than its penalty, and serves it when the penalty is higher', () => {
    // serving 'far' adds 60 to the route (0 → 10 → 40 → 0 instead of 0 → 10 → 0)
    const cheap = lineProblem([0, 10, 40], [{ id: 'near', location: 1 }, { id: 'far', location: 2, penalty: 50 }]);
    const left = solve(cheap, { seed: 1, iterations: 200 });
    expect(reasonOf(left, cheap, 'far')).toBe('cost');
    expect(checkSolution(cheap, left.routes, left.unassigned).violations).toEqual([]);
    const dear = lineProblem([0, 10, 40], [{ id: 'near', location: 1 }, { id: 'far', location: 2, penalty: 200 }]);
    const served = solve(dear, { seed: 1, iterations: 200 });
    expect(served.unassigned).toEqual([]);
    expect(served.cost).toBeCloseTo(80);
    expect(left.cost).toBeCloseTo(20 + 50);
  });

  it('with a fleet too small for all tasks, leaves out optional ones (capacity) instead of returning an infeasible plan', () => {
    const problem = lineProblem([0, 10, 11, 12, 13], [1, 2, 3, 4].map((location) => ({ location, demand: [6], penalty: 1000 })), { count: 1 });
    const result = solve(problem, { seed: 3, iterations: 300 });
    expect(result.feasible).toBe(true);
    expect(result.routes.flatMap((r) => r.tasks)).toHaveLength(1);
    expect(result.unassignedReasons.map((u) => u.reason)).toEqual(['capacity', 'capacity', 'capacity']);
    expect(checkSolution(problem, result.routes, result.unassigned).violations).toEqual([]);
  });

  it('turns the planner\'s infeasible tier problem feasible when its tasks are optional', () => {
    const file = join(__dirname, '..', '..', '..', '..', 'fixtures', 'routing', 'regression-hang-infeasible.json');
    const { problem } = JSON.parse(readFileSync(file, 'utf8')) as { problem: Problem };
    const optional: Problem = { ...problem, tasks: problem.tasks.map((t) => ({ ...t, penalty: 1e6 })) };
    const result = solve(optional, { seed: 1, iterations: 600, objective: 'weighted' });
    expect(checkSolution(optional, result.routes, result.unassigned).violations).toEqual([]);
    expect(result.feasible).toBe(true);
    expect(result.unassigned.length).toBeGreaterThan(0);
    for (const u of result.unassignedReasons) expect(UNASSIGNED_REASONS).toContain(u.reason);
    expect(result.routes.flatMap((r) => r.tasks).length + result.unassigned.length).toBe(problem.tasks.length);
  });

  it('a time-limited run with optional tasks replays exactly under its iteration count', () => {
    const problem = lineProblem([0, 10, 11, 12, 13, 30], [1, 2, 3, 4, 5].map((location) => ({ location, demand: [4], penalty: 15 })), { count: 1 });
    const timed = solve(problem, { seed: 4, timeLimitSeconds: 0.2 });
    const replay = solve(problem, { seed: 4, iterations: timed.iterations });
    expect(replay.routes).toEqual(timed.routes);
    expect(replay.unassignedReasons).toEqual(timed.unassignedReasons);
    expect(checkSolution(problem, timed.routes, timed.unassigned).violations).toEqual([]);
  });

  it('the checker refuses a mandatory task left unassigned and charges penalties of optional ones', () => {
    const problem = lineProblem([0, 10, 20], [{ id: 'm', location: 1 }, { id: 'o', location: 2, penalty: 7 }]);
    expect(checkSolution(problem, [{ vehicleType: 0, tasks: [1] }], [0]).violations.join()).toMatch(/mandatory/);
    const ok = checkSolution(problem, [{ vehicleType: 0, tasks: [0] }], [1]);
    expect(ok.feasible).toBe(true);
    expect(ok.cost).toBeCloseTo(20 + 7);
  });
});

describe('working time', () => {
  it('maxDuration splits work that one route could do, and the checker enforces it', () => {
    const base = lineProblem([0, 10, 11, 12, 13], [1, 2, 3, 4].map((location) => ({ location })), { fixedCost: 1000 });
    const one = solve(base, { seed: 1, iterations: 200 });
    expect(one.routes).toHaveLength(1);
    const limited: Problem = { ...base, vehicles: [{ ...base.vehicles[0]!, maxDuration: 29 }] };
    expect(checkSolution(limited, one.routes).violations.join()).toMatch(/duration/);
    const two = solve(limited, { seed: 1, iterations: 200 });
    expect(checkSolution(limited, two.routes, two.unassigned).violations).toEqual([]);
    expect(two.routes).toHaveLength(2);
  });

  it('maxDistance per vehicle type keeps a far task on the type allowed to drive far', () => {
    const base = lineProblem([0, 10, 40], [{ id: 'near', location: 1 }, { id: 'far', location: 2 }]);
    const problem: Problem = {
      ...base,
      vehicles: [
        { ...base.vehicles[0]!, id: 'trike', count: 2, maxDistance: 30, fixedCost: 0 },
        { ...base.vehicles[0]!, id: 'van', count: 1, fixedCost: 50 },
      ],
    };
    for (const seed of [1, 2]) {
      const result = solve(problem, { seed, iterations: 200 });
      expect(checkSolution(problem, result.routes, result.unassigned).violations).toEqual([]);
      const far = result.routes.find((r) => r.tasks.includes(1))!;
      expect(problem.vehicles[far.vehicleType]!.id).toBe('van');
    }
  });
});
