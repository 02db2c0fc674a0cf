import fc from 'fast-check';
import { compileProfileGraph, haversineM, importRoadNetwork, locateSites, snapSites } from '../../../../src/core/graph';
import { collection, road, TEST_PROFILES } from './graph-test-data';

const A: [number, number] = [0, 0];
const B: [number, number] = [0.01, 0];
const C: [number, number] = [0.01, 0.01];
const D: [number, number] = [0, 0.01];

describe('snapSites', () => {
  it('snaps to the nearest point on a segment, not the nearest vertex, and records the distance', () => {
    const { graph } = importRoadNetwork(collection(road([A, [0.004, 0], B]), road([B, C])));
    const c = compileProfileGraph(graph, TEST_PROFILES, 'car');
    const [s] = snapSites(c, [{ id: 'x', name: 'Mill', lon: 0.007, lat: 0.0009 }]);
    expect(s!.snappedLon).toBeCloseTo(0.007, 9);
    expect(s!.snappedLat).toBeCloseTo(0, 9);
    expect(s!.snapDistanceM).toBeCloseTo(haversineM(0.007, 0.0009, 0.007, 0), 3);
    expect(s!.offsetM).toBeCloseTo(haversineM(0, 0, 0.007, 0), 3);
    expect(s!.pieceLengthM).toBeCloseTo(haversineM(0, 0, 0.01, 0), 3);
  });

  it('only snaps to roads the profile may use', () => {
    const { graph } = importRoadNetwork(collection(road([A, B], { highway: 'track' }), road([D, C])));
    const near = { id: 'farm', lon: 0.005, lat: 0.001 };
    const [car] = snapSites(graph && compileProfileGraph(graph, TEST_PROFILES, 'car'), [near]);
    expect(car!.snappedLat).toBeCloseTo(0, 9);
    const [truck] = snapSites(compileProfileGraph(graph, TEST_PROFILES, 'truck'), [near], { maxSnapDistanceM: 2000 });
    expect(truck!.snappedLat).toBeCloseTo(0.01, 9);
    expect(() => snapSites(compileProfileGraph(graph, TEST_PROFILES, 'truck'), [near]))
      .toThrow("core/graph: site 'farm' is 1001 m from the nearest road usable by truck (limit 500 m)");
  });

  it('rejects a site in the sea by name, and lists every bad site in one error', () => {
    const { graph } = importRoadNetwork(collection(road([A, B]), road([B, C])));
    const c = compileProfileGraph(graph, TEST_PROFILES, 'car');
    const sites = [
      { id: 'ok', lon: 0.005, lat: 0.0001 },
      { id: 'sea', name: 'Gulf of Guinea buoy', lon: -1, lat: -1 },
      { id: 'nan', name: 'Broken', lon: NaN, lat: 0 },
      { id: 'ok', lon: 0.005, lat: 0.0001 },
    ];
    expect(() => snapSites(c, sites)).toThrow(
      `core/graph: 3 sites rejected: site 'Gulf of Guinea buoy' is ${(haversineM(-1, -1, 0, 0) / 1000).toFixed(1)} km from the nearest road usable by car (limit 500 m); `
      + "site 'Broken' has invalid coordinates (lon NaN, lat 0); site 'ok' repeats id 'ok'",
    );
    const { snapped, rejected } = locateSites(c, sites);
    expect(snapped.map((s) => s.id)).toEqual(['ok']);
    expect(rejected.map((r) => r.reason)).toEqual(['too_far', 'invalid_site', 'invalid_site']);
    // A point on the far side of the Earth is answered at once, with its distance.
    expect(() => snapSites(c, [{ id: 'antipode', lon: 179.9, lat: -0.5 }])).toThrow(/site 'antipode' is \d+\.\d km from the nearest road/);
    // The limit is an option.
    expect(snapSites(c, [{ id: 'far', lon: 0.005, lat: 0.008 }], { maxSnapDistanceM: 1000 })[0]!.snapDistanceM).toBeGreaterThan(500);
  });

  it('rejects sites not mutually reachable with the hub', () => {
    // Square with a one-way spur B→E→F (dead end) and an isolated road G-H.
    const E: [number, number] = [0.02, 0];
    const F: [number, number] = [0.02, 0.01];
    const { graph } = importRoadNetwork(collection(
      road([A, B]), road([B, C]), road([C, D]), road([D, A]),
      road([B, E], { oneway: 'yes' }), road([E, F]),
      road([[0.005, 0.02], [0.015, 0.02]]),
    ));
    const c = compileProfileGraph(graph, TEST_PROFILES, 'car');
    const sites = [
      { id: 'hub', name: 'County hub', lon: 0.005, lat: 0 },
      { id: 'st', name: 'Station', lon: 0.01, lat: 0.005 },
      { id: 'spur', name: 'Spur farm', lon: 0.02, lat: 0.005 },
      { id: 'island', name: 'Island', lon: 0.01, lat: 0.0201 },
      { id: 'arrow', name: 'On the arrow', lon: 0.015, lat: 0 },
    ];
    expect(() => snapSites(c, sites, { hubId: 'hub' })).toThrow(
      "core/graph: 3 sites rejected: site 'Spur farm' is not mutually reachable with hub 'County hub' by car; "
      + "site 'Island' is not mutually reachable with hub 'County hub' by car; site 'On the arrow' is not mutually reachable with hub 'County hub' by car",
    );
    expect(snapSites(c, sites.slice(0, 2), { hubId: 'hub' })).toHaveLength(2);
    expect(() => snapSites(c, sites, { hubId: 'nope' })).toThrow("core/graph: hub 'nope' is not among the sites");
  });

  it('finds the same nearest segment as a brute-force scan', () => {
    const segs: [number, number][][] = [];
    for (let i = 0; i < 30; i++) segs.push([[0.001 * i, 0.0003 * (i % 7)], [0.001 * i + 0.0007, 0.0003 * (i % 5) + 0.002]]);
    const { graph } = importRoadNetwork(collection(...segs.map((s) => road(s))));
    const c = compileProfileGraph(graph, TEST_PROFILES, 'car');
    fc.assert(fc.property(fc.double({ min: -0.01, max: 0.04, noNaN: true }), fc.double({ min: -0.01, max: 0.01, noNaN: true }), (lon, lat) => {
      const [s] = snapSites(c, [{ id: 'p', lon, lat }], { maxSnapDistanceM: 1e6 });
      // Brute force over every segment in the same local projection.
      const kx = Math.cos(lat * Math.PI / 180);
      let best = Infinity;
      for (const [p, q] of segs) {
        const dx = (q![0] - p![0]) * kx; const dy = q![1] - p![1];
        let t = (((lon - p![0]) * kx) * dx + (lat - p![1]) * dy) / (dx * dx + dy * dy);
        t = Math.max(0, Math.min(1, t));
        best = Math.min(best, haversineM(lon, lat, p![0] + t * (q![0] - p![0]), p![1] + t * (q![1] - p![1])));
      }
      expect(s!.snapDistanceM).toBeLessThanOrEqual(best * 1.001 + 1e-6);
    }), { numRuns: 200 });
  });
});
