/**
 * 2-opt* between two routes: route U keeps its head up to u and takes the tail of route V after pV;
 * route V keeps its head up to pV (possibly just the depot) and takes the tail of U after u.
 */
import type { RouteState } from '../route-state';
import type { NodeOperator } from './operator';

const INF = Number.POSITIVE_INFINITY;

export const twoOptStar: NodeOperator = {
  name: '2-opt*',
  evaluate(s: RouteState, u: number, rV: number, pV: number): number {
    const rU = s.routeOf[u]!;
    if (rU === rV || pV > s.len[rV]!) return INF;
    const pU = s.posOf[u]!;
    const m = s.m;
    const vtU = s.slotVT[rU]!;
    const vtV = s.slotVT[rV]!;
    // exchanging two empty tails (or, between slots of one type, two whole routes) changes nothing;
    // rounding in the concatenated costs could otherwise report it as a tiny gain, forever
    if (pU === s.len[rU]! && pV === s.len[rV]!) return INF;
    if (vtU === vtV && pU === 0 && pV === 0) return INF;
    if (vtU === vtV) {
      const dm = m.profiles[m.vtProfile[vtU]!]!.dist;
      const NN = m.nNodes;
      const bU = rU * s.stride;
      const bV = rV * s.stride;
      const x = s.node[bU + pU]!;
      const xs = s.node[bU + pU + 1]!;
      const y = s.node[bV + pV]!;
      const ys = s.node[bV + pV + 1]!;
      const delta = dm[x * NN + ys]! + dm[y * NN + xs]! - dm[x * NN + xs]! - dm[y * NN + ys]!;
      const cd = m.vtCostDist[vtU]!;
      const bound = cd * delta - (s.rCost[rU]! - cd * s.rDist[rU]! + s.rCost[rV]! - cd * s.rDist[rV]!);
      if (bound >= 0) return bound;
    }
    const cost = s.begin(vtU).prefix(rU, pU).suffix(rV, pV + 1).cost()
      + s.begin(vtV).prefix(rV, pV).suffix(rU, pU + 1).cost();
    return cost - s.rCost[rU]! - s.rCost[rV]!;
  },
  apply(s: RouteState, u: number, rV: number, pV: number): void {
    const rU = s.routeOf[u]!;
    const pU = s.posOf[u]!;
    const a = s.clients(rU);
    const b = s.clients(rV);
    const tailU = a.slice(pU);
    const tailV = b.slice(pV);
    s.setRoute(rU, a.slice(0, pU).concat(tailV));
    s.setRoute(rV, b.slice(0, pV).concat(tailU));
  },
};
