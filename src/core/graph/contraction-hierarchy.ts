/**
 * Contraction hierarchy over a compiled profile graph, for fast many-to-many matrices.
 *
 * Nodes are contracted one by one (cheapest first by edge difference + contracted neighbours); when
 * a node goes, a shortcut replaces each shortest path through it unless a bounded local search
 * finds a path at least as short (a witness). A search that hits its bound adds the shortcut, so
 * bounds trade size for build time, never correctness. Every arc carries the optimised metric
 * (`primary`) and the other one summed along the same path (`secondary`), so a matrix can report
 * the distance of the fastest route. Build once per (network, profile, metric) and cache.
 */
import { NodeHeap } from './node-heap';
import type { CompiledProfileGraph } from './profile-graph';
import type { MatrixMetric } from './travel-matrix';

export interface ContractionHierarchy {
  readonly graph: CompiledProfileGraph;
  readonly metric: MatrixMetric;
  readonly nodeCount: number;
  /** Contraction order: higher rank = contracted later = more important. */
  readonly rank: Int32Array;
  /** Upward arcs u→w (rank[w] > rank[u]) for forward searches. */
  readonly upOffsets: Int32Array;
  readonly upHeads: Int32Array;
  readonly upPrimary: Float64Array;
  readonly upSecondary: Float64Array;
  /** Arcs u→w seen from w with rank[u] > rank[w], for backward searches (heads are the u). */
  readonly downOffsets: Int32Array;
  readonly downHeads: Int32Array;
  readonly downPrimary: Float64Array;
  readonly downSecondary: Float64Array;
  readonly shortcuts: number;
}

export interface HierarchyOptions {
  metric?: MatrixMetric;
  /** Nodes a witness search may settle before giving up when contracting (default 120). */
  witnessSettleLimit?: number;
  /** The same bound when only estimating a node's priority (default 30). */
  estimateSettleLimit?: number;
}

interface Adjacency { to: number[]; p: number[]; s: number[] }

function addOrImprove(adj: Adjacency, to: number, p: number, s: number): boolean {
  const i = adj.to.indexOf(to);
  if (i === -1) { adj.to.push(to); adj.p.push(p); adj.s.push(s); return true; }
  if (p < adj.p[i]! || (p === adj.p[i] && s < adj.s[i]!)) { adj.p[i] = p; adj.s[i] = s; }
  return false;
}

function removeNeighbour(adj: Adjacency, node: number): void {
  const i = adj.to.indexOf(node);
  if (i === -1) return;
  const last = adj.to.length - 1;
  adj.to[i] = adj.to[last]!; adj.p[i] = adj.p[last]!; adj.s[i] = adj.s[last]!;
  adj.to.pop(); adj.p.pop(); adj.s.pop();
}

/** Min-heap of (priority, node) pairs that tolerates stale duplicates. */
class PriorityQueue {
  private readonly keys: number[] = [];
  private readonly ids: number[] = [];
  get size(): number { return this.keys.length; }
  topKey(): number { return this.keys[0]!; }
  push(key: number, id: number): void {
    const { keys, ids } = this;
    let i = keys.length;
    keys.push(key); ids.push(id);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p]! < key || (keys[p] === key && ids[p]! < id)) break;
      keys[i] = keys[p]!; ids[i] = ids[p]!;
      i = p;
    }
    keys[i] = key; ids[i] = id;
  }
  pop(): [number, number] {
    const { keys, ids } = this;
    const top: [number, number] = [keys[0]!, ids[0]!];
    const key = keys.pop()!; const id = ids.pop()!;
    const n = keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && (keys[c + 1]! < keys[c]! || (keys[c + 1] === keys[c] && ids[c + 1]! < ids[c]!))) c++;
        if (key < keys[c]! || (key === keys[c] && id < ids[c]!)) break;
        keys[i] = keys[c]!; ids[i] = ids[c]!;
        i = c;
      }
      keys[i] = key; ids[i] = id;
    }
    return top;
  }
}

export function buildContractionHierarchy(c: CompiledProfileGraph, options: HierarchyOptions = {}): ContractionHierarchy {
  const metric = options.metric ?? 'time';
  const settleLimit = options.witnessSettleLimit ?? 120;
  const estimateLimit = options.estimateSettleLimit ?? 30;
  const n = c.nodeCount;
  const primary = metric === 'time' ? c.arcTimeS : c.arcLengthM;
  const secondary = metric === 'time' ? c.arcLengthM : c.arcTimeS;
  const out: Adjacency[] = [];
  const inc: Adjacency[] = [];
  for (let v = 0; v < n; v++) { out.push({ to: [], p: [], s: [] }); inc.push({ to: [], p: [], s: [] }); }
  for (let v = 0; v < n; v++) {
    for (let e = c.offsets[v]!; e < c.offsets[v + 1]!; e++) {
      const w = c.heads[e]!;
      if (w === v) continue; // a loop never shortens a path
      addOrImprove(out[v]!, w, primary[e]!, secondary[e]!);
      addOrImprove(inc[w]!, v, primary[e]!, secondary[e]!);
    }
  }
  // Parallel arcs were merged one-sidedly above; make both views agree on the best arc.
  for (let v = 0; v < n; v++) {
    const o = out[v]!;
    for (let i = 0; i < o.to.length; i++) {
      const back = inc[o.to[i]!]!;
      const j = back.to.indexOf(v);
      back.p[j] = o.p[i]!; back.s[j] = o.s[i]!;
    }
  }

  const contracted = new Uint8Array(n);
  const deletedNeighbours = new Int32Array(n);
  const rank = new Int32Array(n).fill(-1);
  const dist = new Float64Array(n);
  const stamp = new Int32Array(n);
  let run = 0;
  const heap = new NodeHeap(n);

  const targetStamp = new Int32Array(n);
  let targetRun = 0;
  /**
   * Bounded Dijkstra from `source` avoiding `skip`, stopping once the `targets` marked with the
   * current targetRun are settled; leaves distances in dist (valid where stamp === run).
   */
  const witnessSearch = (source: number, skip: number, maxCost: number, limit: number, targets: number): void => {
    const r = ++run;
    heap.clear();
    dist[source] = 0; stamp[source] = r;
    heap.push(source, 0);
    let settled = 0;
    let remaining = targets;
    while (heap.size > 0 && settled < limit && remaining > 0) {
      const x = heap.pop();
      const dx = dist[x]!;
      settled++;
      if (targetStamp[x] === targetRun) remaining--;
      const o = out[x]!;
      const to = o.to;
      const p = o.p;
      for (let i = 0; i < to.length; i++) {
        const y = to[i]!;
        if (y === skip || contracted[y]) continue;
        const d = dx + p[i]!;
        // Paths dearer than the longest candidate shortcut cannot be witnesses: never queue them.
        if (d > maxCost) continue;
        if (stamp[y] !== r || d < dist[y]!) { stamp[y] = r; dist[y] = d; heap.push(y, d); }
      }
    }
  };

  /** Shortcuts needed to contract v; added to the graph when `apply`. */
  const contract = (v: number, apply: boolean): number => {
    let needed = 0;
    // Shortcuts change out[u] and inc[w] for neighbours u, w ≠ v, never v's own lists.
    const { to: ins, p: inP, s: inS } = inc[v]!;
    const { to: outs, p: outP, s: outS } = out[v]!;
    for (let a = 0; a < ins.length; a++) {
      const u = ins[a]!;
      let maxOut = -Infinity;
      targetRun++;
      let targets = 0;
      for (let b = 0; b < outs.length; b++) {
        if (outs[b] === u) continue;
        if (outP[b]! > maxOut) maxOut = outP[b]!;
        targetStamp[outs[b]!] = targetRun;
        targets++;
      }
      if (targets === 0) continue;
      witnessSearch(u, v, inP[a]! + maxOut, apply ? settleLimit : estimateLimit, targets);
      for (let b = 0; b < outs.length; b++) {
        const w = outs[b]!;
        if (w === u) continue;
        const via = inP[a]! + outP[b]!;
        if (stamp[w] === run && dist[w]! <= via) continue;
        needed++;
        if (apply) {
          const added = addOrImprove(out[u]!, w, via, inS[a]! + outS[b]!);
          addOrImprove(inc[w]!, u, via, inS[a]! + outS[b]!);
          if (added) shortcuts++;
        }
      }
    }
    return needed;
  };
  let shortcuts = 0;
  const priority = (v: number): number => 2 * contract(v, false) - inc[v]!.to.length - out[v]!.to.length + deletedNeighbours[v]!;

  const queue = new PriorityQueue();
  const current = new Float64Array(n);
  for (let v = 0; v < n; v++) { current[v] = priority(v); queue.push(current[v]!, v); }

  const upArcs: number[][] = [];
  const downArcs: number[][] = [];
  let nextRank = 0;
  while (queue.size > 0) {
    const [key, v] = queue.pop();
    if (contracted[v] || key !== current[v]) continue;
    // Priorities are refreshed whenever a neighbour is contracted, so the queued one is current enough.
    contract(v, true);
    contracted[v] = 1;
    rank[v] = nextRank++;
    const o = out[v]!;
    const i = inc[v]!;
    const up: number[] = [];
    const down: number[] = [];
    for (let b = 0; b < o.to.length; b++) up.push(o.to[b]!, o.p[b]!, o.s[b]!);
    for (let a = 0; a < i.to.length; a++) down.push(i.to[a]!, i.p[a]!, i.s[a]!);
    upArcs[v] = up; downArcs[v] = down;
    const neighbours = new Set<number>([...o.to, ...i.to]);
    for (const w of o.to) removeNeighbour(inc[w]!, v);
    for (const u of i.to) removeNeighbour(out[u]!, v);
    out[v] = { to: [], p: [], s: [] }; inc[v] = { to: [], p: [], s: [] };
    for (const w of neighbours) {
      deletedNeighbours[w]! += 1;
      current[w] = priority(w);
      queue.push(current[w]!, w);
    }
  }

  const toCsr = (lists: number[][]): { offsets: Int32Array; heads: Int32Array; p: Float64Array; s: Float64Array } => {
    const offsets = new Int32Array(n + 1);
    for (let v = 0; v < n; v++) offsets[v + 1] = offsets[v]! + (lists[v]?.length ?? 0) / 3;
    const m = offsets[n]!;
    const heads = new Int32Array(m); const p = new Float64Array(m); const s = new Float64Array(m);
    for (let v = 0; v < n; v++) {
      const l = lists[v] ?? [];
      for (let k = 0, e = offsets[v]!; k < l.length; k += 3, e++) { heads[e] = l[k]!; p[e] = l[k + 1]!; s[e] = l[k + 2]!; }
    }
    return { offsets, heads, p, s };
  };
  const up = toCsr(upArcs);
  const down = toCsr(downArcs);
  return {
    graph: c, metric, nodeCount: n, rank,
    upOffsets: up.offsets, upHeads: up.heads, upPrimary: up.p, upSecondary: up.s,
    downOffsets: down.offsets, downHeads: down.heads, downPrimary: down.p, downSecondary: down.s,
    shortcuts,
  };
}
