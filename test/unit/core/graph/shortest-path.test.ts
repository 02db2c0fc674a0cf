import { compileProfileGraph, haversineM, importRoadNetwork, shortestPath } from '../../../../src/core/graph';
import { collection, road, TEST_PROFILES } from './graph-test-data';

// A square A-B-C-D around the origin, ~1.1 km a side.
const A: [number, number] = [0, 0];
const B: [number, number] = [0.01, 0];
const C: [number, number] = [0.01, 0.01];
const D: [number, number] = [0, 0.01];
const side = (p: [number, number], q: [number, number]): number => haversineM(p[0], p[1], q[0], q[1]);
const kmh = (v: number): number => v / 3.6;

function route(features: unknown[], profile: string, from: [number, number], to: [number, number], ignoreOneway = false, metric: 'time' | 'distance' = 'time') {
  const { graph } = importRoadNetwork(collection(...features), { ignoreOneway });
  return shortestPath(compileProfileGraph(graph, TEST_PROFILES, profile), from, to, { metric });
}

describe('shortestPath', () => {
  it('respects one-way roads: against the arrow the route goes round the block', () => {
    const roads = [road([A, B], { oneway: 'yes' }), road([B, C]), road([C, D]), road([D, A])];
    const forward = route(roads, 'car', A, B)!;
    expect(forward.distanceM).toBeCloseTo(side(A, B), 6);
    expect(forward.timeS).toBeCloseTo(side(A, B) / kmh(30), 6);
    const back = route(roads, 'car', B, A)!;
    expect(back.distanceM).toBeCloseTo(side(B, C) + side(C, D) + side(D, A), 6);
    expect(back.geometry.coordinates).toEqual([B, C, D, A]);
    // -1 is the other way round; ignoring one-way makes both direct.
    const reversed = [road([A, B], { oneway: '-1' }), road([B, C]), road([C, D]), road([D, A])];
    expect(route(reversed, 'car', B, A)!.distanceM).toBeCloseTo(side(A, B), 6);
    expect(route(reversed, 'car', A, B)!.distanceM).toBeCloseTo(3 * side(A, B), 0);
    expect(route(roads, 'car', B, A, true)!.distanceM).toBeCloseTo(side(A, B), 6);
  });

  it('uses maxspeed: the faster of two equal-length ways wins, and a ;-list takes its lowest', () => {
    // A→C via B (primary) or via D (residential, 30 km/h default); the two legs are about equal.
    const via = (maxspeed: string): unknown[] => [road([A, B], { highway: 'primary', maxspeed }), road([B, C], { highway: 'primary', maxspeed }), road([A, D]), road([D, C])];
    const fast = route(via('20 mph'), 'car', A, C)!;
    expect(fast.geometry.coordinates).toEqual([A, B, C]);
    expect(fast.timeS).toBeCloseTo((side(A, B) + side(B, C)) / kmh(20 * 1.609344), 6);
    const slow = route(via('60;25'), 'car', A, C)!;
    expect(slow.geometry.coordinates).toEqual([A, D, C]);
    expect(slow.timeS).toBeCloseTo((side(A, D) + side(D, C)) / kmh(30), 6);
    // Unreadable maxspeed: class default of primary (60) applies.
    expect(route(via('signals'), 'car', A, C)!.timeS).toBeCloseTo((side(A, B) + side(B, C)) / kmh(60), 6);
  });

  it('keeps each profile on its allowed roads', () => {
    // A short track A→C diagonal versus the residential way round.
    const roads = [road([A, C], { highway: 'track' }), road([A, B]), road([B, C])];
    // Shortest by distance: the car takes the track, the truck may not.
    expect(route(roads, 'car', A, C, false, 'distance')!.distanceM).toBeCloseTo(side(A, C), 6);
    const truck = route(roads, 'truck', A, C, false, 'distance')!;
    expect(truck.geometry.coordinates).toEqual([A, B, C]);
    expect(truck.nodes).toHaveLength(1); // A and C lie on the end pieces; only B is passed
    // Fastest: the car prefers 30 km/h round the block to the 15 km/h track …
    expect(route(roads, 'car', A, C)!.geometry.coordinates).toEqual([A, B, C]);
    // … while the tricycle, capped at 20 km/h, is quicker on the track.
    expect(route(roads, 'tricycle', A, C)!.timeS).toBeCloseTo(side(A, C) / kmh(15), 6);
  });

  it('starts and ends mid-segment at the snapped points, with exact partial lengths', () => {
    const roads = [road([A, B]), road([B, C])];
    const mid: [number, number] = [0.005, 0.0002]; // ~22 m north of the middle of A-B
    const p = route(roads, 'car', mid, C)!;
    expect(p.from.snapDistanceM).toBeCloseTo(haversineM(0.005, 0.0002, 0.005, 0), 0);
    expect(p.distanceM).toBeCloseTo(side(A, B) / 2 + side(B, C), 0);
    expect(p.geometry.coordinates[0]![0]).toBeCloseTo(0.005, 9);
    expect(p.geometry.coordinates[0]![1]).toBeCloseTo(0, 9);
    expect(p.geometry.coordinates[p.geometry.coordinates.length - 1]).toEqual(C);
    // Both points on one piece: no node visited.
    const q = route(roads, 'car', [0.002, 0], [0.007, 0])!;
    expect(q.nodes).toEqual([]);
    expect(q.distanceM).toBeCloseTo(side([0.002, 0], [0.007, 0]), 3);
  });

  it('returns null when no usable road connects the points', () => {
    const roads = [road([A, B], { oneway: 'yes' }), road([C, D])];
    expect(route(roads, 'car', B, A)).toBeNull();
    expect(route(roads, 'car', A, D)).toBeNull();
  });

  it('rejects a point far from any usable road with its name', () => {
    expect(() => route([road([A, B])], 'car', A, [0.5, 0.5])).toThrow(/core\/graph: site 'to' is 7\d\.\d km from the nearest road usable by car \(limit 500 m\)/);
  });
});
