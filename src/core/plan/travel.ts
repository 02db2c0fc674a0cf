import { haversineMetres } from '../geo/haversine';
import type { DistanceSource } from './plan.types';

/** A many-to-many travel matrix between sites for one vehicle profile: seconds and metres, row-major, Infinity = unreachable. */
export interface TravelMatrixData { siteIds: readonly string[]; time: ArrayLike<number>; distance: ArrayLike<number> }
export type TravelByProfile = Readonly<Record<string, TravelMatrixData>>;

export interface Leg { metres: number; seconds: number }

export interface Travel {
  source: DistanceSource;
  leg(profile: string, from: string, to: string): Leg;
}

/** Without road matrices, legs are straight lines driven at this average speed (a labelled fallback). */
export const STRAIGHT_LINE_SPEED_MPS = 40_000 / 3600;

/**
 * Travel between sites: from the road network's matrices (one per vehicle profile) when given, else
 * straight-line distance at a fixed speed. A planner asks for legs by site id and never mixes the two.
 */
export function createTravel(sites: readonly { id: string; lon: number; lat: number }[], matrices?: TravelByProfile): Travel {
  if (!matrices) {
    const at = new Map(sites.map((s) => [s.id, s]));
    return {
      source: 'straight-line',
      leg(_profile, from, to) {
        const a = at.get(from);
        const b = at.get(to);
        if (!a || !b) throw new Error(`core/plan: no site '${!a ? from : to}'`);
        const metres = haversineMetres(a.lon, a.lat, b.lon, b.lat);
        return { metres, seconds: metres / STRAIGHT_LINE_SPEED_MPS };
      },
    };
  }
  const indexes = new Map(Object.entries(matrices).map(([profile, m]) => [profile, new Map(m.siteIds.map((id, i) => [id, i]))]));
  return {
    source: 'road-network',
    leg(profile, from, to) {
      const m = matrices[profile];
      const index = indexes.get(profile);
      if (!m || !index) throw new Error(`core/plan: no travel matrix for vehicle profile '${profile}'`);
      const i = index.get(from);
      const j = index.get(to);
      if (i === undefined || j === undefined) throw new Error(`core/plan: site '${i === undefined ? from : to}' is not in the '${profile}' matrix`);
      const k = i * m.siteIds.length + j;
      return { metres: m.distance[k]!, seconds: m.time[k]! };
    },
  };
}
