import { createRandom } from '../../../../src/core/shared/random';
import { buildSearchModel } from '../../../../src/core/routing/search/search-model';
import { RouteState } from '../../../../src/core/routing/search/route-state';
import { createSwapStar, NODE_OPERATORS } from '../../../../src/core/routing/search/operators';
import type { NodeOperator } from '../../../../src/core/routing/search/operators';
import { randomProblem } from './fixtures';

/** Recompute a route's penalised cost from scratch (plain forward replay, no segments). */
function replayCost(s: RouteState, r: number): number {
  const m = s.m;
  const clients = s.clients(r);
  if (clients.length === 0) return 0;
  const vt = s.slotVT[r]!;
  const prof = m.profiles[m.vtProfile[vt]!]!;
  const N = m.nNodes;
  const nodes = [m.n + 2 * vt, ...clients, m.n + 2 * vt + 1];
  // time warp by the classic relaxed replay: arrive late → jump back to due (Nagata's definition)
  let t = m.ready[nodes[0]!]!;
  let tw = 0;
  let dist = 0;
  let load = 0;
  for (let i = 1; i < nodes.length; i++) {
    const a = nodes[i - 1]!;
    const b = nodes[i]!;
    t += m.service[a]! + prof.time[a * N + b]!;
    dist += prof.dist[a * N + b]!;
    if (t < m.ready[b]!) t = m.ready[b]!;
    if (t > m.due[b]!) {
      tw += t - m.due[b]!;
      t = m.due[b]!;
    }
    load += m.demand[b]!;
  }
  const excess = Math.max(0, load - m.vtCapacity[vt]!);
  return dist + s.penaltyTW * tw + s.penaltyLoad * excess;
}

function total(s: RouteState): number {
  let sum = 0;
  for (let r = 0; r < s.R; r++) sum += replayCost(s, r);
  return sum;
}

function setup(seed: number, tw: boolean) {
  const problem = randomProblem(seed, 18, { tw, capacity: 25, count: 5 });
  const m = buildSearchModel(problem, { objective: 'distance', granularity: 17 });
  const s = new RouteState(m);
  s.penaltyLoad = 7;
  s.penaltyTW = 3;
  const rng = createRandom(seed);
  const order = rng.shuffle(Array.from({ length: m.n }, (_, i) => i));
  const routes: number[][] = [[], [], [], [], []];
  order.forEach((c, i) => routes[i % 4]!.push(c));
  s.load(routes);
  return { s, m, rng };
}

describe.each(NODE_OPERATORS.map((op) => [op.name, op] as [string, NodeOperator]))('operator %s', (_name, op) => {
  it.each([false, true])('predicts the exact cost change or a lower bound (time windows: %s)', (tw) => {
    for (let seed = 1; seed <= 4; seed++) {
      const { s, m } = setup(seed, tw);
      let applied = 0;
      for (let u = 0; u < m.n; u++) {
        for (let rV = 0; rV < s.R; rV++) {
          for (let pV = 0; pV <= s.len[rV]!; pV++) {
            const before = total(s);
            expect(s.totalCost()).toBeCloseTo(before, 6);
            const delta = op.evaluate(s, u, rV, pV);
            if (!Number.isFinite(delta)) continue;
            const snapshot = s.routes();
            op.apply(s, u, rV, pV);
            const after = total(s);
            const clients = s.routes().flat().sort((a, b) => a - b);
            expect(clients).toEqual(Array.from({ length: m.n }, (_, i) => i));
            if (delta < 0) expect(after - before).toBeCloseTo(delta, 6);
            else expect(after - before).toBeGreaterThanOrEqual(delta - 1e-6);
            applied++;
            s.load(snapshot);
          }
        }
      }
      expect(applied).toBeGreaterThan(0);
    }
  });
});

describe('operator SWAP*', () => {
  it('predicts the exact cost change of the move it applies', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const { s } = setup(seed, seed % 2 === 0);
      const op = createSwapStar(s.m.n);
      for (let rU = 0; rU < 4; rU++) {
        for (let rV = rU + 1; rV < 4; rV++) {
          const before = total(s);
          const delta = op.evaluate(s, rU, rV);
          if (!Number.isFinite(delta)) continue;
          const snapshot = s.routes();
          op.apply(s, rU, rV);
          expect(total(s) - before).toBeCloseTo(delta, 6);
          s.load(snapshot);
        }
      }
    }
  });
});
