/**
 * Paired pickup-and-delivery inside the search. Pairs are kept intact at all times rather than
 * penalised: every move the local search applies is first checked (`PairGuard`: both ends on one
 * route, in one trip, the pickup first) and refused otherwise; pairs move together through the
 * pair relocate operator, the pair insertion (ruin-and-recreate, repair) and `repairPairs`, which
 * reinserts every pair that a split or crossover cut apart at its cheapest place. Insertion is
 * O(len) per pickup position: the route being built is saved after the pickup and extended one
 * node at a time while the delivery is tried after each.
 */
import type { NodeOperator } from './operators/operator';
import type { RouteState } from './route-state';

const INF = Number.POSITIVE_INFINITY;

export interface PairPlace {
  /** The pickup goes after position p, the delivery after position q ≥ p (original positions). */
  p: number;
  q: number;
}

/**
 * Cost of route r with pickup u after some position in [from, to] and delivery d after it, in the
 * same trip, at their cheapest; fills `place`. Route r must hold neither.
 */
export function bestPairInsertion(s: RouteState, r: number, u: number, d: number, from: number, to: number, place: PairPlace): number {
  const vt = s.slotVT[r]!;
  const len = s.len[r]!;
  const base = r * s.stride;
  const n = s.m.n;
  let best = INF;
  for (let p = from; p <= to && p <= len; p++) {
    s.begin(vt).prefix(r, p).visit(u).save();
    for (let q = p; q <= len; q++) {
      const c = s.restore().visit(d).suffix(r, q + 1).cost();
      if (c < best) {
        best = c;
        place.p = p;
        place.q = q;
      }
      if (q === len) break;
      const next = s.node[base + q + 1]!;
      // a reload ends the pickup's trip: the delivery must come before it
      if (next >= n) break;
      s.restore().visit(next).save();
    }
  }
  return best;
}

/** Route r's clients with u inserted after position p and d after position q (q ≥ p). */
function withPair(s: RouteState, r: number, u: number, d: number, place: PairPlace): number[] {
  const c = s.clients(r);
  return [...c.slice(0, place.p), u, ...c.slice(place.p, place.q), d, ...c.slice(place.q)];
}

/** Cost of route rU without the pair (u before d in it). */
function costWithout(s: RouteState, rU: number, u: number, d: number): number {
  const pu = s.posOf[u]!;
  const pd = s.posOf[d]!;
  return s.begin(s.slotVT[rU]!).prefix(rU, pu - 1).range(rU, pu + 1, pd - 1).suffix(rU, pd + 1).cost();
}

/** Insert the unrouted pair (u, d) at its cheapest place: any route, or one empty slot per vehicle type. */
export function insertPair(s: RouteState, u: number, d: number): void {
  const place: PairPlace = { p: 0, q: 0 };
  const best: PairPlace = { p: 0, q: 0 };
  let bestDelta = INF;
  let bestR = -1;
  const emptySeen = new Set<number>();
  for (let r = 0; r < s.R; r++) {
    const len = s.len[r]!;
    if (len === 0) {
      if (emptySeen.has(s.slotVT[r]!)) continue;
      emptySeen.add(s.slotVT[r]!);
    }
    const delta = bestPairInsertion(s, r, u, d, 0, len, place) - s.rCost[r]!;
    if (delta < bestDelta) {
      bestDelta = delta;
      bestR = r;
      best.p = place.p;
      best.q = place.q;
    }
  }
  s.setRoute(bestR, withPair(s, bestR, u, d, best));
}

/** Whether the pair (u pickup, d delivery) is on one route, in one trip, pickup first. */
function pairIntact(s: RouteState, u: number, d: number): boolean {
  const r = s.routeOf[u]!;
  if (r < 0 || r !== s.routeOf[d]) return false;
  const pu = s.posOf[u]!;
  const pd = s.posOf[d]!;
  if (pu > pd) return false;
  if (!s.m.multiTrip) return true;
  const base = r * s.stride;
  return s.preReloads[base + pu] === s.preReloads[base + pd];
}

/** Take clients out of their routes (they become unrouted). */
export function removeClients(s: RouteState, clients: number[]): void {
  const gone = new Set(clients);
  const touched = new Set<number>();
  for (const c of clients) if (s.routeOf[c]! >= 0) touched.add(s.routeOf[c]!);
  for (const r of touched) s.setRoute(r, s.clients(r).filter((c) => !gone.has(c)));
  for (const c of clients) s.routeOf[c] = -1;
}

/** Reinsert, at its cheapest place, every pair that is not intact (after a split or a crossover). */
export function repairPairs(s: RouteState): void {
  const m = s.m;
  const partner = m.partner;
  const isPickup = m.pairPickup;
  if (!partner || !isPickup) return;
  for (let u = 0; u < m.n; u++) {
    if (isPickup[u] !== 1) continue;
    const d = partner[u]!;
    if (pairIntact(s, u, d)) continue;
    removeClients(s, [u, d]);
    insertPair(s, u, d);
  }
}

/**
 * Checks what a move would produce (the routes RouteState captured) against the pairs: every pair
 * with an end in a changed route has both ends there, in one trip, the pickup first.
 */
export class PairGuard {
  private readonly route: Int32Array;
  private readonly pos: Int32Array;
  private readonly trip: Int32Array;
  private readonly stamp: Int32Array;
  private now = 0;

  constructor(private readonly s: RouteState) {
    const n = s.m.n;
    this.route = new Int32Array(n);
    this.pos = new Int32Array(n);
    this.trip = new Int32Array(n);
    this.stamp = new Int32Array(n);
  }

  kept(changes: ReadonlyArray<{ r: number; clients: number[] }>): boolean {
    const s = this.s;
    const n = s.m.n;
    const partner = s.m.partner!;
    const isPickup = s.m.pairPickup!;
    const now = ++this.now;
    for (const { r, clients } of changes) {
      let trip = 0;
      clients.forEach((c, i) => {
        if (c >= n) {
          trip++;
          return;
        }
        this.route[c] = r;
        this.pos[c] = i;
        this.trip[c] = trip;
        this.stamp[c] = now;
      });
    }
    for (const { r, clients } of changes) {
      for (const c of clients) {
        if (c >= n) continue;
        const o = partner[c]!;
        if (o < 0) continue;
        // a partner outside the changed routes stayed on an unchanged route: not this one
        if (this.stamp[o] !== now || this.route[o] !== r || this.trip[o] !== this.trip[c]) return false;
        if (isPickup[c] === 1 && this.pos[c]! > this.pos[o]!) return false;
      }
    }
    return true;
  }
}

/**
 * Pair relocate: pickup u and its delivery leave their route together; u goes just after position
 * pV of another route rV and the delivery at its best place after u in the same trip.
 */
export function createPairRelocate(): NodeOperator {
  const place: PairPlace = { p: 0, q: 0 };
  let keyU = -1;
  let keyR = -1;
  let keyP = -1;
  const evaluate = (s: RouteState, u: number, rV: number, pV: number): number => {
    const m = s.m;
    if (!m.pairPickup || m.pairPickup[u] !== 1) return INF;
    const rU = s.routeOf[u]!;
    if (rU === rV || pV > s.len[rV]!) return INF;
    const d = m.partner![u]!;
    const costU = costWithout(s, rU, u, d);
    const costV = bestPairInsertion(s, rV, u, d, pV, pV, place);
    keyU = u;
    keyR = rV;
    keyP = pV;
    return costU + costV - s.rCost[rU]! - s.rCost[rV]!;
  };
  return {
    name: 'pair-relocate',
    evaluate,
    apply(s: RouteState, u: number, rV: number, pV: number): void {
      if (keyU !== u || keyR !== rV || keyP !== pV) evaluate(s, u, rV, pV);
      const d = s.m.partner![u]!;
      const rU = s.routeOf[u]!;
      const into = withPair(s, rV, u, d, place);
      s.setRoute(rU, s.clients(rU).filter((c) => c !== u && c !== d));
      s.setRoute(rV, into);
    },
  };
}
