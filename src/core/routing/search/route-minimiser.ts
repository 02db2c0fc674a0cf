/**
 * Route minimisation by ejection pool (after Nagata & Bräysy 2009): start from one route per
 * client; repeatedly remove a route and push its clients into the pool; take a client from the
 * pool and insert it at its cheapest feasible position, or else insert it anyway and eject up to
 * two clients of that route (those ejected least often so far, by their counters) to restore
 * feasibility, then perturb the solution with random feasible moves. A removal succeeds when the
 * pool empties. The phase stops at the capacity lower bound, when a removal attempt fails after
 * `maxPops` pool operations, or when the budget runs out; every pool operation is one iteration.
 */
import type { Random } from '../../shared/random';
import type { Budget } from './budget';
import { LocalSearch } from './local-search';
import { NODE_OPERATORS } from './operators';
import { RouteState } from './route-state';
import type { SearchModel } from './search-model';

// local helpers: global `Math` lookups are slow inside sandboxed contexts (e.g. jest's vm)
const mx = (a: number, b: number): number => (a > b ? a : b);
const mn = (a: number, b: number): number => (a < b ? a : b);


export interface RouteMinimiserOptions {
  /** Pool operations allowed per route-removal attempt before the phase gives up. */
  maxPops?: number;
  /** Random perturbation moves tried after each ejection. */
  perturbMoves?: number;
  /** Stop once this many routes are reached (defaults to the capacity lower bound). */
  target?: number;
  /** Start from this feasible solution instead of one route per client. */
  start?: number[][];
  /** Insert at a random feasible position (as Nagata & Bräysy) rather than the cheapest (default). */
  randomInsertion?: boolean;
  /** Stop after this many successful route removals. */
  maxRemovals?: number;
  /**
   * Try a squeeze (insert anyway, then local search on penalties) before ejecting. Off by default:
   * at a few seconds per instance its cost outweighed its gain in our measurements.
   */
  squeeze?: boolean;
}


export function minimiseRoutes(
  m: SearchModel,
  rng: Random,
  budget: Budget,
  onProgress: (routes: number) => void,
  options: RouteMinimiserOptions = {},
): number[][] | null {
  const n = m.n;
  if (n === 0) return [];
  const s = new RouteState(m, new Int32Array(n));
  s.penaltyLoad = 1;
  s.penaltyTW = 1;
  s.load(options.start ?? Array.from({ length: n }, (_, c) => [c]));
  // a client that cannot be served alone makes the instance infeasible: leave it to the HGS
  for (let r = 0; r < n; r++) if (s.rTW[r]! > 0 || s.rExcess[r]! > 0) return null;
  const lowerBound = routeLowerBound(m);
  const target = mx(options.target ?? lowerBound, lowerBound);
  const maxPops = options.maxPops ?? mx(1000, 20 * n);
  const perturbMoves = options.perturbMoves ?? 200;
  const counters = new Int32Array(n);
  const ls = new LocalSearch(s, NODE_OPERATORS, [], rng);
  ls.openRoutes = false;
  s.step++;
  const pool: number[] = [];
  let routes = 0;
  for (let r = 0; r < s.R; r++) if (s.len[r]! > 0) routes++;
  let removals = 0;
  while (routes > target && removals < (options.maxRemovals ?? Number.POSITIVE_INFINITY) && !budget.done()) {
    const snapshot = s.routes();
    // remove a random non-empty route
    const used: number[] = [];
    for (let r = 0; r < s.R; r++) if (s.len[r]! > 0) used.push(r);
    // the shortest route (fewest clients to place), ties at random
    let fewest = Number.POSITIVE_INFINITY;
    for (const r of used) fewest = Math.min(fewest, s.len[r]!);
    const shortest = used.filter((r) => s.len[r] === fewest);
    const removed = shortest[rng.int(shortest.length)]!;
    pool.push(...s.clients(removed));
    s.setRoute(removed, []);
    for (const c of pool) s.routeOf[c] = -1;
    counters.fill(1);
    let pops = 0;
    while (pool.length > 0 && pops < maxPops && !budget.done()) {
      budget.tick();
      pops++;
      const v = pool.pop()!;
      if (insertFeasible(s, v, options.randomInsertion === true ? rng : null)) continue;
      if (options.squeeze === true && squeeze(s, ls, v)) continue;
      counters[v]!++;
      const ejected = insertWithEjection(s, v, counters);
      if (ejected === null) {
        pool.unshift(v);
      } else {
        for (const e of ejected) {
          s.routeOf[e] = -1;
          pool.push(e);
        }
      }
      perturb(s, rng, perturbMoves);
    }
    if (pool.length > 0) {
      // failed or interrupted: back to the last complete solution
      pool.length = 0;
      s.load(snapshot);
      break;
    }
    routes = 0;
    for (let r = 0; r < s.R; r++) if (s.len[r]! > 0) routes++;
    removals++;
    onProgress(routes);
  }
  const out = s.routes().filter((r) => r.length > 0);
  return out;
}

const SQUEEZE_PENALTY = 100;
/** Ejected clients lie within this many positions of the insertion point. */
const EJECTION_WINDOW = 8;

/**
 * Squeeze (Nagata & Bräysy): insert v where the penalised cost grows least, then let the local
 * search, with penalties far above distance, remove the violations; undo when it cannot.
 */
function squeeze(s: RouteState, ls: LocalSearch, v: number): boolean {
  const snapshot = s.routes();
  s.penaltyLoad = SQUEEZE_PENALTY;
  s.penaltyTW = SQUEEZE_PENALTY;
  s.refreshCosts();
  let best = Number.POSITIVE_INFINITY;
  let bestR = -1;
  let bestP = 0;
  for (let r = 0; r < s.R; r++) {
    const len = s.len[r]!;
    if (len === 0) continue;
    const vt = s.slotVT[r]!;
    for (let p = 0; p <= len; p++) {
      const delta = s.begin(vt).prefix(r, p).visit(v).suffix(r, p + 1).cost() - s.rCost[r]!;
      if (delta < best) {
        best = delta;
        bestR = r;
        bestP = p;
      }
    }
  }
  let ok = false;
  if (bestR >= 0) {
    const c = s.clients(bestR);
    c.splice(bestP, 0, v);
    s.setRoute(bestR, c);
    ls.run(true);
    ok = true;
    for (let r = 0; r < s.R; r++) {
      if (s.rTW[r]! > 0 || s.rExcess[r]! > 0) {
        ok = false;
        break;
      }
    }
  }
  s.penaltyLoad = 1;
  s.penaltyTW = 1;
  if (!ok) s.load(snapshot);
  s.refreshCosts();
  return ok;
}

/** Capacity lower bound on the number of routes (vehicle type 0). */
export function routeLowerBound(m: SearchModel): number {
  let lowerBound = 1;
  for (let d = 0; d < m.dims; d++) {
    const cap = m.vtCapacity[d]!;
    if (cap > 0) lowerBound = mx(lowerBound, Math.ceil(m.totalDemand[d]! / cap - 1e-9));
  }
  return lowerBound;
}

/**
 * Insert v at a feasible position of a non-empty route; false when there is none. With `random`,
 * the position is drawn uniformly among the feasible ones (as Nagata & Bräysy do, to diversify);
 * otherwise the cheapest in distance.
 */
function insertFeasible(s: RouteState, v: number, rng: Random | null): boolean {
  let best = Number.POSITIVE_INFINITY;
  let bestR = -1;
  let bestP = -1;
  let seen = 0;
  for (let r = 0; r < s.R; r++) {
    const len = s.len[r]!;
    if (len === 0) continue;
    if (!loadFits(s, r, v, -1, -1)) continue;
    const vt = s.slotVT[r]!;
    for (let p = 0; p <= len; p++) {
      s.begin(vt).prefix(r, p).visit(v).suffix(r, p + 1);
      if (!s.feasible()) continue;
      if (rng) {
        // reservoir sampling: uniform among feasible positions without storing them
        seen++;
        if (rng.int(seen) === 0) {
          bestR = r;
          bestP = p;
        }
        continue;
      }
      const delta = s.builtDistance - s.rDist[r]!;
      if (delta < best) {
        best = delta;
        bestR = r;
        bestP = p;
      }
    }
  }
  if (bestR < 0) return false;
  const c = s.clients(bestR);
  c.splice(bestP, 0, v);
  s.setRoute(bestR, c);
  return true;
}

function loadFits(s: RouteState, r: number, v: number, e1: number, e2: number): boolean {
  const m = s.m;
  const dims = m.dims;
  // a quick bound on sums; with pickups the peak decides, so leave it to the full evaluation
  if (m.pickup) return true;
  const vt = s.slotVT[r]!;
  const last = (r * s.stride + s.len[r]! + 1) * dims;
  for (let d = 0; d < dims; d++) {
    let load = s.preLoad[last + d]! + m.demand[v * dims + d]!;
    if (e1 >= 0) load -= m.demand[e1 * dims + d]!;
    if (e2 >= 0) load -= m.demand[e2 * dims + d]!;
    if (load > m.vtCapacity[vt * dims + d]!) return false;
  }
  return true;
}

/** Route r with v inserted before position ins and positions e1, e2 (0 = none) left out. */
function feasibleWith(s: RouteState, r: number, ins: number, v: number, e1: number, e2: number): boolean {
  const lo = mn(ins, e1 > 0 ? e1 : ins);
  const hi = mx(mx(ins - 1, e1), e2);
  s.begin(s.slotVT[r]!).prefix(r, lo - 1);
  const base = r * s.stride;
  for (let q = lo; q <= hi; q++) {
    if (q === ins) s.visit(v);
    if (q !== e1 && q !== e2) s.visit(s.node[base + q]!);
  }
  if (ins === hi + 1) s.visit(v);
  s.suffix(r, hi + 1);
  return s.feasible();
}

/**
 * Insert v where the fewest-counted clients (one or two, from the same route) must be ejected to
 * keep the route feasible; ties broken by the smaller distance. Returns the ejected clients.
 */
function insertWithEjection(s: RouteState, v: number, counters: Int32Array): number[] | null {
  let bestSum = Infinity;
  let bestDist = Infinity;
  let bestR = -1;
  let bestIns = -1;
  let bestE1 = 0;
  let bestE2 = 0;
  const base = (r: number): number => r * s.stride;
  // only routes that hold one of v's granular neighbours: ejections elsewhere rarely pay off
  const m = s.m;
  const candidates = new Set<number>();
  for (let q = 0; q < m.k; q++) {
    const r = s.routeOf[m.neighbours[v * m.k + q]!]!;
    if (r >= 0) candidates.add(r);
  }
  for (const r of [...candidates].sort((a, b) => a - b)) {
    const len = s.len[r]!;
    if (len === 0) continue;
    const b = base(r);
    const pairs = len <= 20;
    for (let ins = 1; ins <= len + 1; ins++) {
      // ejections near the insertion point: keeps a pool operation O(len) on long routes
      const from = ins - EJECTION_WINDOW > 1 ? ins - EJECTION_WINDOW : 1;
      const to = ins + EJECTION_WINDOW < len ? ins + EJECTION_WINDOW : len;
      for (let e1 = from; e1 <= to; e1++) {
        const c1 = s.node[b + e1]!;
        const sum1 = counters[c1]!;
        if (sum1 > bestSum) continue;
        if (loadFits(s, r, v, c1, -1) && feasibleWith(s, r, ins, v, e1, 0)) {
          const dist = s.builtDistance - s.rDist[r]!;
          if (sum1 < bestSum || dist < bestDist) {
            bestSum = sum1;
            bestDist = dist - s.rDist[r]!;
            bestR = r;
            bestIns = ins;
            bestE1 = e1;
            bestE2 = 0;
          }
          continue;
        }
        if (!pairs) continue;
        for (let e2 = e1 + 1; e2 <= to; e2++) {
          const c2 = s.node[b + e2]!;
          const sum = sum1 + counters[c2]!;
          if (sum > bestSum) continue;
          if (!loadFits(s, r, v, c1, c2) || !feasibleWith(s, r, ins, v, e1, e2)) continue;
          const dist = s.builtDistance - s.rDist[r]!;
          if (sum < bestSum || dist < bestDist) {
            bestSum = sum;
            bestDist = dist;
            bestR = r;
            bestIns = ins;
            bestE1 = e1;
            bestE2 = e2;
          }
        }
      }
    }
  }
  if (bestR < 0) return null;
  const clients = s.clients(bestR);
  const ejected = [clients[bestE1 - 1]!];
  if (bestE2 > 0) ejected.push(clients[bestE2 - 1]!);
  const next: number[] = [];
  for (let q = 1; q <= clients.length + 1; q++) {
    if (q === bestIns) next.push(v);
    if (q <= clients.length && q !== bestE1 && q !== bestE2) next.push(clients[q - 1]!);
  }
  s.setRoute(bestR, next);
  return ejected;
}

/**
 * Random feasible moves between granular neighbours in two routes — relocate, swap, 2-opt* — each
 * checked in O(1) by concatenation before it is applied, so the solution stays feasible.
 */
function perturb(s: RouteState, rng: Random, moves: number): void {
  const m = s.m;
  if (m.k === 0) return;
  for (let i = 0; i < moves; i++) {
    const u = rng.int(m.n);
    const rU = s.routeOf[u]!;
    if (rU < 0) continue;
    const v = m.neighbours[u * m.k + rng.int(m.k)]!;
    const rV = s.routeOf[v]!;
    if (rV < 0 || rV === rU) continue;
    const pU = s.posOf[u]!;
    const pV = s.posOf[v]!;
    const vtU = s.slotVT[rU]!;
    const vtV = s.slotVT[rV]!;
    const kind = rng.int(3);
    if (kind === 0) {
      // relocate u after v (never empty a route: that is the pool's job)
      if (s.len[rU]! < 2) continue;
      if (!s.begin(vtV).prefix(rV, pV).visit(u).suffix(rV, pV + 1).feasible()) continue;
      if (!s.begin(vtU).prefix(rU, pU - 1).suffix(rU, pU + 1).feasible()) continue;
      const a = s.clients(rU);
      a.splice(pU - 1, 1);
      const b = s.clients(rV);
      b.splice(pV, 0, u);
      s.setRoute(rU, a);
      s.setRoute(rV, b);
    } else if (kind === 1) {
      if (!s.begin(vtU).prefix(rU, pU - 1).visit(v).suffix(rU, pU + 1).feasible()) continue;
      if (!s.begin(vtV).prefix(rV, pV - 1).visit(u).suffix(rV, pV + 1).feasible()) continue;
      const a = s.clients(rU);
      const b = s.clients(rV);
      a[pU - 1] = v;
      b[pV - 1] = u;
      s.setRoute(rU, a);
      s.setRoute(rV, b);
    } else {
      // 2-opt*: keep both routes non-empty
      if (pU + pV === 0 || (s.len[rU]! - pU) + (s.len[rV]! - pV) === 0) continue;
      if (pU + (s.len[rV]! - pV) === 0 || pV + (s.len[rU]! - pU) === 0) continue;
      if (!s.begin(vtU).prefix(rU, pU).suffix(rV, pV + 1).feasible()) continue;
      if (!s.begin(vtV).prefix(rV, pV).suffix(rU, pU + 1).feasible()) continue;
      const a = s.clients(rU);
      const b = s.clients(rV);
      s.setRoute(rU, a.slice(0, pU).concat(b.slice(pV)));
      s.setRoute(rV, b.slice(0, pV).concat(a.slice(pU)));
    }
  }
}
