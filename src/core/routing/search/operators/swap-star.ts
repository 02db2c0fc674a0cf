/**
 * SWAP* (Vidal 2022): exchange u of route U and v of route V, each reinserted at its best position
 * in the other route rather than in the other's place. Insertion positions are preselected by
 * distance (the three cheapest per client); the best candidate is then evaluated exactly by
 * concatenation, time windows and load included.
 */
import type { RouteState } from '../route-state';
import type { RouteOperator } from './operator';

const INF = Number.POSITIVE_INFINITY;

export function createSwapStar(maxClients: number): RouteOperator {
  // top-3 insertion positions per client: position after which to insert, and its cost
  const topPos = new Int32Array(maxClients * 3);
  const topCost = new Float64Array(maxClients * 3);
  const removeCost = new Float64Array(maxClients);
  let best = { u: -1, v: -1, pu: -1, pv: -1 };

  function preprocess(s: RouteState, from: number, into: number, dm: Float64Array, NN: number): void {
    const bF = from * s.stride;
    const bI = into * s.stride;
    const lenI = s.len[into]!;
    for (let p = 1; p <= s.len[from]!; p++) {
      const u = s.node[bF + p]!;
      // reload nodes (multi-trip) stay where they are
      if (u >= s.m.n) continue;
      const pred = s.node[bF + p - 1]!;
      const succ = s.node[bF + p + 1]!;
      removeCost[u] = dm[pred * NN + succ]! - dm[pred * NN + u]! - dm[u * NN + succ]!;
      let c0 = INF, c1 = INF, c2 = INF;
      let p0 = -1, p1 = -1, p2 = -1;
      for (let q = 0; q <= lenI; q++) {
        const a = s.node[bI + q]!;
        const b = s.node[bI + q + 1]!;
        const c = dm[a * NN + u]! + dm[u * NN + b]! - dm[a * NN + b]!;
        if (c < c2) {
          if (c < c1) {
            c2 = c1; p2 = p1;
            if (c < c0) {
              c1 = c0; p1 = p0; c0 = c; p0 = q;
            } else {
              c1 = c; p1 = q;
            }
          } else {
            c2 = c; p2 = q;
          }
        }
      }
      topPos[u * 3] = p0; topPos[u * 3 + 1] = p1; topPos[u * 3 + 2] = p2;
      topCost[u * 3] = c0; topCost[u * 3 + 1] = c1; topCost[u * 3 + 2] = c2;
    }
  }

  /** Best insertion of x into route r with the client at position pRemoved taken out. */
  function bestInsert(s: RouteState, x: number, r: number, pRemoved: number, dm: Float64Array, NN: number): [number, number] {
    const base = r * s.stride;
    const pred = s.node[base + pRemoved - 1]!;
    const succ = s.node[base + pRemoved + 1]!;
    // in place of the removed client
    let bestCost = dm[pred * NN + x]! + dm[x * NN + succ]! - dm[pred * NN + succ]!;
    let bestPos = pRemoved - 1;
    for (let i = 0; i < 3; i++) {
      const q = topPos[x * 3 + i]!;
      if (q < 0) break;
      if (q === pRemoved - 1 || q === pRemoved) continue;
      if (topCost[x * 3 + i]! < bestCost) {
        bestCost = topCost[x * 3 + i]!;
        bestPos = q;
      }
      break;
    }
    return [bestCost, bestPos];
  }

  /** Route r with the client at pOut removed and x inserted after position q (original positions). */
  function build(s: RouteState, r: number, pOut: number, x: number, q: number): number {
    const vt = s.slotVT[r]!;
    if (q < pOut) {
      s.begin(vt).prefix(r, q).visit(x).range(r, q + 1, pOut - 1).suffix(r, pOut + 1);
    } else {
      s.begin(vt).prefix(r, pOut - 1).range(r, pOut + 1, q).visit(x).suffix(r, q + 1);
    }
    return s.cost();
  }

  return {
    name: 'swap*',
    evaluate(s: RouteState, rU: number, rV: number): number {
      const m = s.m;
      const vtU = s.slotVT[rU]!;
      const vtV = s.slotVT[rV]!;
      if (m.vtProfile[vtU] !== m.vtProfile[vtV]) return INF;
      const dm = m.profiles[m.vtProfile[vtU]!]!.dist;
      const NN = m.nNodes;
      preprocess(s, rU, rV, dm, NN);
      preprocess(s, rV, rU, dm, NN);
      let bestApprox = INF;
      best = { u: -1, v: -1, pu: -1, pv: -1 };
      const bU = rU * s.stride;
      const bV = rV * s.stride;
      const n = m.n;
      for (let i = 1; i <= s.len[rU]!; i++) {
        const u = s.node[bU + i]!;
        if (u >= n) continue;
        for (let j = 1; j <= s.len[rV]!; j++) {
          const v = s.node[bV + j]!;
          if (v >= n) continue;
          const base = removeCost[u]! + removeCost[v]!;
          if (base >= 0 && base >= bestApprox) continue;
          const [cu, qu] = bestInsert(s, u, rV, j, dm, NN);
          const [cv, qv] = bestInsert(s, v, rU, i, dm, NN);
          const approx = base + cu + cv;
          if (approx < bestApprox) {
            bestApprox = approx;
            best = { u, v, pu: qu, pv: qv };
          }
        }
      }
      if (best.u < 0) return INF;
      const pu = s.posOf[best.u]!;
      const pv = s.posOf[best.v]!;
      const cost = build(s, rU, pu, best.v, best.pv) + build(s, rV, pv, best.u, best.pu);
      return cost - s.rCost[rU]! - s.rCost[rV]!;
    },
    apply(s: RouteState, rU: number, rV: number): void {
      const { u, v, pu, pv } = best;
      const place = (r: number, out: number, x: number, q: number): number[] => {
        const c = s.clients(r);
        const res: number[] = [];
        if (q === 0) res.push(x);
        c.forEach((y, idx) => {
          if (y !== out) res.push(y);
          if (idx + 1 === q) res.push(x);
        });
        return res;
      };
      const a = place(rU, u, v, pv);
      const b = place(rV, v, u, pu);
      s.setRoute(rU, a);
      s.setRoute(rV, b);
    },
  };
}
