/**
 * Point-to-point route on the graph of record with graphology-shortest-path (bidirectional
 * Dijkstra with a per-profile weight getter). Both points are snapped onto roads usable by the
 * profile; the route starts and ends at the snapped points, so it may begin or end mid-piece.
 */
import { bidirectional } from 'graphology-shortest-path/dijkstra';
import { haversineM, type LonLat } from './geo';
import type { CompiledProfileGraph } from './profile-graph';
import type { RoadEdgeAttributes } from './road-network.types';
import { snapSites, type SiteInput, type SnapOptions, type SnappedSite } from './snap-sites';
import type { MatrixMetric } from './travel-matrix';

export interface RoutePath {
  profileId: string;
  metric: MatrixMetric;
  from: SnappedSite;
  to: SnappedSite;
  distanceM: number;
  timeS: number;
  /** Graph nodes passed, in order (empty when the route stays on one piece). */
  nodes: string[];
  /** Graph edges used, in order. */
  edges: string[];
  geometry: { type: 'LineString'; coordinates: LonLat[] };
}

export interface PathOptions extends SnapOptions {
  /** What to minimise (default time). */
  metric?: MatrixMetric;
}

/** Splits a piece's geometry at `offsetM` from its start; the split point is `at` (the snapped point). */
function splitAt(coords: readonly LonLat[], offsetM: number, at: LonLat): { head: LonLat[]; tail: LonLat[] } {
  let acc = 0;
  for (let v = 0; v + 1 < coords.length; v++) {
    const a = coords[v]!;
    const b = coords[v + 1]!;
    const seg = haversineM(a[0], a[1], b[0], b[1]);
    if (acc + seg >= offsetM || v + 2 === coords.length) {
      return { head: [...coords.slice(0, v + 1), at], tail: [at, ...coords.slice(v + 1)] };
    }
    acc += seg;
  }
  return { head: [...coords, at], tail: [at] };
}

function appendLine(out: LonLat[], line: readonly LonLat[]): void {
  for (const p of line) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
}

interface End {
  node: string;
  timeS: number;
  distanceM: number;
  line: LonLat[];
}

/** Route between two points for the profile, or null when no road connects them that way. */
export function shortestPath(
  c: CompiledProfileGraph,
  from: LonLat | SiteInput,
  to: LonLat | SiteInput,
  options: PathOptions = {},
): RoutePath | null {
  const asSite = (p: LonLat | SiteInput, id: string): SiteInput => (Array.isArray(p) ? { id, lon: p[0], lat: p[1] } : p);
  const [a, b] = snapSites(c, [asSite(from, 'from'), asSite(to, 'to')], { maxSnapDistanceM: options.maxSnapDistanceM });
  const src = a!;
  const dst = b!;
  const metric = options.metric ?? 'time';
  const g = c.graph;
  const weight = (_edge: string, attr: RoadEdgeAttributes): number => {
    const speed = c.pieceSpeedMps[attr.piece]!;
    if (!(speed > 0)) return Infinity;
    return metric === 'time' ? attr.lengthM / speed : attr.lengthM;
  };
  const cost = (t: number, d: number): number => (metric === 'time' ? t : d);

  const srcCoords = c.pieceCoords[src.piece]!;
  const dstCoords = c.pieceCoords[dst.piece]!;
  const srcSplit = splitAt(srcCoords, src.offsetM, [src.snappedLon, src.snappedLat]);
  const dstSplit = splitAt(dstCoords, dst.offsetM, [dst.snappedLon, dst.snappedLat]);
  const sv = c.pieceSpeedMps[src.piece]!;
  const dv = c.pieceSpeedMps[dst.piece]!;
  const starts: End[] = [];
  if (c.pieceForward[src.piece]) {
    const m = src.pieceLengthM - src.offsetM;
    starts.push({ node: c.nodeKeys[c.pieceTo[src.piece]!]!, timeS: m / sv, distanceM: m, line: srcSplit.tail });
  }
  if (c.pieceBackward[src.piece]) {
    starts.push({ node: c.nodeKeys[c.pieceFrom[src.piece]!]!, timeS: src.offsetM / sv, distanceM: src.offsetM, line: srcSplit.head.slice().reverse() });
  }
  const ends: End[] = [];
  if (c.pieceForward[dst.piece]) {
    ends.push({ node: c.nodeKeys[c.pieceFrom[dst.piece]!]!, timeS: dst.offsetM / dv, distanceM: dst.offsetM, line: dstSplit.head });
  }
  if (c.pieceBackward[dst.piece]) {
    const m = dst.pieceLengthM - dst.offsetM;
    ends.push({ node: c.nodeKeys[c.pieceTo[dst.piece]!]!, timeS: m / dv, distanceM: m, line: dstSplit.tail.slice().reverse() });
  }

  let best: Omit<RoutePath, 'profileId' | 'metric' | 'from' | 'to'> | null = null;
  let bestCost = Infinity;
  if (src.piece === dst.piece) {
    const along = dst.offsetM - src.offsetM;
    if ((along >= 0 && c.pieceForward[src.piece]) || (along <= 0 && c.pieceBackward[src.piece])) {
      const m = Math.abs(along);
      const line = along >= 0
        ? splitAt(srcSplit.tail, m, [dst.snappedLon, dst.snappedLat]).head
        : splitAt(srcSplit.head.slice().reverse(), m, [dst.snappedLon, dst.snappedLat]).head;
      best = { distanceM: m, timeS: m / sv, nodes: [], edges: [], geometry: { type: 'LineString', coordinates: line } };
      bestCost = cost(m / sv, m);
    }
  }
  const searched = new Map<string, string[] | null>();
  for (const s of starts) {
    for (const e of ends) {
      const pairKey = `${s.node}\u0000${e.node}`;
      let nodes = searched.get(pairKey);
      if (nodes === undefined) {
        nodes = s.node === e.node ? [s.node] : bidirectional(g, s.node, e.node, weight);
        searched.set(pairKey, nodes);
      }
      if (!nodes) continue;
      let timeS = s.timeS + e.timeS;
      let distanceM = s.distanceM + e.distanceM;
      const edges: string[] = [];
      const coordinates: LonLat[] = [];
      appendLine(coordinates, s.line);
      for (let k = 0; k + 1 < nodes.length; k++) {
        // Parallel roads: take the cheapest edge between consecutive nodes (ties: smallest key).
        let pick: string | null = null;
        let pickCost = Infinity;
        for (const edge of g.edges(nodes[k]!, nodes[k + 1]!)) {
          const w = weight(edge, g.getEdgeAttributes(edge));
          if (w < pickCost || (w === pickCost && pick !== null && edge < pick)) { pick = edge; pickCost = w; }
        }
        if (pick === null || pickCost === Infinity) { timeS = Infinity; break; }
        const attr = g.getEdgeAttributes(pick);
        edges.push(pick);
        distanceM += attr.lengthM;
        timeS += attr.lengthM / c.pieceSpeedMps[attr.piece]!;
        appendLine(coordinates, attr.coordinates);
      }
      if (!Number.isFinite(timeS)) continue;
      appendLine(coordinates, e.line);
      const total = cost(timeS, distanceM);
      if (total < bestCost) {
        bestCost = total;
        best = { distanceM, timeS, nodes, edges, geometry: { type: 'LineString', coordinates } };
      }
    }
  }
  if (!best) return null;
  if (best.geometry.coordinates.length === 1) best.geometry.coordinates.push(best.geometry.coordinates[0]!);
  return { profileId: c.profile.id, metric, from: src, to: dst, ...best };
}
