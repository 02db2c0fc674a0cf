import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonProblem } from '../../../../src/core/routing/json.parser';
import { validateProblem, type Problem, type Route, type Task } from '../../../../src/core/routing/problem';
import { checkSolution } from '../../../../src/core/routing/solution-checker';
import { solve, type SolveResult } from '../../../../src/core/routing/solve';
import { randomProblem } from './fixtures';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** Base 0 at x = 0, a market at x = 5, a farm at x = 20 (time = distance). */
function farmToMarket(extra: Partial<Task> = {}): Problem {
  const xs = [0, 5, 20];
  const L = xs.length;
  const m = Array.from({ length: L * L }, (_, k) => Math.abs(xs[Math.floor(k / L)]! - xs[k % L]!));
  return {
    name: 'farm-to-market', dimensions: 1, locations: L,
    profiles: [{ id: 'r', distance: m, duration: m }],
    tasks: [
      // listed (and named) so that the naive order — nearest first, input order — delivers before collecting
      { id: 'a-drop', location: 1, demand: [4], serviceTime: 1, timeWindows: [], deliveryOf: 'b-collect', ...extra },
      { id: 'b-collect', location: 2, demand: [4], serviceTime: 1, timeWindows: [], kind: 'pickup', ...(extra.penalty !== undefined ? { penalty: extra.penalty } : {}) },
    ],
    vehicles: [{ id: 'van', count: 2, profile: 0, start: 0, end: 0, shift: [0, 100], capacity: [10], fixedCost: 0, costPerDistance: 1, costPerTime: 0 }],
  };
}

/** Every third task of a random instance becomes a pickup whose delivery is the next task. */
function withPairs(base: Problem): Problem {
  const tasks: Task[] = base.tasks.map((t) => ({ ...t, timeWindows: [] }));
  for (let i = 0; i + 1 < tasks.length; i += 3) {
    tasks[i] = { ...tasks[i]!, kind: 'pickup' };
    tasks[i + 1] = { ...tasks[i + 1]!, deliveryOf: tasks[i]!.id, demand: tasks[i]!.demand };
  }
  return { ...base, tasks };
}

function expectPairsKept(problem: Problem, result: SolveResult): void {
  expect(checkSolution(problem, result.routes, result.unassigned).violations).toEqual([]);
  const where = new Map<number, [number, number]>();
  result.routes.forEach((r, k) => r.tasks.forEach((t, i) => where.set(t, [k, i])));
  problem.tasks.forEach((task, d) => {
    if (task.deliveryOf === undefined || !where.has(d)) return;
    const p = problem.tasks.findIndex((x) => x.id === task.deliveryOf);
    expect(where.get(p)![0]).toBe(where.get(d)![0]);
    expect(where.get(p)![1]).toBeLessThan(where.get(d)![1]);
  });
}

describe('paired pickup and delivery', () => {
  it('a delivery that must follow its pickup', () => {
    const problem = farmToMarket();
    // the naive order breaks precedence; the checker says so
    expect(checkSolution(problem, [{ vehicleType: 0, tasks: [0, 1] }]).violations).toContain('pair "b-collect" → "a-drop": the delivery comes before the pickup on route 0');
    const result = solve(problem, { seed: 1, iterations: 200 });
    expectPairsKept(problem, result);
    expect(result.routes).toEqual([{ vehicleType: 0, tasks: [1, 0] }]);
    expect(result.distance).toBeCloseTo(40, 9);
  });

  it('pairs are never split across vehicles, and capacity counts the load between the ends', () => {
    for (const seed of [1, 2, 3]) {
      const problem = withPairs(randomProblem(seed, 30, { capacity: 30 }));
      const result = solve(problem, { seed, iterations: 400, objective: 'distance' });
      expectPairsKept(problem, result);
      expect(result.routes.length).toBeGreaterThan(1);
    }
  });

  it('same seed and iterations give the same routes; shuffled tasks the same plan', () => {
    const problem = withPairs(randomProblem(7, 24, { capacity: 30 }));
    const a = solve(problem, { seed: 5, iterations: 300 });
    expect(solve(problem, { seed: 5, iterations: 300 }).routes).toEqual(a.routes);
    const shuffled: Problem = { ...problem, tasks: problem.tasks.map((_, i) => problem.tasks[problem.tasks.length - 1 - i]!) };
    const c = solve(shuffled, { seed: 5, iterations: 300 });
    const ids = (p: Problem, r: SolveResult): string[][] => r.routes.map((x) => x.tasks.map((t) => p.tasks[t]!.id));
    expect(ids(shuffled, c)).toEqual(ids(problem, a));
  });

  it('an optional pair that cannot be served is left out whole, both ends with the same reason', () => {
    // the farm is beyond a road the van cannot drive
    const problem = farmToMarket({ penalty: 50 });
    const far = { ...problem, profiles: [{ ...problem.profiles[0]!, duration: Array.from(problem.profiles[0]!.duration, (x, k) => ((k % 3 === 2 || Math.floor(k / 3) === 2) && x > 0 ? 1e7 : x)) }] };
    const result = solve(far, { seed: 1, iterations: 100 });
    expect(checkSolution(far, result.routes, result.unassigned).violations).toEqual([]);
    expect(result.unassignedReasons.map((u) => [u.id, u.reason]).sort()).toEqual([['a-drop', 'unreachable'], ['b-collect', 'unreachable']]);
  });

  it('an overpriced optional pair goes out and comes back as a whole', () => {
    const problem = farmToMarket({ penalty: 5 });
    const result = solve(problem, { seed: 1, iterations: 100 });
    expect(result.unassignedReasons.map((u) => u.reason)).toEqual(['cost', 'cost']);
    const cheap = solve(farmToMarket({ penalty: 100 }), { seed: 1, iterations: 100 });
    expect(cheap.unassigned).toEqual([]);
    expect(cheap.routes).toEqual([{ vehicleType: 0, tasks: [1, 0] }]);
  });

  it('ride time of a pair runs from the pickup\'s departure to the delivery\'s start', () => {
    // leave the farm at 21, reach the market at 36: a ride of 15
    const problem = farmToMarket({ maxRideTime: 14 });
    expect(checkSolution(problem, [{ vehicleType: 0, tasks: [1, 0] }]).violations).toEqual(['route 0: task "a-drop" rides 15 from its pickup "b-collect", longer than its maximum 14']);
    expect(checkSolution(farmToMarket({ maxRideTime: 15 }), [{ vehicleType: 0, tasks: [1, 0] }]).violations).toEqual([]);
  });

  it('on a multi-trip van a pair stays in one trip', () => {
    const base = withPairs(randomProblem(9, 18, { capacity: 15, count: 1 }));
    const problem: Problem = { ...base, vehicles: [{ ...base.vehicles[0]!, shift: [0, 5000], fixedCost: 500, multiTrip: { handlingTime: 5 } }] };
    const result = solve(problem, { seed: 2, iterations: 300 });
    expectPairsKept(problem, result);
    expect(result.routes.some((r) => r.trips!.length > 1)).toBe(true);
  });

  it('the checker catches a split pair, a pair across trips, and one end left out', () => {
    const problem = farmToMarket({ penalty: 5 });
    expect(checkSolution(problem, [{ vehicleType: 0, tasks: [1] }, { vehicleType: 0, tasks: [0] }]).violations).toContain('pair "b-collect" → "a-drop": pickup on route 0, delivery on route 1');
    expect(checkSolution(problem, [{ vehicleType: 0, tasks: [1] }], [0]).violations).toContain('pair "b-collect" → "a-drop": one end is unassigned, the other is not');
    const multi: Problem = { ...problem, vehicles: [{ ...problem.vehicles[0]!, multiTrip: { handlingTime: 1 } }] };
    const acrossTrips: Route = { vehicleType: 0, tasks: [1, 0], trips: [[1], [0]] };
    expect(checkSolution(multi, [acrossTrips]).violations).toContain('pair "b-collect" → "a-drop": pickup in trip 0, delivery in trip 1 of route 0');
  });

  it('the validator refuses malformed pairs', () => {
    const p = farmToMarket();
    const withTask = (i: number, t: Partial<Task>): Problem => ({ ...p, tasks: p.tasks.map((x, k) => (k === i ? { ...x, ...t } : x)) });
    expect(() => validateProblem(withTask(0, { deliveryOf: 'nope' }))).toThrow(/deliveryOf names no task/);
    expect(() => validateProblem(withTask(1, { kind: 'delivery' }))).toThrow(/deliveryOf must name a pickup task/);
    expect(() => validateProblem(withTask(0, { demand: [3] }))).toThrow(/demand must equal that of its pickup/);
    expect(() => validateProblem(withTask(0, { penalty: 3 }))).toThrow(/a pair is optional only as a whole/);
  });

  it('the JSON example with pairs solves under the checker; malformed pairs are refused with their path', () => {
    const text = readFileSync(join(ROOT, 'fixtures', 'routing', 'pickup-delivery-pairs.json'), 'utf8');
    const problem = parseJsonProblem(text);
    expect(problem.tasks.filter((t) => t.deliveryOf !== undefined)).toHaveLength(2);
    const result = solve(problem, { seed: 1, iterations: 200 });
    expectPairsKept(problem, result);
    const bad = JSON.parse(text) as { tasks: Array<Record<string, unknown>> };
    bad.tasks[1]!.deliveryOf = 'collect-plums';
    expect(() => parseJsonProblem(JSON.stringify(bad))).toThrow(/\$\.tasks\.1\.deliveryOf: deliveryOf names no task/);
    bad.tasks[1]!.deliveryOf = 'collect-kiwis';
    bad.tasks[1]!.demand = [1];
    expect(() => parseJsonProblem(JSON.stringify(bad))).toThrow(/\$\.tasks\.1\.demand: demand must equal/);
  });
});
