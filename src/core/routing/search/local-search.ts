/**
 * Local search (the "education" of HGS): for each client u in random order and each granular
 * neighbour v, try the node operators on (u, position of v) and on (u, the depot before v when v
 * opens its route); apply the first improving move. A pair is retried only when one of its routes
 * changed since u was last examined. Then the route operators (SWAP*) run over route pairs that
 * share a granular neighbourhood. With multi-trip vehicle types, the trip moves (reloads inserted,
 * removed, days split and merged) run over the routes and same-type route pairs changed since they
 * were last tried. With pickup-and-delivery pairs, a move is applied only when it keeps every pair
 * intact (PairGuard); otherwise the search goes on as if it had not improved.
 */
import type { Random } from '../../shared/random';
import type { NodeOperator, RouteOperator } from './operators/operator';
import { createPairRelocate, PairGuard } from './pair-moves';
import type { RouteState } from './route-state';
import { TripMoves } from './trip-moves';

const EPS = 1e-6;
/**
 * Gains below this share of the routes' costs are rounding noise: with large units and high
 * penalties (route costs near 1e11) an absolute EPS alone let no-op moves cycle forever.
 */
const REL_EPS = 1e-10;

export class LocalSearch {
  private readonly order: number[];
  private readonly lastTested: Int32Array;
  private readonly routeTested: Int32Array;
  private readonly typeSeen: Uint8Array;
  /** Number of moves applied since creation (a measure of work, for statistics). */
  moves = 0;
  /** Whether a client may be moved into an empty route slot. */
  openRoutes = true;
  private readonly guard: PairGuard | null;
  private readonly pairOp: NodeOperator | null;
  private readonly trips: TripMoves | null;
  private readonly tripTested: Int32Array;
  private readonly mergeTested: Int32Array;

  constructor(
    private readonly s: RouteState,
    private nodeOps: NodeOperator[],
    private readonly routeOps: RouteOperator[],
    private readonly rng: Random,
  ) {
    const n = s.m.n;
    this.order = Array.from({ length: n }, (_, i) => i);
    this.lastTested = new Int32Array(n);
    this.routeTested = new Int32Array(s.R * s.R);
    this.typeSeen = new Uint8Array(s.m.nVT);
    this.guard = s.m.partner ? new PairGuard(s) : null;
    this.pairOp = s.m.partner ? createPairRelocate() : null;
    if (this.pairOp) this.nodeOps = [...nodeOps, this.pairOp];
    this.trips = s.m.multiTrip ? new TripMoves(s) : null;
    this.tripTested = new Int32Array(s.m.multiTrip ? s.R : 0);
    this.mergeTested = new Int32Array(s.m.multiTrip ? s.R * s.R : 0);
  }

  /**
   * Improve the routes loaded in the state until no operator finds an improving move. With
   * `onlyModified`, only moves touching routes changed since the last run are examined.
   */
  run(onlyModified = false): void {
    const s = this.s;
    const m = s.m;
    const k = m.k;
    const nb = m.neighbours;
    this.rng.shuffle(this.order);
    if (!onlyModified) {
      // everything counts as modified at the start
      s.step++;
      s.lastModified.fill(s.step);
      this.lastTested.fill(0);
      this.routeTested.fill(0);
      this.tripTested.fill(0);
      this.mergeTested.fill(0);
      s.step++;
    }
    let improved = true;
    while (improved) {
      improved = false;
      for (const u of this.order) {
        if (s.routeOf[u]! < 0) continue;
        const testedAt = this.lastTested[u]!;
        this.lastTested[u] = s.step;
        for (let q = 0; q < k; q++) {
          const v = nb[u * k + q]!;
          const rV0 = s.routeOf[v]!;
          if (rV0 < 0) continue;
          if (s.lastModified[s.routeOf[u]!]! <= testedAt && s.lastModified[rV0]! <= testedAt) continue;
          if (this.tryNodeOps(u, s.routeOf[v]!, s.posOf[v]!)) improved = true;
          if (s.posOf[v] === 1 && this.tryNodeOps(u, s.routeOf[v]!, 0)) improved = true;
        }
        // opening an empty route: the first empty slot of each vehicle type
        if (this.openRoutes && s.len[s.routeOf[u]!]! > 1 && s.lastModified[s.routeOf[u]!]! > testedAt) {
          for (const empty of this.emptyRoutes()) {
            if (s.len[s.routeOf[u]!]! <= 1) break;
            // a paired pickup opens a route together with its delivery
            const op = this.pairOp && m.pairPickup![u] === 1 ? this.pairOp : this.nodeOps[0]!;
            if (op.evaluate(s, u, empty, 0) < -(EPS + REL_EPS * Math.abs(s.rCost[s.routeOf[u]!]!)) && this.applyMove(op, u, empty, 0)) {
              improved = true;
            }
          }
        }
      }
      if (this.routeOps.length > 0 && this.runRouteOps()) improved = true;
      if (this.trips && this.runTripMoves()) improved = true;
    }
  }

  /** Treat the loaded routes as already examined, so that `run(true)` looks only at later changes. */
  markAllTested(): void {
    const s = this.s;
    s.step++;
    this.lastTested.fill(s.step);
    this.routeTested.fill(s.step);
    this.tripTested.fill(s.step);
    this.mergeTested.fill(s.step);
    s.step++;
  }

  private tryNodeOps(u: number, rV: number, pV: number): boolean {
    const s = this.s;
    const rU = s.routeOf[u]!;
    const tolerance = EPS + REL_EPS * (Math.abs(s.rCost[rU]!) + Math.abs(s.rCost[rV]!));
    for (const op of this.nodeOps) {
      if (op.evaluate(s, u, rV, pV) < -tolerance && this.applyMove(op, u, rV, pV)) return true;
    }
    return false;
  }

  /** Applies the move unless it would break a pickup-and-delivery pair; returns whether it did. */
  private applyMove(op: NodeOperator, u: number, rV: number, pV: number): boolean {
    const s = this.s;
    s.step++;
    if (!this.guard) {
      op.apply(s, u, rV, pV);
      this.moves++;
      return true;
    }
    s.capturing = true;
    op.apply(s, u, rV, pV);
    return this.commit();
  }

  /** Ends a captured move: applies it when every pair stays intact. */
  private commit(): boolean {
    const s = this.s;
    const ok = this.guard!.kept(s.captured);
    s.commitCaptured(ok);
    if (ok) this.moves++;
    return ok;
  }

  /** Trip moves (multi-trip types): per changed route, then per changed pair of same-type routes. */
  private runTripMoves(): boolean {
    const s = this.s;
    const m = s.m;
    const R = s.R;
    const trips = this.trips!;
    let improved = false;
    for (let r = 0; r < R; r++) {
      if (s.len[r] === 0 || m.reloadNode[s.slotVT[r]!]! < 0) continue;
      if (s.lastModified[r]! <= this.tripTested[r]!) continue;
      this.tripTested[r] = s.step;
      let empty = -1;
      for (let e = 0; e < R && this.openRoutes; e++) {
        if (s.len[e] === 0 && s.slotVT[e] === s.slotVT[r]) {
          empty = e;
          break;
        }
      }
      const tolerance = EPS + REL_EPS * Math.abs(s.rCost[r]!);
      if (trips.evaluateRoute(r, empty) < -tolerance && this.applyTrip()) improved = true;
    }
    for (let rU = 0; rU < R; rU++) {
      if (s.len[rU] === 0 || m.reloadNode[s.slotVT[rU]!]! < 0) continue;
      for (let rV = rU + 1; rV < R; rV++) {
        if (s.len[rV] === 0 || s.slotVT[rV] !== s.slotVT[rU]) continue;
        const tested = this.mergeTested[rU * R + rV]!;
        if (s.lastModified[rU]! <= tested && s.lastModified[rV]! <= tested) continue;
        this.mergeTested[rU * R + rV] = s.step;
        const tolerance = EPS + REL_EPS * (Math.abs(s.rCost[rU]!) + Math.abs(s.rCost[rV]!));
        if (trips.evaluateMerge(rU, rV) < -tolerance && this.applyTrip()) {
          improved = true;
          if (s.len[rU] === 0) break;
        }
      }
    }
    return improved;
  }

  private applyTrip(): boolean {
    const s = this.s;
    s.step++;
    if (!this.guard) {
      this.trips!.apply();
      this.moves++;
      return true;
    }
    s.capturing = true;
    this.trips!.apply();
    return this.commit();
  }

  private emptyRoutes(): number[] {
    const s = this.s;
    const out: number[] = [];
    const seen = this.typeSeen;
    seen.fill(0);
    for (let r = 0; r < s.R; r++) {
      const vt = s.slotVT[r]!;
      if (s.len[r] === 0 && seen[vt] === 0) {
        seen[vt] = 1;
        out.push(r);
      }
    }
    return out;
  }

  /** Route pairs are candidates when some client of one has a granular neighbour in the other. */
  private runRouteOps(): boolean {
    const s = this.s;
    const m = s.m;
    const R = s.R;
    let improved = false;
    for (let rU = 0; rU < R; rU++) {
      if (s.len[rU] === 0) continue;
      for (let rV = rU + 1; rV < R; rV++) {
        if (s.len[rV] === 0) continue;
        const tested = this.routeTested[rU * R + rV]!;
        if (s.lastModified[rU]! <= tested && s.lastModified[rV]! <= tested) continue;
        this.routeTested[rU * R + rV] = s.step;
        if (!this.adjacent(rU, rV, m.k)) continue;
        const tolerance = EPS + REL_EPS * (Math.abs(s.rCost[rU]!) + Math.abs(s.rCost[rV]!));
        for (const op of this.routeOps) {
          if (op.evaluate(s, rU, rV) < -tolerance) {
            s.step++;
            if (this.guard) {
              s.capturing = true;
              op.apply(s, rU, rV);
              if (!this.commit()) continue;
            } else {
              op.apply(s, rU, rV);
              this.moves++;
            }
            improved = true;
            break;
          }
        }
      }
    }
    return improved;
  }

  private adjacent(rU: number, rV: number, k: number): boolean {
    const s = this.s;
    const nb = s.m.neighbours;
    const base = rU * s.stride;
    // a few nearest neighbours suffice to decide that two routes are close
    const kk = Math.min(k, 10);
    for (let p = 1; p <= s.len[rU]!; p++) {
      const u = s.node[base + p]!;
      for (let q = 0; q < kk; q++) if (s.routeOf[nb[u * k + q]!] === rV) return true;
    }
    return false;
  }
}
