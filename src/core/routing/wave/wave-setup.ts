import { costTrip } from '../../plan/plan-costing';
import type { PlanRoute, Tier, UnassignedReason, UnassignedWork } from '../../plan/plan.types';
import { createTravel, type Travel } from '../../plan/travel';
import type { WaveInput, WaveSite } from '../../plan/wave-input.types';
import { assignCompartments, capacityOf, type TierVehicle, type WaveItem } from './tier-route';
import type { TierTrip } from './tier-solve';

/** What every tier of a wave reads: the sites, cooperatives, items and fleets, indexed once. */
export interface WaveSetup {
  input: WaveInput;
  travel: Travel;
  dayStart: number;
  cutoff: number;
  sites: ReadonlyMap<string, WaveSite>;
  hub: WaveSite;
  coops: ReadonlyMap<string, WaveInput['cooperatives'][number]>;
  /** The wave's items by allocation id, in id order. */
  items: readonly WaveItem[];
  itemById: ReadonlyMap<string, WaveItem>;
  itemsByCoop: ReadonlyMap<string, readonly WaveItem[]>;
  stationIds: readonly string[];
  clock(clock: string): number;
}

export const clockToMs = (dayStart: number, clock: string): number => {
  const [h, m] = clock.split(':').map(Number);
  return dayStart + ((h ?? 0) * 3600 + (m ?? 0) * 60) * 1000;
};

export function createWaveSetup(input: WaveInput): WaveSetup {
  const dayStart = Date.parse(input.dayStartAt);
  const sites = new Map(input.sites.map((s) => [s.id, s]));
  const hub = input.sites.filter((s) => s.tier === 'hub').sort((a, b) => a.id.localeCompare(b.id))[0];
  if (!hub) throw new Error('core/routing: the wave has no hub site');
  const items = [...input.items].sort((a, b) => a.allocationId.localeCompare(b.allocationId));
  const itemsByCoop = new Map<string, WaveItem[]>();
  for (const i of items) itemsByCoop.set(i.cooperativeId, [...(itemsByCoop.get(i.cooperativeId) ?? []), i]);
  const stationIds = [...new Set(input.cooperatives.map((c) => c.stationId))].sort();
  for (const id of stationIds) if (!sites.has(id)) throw new Error(`core/routing: station '${id}' is not among the wave's sites`);
  return {
    input, travel: createTravel(input.sites, input.travel), dayStart, cutoff: Date.parse(input.cutoffAt), sites, hub,
    coops: new Map(input.cooperatives.map((c) => [c.id, c])), items, itemById: new Map(items.map((i) => [i.allocationId, i])), itemsByCoop, stationIds,
    clock: (clock) => clockToMs(dayStart, clock),
  };
}

/** Fresh vehicles of a base (solving a tier marks its vehicles' trips and availability, so every solve gets its own). */
export function vehiclesAt(setup: WaveSetup, siteId: string, availableFrom: number): TierVehicle[] {
  const types = new Map(setup.input.vehicleTypes.map((t) => [t.id, t]));
  return setup.input.fleets.filter((f) => f.siteId === siteId && f.count > 0).sort((a, b) => a.id.localeCompare(b.id))
    .flatMap((f) => Array.from({ length: f.count }, (_, n) => ({ id: `${f.id}#${n + 1}`, type: types.get(f.vehicleTypeId)!, firmId: f.firmId, availableFrom, trips: 0 })));
}

/** The vehicle type with the most room (grams in all compartments), ties by id. */
export function biggestType(vehicles: readonly TierVehicle[]) {
  const total = (v: TierVehicle) => capacityOf(v.type).at(-2)!;
  return [...vehicles].sort((a, b) => total(b) - total(a) || a.type.id.localeCompare(b.type.id))[0]?.type;
}

/** Whether a vehicle can drive from its base to a site and back. */
export function reaches(travel: Travel, vehicle: TierVehicle, baseId: string, siteId: string): boolean {
  return Number.isFinite(travel.leg(vehicle.type.profile, baseId, siteId).seconds) && Number.isFinite(travel.leg(vehicle.type.profile, siteId, baseId).seconds);
}

/** The fastest one-way leg any of the vehicles drives, in ms (Infinity when none can). */
export function fastestLegMs(travel: Travel, vehicles: readonly TierVehicle[], from: string, to: string): number {
  return Math.round(Math.min(Infinity, ...vehicles.map((v) => travel.leg(v.type.profile, from, to).seconds)) * 1000);
}

/** Collects unassigned work, one entry per cooperative and reason. */
export class UnassignedLog {
  readonly entries: UnassignedWork[] = [];
  report(list: readonly WaveItem[], reason: UnassignedReason, detail: string): void {
    const byCoop = new Map<string, string[]>();
    for (const i of list) byCoop.set(i.cooperativeId, [...(byCoop.get(i.cooperativeId) ?? []), i.allocationId]);
    for (const [cooperativeId, allocationIds] of [...byCoop.entries()].sort()) this.entries.push({ allocationIds, cooperativeId, reason, detail });
  }
  get count(): number { return this.entries.reduce((s, u) => s + u.allocationIds.length, 0); }
}

/**
 * What a station's vehicles can do for one cooperative, in either direction: the vehicles that reach it
 * and back, and the items one of them has a compartment for. The rest is reported; undefined (all
 * reported) when no vehicle reaches the cooperative.
 */
export function stationService(setup: WaveSetup, log: UnassignedLog, vehicles: readonly TierVehicle[], stationId: string, coopId: string,
  items: readonly WaveItem[]): { reachable: TierVehicle[]; carriable: WaveItem[] } | undefined {
  const coop = setup.coops.get(coopId)!;
  const reachable = vehicles.filter((v) => reaches(setup.travel, v, stationId, coop.siteId));
  if (reachable.length === 0) {
    log.report(items, vehicles.length === 0 ? 'no_compatible_vehicle' : 'unreachable', `no vehicle of ${stationId} reaches ${coop.siteId} by road`);
    return undefined;
  }
  const carriable = items.filter((i) => reachable.some((v) => assignCompartments(v.type, [i]) !== undefined));
  const carried = new Set(carriable);
  log.report(items.filter((i) => !carried.has(i)), 'no_compatible_vehicle', `no vehicle of ${stationId} has a compartment for it`);
  return { reachable, carriable };
}

/** Plan routes of one base's trips, in departure order (ties by vehicle), numbered from `firstRouteNo`. */
export function toPlanRoutes(tier: Tier, base: WaveSite, trips: readonly TierTrip[], firstRouteNo: number): PlanRoute[] {
  return [...trips].sort((a, b) => a.replay.departAt - b.replay.departAt || a.vehicle.id.localeCompare(b.vehicle.id)).map((t, k) => {
    const durationS = Math.round((t.replay.arriveAt - t.replay.departAt) / 1000);
    const costed = costTrip(t.vehicle.type, t.replay.distanceM, durationS, t.trip === 1);
    return {
      routeNo: firstRouteNo + k, tier, vehicleTypeId: t.vehicle.type.id, vehicleId: t.vehicle.id, trip: t.trip, firmId: t.vehicle.firmId, baseSiteId: base.id,
      compartments: t.replay.compartments, stops: t.replay.stops, distanceM: t.replay.distanceM, durationS, refrigerationS: costed.refrigerationS, co2eGrams: costed.co2eGrams, cost: costed.cost,
      geometry: { type: 'LineString', coordinates: t.replay.stops.map((s) => [s.lon, s.lat] as [number, number]) },
    };
  });
}

/** Cost of a set of trips in integer cents, as the plan will show it. */
export function tripsCost(trips: readonly TierTrip[]): number {
  return trips.reduce((s, t) => s + costTrip(t.vehicle.type, t.replay.distanceM, Math.round((t.replay.arriveAt - t.replay.departAt) / 1000), t.trip === 1).cost.totalCents, 0);
}
