import { stronglyConnectedComponents, summarizeComponents, weaklyConnectedComponents } from '../../../../src/core/graph';

function csr(n: number, arcs: [number, number][]) {
  const offsets = new Int32Array(n + 1);
  for (const [u] of arcs) offsets[u + 1]! += 1;
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, n);
  const heads = new Int32Array(arcs.length);
  for (const [u, v] of arcs) heads[fill[u]!++] = v;
  return { offsets, heads };
}

describe('components', () => {
  it('finds strong and weak components', () => {
    // 0↔1→2→3→2, 4 isolated, 5→6
    const { offsets, heads } = csr(7, [[0, 1], [1, 0], [1, 2], [2, 3], [3, 2], [5, 6]]);
    const strong = stronglyConnectedComponents(7, offsets, heads);
    const l = strong.label;
    expect(l[0]).toBe(l[1]);
    expect(l[2]).toBe(l[3]);
    expect(l[0]).not.toBe(l[2]);
    expect(l[5]).not.toBe(l[6]);
    expect(summarizeComponents(strong)).toEqual({ count: 5, largest: 2, topSizes: [2, 2, 1, 1, 1] });
    const weak = weaklyConnectedComponents(7, offsets, heads);
    expect(summarizeComponents(weak)).toEqual({ count: 3, largest: 4, topSizes: [4, 2, 1] });
  });

  it('handles a long chain without recursion limits', () => {
    const n = 200_000;
    const arcs: [number, number][] = [];
    for (let i = 0; i + 1 < n; i++) arcs.push([i, i + 1]);
    arcs.push([n - 1, 0]);
    const { offsets, heads } = csr(n, arcs);
    expect(stronglyConnectedComponents(n, offsets, heads).count).toBe(1);
  });
});
