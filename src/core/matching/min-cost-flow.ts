/**
 * Min-cost max-flow by successive shortest paths with node potentials (Dijkstra on reduced costs,
 * stopped once the sink is settled), augmenting along all the shortest paths found (a blocking
 * flow on the zero-reduced-cost arcs) before the next Dijkstra. Augmenting along shortest paths until none is left gives a
 * maximum flow of minimum cost, which is exactly the matcher's lexicographic objective without the
 * split penalty. Costs must be non-negative integers (exact arithmetic, no drifting reduced costs).
 */
export class MinCostFlow {
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly cost: number[] = [];
  private readonly initialCap: number[] = [];

  constructor(readonly nodeCount: number) {}

  /** Adds an arc and its residual twin; returns the arc's index (the twin is index ^ 1). */
  addArc(from: number, to: number, capacity: number, cost: number): number {
    if (!Number.isInteger(cost) || cost < 0) throw new Error('core/matching: min-cost flow costs must be non-negative integers');
    const index = this.to.length;
    this.from.push(from, to);
    this.to.push(to, from);
    this.cap.push(capacity, 0);
    this.cost.push(cost, -cost);
    this.initialCap.push(capacity, 0);
    return index;
  }

  /** Flow on arc `index` after solve(). */
  flowOn(index: number): number {
    return this.initialCap[index] - this.cap[index];
  }

  solve(source: number, sink: number): { flow: number; cost: number; augmentations: number; phases: number } {
    const n = this.nodeCount;
    const m = this.to.length;
    // Forward-star adjacency in typed arrays; arcs of a node stay in insertion order (determinism).
    const start = new Int32Array(n + 1);
    for (let a = 0; a < m; a++) start[this.from[a] + 1]++;
    for (let v = 0; v < n; v++) start[v + 1] += start[v];
    const adj = new Int32Array(m);
    const fill = start.slice(0, n);
    for (let a = 0; a < m; a++) adj[fill[this.from[a]]++] = a;
    const to = Int32Array.from(this.to);
    const cost = Float64Array.from(this.cost);
    const cap = Float64Array.from(this.cap);

    const pi = new Float64Array(n);
    const dist = new Float64Array(n);
    const done = new Uint8Array(n);
    const heap = new BinaryHeap(n);
    const cur = new Int32Array(n);
    const dead = new Uint8Array(n);
    const onPath = new Uint8Array(n);
    const path = new Int32Array(n);
    let flow = 0;
    let total = 0;
    let augmentations = 0;
    let phases = 0;

    for (;;) {
      dist.fill(Infinity);
      done.fill(0);
      dist[source] = 0;
      heap.clear();
      heap.push(source, 0);
      while (heap.size > 0) {
        const u = heap.pop();
        if (done[u]) continue;
        done[u] = 1;
        if (u === sink) break;
        const du = dist[u] + pi[u];
        for (let k = start[u]; k < start[u + 1]; k++) {
          const a = adj[k];
          if (cap[a] <= 0) continue;
          const v = to[a];
          if (done[v]) continue;
          const nd = du + cost[a] - pi[v];
          if (nd < dist[v]) {
            dist[v] = nd;
            heap.push(v, nd);
          }
        }
      }
      if (!done[sink]) break;
      phases++;
      const dt = dist[sink];
      for (let v = 0; v < n; v++) pi[v] += done[v] ? dist[v] : dt;
      // Augment along every shortest path this Dijkstra priced (arcs of zero reduced cost), DFS
      // with current-arc pointers; dead ends are pruned, nodes on the path are not revisited.
      for (let v = 0; v < n; v++) cur[v] = start[v];
      dead.fill(0);
      for (;;) {
        let depth = 0;
        let v = source;
        onPath[source] = 1;
        while (v !== sink) {
          let k = cur[v];
          const end = start[v + 1];
          for (; k < end; k++) {
            const a = adj[k];
            const w = to[a];
            if (cap[a] > 0 && !dead[w] && !onPath[w] && cost[a] + pi[v] - pi[w] === 0) break;
          }
          cur[v] = k;
          if (k < end) {
            const a = adj[k];
            path[depth++] = a;
            v = to[a];
            onPath[v] = 1;
          } else {
            dead[v] = 1;
            onPath[v] = 0;
            if (v === source) break;
            const a = path[--depth];
            v = to[a ^ 1];
            cur[v]++;
          }
        }
        if (v !== sink) break;
        let push = Infinity;
        for (let i = 0; i < depth; i++) push = Math.min(push, cap[path[i]]);
        for (let i = 0; i < depth; i++) {
          const a = path[i];
          cap[a] -= push;
          cap[a ^ 1] += push;
          total += push * cost[a];
          onPath[to[a]] = 0;
        }
        onPath[source] = 0;
        flow += push;
        augmentations++;
      }
    }
    for (let a = 0; a < m; a++) this.cap[a] = cap[a];
    return { flow, cost: total, augmentations, phases };
  }
}

/** Min-heap of (node, key) with lazy deletion; ties break by node index for determinism. */
class BinaryHeap {
  private nodes: Int32Array;
  private keys: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.nodes = new Int32Array(Math.max(16, capacity));
    this.keys = new Float64Array(Math.max(16, capacity));
  }

  clear(): void {
    this.size = 0;
  }

  private less(i: number, j: number): boolean {
    return this.keys[i] < this.keys[j] || (this.keys[i] === this.keys[j] && this.nodes[i] < this.nodes[j]);
  }

  private swap(i: number, j: number): void {
    const n = this.nodes[i];
    this.nodes[i] = this.nodes[j];
    this.nodes[j] = n;
    const k = this.keys[i];
    this.keys[i] = this.keys[j];
    this.keys[j] = k;
  }

  push(node: number, key: number): void {
    if (this.size === this.nodes.length) {
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.nodes = nodes;
      this.keys = keys;
    }
    let i = this.size++;
    this.nodes[i] = node;
    this.keys[i] = key;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): number {
    const top = this.nodes[0];
    this.size--;
    if (this.size > 0) {
      this.nodes[0] = this.nodes[this.size];
      this.keys[0] = this.keys[this.size];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < this.size && this.less(l, best)) best = l;
        if (r < this.size && this.less(r, best)) best = r;
        if (best === i) break;
        this.swap(i, best);
        i = best;
      }
    }
    return top;
  }
}
