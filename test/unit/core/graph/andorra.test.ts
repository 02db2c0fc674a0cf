/**
 * The real OpenStreetMap network of Andorra (../shared/networks/andorra.geojson, © OpenStreetMap
 * contributors, ODbL): read in place, never copied into the repository.
 */
import { length as turfLength, lineString } from '@turf/turf';
import {
  buildContractionHierarchy, compileProfileGraph, computeTravelMatrix, importRoadNetwork, networkContentHash, shortestPath,
  snapSites, type CompiledProfileGraph, type RoadNetwork, type TravelMatrix, type VehicleProfileSet,
} from '../../../../src/core/graph';
import { loadAndorra, loadConfigProfiles } from './graph-test-data';

let geojson: unknown;
let network: RoadNetwork;
let profiles: VehicleProfileSet;
const compiled = new Map<string, CompiledProfileGraph>();
const compile = (id: string): CompiledProfileGraph => {
  if (!compiled.has(id)) compiled.set(id, compileProfileGraph(network.graph, profiles, id));
  return compiled.get(id)!;
};

beforeAll(() => {
  geojson = loadAndorra();
  network = importRoadNetwork(geojson);
  profiles = loadConfigProfiles();
});

function expectTriangleInequality(values: Float64Array, n: number): void {
  let violations = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const ij = values[i * n + j]!;
      for (let k = 0; k < n; k++) {
        // Relative tolerance for floating-point sums of many edges.
        if (values[i * n + k]! > ij + values[j * n + k]! + 1e-9 * values[i * n + k]!) violations++;
      }
    }
  }
  expect(violations).toBe(0);
}

function expectSymmetric(values: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = values[i * n + j]!;
      const b = values[j * n + i]!;
      expect(Number.isFinite(a)).toBe(true);
      expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * a);
    }
  }
}

describe('Andorra road network', () => {
  it('imports every road and the 59 named places', () => {
    const r = network.report;
    expect(r.features).toBe(1375);
    expect(r.roadFeatures).toBe(1316);
    expect(r.dropped).toEqual([]);
    expect(network.places).toHaveLength(59);
    expect(r.junctionsBy).toBe('node_ids');
    expect(r.nodes).toBe(network.graph.order);
    expect(r.edges).toBe(network.graph.size);
    expect(Object.values(r.kmByHighway).reduce((a, b) => a + b, 0)).toBeCloseTo(r.totalKm, 1);
    expect(r.kmByHighway.track).toBeGreaterThan(0);
    // One main strongly connected road network holding the vast majority of junctions.
    expect(r.components.strong.largest / r.nodes).toBeGreaterThan(0.9);
    expect(r.maxspeed.tagged).toBeGreaterThan(100);
    expect(new Set(network.places.map((p) => p.id)).size).toBe(59);
    expect(networkContentHash(geojson)).toBe(networkContentHash(loadAndorra()));
  });

  it('edge lengths agree with turf.length on the edge geometry', () => {
    let checked = 0;
    network.graph.forEachEdge((_e, a) => {
      if (checked++ % 10 !== 0) return;
      const turfM = turfLength(lineString(a.coordinates), { units: 'meters' });
      expect(Math.abs(a.lengthM - turfM)).toBeLessThanOrEqual(1e-9 * turfM + 1e-9);
    });
    expect(checked).toBe(network.graph.size);
  });

  it('all 59 places snap within 500 m to a road usable by a reefer van', () => {
    const snapped = snapSites(compile('reefer-van'), network.places, { maxSnapDistanceM: 500 });
    expect(snapped).toHaveLength(59);
    for (const s of snapped) {
      expect(s.snapDistanceM).toBeLessThanOrEqual(500);
      expect(profiles.profiles['reefer-van']!.allowedHighways).toContain(compile('reefer-van').pieceHighway[s.piece]);
    }
  });

  it('with one-way ignored the 59 × 59 matrices are symmetric', () => {
    const twoWay = importRoadNetwork(geojson, { ignoreOneway: true });
    const c = compileProfileGraph(twoWay.graph, profiles, 'reefer-van');
    const byTime = computeTravelMatrix(c, network.places);
    expectSymmetric(byTime.time, 59);
    expectSymmetric(byTime.distance, 59);
    const byDistance = computeTravelMatrix(c, network.places, { metric: 'distance' });
    expectSymmetric(byDistance.distance, 59);
    // With one-way streets the real network is not symmetric.
    const directed = computeTravelMatrix(compile('reefer-van'), network.places);
    let asymmetric = 0;
    for (let i = 0; i < 59; i++) for (let j = i + 1; j < 59; j++) if (Math.abs(directed.time[i * 59 + j]! - directed.time[j * 59 + i]!) > 1) asymmetric++;
    expect(asymmetric).toBeGreaterThan(0);
  });

  it.each(['reefer-truck-5t', 'reefer-van', 'insulated-tricycle'])('the triangle inequality holds for every triple of places (%s)', (id) => {
    const c = compile(id);
    const byTime = computeTravelMatrix(c, network.places);
    const byDistance = computeTravelMatrix(c, network.places, { metric: 'distance' });
    for (const v of byTime.time) expect(Number.isFinite(v)).toBe(true);
    expectTriangleInequality(byTime.time, 59);
    expectTriangleInequality(byDistance.distance, 59);
    // The contraction hierarchy gives the same matrix.
    const ch: TravelMatrix = computeTravelMatrix(c, network.places, { hierarchy: buildContractionHierarchy(c) });
    for (let k = 0; k < 59 * 59; k++) expect(Math.abs(ch.time[k]! - byTime.time[k]!)).toBeLessThanOrEqual(1e-9 * byTime.time[k]!);
  });

  it('the reefer truck never uses a track; the tricycle does where it helps', () => {
    const truck = compile('reefer-truck-5t');
    for (let k = 0; k < truck.arcPiece.length; k++) expect(truck.pieceHighway[truck.arcPiece[k]!]).not.toBe('track');
    const places = network.places;
    let trackEdgesTricycle = 0;
    for (let i = 0; i < places.length; i++) {
      const from = places[i]!;
      const to = places[(i * 7 + 3) % places.length]!;
      if (from === to) continue;
      const p = shortestPath(truck, from, to)!;
      expect(p).not.toBeNull();
      for (const e of p.edges) expect(network.graph.getEdgeAttribute(e, 'highway')).not.toBe('track');
      expect(truck.pieceHighway[p.from.piece]).not.toBe('track');
      const t = shortestPath(compile('insulated-tricycle'), from, to, { metric: 'distance' })!;
      trackEdgesTricycle += t.edges.filter((e) => network.graph.getEdgeAttribute(e, 'highway') === 'track').length;
    }
    expect(trackEdgesTricycle).toBeGreaterThan(0);
  });

  it('rejects a site in the sea with its name', () => {
    const sites = [network.places[0]!, { id: 'med', name: 'Mediterranean buoy', lon: 3.5, lat: 42.0 }];
    expect(() => snapSites(compile('reefer-van'), sites)).toThrow(/^core\/graph: site 'Mediterranean buoy' is \d+\.\d km from the nearest road usable by reefer-van \(limit 500 m\)$/);
  });
});
