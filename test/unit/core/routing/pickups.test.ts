import fc from 'fast-check';
import { buildSearchModel } from '../../../../src/core/routing/search/search-model';
import { RouteState } from '../../../../src/core/routing/search/route-state';
import { solve } from '../../../../src/core/routing/solve';
import { checkSolution } from '../../../../src/core/routing/solution-checker';
import type { Problem } from '../../../../src/core/routing/problem';
import { randomProblem } from './fixtures';

/** Peak load on board along a client sequence: deliveries ride from the start, pickups from their task. */
function peak(problem: Problem, m: ReturnType<typeof buildSearchModel>, clients: number[]): number {
  const tasks = clients.map((c) => problem.tasks[m.taskOf[c]!]!);
  let onBoard = tasks.reduce((s, t) => s + (t.kind === 'pickup' ? 0 : t.demand[0]!), 0);
  let best = onBoard;
  for (const t of tasks) {
    onBoard += t.kind === 'pickup' ? t.demand[0]! : -t.demand[0]!;
    best = Math.max(best, onBoard);
  }
  return best;
}

describe('pickups and deliveries on one route', () => {
  const base = randomProblem(5, 12, { capacity: 25 });
  const problem: Problem = { ...base, tasks: base.tasks.map((t, i) => ({ ...t, kind: i % 3 === 0 ? 'pickup' : 'delivery' })) };
  const m = buildSearchModel(problem, { objective: 'distance' });

  it('the concatenated peak load matches a replay on whole routes and on prefix + client + suffix', () => {
    fc.assert(fc.property(fc.shuffledSubarray(Array.from({ length: m.n }, (_, i) => i), { minLength: 2 }), fc.nat(), (route, a) => {
      const s = new RouteState(m);
      const inserted = route[route.length - 1]!;
      const rest = route.slice(0, -1);
      s.load([rest]);
      expect(s.rExcess[0]).toBeCloseTo(Math.max(0, peak(problem, m, rest) - 25));
      const cut = a % (rest.length + 1);
      const cost = s.begin(0).prefix(0, cut).visit(inserted).suffix(0, cut + 1).cost();
      const seq = [...rest.slice(0, cut), inserted, ...rest.slice(cut)];
      s.penaltyLoad = 1;
      const t = new RouteState(m);
      t.load([seq]);
      expect(t.rExcess[0]).toBeCloseTo(Math.max(0, peak(problem, m, seq) - 25));
      expect(cost).toBeCloseTo(t.rCost[0]!);
      expect(s.begin(0).prefix(0, cut).visit(inserted).suffix(0, cut + 1).feasible()).toBe(peak(problem, m, seq) <= 25 && t.rTW[0] === 0);
    }), { numRuns: 300, seed: 9 });
  });

  it('a van delivers then collects more than it could carry as one load', () => {
    // 8 delivered then 8 collected with capacity 10: feasible in this order only
    const p: Problem = {
      name: 'swap', dimensions: 1, locations: 3,
      profiles: [{ id: 'r', distance: [0, 1, 2, 1, 0, 1, 2, 1, 0], duration: [0, 1, 2, 1, 0, 1, 2, 1, 0] }],
      tasks: [
        { id: 'drop', location: 1, demand: [8], serviceTime: 0, timeWindows: [] },
        { id: 'collect', location: 2, demand: [8], serviceTime: 0, timeWindows: [], kind: 'pickup' },
      ],
      vehicles: [{ id: 'van', count: 1, profile: 0, start: 0, end: 0, shift: [0, 100], capacity: [10], fixedCost: 0, costPerDistance: 1, costPerTime: 0 }],
    };
    const result = solve(p, { seed: 1, iterations: 100 });
    expect(checkSolution(p, result.routes).violations).toEqual([]);
    expect(result.routes).toEqual([{ vehicleType: 0, tasks: [0, 1] }]);
    expect(checkSolution(p, [{ vehicleType: 0, tasks: [1, 0] }]).violations.join()).toMatch(/load 16 exceeds/);
  });

  it('mixed random instances solve feasibly under the checker', () => {
    for (const seed of [1, 2, 3]) {
      const tw = randomProblem(seed, 25, { tw: true, capacity: 30 });
      const mixed: Problem = { ...tw, tasks: tw.tasks.map((t, i) => ({ ...t, kind: i % 2 === 0 ? 'pickup' : 'delivery' })) };
      const result = solve(mixed, { seed, iterations: 300, objective: 'distance' });
      expect(checkSolution(mixed, result.routes, result.unassigned).violations).toEqual([]);
    }
  });
});
