import { haversineM, importRoadNetwork } from '../../../../src/core/graph';
import { collection, road } from './graph-test-data';

const A: [number, number] = [0, 0];
const B: [number, number] = [0.01, 0];
const C: [number, number] = [0.01, 0.01];
const D: [number, number] = [0, 0.01];

describe('importRoadNetwork', () => {
  it('splits roads at shared coordinates into junction-to-junction edges with geometry lengths', () => {
    // One road A-B-C and one D-B: B is a junction, so A-B-C splits in two.
    const { graph, report } = importRoadNetwork(collection(road([A, B, C]), road([D, B])));
    expect(report.junctionsBy).toBe('coordinates');
    expect(report.nodes).toBe(4);
    expect(report.pieces).toBe(3);
    expect(report.edges).toBe(6); // all two-way
    const ab = graph.findEdge((_e, a) => a.lengthM > 0 && a.coordinates[0]![0] === 0 && a.coordinates[0]![1] === 0)!;
    expect(graph.getEdgeAttribute(ab, 'lengthM')).toBeCloseTo(haversineM(0, 0, 0.01, 0), 6);
    expect(report.totalKm).toBeCloseTo((haversineM(...A, ...B) + haversineM(...B, ...C) + haversineM(...D, ...B)) / 1000, 3);
    expect(report.components.strong).toEqual({ count: 1, largest: 4, topSizes: [4] });
  });

  it('keeps interior vertices that are not junctions inside the edge geometry', () => {
    const mid: [number, number] = [0.005, 0.001];
    const { graph, report } = importRoadNetwork(collection(road([A, mid, B])));
    expect(report.nodes).toBe(2);
    const e = graph.edges()[0]!;
    expect(graph.getEdgeAttribute(e, 'coordinates')).toHaveLength(3);
    expect(graph.getEdgeAttribute(e, 'lengthM')).toBeCloseTo(haversineM(...A, ...mid) + haversineM(...mid, ...B), 6);
  });

  it('uses OSM node ids for junctions when given (a crossing without a shared node is no junction)', () => {
    const bridge = road([[0.005, -0.005], [0.005, 0.005]], { node_ids: [10, 11] });
    const street = road([[0, 0], [0.005, 0], [0.01, 0]], { node_ids: [1, 2, 3] });
    const joined = road([[0.01, 0], [0.01, 0.01]], { node_ids: [3, 4] });
    const { report } = importRoadNetwork(collection(bridge, street, joined));
    expect(report.junctionsBy).toBe('node_ids');
    expect(report.nodes).toBe(5); // 10, 11, 1, 3, 4 — vertex 2 is interior
    expect(report.components.weak.count).toBe(2);
  });

  it('falls back to coordinates for a feature whose node_ids do not fit, joining id junctions there', () => {
    const withIds = road([[0, 0], [0.005, 0], [0.01, 0]], { node_ids: [1, 2, 3] });
    const broken = road([[0.005, 0], [0.005, 0.005]], { node_ids: [2] }); // one id for two positions
    const { report } = importRoadNetwork(collection(withIds, broken));
    expect(report.nodeIdProblems).toEqual({ count: 1, featureIndexes: [1] });
    expect(report.nodes).toBe(4); // 1, 2 (now a junction), 3 and the broken road's far end
    expect(report.components.weak.count).toBe(1);
  });

  it('applies oneway semantics per direction and counts the values it does not know', () => {
    const { graph, report } = importRoadNetwork(collection(
      road([A, B], { oneway: 'yes' }),
      road([B, C], { oneway: '-1' }),
      road([C, D], { oneway: 'no' }),
      road([D, A], { oneway: 'alternating' }),
    ));
    const dirs = (from: [number, number], to: [number, number]): number => graph.filterEdges((_e, a) => {
      const s = a.coordinates[0]!; const t = a.coordinates[a.coordinates.length - 1]!;
      return s[0] === from[0] && s[1] === from[1] && t[0] === to[0] && t[1] === to[1];
    }).length;
    expect([dirs(A, B), dirs(B, A)]).toEqual([1, 0]);
    expect([dirs(B, C), dirs(C, B)]).toEqual([0, 1]);
    expect([dirs(C, D), dirs(D, C)]).toEqual([1, 1]);
    expect([dirs(D, A), dirs(A, D)]).toEqual([1, 1]);
    expect(report.oneway).toEqual({ forward: 1, backward: 1, both: 2, unrecognised: { count: 1, featureIndexes: [3], values: { alternating: 1 } } });
    const ignoring = importRoadNetwork(collection(road([A, B], { oneway: 'yes' })), { ignoreOneway: true });
    expect(ignoring.report.edges).toBe(2);
  });

  it('parses maxspeed on edges and counts fallbacks with feature indexes', () => {
    const { graph, report } = importRoadNetwork(collection(
      road([A, B], { maxspeed: '30 mph' }),
      road([B, C], { maxspeed: 'signals' }),
      road([C, D], { maxspeed: '70;50' }),
      road([D, A], { maxspeed: 'none' }),
    ));
    const speeds = graph.mapEdges((_e, a) => [a.featureIndex, a.maxspeedKmh] as const).filter((_x, i) => i % 2 === 0);
    expect(speeds[0]![1]).toBeCloseTo(48.28032, 5);
    expect(speeds[1]![1]).toBeNull();
    expect(speeds[2]![1]).toBe(50);
    expect(report.maxspeed.tagged).toBe(2);
    expect(report.maxspeed.fellBackToClassDefault).toEqual({ count: 2, featureIndexes: [1, 3], values: { signals: 1, none: 1 } });
  });

  it('returns named places separately and ignores other non-road features with a count', () => {
    const place = { type: 'Feature', geometry: { type: 'Point', coordinates: [0.002, 0.001] }, properties: { kind: 'place', name: 'Erts', place: 'village', osm_id: 'node/1' } };
    const lake = { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[A, B, C, A]] }, properties: { natural: 'water' } };
    const { places, report } = importRoadNetwork(collection(road([A, B]), place, lake));
    expect(places).toEqual([{ id: 'node/1', name: 'Erts', place: 'village', lon: 0.002, lat: 0.001, featureIndex: 1 }]);
    expect(report.ignoredFeatures).toEqual({ count: 1, featureIndexes: [2] });
    expect(report.places).toBe(1);
  });

  it('drops degenerate roads with reasons and feature indexes, never weighting them', () => {
    const { report, graph } = importRoadNetwork(collection(
      road([A, B]),
      road([A, A]), // zero-length loop
      road([C]), // one position
      road([A, [NaN, 0]]),
      road([A, [200, 0]]),
      { type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] }, properties: { highway: 'residential' } },
      { type: 'Feature', geometry: null, properties: { highway: 'residential' } },
      'nonsense',
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [C, D] }, properties: { kind: 'road' } },
    ));
    expect(report.dropped.map((d) => [d.featureIndex, d.reason])).toEqual([
      [1, 'zero_length'], [2, 'too_few_positions'], [3, 'invalid_coordinates'], [4, 'invalid_coordinates'],
      [5, 'wrong_geometry_type'], [6, 'missing_geometry'], [7, 'not_a_feature'], [8, 'missing_highway'],
    ]);
    expect(report.droppedByReason).toEqual({ zero_length: 1, too_few_positions: 1, invalid_coordinates: 2, wrong_geometry_type: 1, missing_geometry: 1, not_a_feature: 1, missing_highway: 1 });
    expect(report.dropped[2]!.message).toMatch(/position 1 \[NaN, 0\]: coordinates must be finite numbers/);
    expect(graph.size).toBe(2);
    graph.forEachEdge((_e, a) => expect(a.lengthM).toBeGreaterThan(0));
  });

  it('imports MultiLineString parts as separate lines', () => {
    const multi = { type: 'Feature', geometry: { type: 'MultiLineString', coordinates: [[A, B], [B, C]] }, properties: { highway: 'primary' } };
    const { report } = importRoadNetwork(collection(multi));
    expect(report.pieces).toBe(2);
    expect(report.nodes).toBe(3);
    expect(report.kmByHighway.primary).toBeCloseTo((haversineM(...A, ...B) + haversineM(...B, ...C)) / 1000, 3);
  });

  describe('bad input', () => {
    it('not GeoJSON', () => {
      expect(() => importRoadNetwork('roads.csv')).toThrow('core/graph: input is not GeoJSON: expected a FeatureCollection object');
      expect(() => importRoadNetwork({ type: 'Feature' })).toThrow('core/graph: input is not a GeoJSON FeatureCollection (type is "Feature")');
      expect(() => importRoadNetwork({ type: 'FeatureCollection' })).toThrow('core/graph: FeatureCollection has no features array');
    });

    it('an empty collection', () => {
      expect(() => importRoadNetwork(collection())).toThrow('core/graph: FeatureCollection is empty: no roads to import');
    });

    it('no usable road names the first problem', () => {
      expect(() => importRoadNetwork(collection(road([A, [NaN, 1]])))).toThrow(/core\/graph: no usable roads among 1 feature\(s\); 1 road feature\(s\) dropped, first: feature 0: position 1 \[NaN, 1\]/);
    });

    it('strict mode: a Point where a LineString is expected names the feature', () => {
      const point = { type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] }, properties: { highway: 'track' } };
      expect(() => importRoadNetwork(collection(road([A, B]), point), { strict: true }))
        .toThrow('core/graph: feature 1: a Point geometry where a LineString is expected');
    });

    it('strict mode: NaN coordinates name the feature and position', () => {
      expect(() => importRoadNetwork(collection(road([A, B]), road([B, C]), road([C, [0, NaN]])), { strict: true }))
        .toThrow('core/graph: feature 2: position 1 [0, NaN]: coordinates must be finite numbers with lon in [-180, 180] and lat in [-90, 90]');
    });
  });
});
