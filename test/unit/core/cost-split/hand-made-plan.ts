import { haversineMetres } from '../../../../src/core/geo/haversine';
import { addCost, costTrip, emptyCost, loadOf } from '../../../../src/core/plan/plan-costing';
import type { PlanDocument, PlanItem, PlanRoute, PlanStop } from '../../../../src/core/plan/plan.types';
import type { WaveVehicleType } from '../../../../src/core/plan/wave-input.types';

/** Hand-made plans for the cost-split tests: stations and villages placed by km offsets, routes costed like a planner does. */
export const VAN: WaveVehicleType = {
  id: 'test-reefer-van', name: 'test reefer van', profile: 'van',
  compartments: [{ id: 'c', temperatureClass: 'chilled', capacityKg: 1500, capacityLitres: 8000 }],
  fixedCostCents: 12_000, costPerKmCents: 150, costPerHourCents: 4_000, reeferCostPerHourCents: 800, co2ePerKmGrams: 250, reeferUpliftShare: 0.2,
};

const LON0 = 108.0;
const LAT0 = 34.0;
const KM_PER_DEG_LAT = 111.195;
export function at(eastKm: number, northKm: number): { lon: number; lat: number } {
  return { lon: LON0 + eastKm / (KM_PER_DEG_LAT * Math.cos((LAT0 * Math.PI) / 180)), lat: LAT0 + northKm / KM_PER_DEG_LAT };
}

export interface LoadSpec { cooperativeId: string; farmerId?: string; grams: number; salesCents?: number }
export interface StopSpec { eastKm: number; northKm: number; loads: LoadSpec[]; siteId?: string }
export interface RouteSpec { stationId?: string; station?: { eastKm: number; northKm: number }; stops: StopSpec[]; tier?: 'village' | 'township' }

const SPEED_MPS = 40_000 / 3600;
const SERVICE_S = 600;
const DEPART = Date.parse('2026-11-22T00:00:00.000Z');

/**
 * A plan whose routes leave their station, visit the stops in the given order picking up the loads and
 * come back; timestamps at 40 km/h with 10 min per stop; costs by costTrip (every route its own vehicle).
 */
export function handMadePlan(routes: RouteSpec[], vehicle: WaveVehicleType = VAN): PlanDocument {
  const items: PlanItem[] = [];
  const planRoutes: PlanRoute[] = [];
  let n = 0;
  routes.forEach((spec, r) => {
    const stationId = spec.stationId ?? `station-${r + 1}`;
    const base = at(spec.station?.eastKm ?? 0, spec.station?.northKm ?? 0);
    const iso = (s: number) => new Date(DEPART + s * 1000).toISOString();
    const stops: PlanStop[] = [{ seq: 0, siteId: stationId, kind: 'start', ...base, arrivalAt: iso(0), departureAt: iso(0), pickedUp: [], dropped: [], loadAfter: loadOf([]) }];
    const carried: PlanItem[] = [];
    let t = 0;
    let distance = 0;
    let prev = base;
    spec.stops.forEach((s, k) => {
      const p = at(s.eastKm, s.northKm);
      const d = haversineMetres(prev.lon, prev.lat, p.lon, p.lat);
      distance += d;
      t += d / SPEED_MPS;
      const arrive = t;
      t += SERVICE_S;
      const picked: PlanItem[] = s.loads.map((l) => ({
        allocationId: `alloc-${String(n++).padStart(4, '0')}`, orderId: `order-${n}`, cooperativeId: l.cooperativeId, farmerId: l.farmerId ?? `${l.cooperativeId}-farmer`,
        sku: 'kiwi', temperatureClass: 'chilled', units: 1, grams: l.grams, volumeMl: l.grams, salesCents: l.salesCents ?? l.grams, destinationProvince: 'Guangdong',
      }));
      items.push(...picked);
      carried.push(...picked);
      stops.push({ seq: k + 1, siteId: s.siteId ?? `${stationId}-v${k + 1}`, kind: 'pickup', ...p, arrivalAt: iso(arrive), departureAt: iso(t),
        pickedUp: picked.map((i) => i.allocationId), dropped: [], loadAfter: loadOf(carried) });
      prev = p;
    });
    const back = haversineMetres(prev.lon, prev.lat, base.lon, base.lat);
    distance += back;
    t += back / SPEED_MPS;
    stops.push({ seq: stops.length, siteId: stationId, kind: 'end', ...base, arrivalAt: iso(t), departureAt: iso(t), pickedUp: [],
      dropped: carried.map((i) => i.allocationId), loadAfter: loadOf([]) });
    // Timestamps are whole milliseconds; the duration is what they span.
    const durationS = (Date.parse(stops[stops.length - 1]!.arrivalAt) - DEPART) / 1000;
    const costed = costTrip(vehicle, Math.round(distance), durationS, true);
    planRoutes.push({
      routeNo: r + 1, tier: spec.tier ?? 'village', vehicleTypeId: vehicle.id, vehicleId: `fleet#${r + 1}`, trip: 1, firmId: 'firm', baseSiteId: stationId, stops,
      distanceM: Math.round(distance), durationS, refrigerationS: costed.refrigerationS, co2eGrams: costed.co2eGrams, cost: costed.cost,
      geometry: { type: 'LineString', coordinates: stops.map((s) => [s.lon, s.lat] as [number, number]) },
    });
  });
  let cost = emptyCost();
  for (const r of planRoutes) cost = addCost(cost, r.cost);
  return {
    schemaVersion: 1, planner: 'hand-made', distanceSource: 'straight-line', countyId: 'test', direction: 'upstream', cutoffAt: '2026-11-22T10:00:00.000Z',
    items, routes: planRoutes, unassigned: [],
    totals: {
      routes: planRoutes.length, routesByTier: { village: planRoutes.filter((r) => r.tier === 'village').length, township: planRoutes.filter((r) => r.tier === 'township').length },
      distanceM: planRoutes.reduce((s, r) => s + r.distanceM, 0), durationS: planRoutes.reduce((s, r) => s + r.durationS, 0),
      refrigerationS: planRoutes.reduce((s, r) => s + r.refrigerationS, 0), co2eGrams: planRoutes.reduce((s, r) => s + r.co2eGrams, 0),
      gramsCollected: items.reduce((s, i) => s + i.grams, 0), cost,
    },
    naiveBaseline: { description: 'none', distanceM: 0, co2eGrams: 0, costCents: 0, saving: { costCents: 0, distanceM: 0, co2eGrams: 0, costShare: 0 } },
    handover: [],
  };
}
