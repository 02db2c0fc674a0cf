/**
 * Exchange(N, M): the segment of N clients starting at u trades places with the segment of M clients
 * starting at position pV of route rV; with M = 0 the segment moves to just after pV. Relocate
 * (1, 0), or-opt (2..3, 0), swap (1, 1) and the bounded cross-exchanges (2, 1), (2, 2) are instances.
 * A distance-only lower bound rejects most candidates before the time-window concatenation.
 */
import type { RouteState } from '../route-state';
import type { NodeOperator } from './operator';

const INF = Number.POSITIVE_INFINITY;

export function exchange(name: string, N: number, M: number): NodeOperator {
  return {
    name,
    evaluate(s: RouteState, u: number, rV: number, pV: number): number {
      const rU = s.routeOf[u]!;
      const pU = s.posOf[u]!;
      const lenU = s.len[rU]!;
      const lenV = s.len[rV]!;
      if (pU + N - 1 > lenU) return INF;
      if (M > 0) {
        if (pV < 1 || pV + M - 1 > lenV) return INF;
      } else if (pV < 0 || pV > lenV) return INF;
      const stride = s.stride;
      const node = s.node;
      const bU = rU * stride;
      const bV = rV * stride;
      if (rU === rV) {
        if (M === 0) {
          if (pV >= pU - 1 && pV <= pU + N - 1) return INF;
        } else if (pV + M - 1 >= pU && pU + N - 1 >= pV) return INF;
      }
      const vtU = s.slotVT[rU]!;
      const vtV = s.slotVT[rV]!;
      const m = s.m;
      // adjacent segments in one route share edges: no simple bound, evaluate exactly
      const adjacent = rU === rV && M > 0 && (pV + M === pU || pU + N === pV);
      // distance of the new route V when known (lets the exact evaluation stop after route U)
      let newDistV = -1;
      if (!adjacent && m.vtProfile[vtU] === m.vtProfile[vtV] && m.vtCostDist[vtU] === m.vtCostDist[vtV]) {
        // distance lower bound (same matrix for both routes)
        const dm = m.profiles[m.vtProfile[vtU]!]!.dist;
        const NN = m.nNodes;
        const uPred = node[bU + pU - 1]!;
        const uFirst = node[bU + pU]!;
        const uLast = node[bU + pU + N - 1]!;
        const uSucc = node[bU + pU + N]!;
        let delta: number;
        if (M === 0) {
          const v = node[bV + pV]!;
          const vSucc = node[bV + pV + 1]!;
          delta = dm[uPred * NN + uSucc]! - dm[uPred * NN + uFirst]! - dm[uLast * NN + uSucc]!
            + dm[v * NN + uFirst]! + dm[uLast * NN + vSucc]! - dm[v * NN + vSucc]!;
        } else {
          const vPred = node[bV + pV - 1]!;
          const vFirst = node[bV + pV]!;
          const vLast = node[bV + pV + M - 1]!;
          const vSucc = node[bV + pV + M]!;
          delta = dm[uPred * NN + vFirst]! + dm[vLast * NN + uSucc]! - dm[uPred * NN + uFirst]! - dm[uLast * NN + uSucc]!
            + dm[vPred * NN + uFirst]! + dm[uLast * NN + vSucc]! - dm[vPred * NN + vFirst]! - dm[vLast * NN + vSucc]!;
        }
        if (rU !== rV) {
          const pre = s.preDist;
          const segU = pre[bU + pU + N - 1]! - pre[bU + pU]!;
          if (M === 0) {
            const v = node[bV + pV]!;
            const vSucc = node[bV + pV + 1]!;
            newDistV = s.rDist[rV]! - dm[v * NN + vSucc]! + dm[v * NN + uFirst]! + dm[uLast * NN + vSucc]! + segU;
          } else {
            const vPred = node[bV + pV - 1]!;
            const vFirst = node[bV + pV]!;
            const vLast = node[bV + pV + M - 1]!;
            const vSucc = node[bV + pV + M]!;
            const segV = pre[bV + pV + M - 1]! - pre[bV + pV]!;
            newDistV = s.rDist[rV]! - dm[vPred * NN + vFirst]! - dm[vLast * NN + vSucc]! - segV
              + dm[vPred * NN + uFirst]! + dm[uLast * NN + vSucc]! + segU;
          }
        }
        const cd = m.vtCostDist[vtU]!;
        let removable = s.rCost[rU]! - cd * s.rDist[rU]!;
        if (rV !== rU) removable += s.rCost[rV]! - cd * s.rDist[rV]!;
        const bound = cd * delta - removable;
        // a lower bound on the change: when it is not negative the move cannot improve
        if (bound >= 0) return bound;
      }
      if (rU === rV) return intra(s, rU, pU, pV);
      let cost: number;
      if (M === 0) cost = s.begin(vtU).prefix(rU, pU - 1).suffix(rU, pU + N).cost();
      else cost = s.begin(vtU).prefix(rU, pU - 1).range(rV, pV, pV + M - 1).suffix(rU, pU + N).cost();
      if (newDistV >= 0) {
        // route V costs at least its distance: stop when that already rules the move out
        const bound = cost + m.vtCostDist[vtV]! * newDistV - s.rCost[rU]! - s.rCost[rV]!;
        if (bound >= 0) return bound;
      }
      if (M === 0) cost += s.begin(vtV).prefix(rV, pV).range(rU, pU, pU + N - 1).suffix(rV, pV + 1).cost();
      else cost += s.begin(vtV).prefix(rV, pV - 1).range(rU, pU, pU + N - 1).suffix(rV, pV + M).cost();
      return cost - s.rCost[rU]! - s.rCost[rV]!;
    },
    apply(s: RouteState, u: number, rV: number, pV: number): void {
      const rU = s.routeOf[u]!;
      const pU = s.posOf[u]!;
      const a = s.clients(rU);
      const segU = a.slice(pU - 1, pU - 1 + N);
      if (rU === rV) {
        const segV = M > 0 ? a.slice(pV - 1, pV - 1 + M) : [];
        const out: number[] = [];
        // walk positions 1..len, replacing the two segments
        for (let p = 1; p <= a.length; p++) {
          if (p === pU) {
            out.push(...segV);
            p += N - 1;
            continue;
          }
          if (M > 0 && p === pV) {
            out.push(...segU);
            p += M - 1;
            continue;
          }
          out.push(a[p - 1]!);
          if (M === 0 && p === pV) out.push(...segU);
        }
        if (M === 0 && pV === 0) out.unshift(...segU);
        s.setRoute(rU, out);
        return;
      }
      const b = s.clients(rV);
      if (M === 0) {
        a.splice(pU - 1, N);
        b.splice(pV, 0, ...segU);
      } else {
        const segV = b.slice(pV - 1, pV - 1 + M);
        a.splice(pU - 1, N, ...segV);
        b.splice(pV - 1, M, ...segU);
      }
      s.setRoute(rU, a);
      s.setRoute(rV, b);
    },
  };

  /** Same-route exchange: the segments must not overlap; evaluated by concatenation. */
  function intra(s: RouteState, r: number, pU: number, pV: number): number {
    const vt = s.slotVT[r]!;
    if (M === 0) {
      if (pV >= pU - 1 && pV <= pU + N - 1) return INF;
      if (pV < pU) {
        s.begin(vt).prefix(r, pV).range(r, pU, pU + N - 1).range(r, pV + 1, pU - 1).suffix(r, pU + N);
      } else {
        s.begin(vt).prefix(r, pU - 1).range(r, pU + N, pV).range(r, pU, pU + N - 1).suffix(r, pV + 1);
      }
      return s.cost() - s.rCost[r]!;
    }
    if (pV + M - 1 >= pU && pU + N - 1 >= pV) return INF;
    if (pU < pV) {
      s.begin(vt).prefix(r, pU - 1).range(r, pV, pV + M - 1).range(r, pU + N, pV - 1).range(r, pU, pU + N - 1).suffix(r, pV + M);
    } else {
      s.begin(vt).prefix(r, pV - 1).range(r, pU, pU + N - 1).range(r, pV + M, pU - 1).range(r, pV, pV + M - 1).suffix(r, pU + N);
    }
    return s.cost() - s.rCost[r]!;
  }
}
