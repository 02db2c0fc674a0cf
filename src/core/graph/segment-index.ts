/**
 * Uniform-grid spatial index over straight road segments (consecutive vertices of a piece), in a
 * local metric projection. Finds the nearest point on any indexed segment by searching rings of
 * cells outwards until no unvisited cell can hold anything closer.
 */
import { createLocalProjection, type LocalProjection, type LonLat } from './geo';

export interface SegmentIndex {
  readonly projection: LocalProjection;
  readonly cellSizeM: number;
  readonly minX: number;
  readonly minY: number;
  readonly cols: number;
  readonly rows: number;
  /** CSR: segments of cell c are items[cellStart[c] … cellStart[c+1]-1]. */
  readonly cellStart: Int32Array;
  readonly items: Int32Array;
  readonly segPiece: Int32Array;
  /** Index of the segment's first vertex within its piece geometry. */
  readonly segVertex: Int32Array;
  readonly x1: Float64Array;
  readonly y1: Float64Array;
  readonly x2: Float64Array;
  readonly y2: Float64Array;
}

export interface NearestSegment {
  segment: number;
  piece: number;
  vertex: number;
  /** Position along the segment, 0 … 1. */
  t: number;
  /** Distance in the local projection, metres. */
  projectedDistanceM: number;
}

/** pieces[i] is the geometry of piece i or undefined when the piece is not to be indexed. */
export function buildSegmentIndex(pieces: readonly (readonly LonLat[] | undefined)[], cellSizeM = 250): SegmentIndex {
  let count = 0;
  let sumLon = 0;
  let sumLat = 0;
  let nPts = 0;
  for (const coords of pieces) {
    if (!coords) continue;
    count += coords.length - 1;
    for (const c of coords) { sumLon += c[0]; sumLat += c[1]; nPts++; }
  }
  const projection = createLocalProjection(nPts ? sumLon / nPts : 0, nPts ? sumLat / nPts : 0);
  const { lon0, lat0, kx, ky } = projection;
  const segPiece = new Int32Array(count);
  const segVertex = new Int32Array(count);
  const x1 = new Float64Array(count);
  const y1 = new Float64Array(count);
  const x2 = new Float64Array(count);
  const y2 = new Float64Array(count);
  let s = 0;
  let minX = Infinity; let minY = Infinity; let maxX = -Infinity; let maxY = -Infinity;
  pieces.forEach((coords, piece) => {
    if (!coords) return;
    for (let v = 0; v + 1 < coords.length; v++) {
      segPiece[s] = piece;
      segVertex[s] = v;
      x1[s] = (coords[v]![0] - lon0) * kx;
      y1[s] = (coords[v]![1] - lat0) * ky;
      x2[s] = (coords[v + 1]![0] - lon0) * kx;
      y2[s] = (coords[v + 1]![1] - lat0) * ky;
      minX = Math.min(minX, x1[s]!, x2[s]!); maxX = Math.max(maxX, x1[s]!, x2[s]!);
      minY = Math.min(minY, y1[s]!, y2[s]!); maxY = Math.max(maxY, y1[s]!, y2[s]!);
      s++;
    }
  });
  if (count === 0) { minX = minY = 0; maxX = maxY = 0; }
  const cols = Math.max(1, Math.floor((maxX - minX) / cellSizeM) + 1);
  const rows = Math.max(1, Math.floor((maxY - minY) / cellSizeM) + 1);
  const cellOf = (x: number, y: number): [number, number] => [
    Math.min(cols - 1, Math.max(0, Math.floor((x - minX) / cellSizeM))),
    Math.min(rows - 1, Math.max(0, Math.floor((y - minY) / cellSizeM))),
  ];
  // Two passes (count, then fill) over each segment's bounding box of cells.
  const cellStart = new Int32Array(cols * rows + 1);
  const forEachCell = (seg: number, fn: (cell: number) => void): void => {
    const [c1, r1] = cellOf(Math.min(x1[seg]!, x2[seg]!), Math.min(y1[seg]!, y2[seg]!));
    const [c2, r2] = cellOf(Math.max(x1[seg]!, x2[seg]!), Math.max(y1[seg]!, y2[seg]!));
    for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) fn(r * cols + c);
  };
  for (let seg = 0; seg < count; seg++) forEachCell(seg, (cell) => { cellStart[cell + 1]! += 1; });
  for (let c = 0; c < cols * rows; c++) cellStart[c + 1]! += cellStart[c]!;
  const items = new Int32Array(cellStart[cols * rows]!);
  const fill = cellStart.slice(0, cols * rows);
  for (let seg = 0; seg < count; seg++) forEachCell(seg, (cell) => { items[fill[cell]!++] = seg; });
  return { projection, cellSizeM, minX, minY, cols, rows, cellStart, items, segPiece, segVertex, x1, y1, x2, y2 };
}

/** Nearest indexed segment to (lon, lat) within maxDistanceM (projected), or null. */
export function nearestSegment(index: SegmentIndex, lon: number, lat: number, maxDistanceM = Infinity): NearestSegment | null {
  const { lon0, lat0, kx, ky } = index.projection;
  const px = (lon - lon0) * kx;
  const py = (lat - lat0) * ky;
  const { cellSizeM, minX, minY, cols, rows, cellStart, items } = index;
  const cx = Math.floor((px - minX) / cellSizeM);
  const cy = Math.floor((py - minY) / cellSizeM);
  // Distance from the point to the grid's bounding box: nothing can be closer than that.
  const gx = Math.max(0, minX - px, px - (minX + cols * cellSizeM));
  const gy = Math.max(0, minY - py, py - (minY + rows * cellSizeM));
  if (Math.hypot(gx, gy) > maxDistanceM || items.length === 0) return null;
  let best = -1;
  let bestD2 = maxDistanceM === Infinity ? Infinity : maxDistanceM * maxDistanceM;
  let bestT = 0;
  const scanCell = (cell: number): void => {
    for (let k = cellStart[cell]!; k < cellStart[cell + 1]!; k++) {
      const seg = items[k]!;
      const ax = index.x1[seg]!; const ay = index.y1[seg]!;
      const dx = index.x2[seg]! - ax; const dy = index.y2[seg]! - ay;
      const len2 = dx * dx + dy * dy;
      let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = ax + t * dx - px; const ey = ay + t * dy - py;
      const d2 = ex * ex + ey * ey;
      // Ties go to the lower segment id so the result does not depend on cell visiting order.
      if (d2 < bestD2 || (d2 === bestD2 && best !== -1 && seg < best)) { best = seg; bestD2 = d2; bestT = t; }
    }
  };
  // Rings of cells at Chebyshev distance `ring` from the point's cell; rings that miss the grid
  // are skipped, so a point far outside costs no more than one inside.
  const firstRing = Math.max(0, -cx, cx - cols + 1, -cy, cy - rows + 1);
  const lastRing = Math.max(cx, cols - 1 - cx, cy, rows - 1 - cy);
  for (let ring = firstRing; ring <= lastRing; ring++) {
    // Every cell in this ring is at least (ring - 1) cells away from the point.
    const lower = Math.max(0, (ring - 1) * cellSizeM);
    if (lower * lower > bestD2) break;
    const r0 = Math.max(0, cy - ring);
    const r1 = Math.min(rows - 1, cy + ring);
    const c0 = Math.max(0, cx - ring);
    const c1 = Math.min(cols - 1, cx + ring);
    for (let r = r0; r <= r1; r++) {
      if (r === cy - ring || r === cy + ring) {
        for (let c = c0; c <= c1; c++) scanCell(r * cols + c);
      } else {
        if (cx - ring >= 0 && cx - ring < cols) scanCell(r * cols + cx - ring);
        if (ring > 0 && cx + ring >= 0 && cx + ring < cols) scanCell(r * cols + cx + ring);
      }
    }
  }
  if (best === -1) return null;
  return { segment: best, piece: index.segPiece[best]!, vertex: index.segVertex[best]!, t: bestT, projectedDistanceM: Math.sqrt(bestD2) };
}
