/**
 * 2-opt within one route: u and the client at pV in the same route; the path strictly after the
 * earlier of the two up to the later one is reversed.
 */
import type { RouteState } from '../route-state';
import type { NodeOperator } from './operator';

const INF = Number.POSITIVE_INFINITY;

export const twoOpt: NodeOperator = {
  name: '2-opt',
  evaluate(s: RouteState, u: number, rV: number, pV: number): number {
    const r = s.routeOf[u]!;
    if (r !== rV) return INF;
    let a = s.posOf[u]!;
    let b = pV;
    if (b < a) [a, b] = [b, a];
    if (b - a < 2 || b > s.len[r]!) return INF;
    const m = s.m;
    const vt = s.slotVT[r]!;
    const prof = m.profiles[m.vtProfile[vt]!]!;
    if (prof.symmetric) {
      const NN = m.nNodes;
      const base = r * s.stride;
      const x = s.node[base + a]!;
      const xs = s.node[base + a + 1]!;
      const y = s.node[base + b]!;
      const ys = s.node[base + b + 1]!;
      const delta = prof.dist[x * NN + y]! + prof.dist[xs * NN + ys]! - prof.dist[x * NN + xs]! - prof.dist[y * NN + ys]!;
      const bound = m.vtCostDist[vt]! * delta - (s.rCost[r]! - m.vtCostDist[vt]! * s.rDist[r]!);
      if (bound >= 0) return bound;
    }
    return s.begin(vt).prefix(r, a).reverse(r, a + 1, b).suffix(r, b + 1).cost() - s.rCost[r]!;
  },
  apply(s: RouteState, u: number, rV: number, pV: number): void {
    let a = s.posOf[u]!;
    let b = pV;
    if (b < a) [a, b] = [b, a];
    const c = s.clients(rV);
    const mid = c.slice(a, b).reverse();
    c.splice(a, b - a, ...mid);
    s.setRoute(rV, c);
  },
};
