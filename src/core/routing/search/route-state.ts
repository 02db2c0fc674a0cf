/**
 * The solution under local search: routes in flat typed arrays with, for every position, the
 * concatenated segment data (Vidal et al. 2013) of the prefix up to it and of the suffix from it —
 * duration, time warp, earliest and latest start, distance, load. A candidate route is evaluated by
 * concatenating a few such segments (`begin`, `prefix`, `visit`, `range`, `reverse`, `suffix`,
 * `cost`) in O(1) per segment, without allocation.
 *
 * Positions: 0 is the start depot, 1..len the clients (and reload nodes), len + 1 the end depot.
 *
 * Multi-trip (only when the model has reload nodes): the load data of a prefix is that of its open
 * trip (since its last reload) plus `preInside`, the excess of the trips it completed; a suffix
 * keeps the load of its first trip (up to its first reload) plus `sufRest`, the excess of the trips
 * after it (all complete, the suffix ends at the base). Concatenation closes a trip whenever a
 * reload joins two parts, so the excess is charged per trip in O(1) per segment.
 */
import { endNode, limitExcess, loadExcess, reloadTypeOf, startNode, type SearchModel } from './search-model';

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
  /** Multi-trip only (else empty): excess of completed trips in the prefix, reloads in the prefix, first-trip loads of the suffix, excess of the suffix's later trips. */
  readonly preInside: Float64Array;
  readonly preReloads: Int32Array;
  readonly sufLoad: Float64Array;
  readonly sufPick: Float64Array;
  readonly sufRest: Float64Array;
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
  /**
   * While true, setRoute only records the routes it is given (in `captured`) and changes nothing:
   * lets a caller see what a move would produce (e.g. to check pickup-and-delivery pairs) before
   * committing it with `commitCaptured`.
   */
  capturing = false;
  readonly captured: Array<{ r: number; clients: number[] }> = [];

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
  private bInside = 0;
  /** Trips closed by a reload that had clients (a reload with none before it is a no-op), and whether the open trip has clients. */
  private bClosed = 0;
  private bOpen = false;
  private bForeign = false;
  private readonly bLoad: Float64Array;
  private readonly bPick: Float64Array;
  private readonly bPeak: Float64Array;
  private bDistM: Float64Array;
  private readonly saved = new Float64Array(11);
  private readonly savedLoad: Float64Array;
  private readonly savedPick: Float64Array;
  private readonly savedPeak: Float64Array;
  private bTimeM: Float64Array;

  constructor(m: SearchModel, slotVT: Int32Array = m.slotVT) {
    this.m = m;
    this.R = slotVT.length;
    this.slotVT = slotVT;
    // normalised routes hold at most one reload between two clients
    this.stride = m.multiTrip ? 2 * m.n + 2 : m.n + 2;
    const size = this.R * this.stride;
    this.node = new Int32Array(size);
    this.len = new Int32Array(this.R);
    this.preDist = new Float64Array(size);
    this.preLoad = new Float64Array(size * m.dims);
    const pickSize = m.pickup ? size * m.dims : 0;
    this.prePick = new Float64Array(pickSize);
    this.prePeak = new Float64Array(pickSize);
    this.sufPeak = new Float64Array(pickSize);
    const mt = m.multiTrip;
    this.preInside = new Float64Array(mt ? size : 0);
    this.preReloads = new Int32Array(mt ? size : 0);
    this.sufLoad = new Float64Array(mt ? size * m.dims : 0);
    this.sufPick = new Float64Array(mt && m.pickup ? size * m.dims : 0);
    this.sufRest = new Float64Array(mt ? size : 0);
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
    this.savedLoad = new Float64Array(m.dims);
    this.savedPick = new Float64Array(m.dims);
    this.savedPeak = new Float64Array(m.dims);
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

  /** Apply the routes recorded while capturing (see `capturing`), or drop them with `apply` false. */
  commitCaptured(apply: boolean): void {
    this.capturing = false;
    if (apply) for (const { r, clients } of this.captured) this.setRoute(r, clients);
    this.captured.length = 0;
  }

  /** Replace the clients of route r and recompute its segment data. */
  setRoute(r: number, clients: ArrayLike<number>): void {
    if (this.capturing) {
      this.captured.push({ r, clients: Array.from(clients) });
      return;
    }
    const m = this.m;
    const vt = this.slotVT[r]!;
    if (m.multiTrip) clients = normaliseTrips(m, clients);
    const stride = this.stride;
    const base = r * stride;
    const len = clients.length;
    this.len[r] = len;
    this.node[base] = startNode(m, vt);
    for (let i = 0; i < len; i++) {
      const c = clients[i]!;
      this.node[base + 1 + i] = c;
      if (c >= m.n) continue;
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
    const mt = m.multiTrip;
    if (mt) {
      this.preInside[base] = 0;
      this.preReloads[base] = 0;
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
      if (mt) {
        this.preInside[i] = this.preInside[i - 1]!;
        this.preReloads[i] = this.preReloads[i - 1]!;
        if (reloadTypeOf(m, y) >= 0) {
          // the trip before closes here; the next one starts empty
          this.preInside[i]! += loadExcess(m, vt, pk ? this.prePeak : this.preLoad, (i - 1) * dims);
          this.preReloads[i]!++;
          for (let d = 0; d < dims; d++) this.preLoad[i * dims + d] = 0;
          if (pk) {
            for (let d = 0; d < dims; d++) {
              this.prePick[i * dims + d] = 0;
              this.prePeak[i * dims + d] = 0;
            }
          }
          x = y;
          continue;
        }
      }
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
    if (mt) {
      this.tripSuffixes(r, vt);
    } else if (pk) {
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
    let excess = loadExcess(m, vt, pk ? this.prePeak : this.preLoad, last * dims);
    // a stored route is normalised: every reload closes a trip with clients, and so does the end
    if (mt && len > 0) excess += this.preInside[last]! + this.tripExcess(vt, this.preReloads[last]! + 1);
    this.rExcess[r] = excess;
    this.rCost[r] = this.costOf(vt, len, dist, this.rDuration[r]!, this.rTW[r]!, excess);
    // every change gets a fresh stamp, so "modified since last tested" is exact
    this.lastModified[r] = ++this.step;
  }

  /** Multi-trip suffix data of route r: first-trip loads (sufLoad, sufPick, sufPeak) and sufRest. */
  private tripSuffixes(r: number, vt: number): void {
    const m = this.m;
    const dims = m.dims;
    const pk = m.pickup;
    const base = r * this.stride;
    const last = base + this.len[r]! + 1;
    const peakOf = pk ? this.sufPeak : this.sufLoad;
    for (let d = 0; d < dims; d++) {
      this.sufLoad[last * dims + d] = 0;
      if (pk) {
        this.sufPick[last * dims + d] = 0;
        this.sufPeak[last * dims + d] = 0;
      }
    }
    this.sufRest[last] = 0;
    for (let i = last - 1; i >= base; i--) {
      const y = this.node[i]!;
      const j = i + 1;
      if (reloadTypeOf(m, y) >= 0) {
        // the trip after this reload is complete (it ends at a reload or at the base)
        this.sufRest[i] = this.sufRest[j]! + loadExcess(m, vt, peakOf, j * dims);
        for (let d = 0; d < dims; d++) {
          this.sufLoad[i * dims + d] = 0;
          if (pk) {
            this.sufPick[i * dims + d] = 0;
            this.sufPeak[i * dims + d] = 0;
          }
        }
        continue;
      }
      this.sufRest[i] = this.sufRest[j]!;
      for (let d = 0; d < dims; d++) {
        const dy = m.demand[y * dims + d]!;
        if (pk) {
          const py = pk[y * dims + d]!;
          this.sufPeak[i * dims + d] = mx(mx(dy, py) + this.sufLoad[j * dims + d]!, this.sufPeak[j * dims + d]! + py);
          this.sufPick[i * dims + d] = this.sufPick[j * dims + d]! + py;
        }
        this.sufLoad[i * dims + d] = this.sufLoad[j * dims + d]! + dy;
      }
    }
  }

  /** Excess charged for trips beyond the type's maxTrips (a full load per extra trip). */
  tripExcess(vt: number, trips: number): number {
    const extra = trips - this.m.vtMaxTrips[vt]!;
    return extra > 0 ? extra * this.m.vtTripExcess[vt]! : 0;
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
    this.bInside = 0;
    this.bClosed = 0;
    this.bOpen = false;
    this.bForeign = false;
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
    if (this.m.multiTrip) {
      this.bInside = this.preInside[i]!;
      // stored routes are normalised: each reload so far closed a trip with clients
      this.bClosed = this.preReloads[i]!;
      this.bOpen = p > 0 && this.node[i]! < this.m.n;
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
    this.bLast = y;
    if (m.multiTrip) {
      if (y < m.n) {
        this.bOpen = true;
      } else {
        const rt = reloadTypeOf(m, y);
        if (rt >= 0) {
          this.closeTrip(rt);
          return this;
        }
      }
    }
    if (m.pickup) {
      for (let d = 0; d < dims; d++) {
        const dy = m.demand[y * dims + d]!;
        const py = m.pickup[y * dims + d]!;
        this.bPeak[d] = mx(this.bPeak[d]! + dy, mx(dy, py) + this.bPick[d]!);
        this.bPick[d]! += py;
      }
    }
    for (let d = 0; d < dims; d++) this.bLoad[d]! += m.demand[y * dims + d]!;
    if (y < m.n) this.bCount++;
    return this;
  }

  /** A reload of type rt joins the route being built: the open trip is charged and a new one starts. */
  private closeTrip(rt: number): void {
    const m = this.m;
    // a reload belongs to its own vehicle type's base: elsewhere the route is invalid
    if (rt !== this.bVT) this.bForeign = true;
    if (!this.bOpen) return;
    this.bInside += loadExcess(m, this.bVT, m.pickup ? this.bPeak : this.bLoad, 0);
    this.bClosed++;
    this.bOpen = false;
    this.bLoad.fill(0);
    if (m.pickup) {
      this.bPick.fill(0);
      this.bPeak.fill(0);
    }
  }

  /** Keep the route being built, to come back to it with `restore` (one saved state at a time). */
  save(): this {
    const v = this.saved;
    v[0] = this.bD; v[1] = this.bTW; v[2] = this.bE; v[3] = this.bL; v[4] = this.bDist;
    v[5] = this.bCount; v[6] = this.bLast; v[7] = this.bInside; v[8] = this.bClosed;
    v[9] = (this.bForeign ? 1 : 0) + (this.bOpen ? 2 : 0); v[10] = this.bEmpty ? 1 : 0;
    this.savedLoad.set(this.bLoad);
    if (this.m.pickup) {
      this.savedPick.set(this.bPick);
      this.savedPeak.set(this.bPeak);
    }
    return this;
  }

  restore(): this {
    const v = this.saved;
    this.bD = v[0]!; this.bTW = v[1]!; this.bE = v[2]!; this.bL = v[3]!; this.bDist = v[4]!;
    this.bCount = v[5]!; this.bLast = v[6]!; this.bInside = v[7]!; this.bClosed = v[8]!;
    this.bForeign = (v[9]! & 1) === 1; this.bOpen = (v[9]! & 2) === 2; this.bEmpty = v[10] === 1;
    this.bLoad.set(this.savedLoad);
    if (this.m.pickup) {
      this.bPick.set(this.savedPick);
      this.bPeak.set(this.savedPeak);
    }
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
    this.bCount += this.len[r]! - p + 1;
    this.bLast = this.node[last]!;
    if (m.multiTrip) return this.tripSuffix(r, p, i, last);
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
    return this;
  }

  /** Loads of suffix(r, p) with trips: the open trip merges with the suffix's first trip. */
  private tripSuffix(r: number, p: number, i: number, last: number): this {
    const m = this.m;
    const dims = m.dims;
    const pk = m.pickup;
    for (let d = 0; d < dims; d++) {
      const td = this.sufLoad[i * dims + d]!;
      if (pk) {
        this.bPeak[d] = mx(this.bPeak[d]! + td, this.sufPeak[i * dims + d]! + this.bPick[d]!);
        this.bPick[d]! += this.sufPick[i * dims + d]!;
      }
      this.bLoad[d]! += td;
    }
    const reloads = this.preReloads[last]! - (p > 0 ? this.preReloads[i - 1]! : 0);
    const clientFirst = p <= this.len[r]! && this.node[i]! < m.n;
    if (reloads === 0) {
      if (clientFirst) this.bOpen = true;
    } else {
      // the merged trip ends at the suffix's first reload (a no-op when it has no client); the
      // suffix's later trips are complete and hold clients (stored routes are normalised)
      const vt = this.slotVT[r]!;
      this.bInside += loadExcess(m, vt, pk ? this.bPeak : this.bLoad, 0) + this.sufRest[i]!;
      this.bClosed += reloads - 1 + (this.bOpen || clientFirst ? 1 : 0);
      this.bOpen = true;
      this.bLoad.fill(0);
      if (pk) {
        this.bPick.fill(0);
        this.bPeak.fill(0);
      }
    }
    return this;
  }

  /** Penalised cost of the concatenated route (must end with its end depot). */
  cost(): number {
    const m = this.m;
    const vt = this.bVT;
    let excess = 0;
    const load = m.pickup ? this.bPeak : this.bLoad;
    if (m.multiTrip) {
      if (this.bForeign) return Number.POSITIVE_INFINITY;
      excess = this.bInside + loadExcess(m, vt, load, 0) + this.tripExcess(vt, this.bClosed + (this.bOpen ? 1 : 0));
    } else if (m.hasSettings) {
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
    if (m.multiTrip) {
      return !this.bForeign && this.bInside + loadExcess(m, this.bVT, load, 0) + this.tripExcess(this.bVT, this.bClosed + (this.bOpen ? 1 : 0)) <= 0;
    }
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

/**
 * A route's nodes without useless reloads (first or last, or right after another reload: they only
 * cost handling time), so stored routes never hold a reload that is not between two trips. Returns
 * the input itself when it has no reload.
 */
export function normaliseTrips(m: SearchModel, clients: ArrayLike<number>): ArrayLike<number> {
  const n = m.n;
  let any = false;
  for (let i = 0; i < clients.length && !any; i++) if (clients[i]! >= n) any = true;
  if (!any) return clients;
  const out: number[] = [];
  for (let i = 0; i < clients.length; i++) {
    const c = clients[i]!;
    if (c >= n && (out.length === 0 || out[out.length - 1]! >= n)) continue;
    out.push(c);
  }
  while (out.length > 0 && out[out.length - 1]! >= n) out.pop();
  return out;
}
