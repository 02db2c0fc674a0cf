/**
 * Geodesy used everywhere in core/graph: one haversine with turf's mean Earth radius, so lengths
 * from import, snapping and paths agree with each other (and with turf.length to rounding).
 */

export type LonLat = [number, number];

export const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;
/** Metres per degree of latitude on the sphere. */
export const METRES_PER_DEGREE = EARTH_RADIUS_M * RAD;

export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s1 = Math.sin(dLat / 2);
  const s2 = Math.sin(dLon / 2);
  const a = s1 * s1 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * s2 * s2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

export function lineLengthM(coordinates: readonly LonLat[]): number {
  let total = 0;
  for (let i = 1; i < coordinates.length; i++) {
    const a = coordinates[i - 1]!;
    const b = coordinates[i]!;
    total += haversineM(a[0], a[1], b[0], b[1]);
  }
  return total;
}

/** True for a finite lon in [-180, 180] and lat in [-90, 90]. */
export function isValidLonLat(lon: unknown, lat: unknown): boolean {
  return typeof lon === 'number' && typeof lat === 'number' && Number.isFinite(lon) && Number.isFinite(lat)
    && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

/**
 * Local equirectangular projection to metres around a reference latitude. Accurate to well under
 * a percent across a county, which is all nearest-segment search needs (reported distances use
 * haversine).
 */
export interface LocalProjection {
  readonly lon0: number;
  readonly lat0: number;
  readonly kx: number;
  readonly ky: number;
}

export function createLocalProjection(lon0: number, lat0: number): LocalProjection {
  return { lon0, lat0, kx: METRES_PER_DEGREE * Math.cos(lat0 * RAD), ky: METRES_PER_DEGREE };
}
