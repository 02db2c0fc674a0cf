/**
 * Seeded generator of a county-like road network as GeoJSON (for benchmarks and tests): a jittered
 * grid of junctions with a sparse primary network, residential and unclassified fill, some tracks
 * and service roads, a few one-way streets and some missing links. Same seed, same network.
 */
import { createRandom } from '../shared/random';

export interface SyntheticNetworkOptions {
  /** Approximate number of junctions (a square grid of about this many points). */
  nodes: number;
  seed: number;
  /** Grid spacing, metres (default 150). */
  spacingM?: number;
  /** South-west corner (default near 30°N, 110°E). */
  origin?: [number, number];
}

export interface SyntheticFeature {
  type: 'Feature';
  geometry: { type: 'LineString'; coordinates: [number, number][] };
  properties: { kind: 'road'; highway: string; node_ids: number[]; maxspeed?: string; oneway?: string; name?: string };
}

export interface SyntheticNetwork {
  type: 'FeatureCollection';
  features: SyntheticFeature[];
  /** Grid size actually generated. */
  rows: number;
  cols: number;
}

export function generateSyntheticNetwork(options: SyntheticNetworkOptions): SyntheticNetwork {
  const rnd = createRandom(options.seed);
  const side = Math.max(2, Math.round(Math.sqrt(options.nodes)));
  const rows = side;
  const cols = side;
  const spacing = options.spacingM ?? 150;
  const [lon0, lat0] = options.origin ?? [110, 30];
  const dLat = spacing / 111195;
  const dLon = dLat / Math.cos((lat0 * Math.PI) / 180);
  const lon = new Float64Array(rows * cols);
  const lat = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      lon[i] = lon0 + (c + (rnd.next() - 0.5) * 0.4) * dLon;
      lat[i] = lat0 + (r + (rnd.next() - 0.5) * 0.4) * dLat;
    }
  }
  const features: SyntheticFeature[] = [];
  let midId = rows * cols;
  const major = 12;
  const addRoad = (a: number, b: number, onLine: number, other: number): void => {
    const primary = onLine % major === 0;
    const secondary = !primary && onLine % 4 === 0;
    if (!primary && !secondary && rnd.next() < 0.12) return; // missing link
    let highway = primary ? 'primary' : secondary ? 'secondary' : 'residential';
    if (!primary && !secondary) {
      const x = rnd.next();
      if (x < 0.1) highway = 'track';
      else if (x < 0.16) highway = 'service';
      else if (x < 0.4) highway = 'unclassified';
    }
    // A bent road: the middle vertex is offset sideways, so length exceeds the straight line.
    const mx = (lon[a]! + lon[b]!) / 2 + (rnd.next() - 0.5) * 0.3 * dLon;
    const my = (lat[a]! + lat[b]!) / 2 + (rnd.next() - 0.5) * 0.3 * dLat;
    const props: SyntheticFeature['properties'] = { kind: 'road', highway, node_ids: [a, midId++, b] };
    if (primary && other % 3 === 0) props.maxspeed = '80';
    if (highway === 'residential' && rnd.next() < 0.05) props.oneway = rnd.next() < 0.5 ? 'yes' : '-1';
    features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: [[lon[a]!, lat[a]!], [mx, my], [lon[b]!, lat[b]!]] }, properties: props });
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      if (c + 1 < cols) addRoad(i, i + 1, r, c);
      if (r + 1 < rows) addRoad(i, i + cols, c, r);
    }
  }
  return { type: 'FeatureCollection', features, rows, cols };
}
