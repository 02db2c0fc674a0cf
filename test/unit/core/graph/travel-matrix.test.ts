import fc from 'fast-check';
import {
  AUTO_HIERARCHY_MIN_SITES, buildContractionHierarchy, compileProfileGraph, computeTravelMatrix, createMatrixWorkspace, generateSyntheticNetwork,
  haversineM, importRoadNetwork, matrixRows, matrixSiteIndex, matrixValue, shortestPath, snapSites, toIntegerMatrix,
} from '../../../../src/core/graph';
import { createRandom } from '../../../../src/core/shared/random';
import { collection, road, TEST_PROFILES } from './graph-test-data';

const A: [number, number] = [0, 0];
const B: [number, number] = [0.01, 0];
const C: [number, number] = [0.01, 0.01];
const D: [number, number] = [0, 0.01];
const E: [number, number] = [0.03, 0.03];
const F: [number, number] = [0.031, 0.03];

function square() {
  const { graph } = importRoadNetwork(collection(
    road([A, B], { oneway: 'yes', highway: 'primary' }), road([B, C]), road([C, D], { highway: 'track' }), road([D, A]),
    road([B, E], { oneway: 'yes' }), road([E, F]),
  ));
  return graph;
}

const sites = [
  { id: 'a', lon: 0.003, lat: 0.0001 },
  { id: 'b', lon: 0.01, lat: 0.004 },
  { id: 'c', lon: 0.006, lat: 0.01 },
  { id: 'd', lon: 0, lat: 0.002 },
  { id: 'e', lon: 0.0305, lat: 0.0301 },
];

describe('computeTravelMatrix', () => {
  it('matches graphology shortest paths for every pair, with both engines', () => {
    const graph = square();
    for (const profile of ['car', 'truck', 'tricycle']) {
      const c = compileProfileGraph(graph, TEST_PROFILES, profile);
      const plain = computeTravelMatrix(c, sites);
      const ch = computeTravelMatrix(c, sites, { hierarchy: buildContractionHierarchy(c) });
      expect(plain.siteIds).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(ch.engine).toBe('hierarchy');
      let unreachable = 0;
      for (let i = 0; i < sites.length; i++) {
        for (let j = 0; j < sites.length; j++) {
          const p = i === j ? null : shortestPath(c, sites[i]!, sites[j]!);
          const t = matrixValue(plain.time, plain.size, i, j);
          if (i === j) expect(t).toBe(0);
          else if (p === null) { expect(t).toBe(Infinity); expect(plain.distance[i * 5 + j]).toBe(Infinity); unreachable++; }
          else {
            expect(t).toBeCloseTo(p.timeS, 6);
            expect(plain.distance[i * 5 + j]).toBeCloseTo(p.distanceM, 6);
          }
          expect(ch.time[i * 5 + j]).toBeCloseTo(t, 6);
          if (Number.isFinite(t)) expect(ch.distance[i * 5 + j]).toBeCloseTo(plain.distance[i * 5 + j]!, 6);
        }
      }
      // E can be reached from the square (one-way B→E) but never left towards it; without the
      // track C-D the truck cannot get back from B or C to A or D either.
      expect(unreachable).toBe(profile === 'truck' ? 9 : 4);
    }
  });

  it('marks unreachable pairs as Infinity, -1 in integer form and null in rows', () => {
    const c = compileProfileGraph(square(), TEST_PROFILES, 'car');
    const m = computeTravelMatrix(c, sites);
    const e = matrixSiteIndex(m, 'e');
    expect(m.time[e * 5]).toBe(Infinity);
    expect(Number.isFinite(m.time[e])).toBe(true);
    const ints = toIntegerMatrix(m.time);
    expect(ints[e * 5]).toBe(-1);
    expect(ints[e]).toBe(Math.round(m.time[e]!));
    expect(matrixRows(m.time, 5)[e]![0]).toBeNull();
    expect(() => matrixSiteIndex(m, 'zz')).toThrow("core/graph: site 'zz' is not in the matrix");
  });

  it('a pair on the same piece follows the piece directly, in an allowed direction only', () => {
    const { graph } = importRoadNetwork(collection(road([A, B], { oneway: 'yes' }), road([B, C]), road([C, D]), road([D, A])));
    const c = compileProfileGraph(graph, TEST_PROFILES, 'car');
    const m = computeTravelMatrix(c, [{ id: 'x', lon: 0.002, lat: 0 }, { id: 'y', lon: 0.008, lat: 0 }]);
    expect(m.distance[1]).toBeCloseTo(haversineM(0.002, 0, 0.008, 0), 3);
    // y → x goes round the block: rest of A-B, the three other sides, then the start of A-B.
    const sideM = haversineM(0, 0, 0.01, 0);
    expect(m.distance[2]).toBeCloseTo(sideM - haversineM(0.002, 0, 0.008, 0) + 3 * sideM, 0);
  });

  it('chooses the engine: plain for few sites, a one-off hierarchy on request or for many sites', () => {
    const c = compileProfileGraph(square(), TEST_PROFILES, 'car');
    const auto = computeTravelMatrix(c, sites);
    const built = computeTravelMatrix(c, sites, { engine: 'hierarchy' });
    expect(auto.engine).toBe('plain');
    expect(built.engine).toBe('hierarchy');
    for (let k = 0; k < 25; k++) expect(built.time[k]).toBeCloseTo(auto.time[k]!, 9);
    const many = Array.from({ length: AUTO_HIERARCHY_MIN_SITES }, (_, i) => ({ id: `m${i}`, lon: 0.00005 * (i % 200), lat: 0 }));
    expect(computeTravelMatrix(c, many).engine).toBe('hierarchy');
    expect(() => computeTravelMatrix(c, sites, { engine: 'fast' as 'plain' })).toThrow("core/graph: unknown matrix engine 'fast'");
  });

  it('distance metric never gives a longer distance, time metric never a longer time', () => {
    const c = compileProfileGraph(square(), TEST_PROFILES, 'car');
    const byTime = computeTravelMatrix(c, sites);
    const byDistance = computeTravelMatrix(c, sites, { metric: 'distance' });
    for (let k = 0; k < 25; k++) {
      if (!Number.isFinite(byTime.time[k])) continue;
      expect(byDistance.distance[k]).toBeLessThanOrEqual(byTime.distance[k]! + 1e-9);
      expect(byTime.time[k]).toBeLessThanOrEqual(byDistance.time[k]! + 1e-9);
    }
  });

  it('accepts pre-snapped sites and a reusable workspace, and refuses mismatches', () => {
    const graph = square();
    const c = compileProfileGraph(graph, TEST_PROFILES, 'car');
    const ws = createMatrixWorkspace(c);
    const snapped = snapSites(c, sites);
    const once = computeTravelMatrix(c, snapped, {}, ws);
    const twice = computeTravelMatrix(c, snapped, {}, ws);
    expect(Array.from(twice.time)).toEqual(Array.from(once.time));
    const truck = compileProfileGraph(graph, TEST_PROFILES, 'truck');
    expect(() => computeTravelMatrix(truck, snapped)).toThrow("core/graph: site 'a' was snapped for profile car, not truck");
    expect(() => computeTravelMatrix(truck, sites, {}, ws)).toThrow('core/graph: matrix workspace belongs to another compiled graph');
    expect(() => computeTravelMatrix(truck, sites, { hierarchy: buildContractionHierarchy(c) })).toThrow('core/graph: contraction hierarchy was built from another compiled graph');
    expect(() => computeTravelMatrix(c, sites, { hierarchy: buildContractionHierarchy(c), metric: 'distance' })).toThrow('core/graph: contraction hierarchy optimises time, not distance');
  });

  it('plain Dijkstra, contraction hierarchy and graphology agree on generated networks', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom<'time' | 'distance'>('time', 'distance'), (seed, metric) => {
      const gj = generateSyntheticNetwork({ nodes: 300, seed });
      const { graph } = importRoadNetwork(gj);
      const c = compileProfileGraph(graph, TEST_PROFILES, 'truck');
      const rnd = createRandom(seed);
      const pts = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, lon: 110 + rnd.next() * 0.02, lat: 30 + rnd.next() * 0.02 }));
      const snapped = snapSites(c, pts, { maxSnapDistanceM: 5000 });
      const plain = computeTravelMatrix(c, snapped, { metric });
      const ch = computeTravelMatrix(c, snapped, { metric, hierarchy: buildContractionHierarchy(c, { metric }) });
      const key = metric === 'time' ? 'time' : 'distance';
      for (let k = 0; k < plain.time.length; k++) {
        if (!Number.isFinite(plain[key][k])) { expect(ch[key][k]).toBe(Infinity); continue; }
        expect(Math.abs(ch[key][k]! - plain[key][k]!)).toBeLessThan(1e-6 * Math.max(1, plain[key][k]!));
      }
      for (let t = 0; t < 6; t++) {
        const i = rnd.int(12); const j = rnd.int(12);
        if (i === j) continue;
        const p = shortestPath(c, snapped[i]!, snapped[j]!, { metric, maxSnapDistanceM: 5000 });
        const v = plain[key][i * 12 + j]!;
        if (p === null) expect(v).toBe(Infinity);
        else expect(Math.abs((metric === 'time' ? p.timeS : p.distanceM) - v)).toBeLessThan(1e-6 * Math.max(1, v));
      }
    }), { numRuns: 8 });
  });
});
