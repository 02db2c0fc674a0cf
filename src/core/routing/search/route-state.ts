/**
 * The solution under local search: routes in flat typed arrays with, for every position, the
 * concatenated segment data (Vidal et al. 2013) of the prefix up to it and of the suffix from it —
 * duration, time warp, earliest and latest start, distance, load. A candidate route is evaluated by
 * concatenating a few such segments (`begin`, `prefix`, `visit`, `range`, `reverse`, `suffix`,
 * `cost`) in O(1) per segment, without allocation.
 *
 * Positions: 0 is the start depot, 1..len the clients, len + 1 the end depot.
 */
import { endNode, limitExcess, loadExcess, startNode, type SearchModel } from './search-model';

// local helpers: global `Math` lookups are slow inside sandboxed contexts (e.g. jest's vm)
const mx = (a: number, b: number): number => (a > b ? a : b);
const mn = (a: number, b: number): number => (a < b ? a : b);


export class RouteState {
  readonly m: SearchModel;
  readonly R: number;
  readonly stride: number;
  readonly node: Int32Array;
  readonly len: Int32Array;
  readonly slotVT: Int32Array;
  readonly preDist: Float64Array;
  /** Prefix sums of deliveries per dimension. */
  readonly preLoad: Float64Array;
  /** With pickups: prefix sums of pickups, peak load of the prefix, peak load of the suffix (else empty). */
  readonly prePick: Float64Array;
  readonly prePeak: Float64Array;
  readonly sufPeak: Float64Array;
  readonly preD: Float64Array;
  readonly preTW: Float64Array;
  readonly preE: Float64Array;
  readonly preL: Float64Array;
  readonly sufD: Float64Array;
  readonly sufTW: Float64Array;
  readonly sufE: Float64Array;
  readonly sufL: Float64Array;
  readonly rDist: Float64Array;
  readonly rDuration: Float64Array;
  readonly rTW: Float64Array;
  readonly rExcess: Float64Array;
  readonly rCost: Float64Array;
  readonly routeOf: Int32Array;
  readonly posOf: Int32Array;
  readonly lastModified: Int32Array;
  step = 1;
  penaltyLoad = 1;
  penaltyTW = 1;

  // concatenation scratch
  private bD = 0;
  private bTW = 0;
  private bE = 0;
  private bL = 0;
  private bDist = 0;
  private bCount = 0;
  private bLast = 0;
  private bVT = 0;
  private bEmpty = true;
  private readonly bLoad: Float64Array;
  private readonly bPick: Float64Array;
  private readonly bPeak: Float64Array;
  private bDistM: Float64Array;
  private bTimeM: Float64Array;

  constructor(m: SearchModel, slotVT: Int32Array = m.slotVT) {
    this.m = m;
    this.R = slotVT.length;
    this.slotVT = slotVT;
    this.stride = m.n + 2;
    const size = this.R * this.stride;
    this.node = new Int32Array(size);
    this.len = new Int32Array(this.R);
    this.preDist = new Float64Array(size);
    this.preLoad = new Float64Array(size * m.dims);
    const pickSize = m.pickup ? size * m.dims : 0;
    this.prePick = new Float64Array(pickSize);
    this.prePeak = new Float64Array(pickSize);
    this.sufPeak = new Float64Array(pickSize);
    this.preD = new Float64Array(size);
    this.preTW = new Float64Array(size);
    this.preE = new Float64Array(size);
    this.preL = new Float64Array(size);
    this.sufD = new Float64Array(size);
    this.sufTW = new Float64Array(size);
    this.sufE = new Float64Array(size);
    this.sufL = new Float64Array(size);
    this.rDist = new Float64Array(this.R);
    this.rDuration = new Float64Array(this.R);
    this.rTW = new Float64Array(this.R);
    this.rExcess = new Float64Array(this.R);
    this.rCost = new Float64Array(this.R);
    this.routeOf = new Int32Array(m.n).fill(-1);
    this.posOf = new Int32Array(m.n).fill(-1);
    this.lastModified = new Int32Array(this.R);
    this.bLoad = new Float64Array(m.dims);
    this.bPick = new Float64Array(m.dims);
    this.bPeak = new Float64Array(m.dims);
    const p = m.profiles[m.vtProfile[0]!]!;
    this.bDistM = p.dist;
    this.bTimeM = p.time;
    for (let r = 0; r < this.R; r++) this.setRoute(r, []);
  }

  /** Load a solution: routes[r] are the clients of slot r (missing slots are empty). */
  load(routes: ArrayLike<number>[]): void {
    this.routeOf.fill(-1);
    for (let r = 0; r < this.R; r++) this.setRoute(r, r < routes.length ? routes[r]! : []);
  }

  routes(): number[][] {
    const out: number[][] = [];
    for (let r = 0; r < this.R; r++) out.push(this.clients(r));
    return out;
  }

  clients(r: number): number[] {
    const out: number[] = [];
    const base = r * this.stride;
    for (let p = 1; p <= this.len[r]!; p++) out.push(this.node[base + p]!);
    return out;
  }

  nodeAt(r: number, p: number): number {
    return this.node[r * this.stride + p]!;
  }

  totalCost(): number {
    let s = 0;
    for (let r = 0; r < this.R; r++) s += this.rCost[r]!;
    return s;
  }

  /** Replace the clients of route r and recompute its segment data. */
  setRoute(r: number, clients: ArrayLike<number>): void {
    const m = this.m;
    const vt = this.slotVT[r]!;
    const stride = this.stride;
    const base = r * stride;
    const len = clients.length;
    this.len[r] = len;
    this.node[base] = startNode(m, vt);
    for (let i = 0; i < len; i++) {
      const c = clients[i]!;
      this.node[base + 1 + i] = c;
      this.routeOf[c] = r;
      this.posOf[c] = i + 1;
    }
    this.node[base + len + 1] = endNode(m, vt);
    const prof = m.profiles[m.vtProfile[vt]!]!;
    const distM = prof.dist;
    const timeM = prof.time;
    const N = m.nNodes;
    const dims = m.dims;
    const { ready, due, service, demand } = m;
    // forward: prefix segments
    let x = this.node[base]!;
    let D = service[x]!;
    let TW = 0;
    let E = ready[x]!;
    let L = due[x]!;
    let dist = 0;
    this.preD[base] = D;
    this.preTW[base] = TW;
    this.preE[base] = E;
    this.preL[base] = L;
    this.preDist[base] = 0;
    for (let d = 0; d < dims; d++) this.preLoad[base * dims + d] = 0;
    const pk = m.pickup;
    if (pk) {
      for (let d = 0; d < dims; d++) {
        this.prePick[base * dims + d] = 0;
        this.prePeak[base * dims + d] = 0;
      }
    }
    for (let p = 1; p <= len + 1; p++) {
      const y = this.node[base + p]!;
      const t = timeM[x * N + y]!;
      const at = D - TW + t;
      const wait = mx(ready[y]! - at - L, 0);
      const warp = mx(E + at - due[y]!, 0);
      D = D + service[y]! + t + wait;
      TW = TW + warp;
      E = mx(ready[y]! - at, E) - wait;
      L = mn(due[y]! - at, L) + warp;
      dist += distM[x * N + y]!;
      const i = base + p;
      this.preD[i] = D;
      this.preTW[i] = TW;
      this.preE[i] = E;
      this.preL[i] = L;
      this.preDist[i] = dist;
      for (let d = 0; d < dims; d++) this.preLoad[i * dims + d] = this.preLoad[(i - 1) * dims + d]! + demand[y * dims + d]!;
      if (pk) {
        for (let d = 0; d < dims; d++) {
          // peak load on board: earlier points also carry y's delivery, y's point carries earlier pickups
          const dy = demand[y * dims + d]!;
          const py = pk[y * dims + d]!;
          const j = (i - 1) * dims + d;
          this.prePeak[i * dims + d] = mx(this.prePeak[j]! + dy, mx(dy, py) + this.prePick[j]!);
          this.prePick[i * dims + d] = this.prePick[j]! + py;
        }
      }
      x = y;
    }
    // backward: suffix segments (node y followed by the suffix after it)
    const last = base + len + 1;
    x = this.node[last]!;
    D = service[x]!;
    TW = 0;
    E = ready[x]!;
    L = due[x]!;
    this.sufD[last] = D;
    this.sufTW[last] = TW;
    this.sufE[last] = E;
    this.sufL[last] = L;
    for (let p = len; p >= 0; p--) {
      const y = this.node[base + p]!;
      const t = timeM[y * N + x]!;
      // merge A = {y} with B = current suffix
      const at = service[y]! + t;
      const wait = mx(E - at - due[y]!, 0);
      const warp = mx(ready[y]! + at - L, 0);
      const nD = service[y]! + D + t + wait;
      const nTW = TW + warp;
      const nE = mx(E - at, ready[y]!) - wait;
      const nL = mn(L - at, due[y]!) + warp;
      D = nD;
      TW = nTW;
      E = nE;
      L = nL;
      const i = base + p;
      this.sufD[i] = D;
      this.sufTW[i] = TW;
      this.sufE[i] = E;
      this.sufL[i] = L;
      x = y;
    }
    if (pk) {
      for (let d = 0; d < dims; d++) {
        let td = 0;
        let peak = 0;
        this.sufPeak[last * dims + d] = 0;
        for (let p = len; p >= 0; p--) {
          const y = this.node[base + p]!;
          const dy = demand[y * dims + d]!;
          const py = pk[y * dims + d]!;
          peak = mx(mx(dy, py) + td, peak + py);
          td += dy;
          this.sufPeak[(base + p) * dims + d] = peak;
        }
      }
    }
    this.rDist[r] = dist;
    this.rDuration[r] = this.preD[last]!;
    this.rTW[r] = this.preTW[last]! + (len > 0 ? limitExcess(m, vt, this.preD[last]!, dist) : 0);
    const excess = loadExcess(m, vt, pk ? this.prePeak : this.preLoad, last * dims);
    this.rExcess[r] = excess;
    this.rCost[r] = this.costOf(vt, len, dist, this.rDuration[r]!, this.rTW[r]!, excess);
    // every change gets a fresh stamp, so "modified since last tested" is exact
    this.lastModified[r] = ++this.step;
  }

  /** Recompute cached route costs after a penalty change. */
  refreshCosts(): void {
    for (let r = 0; r < this.R; r++) {
      this.rCost[r] = this.costOf(this.slotVT[r]!, this.len[r]!, this.rDist[r]!, this.rDuration[r]!, this.rTW[r]!, this.rExcess[r]!);
    }
  }

  costOf(vt: number, count: number, dist: number, duration: number, tw: number, excess: number): number {
    const m = this.m;
    if (count === 0) return 0;
    return m.vtFixed[vt]! + m.vtCostDist[vt]! * dist + m.vtCostTime[vt]! * duration + this.penaltyTW * tw + this.penaltyLoad * excess;
  }

  /** Distance between two nodes in the matrix of vehicle type vt. */
  distance(vt: number, a: number, b: number): number {
    return this.m.profiles[this.m.vtProfile[vt]!]!.dist[a * this.m.nNodes + b]!;
  }

  // ---- concatenation -------------------------------------------------------------------------

  begin(vt: number): this {
    const p = this.m.profiles[this.m.vtProfile[vt]!]!;
    this.bDistM = p.dist;
    this.bTimeM = p.time;
    this.bVT = vt;
    this.bEmpty = true;
    this.bCount = 0;
    return this;
  }

  /** Start with the prefix of route r up to position p (start depot included). Must come first. */
  prefix(r: number, p: number): this {
    if (this.slotVT[r] !== this.bVT || this.m.vtProfile[this.slotVT[r]!] !== this.m.vtProfile[this.bVT]) {
      this.visit(startNode(this.m, this.bVT));
      return this.range(r, 1, p);
    }
    const i = r * this.stride + p;
    this.bD = this.preD[i]!;
    this.bTW = this.preTW[i]!;
    this.bE = this.preE[i]!;
    this.bL = this.preL[i]!;
    this.bDist = this.preDist[i]!;
    const dims = this.m.dims;
    for (let d = 0; d < dims; d++) this.bLoad[d] = this.preLoad[i * dims + d]!;
    if (this.m.pickup) {
      for (let d = 0; d < dims; d++) {
        this.bPick[d] = this.prePick[i * dims + d]!;
        this.bPeak[d] = this.prePeak[i * dims + d]!;
      }
    }
    this.bLast = this.node[i]!;
    this.bCount = p;
    this.bEmpty = false;
    return this;
  }

  /** Append one node. */
  visit(y: number): this {
    const m = this.m;
    const dims = m.dims;
    if (this.bEmpty) {
      this.bD = m.service[y]!;
      this.bTW = 0;
      this.bE = m.ready[y]!;
      this.bL = m.due[y]!;
      this.bDist = 0;
      for (let d = 0; d < dims; d++) this.bLoad[d] = m.demand[y * dims + d]!;
      if (m.pickup) {
        for (let d = 0; d < dims; d++) {
          this.bPick[d] = m.pickup[y * dims + d]!;
          this.bPeak[d] = mx(m.demand[y * dims + d]!, this.bPick[d]!);
        }
      }
      this.bLast = y;
      this.bEmpty = false;
      if (y < m.n) this.bCount++;
      return this;
    }
    const k = this.bLast * m.nNodes + y;
    const t = this.bTimeM[k]!;
    const at = this.bD - this.bTW + t;
    const wait = mx(m.ready[y]! - at - this.bL, 0);
    const warp = mx(this.bE + at - m.due[y]!, 0);
    this.bD += m.service[y]! + t + wait;
    this.bTW += warp;
    this.bE = mx(m.ready[y]! - at, this.bE) - wait;
    this.bL = mn(m.due[y]! - at, this.bL) + warp;
    this.bDist += this.bDistM[k]!;
    if (m.pickup) {
      for (let d = 0; d < dims; d++) {
        const dy = m.demand[y * dims + d]!;
        const py = m.pickup[y * dims + d]!;
        this.bPeak[d] = mx(this.bPeak[d]! + dy, mx(dy, py) + this.bPick[d]!);
        this.bPick[d]! += py;
      }
    }
    for (let d = 0; d < dims; d++) this.bLoad[d]! += m.demand[y * dims + d]!;
    this.bLast = y;
    if (y < m.n) this.bCount++;
    return this;
  }

  /** Append positions i..j of route r in order. */
  range(r: number, i: number, j: number): this {
    const base = r * this.stride;
    for (let p = i; p <= j; p++) this.visit(this.node_(base + p));
    return this;
  }

  /** Append positions j..i of route r (reversed). */
  reverse(r: number, i: number, j: number): this {
    const base = r * this.stride;
    for (let p = j; p >= i; p--) this.visit(this.node_(base + p));
    return this;
  }

  /** Append the suffix of route r from position p (its end depot included) and close the route. */
  suffix(r: number, p: number): this {
    const m = this.m;
    const vt = this.slotVT[r]!;
    if (vt !== this.bVT || m.vtProfile[vt] !== m.vtProfile[this.bVT]) {
      this.range(r, p, this.len[r]!);
      return this.visit(endNode(m, this.bVT));
    }
    const i = r * this.stride + p;
    const y = this.node[i]!;
    const k = this.bLast * m.nNodes + y;
    const t = this.bTimeM[k]!;
    const sE = this.sufE[i]!;
    const sL = this.sufL[i]!;
    const at = this.bD - this.bTW + t;
    const wait = mx(sE - at - this.bL, 0);
    const warp = mx(this.bE + at - sL, 0);
    this.bD += this.sufD[i]! + t + wait;
    this.bTW += this.sufTW[i]! + warp;
    this.bE = mx(sE - at, this.bE) - wait;
    this.bL = mn(sL - at, this.bL) + warp;
    const last = r * this.stride + this.len[r]! + 1;
    this.bDist += this.bDistM[k]! + this.preDist[last]! - this.preDist[i]!;
    const dims = m.dims;
    if (m.pickup) {
      for (let d = 0; d < dims; d++) {
        const td = this.preLoad[last * dims + d]! - (p > 0 ? this.preLoad[(i - 1) * dims + d]! : 0);
        const tp = this.prePick[last * dims + d]! - (p > 0 ? this.prePick[(i - 1) * dims + d]! : 0);
        this.bPeak[d] = mx(this.bPeak[d]! + td, this.sufPeak[i * dims + d]! + this.bPick[d]!);
        this.bPick[d]! += tp;
      }
    }
    for (let d = 0; d < dims; d++) {
      this.bLoad[d]! += this.preLoad[last * dims + d]! - (p > 0 ? this.preLoad[(i - 1) * dims + d]! : 0);
    }
    this.bCount += this.len[r]! - p + 1;
    this.bLast = this.node[last]!;
    return this;
  }

  /** Penalised cost of the concatenated route (must end with its end depot). */
  cost(): number {
    const m = this.m;
    const vt = this.bVT;
    let excess = 0;
    const load = m.pickup ? this.bPeak : this.bLoad;
    if (m.hasSettings) {
      excess = loadExcess(m, vt, load, 0);
    } else {
      const dims = m.dims;
      for (let d = 0; d < dims; d++) excess += mx(0, load[d]! - m.vtCapacity[vt * dims + d]!);
    }
    const tw = m.hasLimits ? this.bTW + limitExcess(m, vt, this.bD, this.bDist) : this.bTW;
    return this.costOf(vt, this.bCount, this.bDist, this.bD, tw, excess);
  }

  /** True when the concatenated route breaks no constraint (no time warp, no excess load). */
  feasible(): boolean {
    if (this.bTW > 0) return false;
    const m = this.m;
    if (m.hasLimits && limitExcess(m, this.bVT, this.bD, this.bDist) > 0) return false;
    const load = m.pickup ? this.bPeak : this.bLoad;
    if (m.hasSettings) return loadExcess(m, this.bVT, load, 0) <= 0;
    const dims = m.dims;
    for (let d = 0; d < dims; d++) if (load[d]! > m.vtCapacity[this.bVT * dims + d]!) return false;
    return true;
  }

  get builtDistance(): number {
    return this.bDist;
  }

  private node_(i: number): number {
    return this.node[i]!;
  }
}
