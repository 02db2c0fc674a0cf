/**
 * Many-to-many travel time and distance between sites for one vehicle profile, on the compiled
 * CSR form. Two engines, same results:
 * - plain: one heap-based Dijkstra per source that stops once every node through which a target
 *   can be entered is settled (no preprocessing; best for one-off or small matrices);
 * - hierarchy: bucket-based many-to-many over a contraction hierarchy (build it once per network
 *   and profile with buildContractionHierarchy and pass it in; best when matrices are asked for
 *   repeatedly, and even one-off from about AUTO_HIERARCHY_MIN_SITES sites).
 * Sites sit mid-piece, so a search starts from the ends of the source's piece with the partial
 * cost to reach them and ends at the target's snapped point the same way.
 *
 * Convention: matrices are row-major Float64Arrays, value [i * size + j] is from site i to site j,
 * seconds (time) and metres (distance); an unreachable pair is Infinity in both. The diagonal is 0.
 * The optimised metric is exact; the other is carried along the optimal path (ties: the smaller).
 */
import { buildContractionHierarchy, type ContractionHierarchy } from './contraction-hierarchy';
import { NodeHeap } from './node-heap';
import type { CompiledProfileGraph } from './profile-graph';
import { snapSites, type SiteInput, type SnapOptions, type SnappedSite } from './snap-sites';

export type MatrixMetric = 'time' | 'distance';

export interface TravelMatrix {
  profileId: string;
  /** Which value the paths minimise. */
  metric: MatrixMetric;
  size: number;
  siteIds: string[];
  sites: SnappedSite[];
  /** Seconds, row-major, Infinity = unreachable. */
  time: Float64Array;
  /** Metres, row-major, Infinity = unreachable. */
  distance: Float64Array;
  engine: 'plain' | 'hierarchy';
  /** Nodes settled over all searches (work done; reproducible). */
  settledNodes: number;
}

export interface MatrixOptions extends SnapOptions {
  /** What the paths minimise (default time; with a hierarchy, the hierarchy's metric). */
  metric?: MatrixMetric;
  /** Use this contraction hierarchy (built from the same compiled graph) instead of plain Dijkstra. */
  hierarchy?: ContractionHierarchy;
  /**
   * Without a hierarchy: `plain` Dijkstra, `hierarchy` (build one for this call), or `auto` (default):
   * build one when there are at least AUTO_HIERARCHY_MIN_SITES sites, where building pays for itself
   * even for a single matrix (measured in bench/graph.bench.ts).
   */
  engine?: 'plain' | 'hierarchy' | 'auto';
}

/** From this many sites a one-off contraction hierarchy beats one Dijkstra per site (bench: ~190 on 50k nodes). */
export const AUTO_HIERARCHY_MIN_SITES = 200;

function isSnapped(site: SiteInput | SnappedSite): site is SnappedSite {
  return typeof (site as SnappedSite).piece === 'number' && typeof (site as SnappedSite).offsetM === 'number';
}

/**
 * Reusable search state for one compiled graph. Allocate once and pass to several matrix calls to
 * avoid re-allocating the per-node arrays.
 */
export interface MatrixWorkspace {
  readonly graph: CompiledProfileGraph;
  /** Per node: [2v] tentative cost in the optimised metric, [2v+1] the other metric carried along (one cache line). */
  readonly cost: Float64Array;
  /** Search number that last reached each node; a reached node no longer queued is settled. */
  readonly seenRun: Int32Array;
  readonly heap: NodeHeap;
  run: number;
}

export function createMatrixWorkspace(c: CompiledProfileGraph): MatrixWorkspace {
  return { graph: c, cost: new Float64Array(2 * c.nodeCount), seenRun: new Int32Array(c.nodeCount), heap: new NodeHeap(c.nodeCount), run: 0 };
}

/**
 * Time and distance between every pair of sites, in site order. Sites not yet snapped are snapped
 * first (throwing with every bad site named; `hubId` checks mutual reachability with the hub);
 * sites already snapped (by snapSites for this profile) are used as they are.
 */
export function computeTravelMatrix(
  c: CompiledProfileGraph,
  sites: readonly (SiteInput | SnappedSite)[],
  options: MatrixOptions = {},
  workspace: MatrixWorkspace = createMatrixWorkspace(c),
): TravelMatrix {
  if (workspace.graph !== c) throw new Error('core/graph: matrix workspace belongs to another compiled graph');
  const given = options.hierarchy;
  if (given && given.graph !== c) throw new Error('core/graph: contraction hierarchy was built from another compiled graph');
  const metric = options.metric ?? given?.metric ?? 'time';
  if (given && given.metric !== metric) throw new Error(`core/graph: contraction hierarchy optimises ${given.metric}, not ${metric}`);
  const engine = options.engine ?? 'auto';
  if (engine !== 'plain' && engine !== 'hierarchy' && engine !== 'auto') throw new Error(`core/graph: unknown matrix engine '${String(engine)}'`);
  const toSnap = sites.filter((s) => !isSnapped(s));
  const fresh = toSnap.length > 0 ? snapSites(c, toSnap, options) : [];
  let k = 0;
  const snapped = sites.map((s) => {
    if (!isSnapped(s)) return fresh[k++]!;
    if (s.profileId !== c.profile.id) throw new Error(`core/graph: site '${s.name}' was snapped for profile ${s.profileId}, not ${c.profile.id}`);
    return s;
  });
  const ids = new Set(snapped.map((s) => s.id));
  if (ids.size !== snapped.length) throw new Error('core/graph: site ids repeat; every matrix row needs its own id');
  const n = snapped.length;
  const best = new Float64Array(n * n).fill(Infinity);
  const bestCarry = new Float64Array(n * n).fill(Infinity);
  const metricIsTime = metric === 'time';
  const h = given ?? (engine === 'hierarchy' || (engine === 'auto' && n >= AUTO_HIERARCHY_MIN_SITES) ? buildContractionHierarchy(c, { metric }) : undefined);
  const settledNodes = h
    ? hierarchyEngine(h, snapped, metricIsTime, workspace, best, bestCarry)
    : plainEngine(c, snapped, metricIsTime, workspace, best, bestCarry);
  // Same-piece trips may not touch a node at all; the diagonal is zero.
  for (let i = 0; i < n; i++) {
    const src = snapped[i]!;
    for (let j = 0; j < n; j++) {
      const idx = i * n + j;
      if (i === j) { best[idx] = 0; bestCarry[idx] = 0; continue; }
      const dst = snapped[j]!;
      if (dst.piece !== src.piece) continue;
      const along = dst.offsetM - src.offsetM;
      if ((along >= 0 && c.pieceForward[src.piece]) || (along <= 0 && c.pieceBackward[src.piece])) {
        const m = Math.abs(along);
        const v = c.pieceSpeedMps[src.piece]!;
        offer(best, bestCarry, idx, metricIsTime ? m / v : m, metricIsTime ? m : m / v);
      }
    }
  }
  return {
    profileId: c.profile.id, metric, size: n, siteIds: snapped.map((s) => s.id), sites: snapped,
    time: metricIsTime ? best : bestCarry, distance: metricIsTime ? bestCarry : best,
    engine: h ? 'hierarchy' : 'plain', settledNodes,
  };
}

function offer(best: Float64Array, bestCarry: Float64Array, idx: number, kv: number, cv: number): void {
  if (kv < best[idx]! || (kv === best[idx] && cv < bestCarry[idx]!)) { best[idx] = kv; bestCarry[idx] = cv; }
}

/** Queues the ends of a site's piece the vehicle can drive to from the site (`leaving`) or from which it can drive to the site. */
function seedSite(c: CompiledProfileGraph, ws: MatrixWorkspace, run: number, site: SnappedSite, leaving: boolean, metricIsTime: boolean): void {
  const p = site.piece;
  const v = c.pieceSpeedMps[p]!;
  // Leaving: forward travel reaches pieceTo, backward reaches pieceFrom. Arriving: the reverse.
  if (c.pieceForward[p]) seedNode(ws, run, leaving ? c.pieceTo[p]! : c.pieceFrom[p]!, leaving ? site.pieceLengthM - site.offsetM : site.offsetM, v, metricIsTime);
  if (c.pieceBackward[p]) seedNode(ws, run, leaving ? c.pieceFrom[p]! : c.pieceTo[p]!, leaving ? site.offsetM : site.pieceLengthM - site.offsetM, v, metricIsTime);
}

function plainEngine(
  c: CompiledProfileGraph, snapped: readonly SnappedSite[], metricIsTime: boolean, ws: MatrixWorkspace,
  best: Float64Array, bestCarry: Float64Array,
): number {
  const n = snapped.length;
  const primary = metricIsTime ? c.arcTimeS : c.arcLengthM;
  const secondary = metricIsTime ? c.arcLengthM : c.arcTimeS;
  // Entry nodes of each target: reach the node, then drive the rest of the piece to the site.
  const targetMark = new Int32Array(c.nodeCount);
  let targetCount = 0;
  for (const s of snapped) {
    for (const node of [c.pieceForward[s.piece] ? c.pieceFrom[s.piece]! : -1, c.pieceBackward[s.piece] ? c.pieceTo[s.piece]! : -1]) {
      if (node >= 0 && targetMark[node] === 0) { targetMark[node] = 1; targetCount++; }
    }
  }
  let settledNodes = 0;
  for (let i = 0; i < n; i++) {
    const run = ++ws.run;
    ws.heap.clear();
    seedSite(c, ws, run, snapped[i]!, true, metricIsTime);
    settledNodes += settle(c.offsets, c.heads, primary, secondary, ws, run, targetMark, targetCount, null);
    const { cost, seenRun, heap } = ws;
    const settled = (node: number): boolean => seenRun[node] === run && !heap.has(node);
    for (let j = 0; j < n; j++) {
      const dst = snapped[j]!;
      const q = dst.piece;
      const v = c.pieceSpeedMps[q]!;
      if (c.pieceForward[q] && settled(c.pieceFrom[q]!)) {
        const a = c.pieceFrom[q]!;
        const m = dst.offsetM;
        offer(best, bestCarry, i * n + j, cost[2 * a]! + (metricIsTime ? m / v : m), cost[2 * a + 1]! + (metricIsTime ? m : m / v));
      }
      if (c.pieceBackward[q] && settled(c.pieceTo[q]!)) {
        const b = c.pieceTo[q]!;
        const m = dst.pieceLengthM - dst.offsetM;
        offer(best, bestCarry, i * n + j, cost[2 * b]! + (metricIsTime ? m / v : m), cost[2 * b + 1]! + (metricIsTime ? m : m / v));
      }
    }
  }
  return settledNodes;
}

function hierarchyEngine(
  h: ContractionHierarchy, snapped: readonly SnappedSite[], metricIsTime: boolean, ws: MatrixWorkspace,
  best: Float64Array, bestCarry: Float64Array,
): number {
  const c = h.graph;
  const n = snapped.length;
  const order = new Int32Array(c.nodeCount);
  const noTargets = new Int32Array(0);
  let settledNodes = 0;
  // Backward upward search from every target; each settled node gets a bucket entry (target, cost).
  let entryNode: number[] = [];
  let entryTarget: number[] = [];
  let entryP: number[] = [];
  let entryS: number[] = [];
  for (let j = 0; j < n; j++) {
    const run = ++ws.run;
    ws.heap.clear();
    seedSite(c, ws, run, snapped[j]!, false, metricIsTime);
    const count = settle(h.downOffsets, h.downHeads, h.downPrimary, h.downSecondary, ws, run, noTargets, -1, order);
    settledNodes += count;
    for (let k = 0; k < count; k++) {
      const x = order[k]!;
      entryNode.push(x); entryTarget.push(j); entryP.push(ws.cost[2 * x]!); entryS.push(ws.cost[2 * x + 1]!);
    }
  }
  // Buckets as CSR by node (counting sort keeps target order within a node).
  const bucketStart = new Int32Array(c.nodeCount + 1);
  for (const x of entryNode) bucketStart[x + 1]! += 1;
  for (let x = 0; x < c.nodeCount; x++) bucketStart[x + 1]! += bucketStart[x]!;
  const fill = bucketStart.slice(0, c.nodeCount);
  const total = entryNode.length;
  const bTarget = new Int32Array(total);
  const bP = new Float64Array(total);
  const bS = new Float64Array(total);
  for (let e = 0; e < total; e++) {
    const slot = fill[entryNode[e]!]!++;
    bTarget[slot] = entryTarget[e]!; bP[slot] = entryP[e]!; bS[slot] = entryS[e]!;
  }
  entryNode = entryTarget = entryP = entryS = [];
  for (let i = 0; i < n; i++) {
    const run = ++ws.run;
    ws.heap.clear();
    seedSite(c, ws, run, snapped[i]!, true, metricIsTime);
    const count = settle(h.upOffsets, h.upHeads, h.upPrimary, h.upSecondary, ws, run, noTargets, -1, order);
    settledNodes += count;
    const row = i * n;
    for (let k = 0; k < count; k++) {
      const x = order[k]!;
      const kx = ws.cost[2 * x]!;
      const cx = ws.cost[2 * x + 1]!;
      for (let e = bucketStart[x]!, end = bucketStart[x + 1]!; e < end; e++) {
        const idx = row + bTarget[e]!;
        const kv = kx + bP[e]!;
        if (kv < best[idx]! || (kv === best[idx] && cx + bS[e]! < bestCarry[idx]!)) { best[idx] = kv; bestCarry[idx] = cx + bS[e]!; }
      }
    }
  }
  return settledNodes;
}

/** Queues `node` as a search start, `m` metres along a site's piece at speed `v` m/s. */
function seedNode(ws: MatrixWorkspace, run: number, node: number, m: number, v: number, metricIsTime: boolean): void {
  const kv = metricIsTime ? m / v : m;
  const cv = metricIsTime ? m : m / v;
  if (ws.seenRun[node] !== run || kv < ws.cost[2 * node]! || (kv === ws.cost[2 * node] && cv < ws.cost[2 * node + 1]!)) {
    ws.seenRun[node] = run;
    ws.cost[2 * node] = kv;
    ws.cost[2 * node + 1] = cv;
    ws.heap.push(node, kv);
  }
}

/**
 * Dijkstra over a CSR from the queued seeds until every marked target node is settled (targetCount
 * < 0: until the queue is empty). Settled nodes are written to `order` when given. Kept free of
 * closures so the hot loop works on locals only. Returns the number of settled nodes.
 */
function settle(
  offsets: Int32Array, heads: Int32Array, primary: Float64Array, secondary: Float64Array,
  ws: MatrixWorkspace, run: number, targetMark: Int32Array, targetCount: number, order: Int32Array | null,
): number {
  const { cost, seenRun, heap } = ws;
  let remaining = targetCount < 0 ? Infinity : targetCount;
  let settled = 0;
  while (heap.size > 0 && remaining > 0) {
    const v = heap.pop();
    if (order !== null) order[settled] = v;
    settled++;
    if (targetMark[v] === 1) remaining--;
    const kv = cost[2 * v]!;
    const cv = cost[2 * v + 1]!;
    const end = offsets[v + 1]!;
    for (let e = offsets[v]!; e < end; e++) {
      const w = heads[e]!;
      const nk = kv + primary[e]!;
      // A settled w has cost ≤ kv ≤ nk, so it can never pass these tests: no settled check needed.
      if (seenRun[w] !== run) {
        seenRun[w] = run;
        cost[2 * w] = nk;
        cost[2 * w + 1] = cv + secondary[e]!;
        heap.push(w, nk);
      } else if (nk < cost[2 * w]!) {
        cost[2 * w] = nk;
        cost[2 * w + 1] = cv + secondary[e]!;
        heap.push(w, nk);
      } else if (nk === cost[2 * w] && cv + secondary[e]! < cost[2 * w + 1]! && heap.has(w)) {
        cost[2 * w + 1] = cv + secondary[e]!;
      }
    }
  }
  return settled;
}

/** Value from site `from` to site `to` (indexes) of a flat row-major matrix. */
export function matrixValue(values: Float64Array, size: number, from: number, to: number): number {
  return values[from * size + to]!;
}

/** Row/column index of a site id in a matrix, throwing when the site is not in it. */
export function matrixSiteIndex(m: TravelMatrix, siteId: string): number {
  const i = m.siteIds.indexOf(siteId);
  if (i === -1) throw new Error(`core/graph: site '${siteId}' is not in the matrix`);
  return i;
}

/** Nested rows (for JSON output); unreachable becomes null because JSON has no Infinity. */
export function matrixRows(values: Float64Array, size: number, decimals = 1): (number | null)[][] {
  const f = 10 ** decimals;
  const rows: (number | null)[][] = [];
  for (let i = 0; i < size; i++) {
    const row: (number | null)[] = [];
    for (let j = 0; j < size; j++) {
      const v = values[i * size + j]!;
      row.push(Number.isFinite(v) ? Math.round(v * f) / f : null);
    }
    rows.push(row);
  }
  return rows;
}

/**
 * Integer units (whole seconds or metres, rounded) for exact sums in the solvers; unreachable
 * pairs become -1. Throws if a value does not fit in an Int32.
 */
export function toIntegerMatrix(values: Float64Array): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) { out[i] = -1; continue; }
    const r = Math.round(v);
    if (r > 2147483647) throw new Error(`core/graph: matrix value ${v} does not fit in an Int32`);
    out[i] = r;
  }
  return out;
}
