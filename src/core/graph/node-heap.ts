/**
 * Indexed 4-ary min-heap of node ids with decrease-key, reused across searches. Keys are kept in
 * heap order beside the node ids so sifting never chases an indirection, and four children per
 * level halve the depth (the hot loop of every matrix search). Deterministic: the same operations
 * give the same pops.
 */
export class NodeHeap {
  private readonly nodes: Int32Array;
  private readonly keys: Float64Array;
  /** Position of each node in the heap, -1 when absent. */
  private readonly pos: Int32Array;
  private count = 0;

  constructor(nodeCount: number) {
    this.nodes = new Int32Array(nodeCount);
    this.keys = new Float64Array(nodeCount);
    this.pos = new Int32Array(nodeCount).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  has(node: number): boolean {
    return this.pos[node] !== -1;
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) this.pos[this.nodes[i]!] = -1;
    this.count = 0;
  }

  /** Inserts the node with `key`, or lowers its key if it is already queued (never raises it). */
  push(node: number, key: number): void {
    let i = this.pos[node]!;
    if (i === -1) i = this.count++;
    else if (this.keys[i]! <= key) return;
    const { nodes, keys, pos } = this;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pk = keys[parent]!;
      if (pk <= key) break;
      const pn = nodes[parent]!;
      nodes[i] = pn;
      keys[i] = pk;
      pos[pn] = i;
      i = parent;
    }
    nodes[i] = node;
    keys[i] = key;
    pos[node] = i;
  }

  /** Removes and returns the node with the smallest key. */
  pop(): number {
    const { nodes, keys, pos } = this;
    const top = nodes[0]!;
    pos[top] = -1;
    const n = --this.count;
    if (n === 0) return top;
    const node = nodes[n]!;
    const key = keys[n]!;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      let child = first;
      let ck = keys[first]!;
      const last = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < last; c++) {
        const k = keys[c]!;
        if (k < ck) { child = c; ck = k; }
      }
      if (key <= ck) break;
      const cn = nodes[child]!;
      nodes[i] = cn;
      keys[i] = ck;
      pos[cn] = i;
      i = child;
    }
    nodes[i] = node;
    keys[i] = key;
    pos[node] = i;
    return top;
  }
}
