/**
 * Multi-trip moves of the local search, for vehicle types that reload at their base: within one
 * route, insert a reload between two clients or remove one (a trip boundary appears or goes);
 * hand the trips after a reload to an empty vehicle of the type (split a day); and merge two
 * vehicles of one type into one day (U, reload, V or V, reload, U), which saves a fixed cost when
 * the shift allows it. Every candidate is evaluated in O(1) by segment concatenation; the other
 * operators move reloads along with the segments they carry.
 */
import type { RouteState } from './route-state';
import { endNode, startNode } from './search-model';

const INF = Number.POSITIVE_INFINITY;

const INSERT = 1;
const REMOVE = 2;
const SPLIT = 3;
const MERGE_UV = 4;
const MERGE_VU = 5;

export class TripMoves {
  private kind = 0;
  private r1 = -1;
  private r2 = -1;
  private pos = -1;

  constructor(private readonly s: RouteState) {}

  /**
   * Best reload change in route r: insertion after a position, removal, or a split onto the empty
   * slot `empty` (-1: none). Returns the change in penalised cost (Infinity when none applies).
   */
  evaluateRoute(r: number, empty: number): number {
    const s = this.s;
    const m = s.m;
    const vt = s.slotVT[r]!;
    const R = m.reloadNode[vt]!;
    if (R < 0) return INF;
    const n = m.n;
    const len = s.len[r]!;
    const base = r * s.stride;
    const current = s.rCost[r]!;
    let best = INF;
    for (let p = 1; p < len; p++) {
      // a reload next to another is useless (normalised away)
      if (s.node[base + p]! >= n || s.node[base + p + 1]! >= n) continue;
      const c = s.begin(vt).prefix(r, p).visit(R).suffix(r, p + 1).cost() - current;
      if (c < best) {
        best = c;
        this.set(INSERT, r, -1, p);
      }
    }
    for (let p = 2; p < len; p++) {
      if (s.node[base + p]! < n) continue;
      const c = s.begin(vt).prefix(r, p - 1).suffix(r, p + 1).cost() - current;
      if (c < best) {
        best = c;
        this.set(REMOVE, r, -1, p);
      }
      if (empty >= 0) {
        const head = s.begin(vt).prefix(r, p - 1).visit(endNode(m, vt)).cost();
        const tail = s.begin(vt).visit(startNode(m, vt)).suffix(r, p + 1).cost();
        if (head + tail - current < best) {
          best = head + tail - current;
          this.set(SPLIT, r, empty, p);
        }
      }
    }
    return best;
  }

  /** Best merge of routes rU and rV (same multi-trip type, both used) into one day. */
  evaluateMerge(rU: number, rV: number): number {
    const s = this.s;
    const vt = s.slotVT[rU]!;
    const R = s.m.reloadNode[vt]!;
    if (R < 0 || s.slotVT[rV] !== vt) return INF;
    const current = s.rCost[rU]! + s.rCost[rV]!;
    const uv = s.begin(vt).prefix(rU, s.len[rU]!).visit(R).suffix(rV, 1).cost() - current;
    const vu = s.begin(vt).prefix(rV, s.len[rV]!).visit(R).suffix(rU, 1).cost() - current;
    if (uv <= vu) this.set(MERGE_UV, rU, rV, -1);
    else this.set(MERGE_VU, rU, rV, -1);
    return uv <= vu ? uv : vu;
  }

  /** Apply the move last evaluated. */
  apply(): void {
    const s = this.s;
    const r = this.r1;
    const R = s.m.reloadNode[s.slotVT[r]!]!;
    const a = s.clients(r);
    switch (this.kind) {
      case INSERT:
        a.splice(this.pos, 0, R);
        s.setRoute(r, a);
        return;
      case REMOVE:
        a.splice(this.pos - 1, 1);
        s.setRoute(r, a);
        return;
      case SPLIT:
        s.setRoute(r, a.slice(0, this.pos - 1));
        s.setRoute(this.r2, a.slice(this.pos));
        return;
      case MERGE_UV:
      case MERGE_VU: {
        const b = s.clients(this.r2);
        s.setRoute(r, this.kind === MERGE_UV ? [...a, R, ...b] : [...b, R, ...a]);
        s.setRoute(this.r2, []);
        return;
      }
      default:
        throw new Error('core/routing: no trip move to apply');
    }
  }

  private set(kind: number, r1: number, r2: number, pos: number): void {
    this.kind = kind;
    this.r1 = r1;
    this.r2 = r2;
    this.pos = pos;
  }
}
