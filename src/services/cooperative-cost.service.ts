import { costPerKgFromLegs, costPerKgStraightLine, type LegVehicle } from '../core/matching/cooperative-cost-per-kg';
import type { Db } from '../db/connection';
import { loadCooperativeGeography, loadFleetCapacities } from '../db/match.repository';
import { findCurrentRoadNetwork } from '../db/road-network.repository';
import type { RoadNetworkService } from './road-network.service';

interface SiteVehicle extends LegVehicle { profile: string }

/**
 * Each cooperative's cold-chain cost per kg to the hub (the matcher's costPerKg; formula in
 * core/matching/cooperative-cost-per-kg.ts): on the county's road network when it has one — each leg on
 * the roads of the vehicle that drives it — else on straight lines. Null = it cannot ship (no vehicle, no road).
 */
export async function cooperativeCostsPerKg(db: Db, networks: RoadNetworkService | undefined, countyId: string): Promise<Map<string, number | null>> {
  const { geography, fleets } = await db.transaction().execute(async (trx) => ({
    geography: await loadCooperativeGeography(trx, countyId), fleets: await loadFleetCapacities(trx, countyId),
  }));
  // The biggest vehicle based at each site stands for the site's leg (routes are shared, so big loads set the rate).
  const biggestAt = new Map<string, SiteVehicle>();
  for (const f of fleets) {
    const v = { profile: f.profile, costPerKmCents: Number(f.cost_per_km_cents),
      capacityKg: (f.compartments as { capacityKg: number }[]).reduce((s, c) => s + c.capacityKg, 0) };
    const best = biggestAt.get(f.site_id);
    if (!best || v.capacityKg > best.capacityKg) biggestAt.set(f.site_id, v);
  }
  const costs = new Map<string, number | null>();
  const onRoads = networks !== undefined && (await findCurrentRoadNetwork(db, countyId, { withGeoJson: false })) !== undefined;
  const sitePoints = new Map<string, { id: string; lon: number; lat: number }>();
  for (const g of geography) {
    sitePoints.set(`v:${g.id}`, { id: `village-of-${g.id}`, lon: g.villageLon, lat: g.villageLat });
    sitePoints.set(g.stationId, { id: g.stationId, lon: g.stationLon, lat: g.stationLat });
    if (g.hubId && g.hubLon !== null && g.hubLat !== null) sitePoints.set(g.hubId, { id: g.hubId, lon: g.hubLon, lat: g.hubLat });
  }
  const points = [...sitePoints.values()].sort((a, b) => a.id.localeCompare(b.id));
  const matrices = new Map<string, Awaited<ReturnType<RoadNetworkService['travelMatrix']>>>();
  const matrixFor = async (profile: string) => {
    if (!matrices.has(profile)) matrices.set(profile, await networks!.travelMatrix(countyId, profile, points));
    return matrices.get(profile)!;
  };
  const km = async (profile: string, from: string, to: string) => {
    const m = await matrixFor(profile);
    const i = m.siteIds.indexOf(from);
    const j = m.siteIds.indexOf(to);
    return m.distance[i * m.siteIds.length + j]! / 1000;
  };
  for (const g of geography) {
    const villageVehicle = biggestAt.get(g.stationId);
    const trunkVehicle = g.hubId ? biggestAt.get(g.hubId) : undefined;
    if (!villageVehicle || !trunkVehicle || !g.hubId) { costs.set(g.id, null); continue; }
    costs.set(g.id, onRoads
      ? costPerKgFromLegs({ villageLegKm: await km(villageVehicle.profile, `village-of-${g.id}`, g.stationId),
        trunkLegKm: await km(trunkVehicle.profile, g.stationId, g.hubId), villageVehicle, trunkVehicle })
      : costPerKgStraightLine({ village: { lon: g.villageLon, lat: g.villageLat }, station: { lon: g.stationLon, lat: g.stationLat },
        hub: g.hubLon === null || g.hubLat === null ? null : { lon: g.hubLon, lat: g.hubLat }, villageVehicle, trunkVehicle }));
  }
  return costs;
}
