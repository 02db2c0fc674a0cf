import { createRandom } from '../../../../src/core/shared/random';
import { Budget } from '../../../../src/core/routing/search/budget';
import { buildSearchModel } from '../../../../src/core/routing/search/search-model';
import { RouteState } from '../../../../src/core/routing/search/route-state';
import { LocalSearch } from '../../../../src/core/routing/search/local-search';
import { createSwapStar, NODE_OPERATORS } from '../../../../src/core/routing/search/operators';
import { minimiseRoutes, routeLowerBound } from '../../../../src/core/routing/search/route-minimiser';
import { ruinAndRecreate } from '../../../../src/core/routing/search/ruin-recreate';
import { randomProblem } from './fixtures';

function sortedClients(s: RouteState): number[] {
  return s.routes().flat().sort((a, b) => a - b);
}

describe('local search', () => {
  it.each([1, 2, 3])('ends in a local optimum of every node operator (instance %i)', (seed) => {
    const problem = randomProblem(seed, 25, { tw: seed !== 2, capacity: 30, count: 8 });
    const m = buildSearchModel(problem, { objective: 'distance', granularity: 24 });
    const s = new RouteState(m);
    s.penaltyLoad = 50;
    s.penaltyTW = 5;
    const rng = createRandom(seed);
    const order = rng.shuffle(Array.from({ length: m.n }, (_, i) => i));
    s.load([order.slice(0, 9), order.slice(9, 17), order.slice(17)]);
    const before = s.totalCost();
    new LocalSearch(s, NODE_OPERATORS, [createSwapStar(m.n)], rng).run();
    expect(s.totalCost()).toBeLessThan(before);
    expect(sortedClients(s)).toEqual(Array.from({ length: m.n }, (_, i) => i));
    for (const op of NODE_OPERATORS) {
      for (let u = 0; u < m.n; u++) {
        for (let v = 0; v < m.n; v++) {
          if (u === v) continue;
          expect(op.evaluate(s, u, s.routeOf[v]!, s.posOf[v]!)).toBeGreaterThanOrEqual(-1e-6);
          if (s.posOf[v] === 1) expect(op.evaluate(s, u, s.routeOf[v]!, 0)).toBeGreaterThanOrEqual(-1e-6);
        }
      }
    }
  });

  it('with onlyModified, leaves untouched routes alone and still reaches a local optimum around the change', () => {
    const problem = randomProblem(4, 30, { capacity: 30 });
    const m = buildSearchModel(problem, { objective: 'distance', granularity: 29 });
    const s = new RouteState(m);
    s.penaltyLoad = 50;
    const rng = createRandom(4);
    const ls = new LocalSearch(s, NODE_OPERATORS, [], rng);
    s.load([Array.from({ length: m.n }, (_, i) => i)]);
    ls.run();
    const optimum = s.totalCost();
    ls.markAllTested();
    ruinAndRecreate(s, rng, 6);
    expect(sortedClients(s)).toEqual(Array.from({ length: m.n }, (_, i) => i));
    ls.run(true);
    expect(s.totalCost()).toBeLessThanOrEqual(optimum * 1.2);
    for (let u = 0; u < m.n; u++) {
      for (let v = 0; v < m.n; v++) {
        if (u !== v) expect(NODE_OPERATORS[0]!.evaluate(s, u, s.routeOf[v]!, s.posOf[v]!)).toBeGreaterThanOrEqual(-1e-6);
      }
    }
  });
});

describe('route minimisation', () => {
  it.each([1, 2])('returns a feasible solution serving every client once, with fewer routes (instance %i)', (seed) => {
    const problem = randomProblem(seed + 40, 40, { tw: true, capacity: 40 });
    const m = buildSearchModel(problem, { objective: 'vehicles-then-distance' });
    const budget = new Budget(3000, Number.POSITIVE_INFINITY);
    const seen: number[] = [];
    const routes = minimiseRoutes(m, createRandom(seed), budget, (r) => seen.push(r))!;
    expect(routes).not.toBeNull();
    expect(routes.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: m.n }, (_, i) => i));
    expect(routes.length).toBeLessThan(m.n);
    expect(routes.length).toBeGreaterThanOrEqual(routeLowerBound(m));
    expect(seen[seen.length - 1]).toBe(routes.length);
    const s = new RouteState(m, new Int32Array(routes.length));
    s.load(routes);
    for (let r = 0; r < routes.length; r++) {
      expect(s.rTW[r]).toBe(0);
      expect(s.rExcess[r]).toBe(0);
    }
    expect(budget.iterations).toBeLessThanOrEqual(3000);
  });
});
