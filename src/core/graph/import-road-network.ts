/**
 * GeoJSON roads → the graphology road graph of record, with an import report.
 *
 * Whole-input problems (not a FeatureCollection, no features, no usable road) throw. Per-feature
 * problems are dropped and listed in the report with the feature index; `strict` turns the first
 * one into an error instead. Nothing is ever coerced to a default weight.
 */
import { MultiDirectedGraph } from 'graphology';
import { stronglyConnectedComponents, summarizeComponents, weaklyConnectedComponents } from './components';
import { isValidLonLat, lineLengthM, type LonLat } from './geo';
import { parseMaxspeed, parseOneway, type OnewayDirection } from './osm-tags';
import type {
  DropReason, DroppedFeature, ImportReport, NamedPlace, RoadEdgeAttributes, RoadGraph, RoadGraphAttributes,
  RoadNetwork, RoadNodeAttributes,
} from './road-network.types';

export interface ImportOptions {
  /** Throw on the first per-feature problem instead of dropping the feature. */
  strict?: boolean;
  /** Treat every road as two-way (for symmetric test networks and what-if studies). */
  ignoreOneway?: boolean;
}

interface RoadPart {
  featureIndex: number;
  keys: string[];
  coords: LonLat[];
  highway: string;
  name: string | null;
  osmId: string | null;
  maxspeedKmh: number | null;
  direction: OnewayDirection;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const GEOMETRY_WORD: Record<string, string> = { Point: 'a Point', MultiPoint: 'a MultiPoint', Polygon: 'a Polygon', MultiPolygon: 'a MultiPolygon', GeometryCollection: 'a GeometryCollection' };

function coordKey(lon: number, lat: number): string {
  return `${lon},${lat}`;
}

function nodeIdOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value !== '') return value;
  return null;
}

export function importRoadNetwork(geojson: unknown, options: ImportOptions = {}): RoadNetwork {
  if (!isRecord(geojson)) throw new Error('core/graph: input is not GeoJSON: expected a FeatureCollection object');
  if (geojson.type !== 'FeatureCollection') {
    throw new Error(`core/graph: input is not a GeoJSON FeatureCollection (type is ${JSON.stringify(geojson.type)})`);
  }
  if (!Array.isArray(geojson.features)) throw new Error('core/graph: FeatureCollection has no features array');
  const features: unknown[] = geojson.features;
  if (features.length === 0) throw new Error('core/graph: FeatureCollection is empty: no roads to import');

  const strict = options.strict === true;
  const ignoreOneway = options.ignoreOneway === true;
  const dropped: DroppedFeature[] = [];
  const drop = (featureIndex: number, reason: DropReason, message: string): void => {
    if (strict) throw new Error(`core/graph: feature ${featureIndex}: ${message}`);
    dropped.push({ featureIndex, reason, message });
  };
  const ignored: number[] = [];
  const places: NamedPlace[] = [];
  const parts: RoadPart[] = [];
  const onewayOdd = { count: 0, featureIndexes: [] as number[], values: {} as Record<string, number> };
  const maxspeedOdd = { count: 0, featureIndexes: [] as number[], values: {} as Record<string, number> };
  const nodeIdProblems = { count: 0, featureIndexes: [] as number[] };
  let maxspeedTagged = 0;
  let roadFeatures = 0;

  features.forEach((feature, i) => {
    if (!isRecord(feature) || feature.type !== 'Feature') {
      drop(i, 'not_a_feature', 'not a GeoJSON Feature');
      return;
    }
    const props = isRecord(feature.properties) ? feature.properties : {};
    const geometry = feature.geometry;
    const highway = typeof props.highway === 'string' && props.highway.trim() !== '' ? props.highway.trim() : null;
    const isRoad = highway !== null || props.kind === 'road';
    if (props.kind === 'place') {
      parsePlace(i, props, geometry);
      return;
    }
    if (!isRoad) {
      ignored.push(i);
      return;
    }
    roadFeatures++;
    if (!isRecord(geometry) || typeof geometry.type !== 'string') {
      drop(i, 'missing_geometry', 'road has no geometry');
      return;
    }
    if (geometry.type !== 'LineString' && geometry.type !== 'MultiLineString') {
      drop(i, 'wrong_geometry_type', `${GEOMETRY_WORD[geometry.type] ?? `a ${geometry.type}`} geometry where a LineString is expected`);
      return;
    }
    if (highway === null) {
      drop(i, 'missing_highway', 'road has no highway class');
      return;
    }
    const lines: unknown[] = geometry.type === 'LineString' ? [geometry.coordinates] : Array.isArray(geometry.coordinates) ? geometry.coordinates : [undefined];
    const rawIds: unknown[] = geometry.type === 'LineString' ? [props.node_ids] : Array.isArray(props.node_ids) ? props.node_ids : [];
    const oneway = parseOneway(props.oneway);
    if (!oneway.recognised) {
      onewayOdd.count++;
      onewayOdd.featureIndexes.push(i);
      const v = String(props.oneway);
      onewayOdd.values[v] = (onewayOdd.values[v] ?? 0) + 1;
    }
    const maxspeed = parseMaxspeed(props.maxspeed);
    if (maxspeed.fellBack) {
      maxspeedOdd.count++;
      maxspeedOdd.featureIndexes.push(i);
      const v = String(props.maxspeed);
      maxspeedOdd.values[v] = (maxspeedOdd.values[v] ?? 0) + 1;
    } else if (maxspeed.kmh !== null) {
      maxspeedTagged++;
    }
    const featureParts: RoadPart[] = [];
    let idsBroken = false;
    for (let li = 0; li < lines.length; li++) {
      const where = lines.length > 1 ? `line ${li}, ` : '';
      const line = lines[li];
      if (!Array.isArray(line)) {
        drop(i, 'invalid_coordinates', `${where}coordinates must be an array of positions`);
        return;
      }
      if (line.length < 2) {
        drop(i, 'too_few_positions', `${where}a LineString needs at least 2 positions, got ${line.length}`);
        return;
      }
      const ids = rawIds[li];
      const useIds = Array.isArray(ids) && ids.length === line.length && ids.every((id) => nodeIdOf(id) !== null);
      if (ids !== undefined && !useIds) idsBroken = true;
      const keys: string[] = [];
      const coords: LonLat[] = [];
      for (let p = 0; p < line.length; p++) {
        const pos: unknown = line[p];
        if (!Array.isArray(pos) || pos.length < 2 || !isValidLonLat(pos[0], pos[1])) {
          const shown = Array.isArray(pos) ? `[${pos.slice(0, 2).map(String).join(', ')}]` : JSON.stringify(pos);
          drop(i, 'invalid_coordinates', `${where}position ${p} ${shown}: coordinates must be finite numbers with lon in [-180, 180] and lat in [-90, 90]`);
          return;
        }
        const lon = pos[0] as number;
        const lat = pos[1] as number;
        const key = useIds ? `n${nodeIdOf((ids as unknown[])[p])}` : `c${coordKey(lon, lat)}`;
        // A repeated vertex adds no length; keeping it would create a zero-length piece.
        if (keys.length > 0 && keys[keys.length - 1] === key) continue;
        keys.push(key);
        coords.push([lon, lat]);
      }
      if (keys.length < 2 || lineLengthM(coords) === 0) {
        drop(i, 'zero_length', `${where}zero-length geometry (all positions coincide)`);
        return;
      }
      featureParts.push({
        featureIndex: i, keys, coords, highway,
        name: typeof props.name === 'string' ? props.name : null,
        osmId: typeof props.osm_id === 'string' || typeof props.osm_id === 'number' ? String(props.osm_id) : null,
        maxspeedKmh: maxspeed.kmh,
        direction: ignoreOneway ? 'both' : oneway.direction,
      });
    }
    if (idsBroken) {
      nodeIdProblems.count++;
      nodeIdProblems.featureIndexes.push(i);
    }
    parts.push(...featureParts);
  });

  function parsePlace(i: number, props: Record<string, unknown>, geometry: unknown): void {
    if (!isRecord(geometry) || geometry.type !== 'Point') {
      drop(i, 'invalid_place', 'a place must be a Point');
      return;
    }
    const c = geometry.coordinates;
    if (!Array.isArray(c) || c.length < 2 || !isValidLonLat(c[0], c[1])) {
      drop(i, 'invalid_place', 'place coordinates must be finite numbers with lon in [-180, 180] and lat in [-90, 90]');
      return;
    }
    if (typeof props.name !== 'string' || props.name.trim() === '') {
      drop(i, 'invalid_place', 'place has no name');
      return;
    }
    places.push({
      id: typeof props.osm_id === 'string' || typeof props.osm_id === 'number' ? String(props.osm_id) : `place-${i}`,
      name: props.name,
      place: typeof props.place === 'string' ? props.place : null,
      lon: c[0] as number,
      lat: c[1] as number,
      featureIndex: i,
    });
  }

  if (parts.length === 0) {
    const why = dropped.length > 0 ? `; ${dropped.length} road feature(s) dropped, first: feature ${dropped[0]!.featureIndex}: ${dropped[0]!.message}` : '';
    throw new Error(`core/graph: no usable roads among ${features.length} feature(s)${why}`);
  }

  // Features without node ids join those with ids where their coordinates coincide.
  const coordToNodeKey = new Map<string, string>();
  for (const part of parts) {
    for (let p = 0; p < part.keys.length; p++) {
      if (part.keys[p]!.startsWith('n')) {
        const ck = `c${coordKey(part.coords[p]![0], part.coords[p]![1])}`;
        if (!coordToNodeKey.has(ck)) coordToNodeKey.set(ck, part.keys[p]!);
      }
    }
  }
  let withIds = 0;
  for (const part of parts) {
    if (part.keys[0]!.startsWith('n')) withIds++;
    else if (coordToNodeKey.size > 0) part.keys = part.keys.map((k) => coordToNodeKey.get(k) ?? k);
  }

  // A vertex is a graph node when it ends a line or is used more than once (a junction).
  const uses = new Map<string, number>();
  for (const part of parts) {
    for (const key of part.keys) uses.set(key, (uses.get(key) ?? 0) + 1);
  }

  const graphAttrs: RoadGraphAttributes = {
    junctionsBy: withIds === parts.length ? 'node_ids' : 'coordinates',
    ignoreOneway,
    pieceCount: 0,
  };
  const graph: RoadGraph = new MultiDirectedGraph<RoadNodeAttributes, RoadEdgeAttributes, RoadGraphAttributes>({ allowSelfLoops: true });
  graph.replaceAttributes(graphAttrs);
  const kmByHighway: Record<string, number> = {};
  let totalM = 0;
  let piece = 0;
  const onewayCounts = { forward: 0, backward: 0, both: 0 };
  for (const part of parts) {
    onewayCounts[part.direction]++;
    let start = 0;
    const last = part.keys.length - 1;
    for (let p = 1; p <= last; p++) {
      if (p !== last && uses.get(part.keys[p]!)! < 2) continue;
      const coords = part.coords.slice(start, p + 1);
      const from = part.keys[start]!;
      const to = part.keys[p]!;
      start = p;
      const lengthM = lineLengthM(coords);
      if (!graph.hasNode(from)) graph.addNode(from, { lon: coords[0]![0], lat: coords[0]![1] });
      if (!graph.hasNode(to)) graph.addNode(to, { lon: coords[coords.length - 1]![0], lat: coords[coords.length - 1]![1] });
      const base = { piece, featureIndex: part.featureIndex, highway: part.highway, name: part.name, osmId: part.osmId, maxspeedKmh: part.maxspeedKmh, lengthM };
      if (part.direction !== 'backward') graph.addDirectedEdgeWithKey(`p${piece}`, from, to, { ...base, direction: 1, coordinates: coords });
      if (part.direction !== 'forward') graph.addDirectedEdgeWithKey(`p${piece}r`, to, from, { ...base, direction: -1, coordinates: coords.slice().reverse() });
      kmByHighway[part.highway] = (kmByHighway[part.highway] ?? 0) + lengthM / 1000;
      totalM += lengthM;
      piece++;
    }
  }
  graph.setAttribute('pieceCount', piece);

  const { offsets, heads } = graphAdjacency(graph);
  const n = graph.order;
  const droppedByReason: Partial<Record<DropReason, number>> = {};
  for (const d of dropped) droppedByReason[d.reason] = (droppedByReason[d.reason] ?? 0) + 1;
  const round3 = (x: number): number => Math.round(x * 1000) / 1000;
  const report: ImportReport = {
    features: features.length,
    roadFeatures,
    places: places.length,
    ignoredFeatures: { count: ignored.length, featureIndexes: ignored },
    dropped,
    droppedByReason,
    nodes: n,
    edges: graph.size,
    pieces: piece,
    junctionsBy: graphAttrs.junctionsBy,
    ignoreOneway,
    totalKm: round3(totalM / 1000),
    kmByHighway: Object.fromEntries(Object.entries(kmByHighway).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, round3(v)])),
    oneway: { ...onewayCounts, unrecognised: onewayOdd },
    maxspeed: { tagged: maxspeedTagged, fellBackToClassDefault: maxspeedOdd },
    nodeIdProblems,
    components: {
      strong: summarizeComponents(stronglyConnectedComponents(n, offsets, heads)),
      weak: summarizeComponents(weaklyConnectedComponents(n, offsets, heads)),
    },
  };
  return { graph, places, report };
}

/** CSR adjacency of every directed edge of the graph, nodes numbered in graph order. */
export function graphAdjacency(graph: RoadGraph): { offsets: Int32Array; heads: Int32Array; nodeIndex: Map<string, number> } {
  const nodeIndex = new Map<string, number>();
  graph.forEachNode((key) => { nodeIndex.set(key, nodeIndex.size); });
  const n = nodeIndex.size;
  const offsets = new Int32Array(n + 1);
  graph.forEachEdge((_e, _a, source) => { offsets[nodeIndex.get(source)! + 1]! += 1; });
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, n);
  const heads = new Int32Array(graph.size);
  graph.forEachEdge((_e, _a, source, target) => { heads[fill[nodeIndex.get(source)!]!++] = nodeIndex.get(target)!; });
  return { offsets, heads, nodeIndex };
}
