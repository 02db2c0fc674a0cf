/**
 * Snapping sites onto the road network of one vehicle profile: the nearest point on a usable road
 * segment (not just the nearest vertex), with the offset along its piece so travel from the site
 * starts exactly there. Sites too far from any usable road, or not mutually reachable with their
 * hub, are rejected by name.
 */
import { haversineM, isValidLonLat } from './geo';
import type { CompiledProfileGraph } from './profile-graph';
import { nearestSegment } from './segment-index';

export interface SiteInput {
  id: string;
  name?: string;
  lon: number;
  lat: number;
}

export interface SnappedSite {
  id: string;
  name: string;
  lon: number;
  lat: number;
  profileId: string;
  /** Piece the site snapped onto, and the distance along it from its first node (pieceFrom). */
  piece: number;
  offsetM: number;
  pieceLengthM: number;
  snappedLon: number;
  snappedLat: number;
  /** Great-circle distance from the site to its snapped point, metres. */
  snapDistanceM: number;
  /**
   * Strong component of the profile graph the site lies in, or -1 when it lies on a one-way piece
   * that is not on any cycle (such a site can be left or reached, never both).
   */
  component: number;
}

export type SiteRejectionReason = 'invalid_site' | 'too_far' | 'not_mutually_reachable';

export interface SiteRejection {
  id: string;
  name: string;
  reason: SiteRejectionReason;
  message: string;
}

export interface SnapOptions {
  /** Largest accepted distance from a site to a usable road, metres (default 500). */
  maxSnapDistanceM?: number;
  /** Site id of the hub every other site must be mutually reachable with. */
  hubId?: string;
}

export const DEFAULT_MAX_SNAP_DISTANCE_M = 500;

function formatDistance(m: number): string {
  return m >= 10000 ? `${(m / 1000).toFixed(1)} km` : `${Math.round(m)} m`;
}

/** Snaps every site it can; never throws for a bad site, lists it in `rejected` instead. */
export function locateSites(c: CompiledProfileGraph, sites: readonly SiteInput[], options: SnapOptions = {}): { snapped: SnappedSite[]; rejected: SiteRejection[] } {
  const limit = options.maxSnapDistanceM ?? DEFAULT_MAX_SNAP_DISTANCE_M;
  if (!(limit > 0)) throw new Error(`core/graph: maxSnapDistanceM must be a positive number, got ${String(limit)}`);
  const snapped: SnappedSite[] = [];
  const rejected: SiteRejection[] = [];
  const seen = new Set<string>();
  sites.forEach((site, i) => {
    const id = typeof site?.id === 'string' && site.id !== '' ? site.id : null;
    const name = typeof site?.name === 'string' && site.name !== '' ? site.name : id ?? `#${i}`;
    if (id === null) {
      rejected.push({ id: `#${i}`, name, reason: 'invalid_site', message: `site #${i} has no id` });
      return;
    }
    if (seen.has(id)) {
      rejected.push({ id, name, reason: 'invalid_site', message: `site '${name}' repeats id '${id}'` });
      return;
    }
    seen.add(id);
    if (!isValidLonLat(site.lon, site.lat)) {
      rejected.push({ id, name, reason: 'invalid_site', message: `site '${name}' has invalid coordinates (lon ${String(site.lon)}, lat ${String(site.lat)})` });
      return;
    }
    const s = snapPoint(c, site.lon, site.lat);
    if (s === null || s.snapDistanceM > limit) {
      const where = s === null ? 'has no road usable' : `is ${formatDistance(s.snapDistanceM)} from the nearest road usable`;
      rejected.push({ id, name, reason: 'too_far', message: `site '${name}' ${where} by ${c.profile.id} (limit ${formatDistance(limit)})` });
      return;
    }
    snapped.push({ id, name, lon: site.lon, lat: site.lat, profileId: c.profile.id, ...s });
  });
  if (options.hubId !== undefined) {
    const hub = snapped.find((s) => s.id === options.hubId);
    if (!hub) {
      if (!rejected.some((r) => r.id === options.hubId)) {
        throw new Error(`core/graph: hub '${options.hubId}' is not among the sites`);
      }
    } else {
      for (let k = snapped.length - 1; k >= 0; k--) {
        const s = snapped[k]!;
        if (s === hub) continue;
        if (s.component === -1 || s.component !== hub.component) {
          rejected.push({ id: s.id, name: s.name, reason: 'not_mutually_reachable', message: `site '${s.name}' is not mutually reachable with hub '${hub.name}' by ${c.profile.id}` });
          snapped.splice(k, 1);
        }
      }
    }
  }
  // Report in input order.
  const order = new Map(sites.map((s, i) => [typeof s?.id === 'string' ? s.id : `#${i}`, i]));
  rejected.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { snapped, rejected };
}

/** Snaps every site or throws one error that names every rejected site. */
export function snapSites(c: CompiledProfileGraph, sites: readonly SiteInput[], options: SnapOptions = {}): SnappedSite[] {
  const { snapped, rejected } = locateSites(c, sites, options);
  if (rejected.length > 0) {
    const list = rejected.map((r) => r.message).join('; ');
    throw new Error(rejected.length === 1 ? `core/graph: ${list}` : `core/graph: ${rejected.length} sites rejected: ${list}`);
  }
  return snapped;
}

type SnapGeometry = Omit<SnappedSite, 'id' | 'name' | 'lon' | 'lat' | 'profileId'>;

/** Nearest point on a road usable by the profile, with no distance limit; null if the profile has no road. */
export function snapPoint(c: CompiledProfileGraph, lon: number, lat: number): SnapGeometry | null {
  const near = nearestSegment(c.segmentIndex, lon, lat);
  if (near === null) return null;
  const coords = c.pieceCoords[near.piece]!;
  let offset = 0;
  for (let v = 0; v < near.vertex; v++) offset += haversineM(coords[v]![0], coords[v]![1], coords[v + 1]![0], coords[v + 1]![1]);
  const a = coords[near.vertex]!;
  const b = coords[near.vertex + 1]!;
  offset += near.t * haversineM(a[0], a[1], b[0], b[1]);
  const length = c.pieceLengthM[near.piece]!;
  const snappedLon = a[0] + near.t * (b[0] - a[0]);
  const snappedLat = a[1] + near.t * (b[1] - a[1]);
  const from = c.pieceFrom[near.piece]!;
  const to = c.pieceTo[near.piece]!;
  const cf = c.component[from]!;
  return {
    piece: near.piece,
    offsetM: Math.min(length, Math.max(0, offset)),
    pieceLengthM: length,
    snappedLon,
    snappedLat,
    snapDistanceM: haversineM(lon, lat, snappedLon, snappedLat),
    // Two-way pieces always join their ends; a one-way piece is on a cycle only if its ends share a component.
    component: cf === c.component[to] ? cf : -1,
  };
}
