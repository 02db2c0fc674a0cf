import { buildContractionHierarchy, compileProfileGraph, generateSyntheticNetwork, importRoadNetwork } from '../../../../src/core/graph';
import { TEST_PROFILES } from './graph-test-data';

describe('buildContractionHierarchy', () => {
  const { graph } = importRoadNetwork(generateSyntheticNetwork({ nodes: 900, seed: 42 }));
  const c = compileProfileGraph(graph, TEST_PROFILES, 'car');

  it('ranks every node once and only stores arcs towards higher ranks', () => {
    const h = buildContractionHierarchy(c);
    expect(Array.from(h.rank).sort((a, b) => a - b)).toEqual(Array.from({ length: c.nodeCount }, (_, i) => i));
    for (let v = 0; v < c.nodeCount; v++) {
      for (let e = h.upOffsets[v]!; e < h.upOffsets[v + 1]!; e++) expect(h.rank[h.upHeads[e]!]).toBeGreaterThan(h.rank[v]!);
      for (let e = h.downOffsets[v]!; e < h.downOffsets[v + 1]!; e++) expect(h.rank[h.downHeads[e]!]).toBeGreaterThan(h.rank[v]!);
    }
    // Every original arc between distinct nodes survives, from its lower-ranked end, at no higher cost.
    for (let u = 0; u < c.nodeCount; u++) {
      for (let e = c.offsets[u]!; e < c.offsets[u + 1]!; e++) {
        const v = c.heads[e]!;
        if (u === v) continue;
        let best = Infinity;
        if (h.rank[v]! > h.rank[u]!) {
          for (let k = h.upOffsets[u]!; k < h.upOffsets[u + 1]!; k++) if (h.upHeads[k] === v) best = Math.min(best, h.upPrimary[k]!);
        } else {
          for (let k = h.downOffsets[v]!; k < h.downOffsets[v + 1]!; k++) if (h.downHeads[k] === u) best = Math.min(best, h.downPrimary[k]!);
        }
        expect(best).toBeLessThanOrEqual(c.arcTimeS[e]!);
      }
    }
  });

  it('shortcut costs are sums of real arcs: never below the direct arc between the same nodes', () => {
    const h = buildContractionHierarchy(c);
    const direct = new Map<string, number>();
    for (let v = 0; v < c.nodeCount; v++) {
      for (let e = c.offsets[v]!; e < c.offsets[v + 1]!; e++) {
        const k = `${v}>${c.heads[e]}`;
        direct.set(k, Math.min(direct.get(k) ?? Infinity, c.arcTimeS[e]!));
      }
    }
    for (let v = 0; v < c.nodeCount; v++) {
      for (let e = h.upOffsets[v]!; e < h.upOffsets[v + 1]!; e++) {
        const d = direct.get(`${v}>${h.upHeads[e]}`);
        expect(h.upPrimary[e]).toBeGreaterThan(0);
        if (d !== undefined) expect(h.upPrimary[e]).toBeLessThanOrEqual(d + 1e-9);
      }
    }
  });

  it('is deterministic and respects the metric', () => {
    const a = buildContractionHierarchy(c, { metric: 'distance' });
    const b = buildContractionHierarchy(c, { metric: 'distance' });
    expect(a.metric).toBe('distance');
    expect(Array.from(a.rank)).toEqual(Array.from(b.rank));
    expect(Array.from(a.upPrimary)).toEqual(Array.from(b.upPrimary));
  });
});
