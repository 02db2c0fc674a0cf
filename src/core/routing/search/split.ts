/**
 * Split (Prins 2004; Vidal 2016): cut a giant tour into routes optimally by a shortest path over
 * the tour, each arc (i, j] costed as one route with penalised load excess and time warp, so the
 * cut respects time windows as well as capacity. Routes are bounded (load up to twice capacity) to
 * keep it near linear. With a limited fleet, a layered version uses at most `maxRoutes` routes.
 * Multi-trip types: the cut routes are trips; when there are more trips than vehicles, consecutive
 * trips share a vehicle with a reload between them (the local search then moves the reloads and
 * merges or splits the vehicles' days).
 */
import { endNode, limitExcess, loadExcess, startNode, type SearchModel } from './search-model';

const INF = Number.POSITIVE_INFINITY;

// local helpers: global `Math` lookups are slow inside sandboxed contexts (e.g. jest's vm)
const mx = (a: number, b: number): number => (a > b ? a : b);
const mn = (a: number, b: number): number => (a < b ? a : b);


export class Splitter {
  private readonly pot: Float64Array;
  private readonly pred: Int32Array;
  private potK: Float64Array;
  private predK: Int32Array;
  private readonly costs: Float64Array;
  private readonly loads: Float64Array;
  private readonly pick: Float64Array;
  private readonly peak: Float64Array;

  constructor(private readonly m: SearchModel) {
    this.costs = new Float64Array(m.n + 1);
    this.loads = new Float64Array(m.dims);
    this.pick = new Float64Array(m.dims);
    this.peak = new Float64Array(m.dims);
    this.pot = new Float64Array(m.n + 1);
    this.pred = new Int32Array(m.n + 1);
    this.potK = new Float64Array(0);
    this.predK = new Int32Array(0);
  }

  /**
   * Returns routes (client lists) for slots in order. vt is the vehicle type used for costing;
   * penalties are per unit of excess load and of time warp.
   */
  split(tour: ArrayLike<number>, vt: number, maxRoutes: number, penaltyLoad: number, penaltyTW: number): number[][] {
    const routes = this.unlimited(tour, vt, penaltyLoad, penaltyTW);
    if (routes.length <= maxRoutes) return routes;
    const reload = this.m.reloadNode[vt]!;
    if (reload >= 0 && maxRoutes > 0) return groupTrips(routes, maxRoutes, reload);
    return this.limited(tour, vt, maxRoutes, penaltyLoad, penaltyTW);
  }

  /**
   * Split for a fleet given as route slots (their vehicle types): returns one client list per slot.
   * With one vehicle type this is `split`. With several (a mixed fleet), each arc is costed as the
   * cheapest vehicle type for it (so a load only a van can carry is cut as a van route), and the
   * routes are then given slots by regret: the route that loses most by not getting its best
   * available type chooses first. Counts are respected by the slots themselves.
   */
  splitFleet(tour: ArrayLike<number>, slotVT: Int32Array, penaltyLoad: number, penaltyTW: number): number[][] {
    const R = slotVT.length;
    const types: number[] = [];
    for (let r = 0; r < R; r++) if (!types.includes(slotVT[r]!)) types.push(slotVT[r]!);
    if (types.length <= 1) return this.split(tour, slotVT[0] ?? 0, R, penaltyLoad, penaltyTW);
    types.sort((a, b) => a - b);
    const n = tour.length;
    // shortest path over the tour with each arc at its cheapest type
    const pot = this.pot;
    const pred = this.pred;
    pot.fill(INF);
    pot[0] = 0;
    const best = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) {
      const base = pot[i]!;
      if (base === INF) continue;
      best.fill(INF);
      let reach = i;
      for (const vt of types) {
        const last = this.scan(tour, i, vt, penaltyLoad, penaltyTW, 1.5);
        if (last > reach) reach = last;
        for (let j = i + 1; j <= last; j++) if (this.costs[j]! < best[j]!) best[j] = this.costs[j]!;
      }
      for (let j = i + 1; j <= reach; j++) {
        if (base + best[j]! < pot[j]!) {
          pot[j] = base + best[j]!;
          pred[j] = i;
        }
      }
    }
    const cuts: Array<[number, number]> = [];
    for (let j = n; j > 0;) {
      const i = pred[j]!;
      cuts.push([i, j]);
      j = i;
    }
    cuts.reverse();
    // more routes than slots: merge neighbours of the tour (the search repairs what that breaks);
    // where a merged route continues is kept, so a multi-trip vehicle reloads there
    const joins: number[][] = cuts.map(() => []);
    while (cuts.length > R) {
      const last = cuts.pop()!;
      const lastJoins = joins.pop()!;
      joins[joins.length - 1]!.push(last[0], ...lastJoins);
      cuts[cuts.length - 1] = [cuts[cuts.length - 1]![0], last[1]];
    }
    // cost of each route on each type
    const routeCost = cuts.map(([i, j]) => types.map((vt) => {
      const last = this.scan(tour, i, vt, penaltyLoad, penaltyTW, INF);
      return last >= j ? this.costs[j]! : INF;
    }));
    const free = new Map<number, number[]>();
    for (let r = R - 1; r >= 0; r--) {
      const list = free.get(slotVT[r]!) ?? [];
      list.push(r);
      free.set(slotVT[r]!, list);
    }
    const out: number[][] = Array.from({ length: R }, () => []);
    const pending = cuts.map((_, q) => q);
    while (pending.length > 0) {
      let pick = 0;
      let pickType = -1;
      let pickRegret = -INF;
      pending.forEach((q, idx) => {
        let b1 = INF;
        let b2 = INF;
        let t1 = -1;
        types.forEach((vt, ti) => {
          if ((free.get(vt)?.length ?? 0) === 0) return;
          const c = routeCost[q]![ti]!;
          if (t1 < 0 || c < b1) {
            b2 = b1;
            b1 = c;
            t1 = vt;
          } else if (c < b2) {
            b2 = c;
          }
        });
        const regret = b2 === INF ? (b1 === INF ? 0 : INF) : b2 - b1;
        if (t1 >= 0 && regret > pickRegret) {
          pickRegret = regret;
          pick = idx;
          pickType = t1;
        }
      });
      const q = pending.splice(pick, 1)[0]!;
      const slot = free.get(pickType)!.pop()!;
      const [i, j] = cuts[q]!;
      out[slot] = Array.from({ length: j - i }, (_, k) => tour[i + k]!);
      const reload = this.m.reloadNode[pickType] ?? -1;
      if (reload >= 0 && joins[q]!.length > 0) {
        // insert from the back so earlier indices stay valid
        for (const at of [...joins[q]!].sort((a, b) => b - a)) out[slot].splice(at - i, 0, reload);
      }
    }
    return out;
  }

  /**
   * Costs of the routes tour[i..j-1] for j = i+1, i+2, … written to this.costs[j]; stops once the
   * first load dimension exceeds `limit` × capacity. Returns the last j written.
   */
  private scan(tour: ArrayLike<number>, i: number, vt: number, pL: number, pTW: number, limit: number): number {
    const m = this.m;
    const n = tour.length;
    const dims = m.dims;
    const prof = m.profiles[m.vtProfile[vt]!]!;
    const dm = prof.dist;
    const tm = prof.time;
    const NN = m.nNodes;
    const s0 = startNode(m, vt);
    const e0 = endNode(m, vt);
    const costs = this.costs;
    const loads = this.loads;
    loads.fill(0);
    const pk = m.pickup;
    const pick = this.pick;
    const peak = this.peak;
    pick.fill(0);
    peak.fill(0);
    let last = s0;
    let D = m.service[s0]!;
    let TW = 0;
    let E = m.ready[s0]!;
    let L = m.due[s0]!;
    let dist = 0;
    const cap0 = m.vtCapacity[vt * dims]!;
    const fixed = m.vtFixed[vt]!;
    const cd = m.vtCostDist[vt]!;
    const ct = m.vtCostTime[vt]!;
    const readyE = m.ready[e0]!;
    const dueE = m.due[e0]!;
    let j = i;
    for (; j < n; j++) {
      const y = tour[j]!;
      const t = tm[last * NN + y]!;
      const at = D - TW + t;
      const wait = mx(m.ready[y]! - at - L, 0);
      const warp = mx(E + at - m.due[y]!, 0);
      D += m.service[y]! + t + wait;
      TW += warp;
      E = mx(m.ready[y]! - at, E) - wait;
      L = mn(m.due[y]! - at, L) + warp;
      dist += dm[last * NN + y]!;
      let excess = 0;
      if (pk) {
        for (let d = 0; d < dims; d++) {
          const dy = m.demand[y * dims + d]!;
          const py = pk[y * dims + d]!;
          peak[d] = mx(peak[d]! + dy, mx(dy, py) + pick[d]!);
          pick[d]! += py;
          loads[d]! += dy;
        }
        excess = loadExcess(m, vt, peak, 0);
      } else if (m.hasSettings) {
        for (let d = 0; d < dims; d++) loads[d]! += m.demand[y * dims + d]!;
        excess = loadExcess(m, vt, loads, 0);
      } else {
        for (let d = 0; d < dims; d++) {
          loads[d]! += m.demand[y * dims + d]!;
          excess += mx(0, loads[d]! - m.vtCapacity[vt * dims + d]!);
        }
      }
      last = y;
      // close the route at the end depot
      const t2 = tm[y * NN + e0]!;
      const at2 = D - TW + t2;
      const wait2 = mx(readyE - at2 - L, 0);
      const warp2 = mx(E + at2 - dueE, 0);
      const routeDist = dist + dm[y * NN + e0]!;
      const routeD = D + t2 + wait2;
      costs[j + 1] = fixed + cd * routeDist + ct * routeD + pTW * (TW + warp2 + (m.hasLimits ? limitExcess(m, vt, routeD, routeDist) : 0)) + pL * excess;
      if (j > i && cap0 > 0 && (pk ? peak : loads)[0]! > limit * cap0) return j + 1;
    }
    return j;
  }

  private unlimited(tour: ArrayLike<number>, vt: number, pL: number, pTW: number): number[][] {
    const n = tour.length;
    const pot = this.pot;
    const pred = this.pred;
    const costs = this.costs;
    pot.fill(INF);
    pot[0] = 0;
    for (let i = 0; i < n; i++) {
      const base = pot[i]!;
      if (base === INF) continue;
      const last = this.scan(tour, i, vt, pL, pTW, 1.5);
      for (let j = i + 1; j <= last; j++) {
        if (base + costs[j]! < pot[j]!) {
          pot[j] = base + costs[j]!;
          pred[j] = i;
        }
      }
    }
    return this.unwind(tour, (j) => pred[j]!);
  }

  private limited(tour: ArrayLike<number>, vt: number, K: number, pL: number, pTW: number): number[][] {
    const n = tour.length;
    const size = (K + 1) * (n + 1);
    if (this.potK.length < size) {
      this.potK = new Float64Array(size);
      this.predK = new Int32Array(size);
    }
    const pot = this.potK;
    const pred = this.predK;
    const costs = this.costs;
    pot.fill(INF, 0, size);
    pot[0] = 0;
    for (let k = 0; k < K; k++) {
      for (let i = k; i < n; i++) {
        const base = pot[k * (n + 1) + i]!;
        if (base === INF) continue;
        const last = this.scan(tour, i, vt, pL, pTW, 1.5);
        for (let j = i + 1; j <= last; j++) {
          const idx = (k + 1) * (n + 1) + j;
          if (base + costs[j]! < pot[idx]!) {
            pot[idx] = base + costs[j]!;
            pred[idx] = i;
          }
        }
      }
    }
    let bestK = -1;
    for (let k = 1; k <= K; k++) {
      if (pot[k * (n + 1) + n]! < INF && (bestK < 0 || pot[k * (n + 1) + n]! < pot[bestK * (n + 1) + n]!)) bestK = k;
    }
    if (bestK < 0) {
      // no cut within the load bound: merge the surplus routes of the unlimited split
      const routes = this.unlimited(tour, vt, pL, pTW);
      while (routes.length > K) routes[routes.length - 2]!.push(...routes.pop()!);
      return routes;
    }
    const routes: number[][] = [];
    let j = n;
    for (let k = bestK; k > 0; k--) {
      const i = pred[k * (n + 1) + j]!;
      routes.push(Array.from({ length: j - i }, (_, q) => tour[i + q]!));
      j = i;
    }
    return routes.reverse();
  }

  private unwind(tour: ArrayLike<number>, predOf: (j: number) => number): number[][] {
    const routes: number[][] = [];
    let j = tour.length;
    while (j > 0) {
      const i = predOf(j);
      routes.push(Array.from({ length: j - i }, (_, q) => tour[i + q]!));
      j = i;
    }
    return routes.reverse();
  }
}

/** `routes` (trips, in tour order) as `k` vehicles' days: consecutive trips, as evenly as can be, reload between. */
function groupTrips(routes: number[][], k: number, reload: number): number[][] {
  const out: number[][] = [];
  const T = routes.length;
  for (let g = 0; g < k; g++) {
    const day: number[] = [];
    for (let t = Math.floor((g * T) / k); t < Math.floor(((g + 1) * T) / k); t++) {
      if (day.length > 0) day.push(reload);
      day.push(...routes[t]!);
    }
    out.push(day);
  }
  return out;
}
