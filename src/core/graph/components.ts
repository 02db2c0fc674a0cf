/**
 * Connected components over a compact adjacency (CSR: offsets[n+1], heads[m]). Strong components
 * use an iterative Tarjan so deep road chains cannot overflow the call stack.
 */
import type { ComponentSummary } from './road-network.types';

export interface ComponentLabels {
  /** Component id per node, 0 … count-1. */
  label: Int32Array;
  count: number;
}

export function stronglyConnectedComponents(n: number, offsets: Int32Array, heads: Int32Array): ComponentLabels {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const label = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  let sp = 0;
  let counter = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = offsets[root]!;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth]!;
      const e = callEdge[depth]!;
      if (e < offsets[v + 1]!) {
        callEdge[depth] = e + 1;
        const w = heads[e]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          depth++;
          callNode[depth] = w;
          callEdge[depth] = offsets[w]!;
        } else if (onStack[w] && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
        continue;
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          label[w] = count;
        } while (w !== v);
        count++;
      }
      depth--;
      if (depth >= 0) {
        const parent = callNode[depth]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
    }
  }
  return { label, count };
}

/** Weak components: direction ignored (union-find with path halving). */
export function weaklyConnectedComponents(n: number, offsets: Int32Array, heads: Int32Array): ComponentLabels {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let v = 0; v < n; v++) {
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
      const a = find(v);
      const b = find(heads[e]!);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
  const label = new Int32Array(n).fill(-1);
  const rootLabel = new Int32Array(n).fill(-1);
  let count = 0;
  for (let v = 0; v < n; v++) {
    const r = find(v);
    if (rootLabel[r] === -1) rootLabel[r] = count++;
    label[v] = rootLabel[r]!;
  }
  return { label, count };
}

/** Component count and sizes; with `include`, only over the nodes it marks (e.g. nodes a profile can use). */
export function summarizeComponents(labels: ComponentLabels, include?: Uint8Array): ComponentSummary {
  const sizes = new Array<number>(labels.count).fill(0);
  for (let i = 0; i < labels.label.length; i++) if (!include || include[i]) sizes[labels.label[i]!]! += 1;
  const nonEmpty = sizes.filter((s) => s > 0).sort((a, b) => b - a);
  return { count: nonEmpty.length, largest: nonEmpty[0] ?? 0, topSizes: nonEmpty.slice(0, 10) };
}
