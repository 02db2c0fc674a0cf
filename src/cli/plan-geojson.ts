import type { PlanDocument } from '../core/plan/plan.types';

const TIER_COLOURS = { village: '#2a9d8f', township: '#e76f51' } as const;

/** A plan as a GeoJSON FeatureCollection: sites as points, routes as lines coloured by tier. */
export function planToGeoJson(plan: PlanDocument & { id?: string }, sites: { id: string; name: string; tier: string; lon: number; lat: number }[]) {
  const used = new Set(plan.routes.flatMap((r) => r.stops.map((s) => s.siteId)));
  return {
    type: 'FeatureCollection' as const,
    properties: { planId: plan.id ?? null, planner: plan.planner, distanceSource: plan.distanceSource, cutoffAt: plan.cutoffAt,
      totalCostCents: plan.totals.cost.totalCents },
    features: [
      ...sites.filter((s) => used.has(s.id) || s.tier !== 'village').map((s) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [s.lon, s.lat] },
        properties: { kind: 'site', id: s.id, name: s.name, tier: s.tier },
      })),
      ...plan.routes.map((r) => ({
        type: 'Feature' as const,
        geometry: r.geometry,
        properties: { kind: 'route', routeNo: r.routeNo, tier: r.tier, stroke: TIER_COLOURS[r.tier], vehicleId: r.vehicleId, trip: r.trip,
          firmId: r.firmId, distanceM: r.distanceM, durationS: r.durationS, costCents: r.cost.totalCents, co2eGrams: r.co2eGrams,
          stops: r.stops.map((s) => ({ siteId: s.siteId, kind: s.kind, arrivalAt: s.arrivalAt, departureAt: s.departureAt })) },
      })),
    ],
  };
}
