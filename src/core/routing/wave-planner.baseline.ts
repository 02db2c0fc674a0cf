import { assemblePlan, STOP_SERVICE_S } from '../plan/plan-assembly';
import { capacityByClass, costTrip, loadOf } from '../plan/plan-costing';
import type {
  PlanDocument, PlanRoute, PlanStop, TemperatureClass, UnassignedReason, UnassignedWork,
} from '../plan/plan.types';
import { createTravel, type Travel } from '../plan/travel';
import type { WaveInput, WaveSite, WaveVehicleType } from '../plan/wave-input.types';

/**
 * BASELINE planner (the foundation's first version, replaced by the solver-based three-tier planner):
 * nearest-neighbour routes on the road network's travel matrices (or, without them, straight lines at a
 * fixed average speed, labelled as such). It still obeys every hard
 * rule it knows — compartment capacity per temperature class, cooperative ready times, station hours,
 * the hub cut-off and each item's maximum hours to the hub — and reports what it cannot serve.
 */
export const BASELINE_PLANNER = 'nearest-neighbour-baseline';

type Item = WaveInput['items'][number];
interface Vehicle { id: string; type: WaveVehicleType; firmId: string; availableAt: number; trips: number }
interface Pickup { id: string; siteId: string; lon: number; lat: number; readyAt: number; items: Item[]; cooperativeId: string }


function clockToMs(dayStart: number, clock: string): number {
  const [h, m, s] = clock.split(':').map(Number);
  return dayStart + ((h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0)) * 1000;
}

const iso = (ms: number) => new Date(ms).toISOString();
const ms = (seconds: number) => Math.round(seconds * 1000);

function fits(cap: ReturnType<typeof capacityByClass>, used: Record<TemperatureClass, { grams: number; ml: number }>, item: Item): boolean {
  const c = cap[item.temperatureClass];
  const u = used[item.temperatureClass];
  return u.grams + item.grams <= c.grams && u.ml + item.volumeMl <= c.ml;
}

interface TierResult { routes: PlanRoute[]; unassigned: UnassignedWork[]; arrivalAtBase: number; delivered: Item[] }

/** Nearest-neighbour trips of a base's vehicles over pickups; each trip ends back at the base. */
function planTier(
  tier: PlanRoute['tier'], base: WaveSite, baseOpen: number, baseClose: number, deadline: number,
  pickups: Pickup[], vehicles: Vehicle[], firstRouteNo: number, pickedAt: Map<string, number>, travel: Travel,
): TierResult {
  const routes: PlanRoute[] = [];
  const unassigned: UnassignedWork[] = [];
  const delivered: Item[] = [];
  let arrivalAtBase = baseOpen;
  const open = pickups.map((p) => ({ ...p, items: [...p.items] })).sort((a, b) => a.id.localeCompare(b.id));

  // Items no vehicle of this base can ever carry are reported at once.
  for (const p of open) {
    const keep: Item[] = [];
    for (const item of p.items) {
      const able = vehicles.filter((v) => {
        const c = capacityByClass(v.type)[item.temperatureClass];
        return c.grams >= item.grams && c.ml >= item.volumeMl;
      });
      const reaching = able.filter((v) => Number.isFinite(travel.leg(v.type.profile, base.id, p.siteId).seconds)
        && Number.isFinite(travel.leg(v.type.profile, p.siteId, base.id).seconds));
      const carriable = reaching.length > 0;
      // The fastest conceivable trip: straight from here to the base as soon as the load is ready.
      const direct = p.readyAt + STOP_SERVICE_S * 1000 + Math.min(...reaching.map((v) => ms(travel.leg(v.type.profile, p.siteId, base.id).seconds)));
      const fresh = tier === 'village' || direct - (pickedAt.get(item.allocationId) ?? p.readyAt) <= item.maxHoursToHub * 3_600_000;
      if (carriable && fresh) keep.push(item);
      else if (carriable) unassigned.push({ allocationIds: [item.allocationId], cooperativeId: item.cooperativeId, reason: 'shelf_life',
        detail: `cannot reach ${base.id} within ${item.maxHoursToHub} h of pickup` });
      else if (able.length > 0) unassigned.push({ allocationIds: [item.allocationId], cooperativeId: item.cooperativeId, reason: 'unreachable',
        detail: `no vehicle of ${base.id} that can carry it reaches ${p.siteId} by road` });
      else unassigned.push({ allocationIds: [item.allocationId], cooperativeId: item.cooperativeId, reason: 'no_compatible_vehicle',
        detail: `no vehicle at ${base.id} has a ${item.temperatureClass} compartment for ${item.grams} g` });
    }
    p.items = keep;
  }

  const blocked = new Set<string>();
  for (;;) {
    const remaining = open.filter((p) => p.items.length > 0);
    if (remaining.length === 0) break;
    // The earliest free vehicle, the biggest first: fewer trips for the same load.
    const totalGrams = (v: Vehicle) => v.type.compartments.reduce((s, c) => s + c.capacityKg, 0);
    const candidates = vehicles.filter((v) => !blocked.has(v.id))
      .sort((a, b) => a.availableAt - b.availableAt || totalGrams(b) - totalGrams(a) || a.id.localeCompare(b.id));
    const vehicle = candidates[0];
    if (!vehicle || vehicle.availableAt >= baseClose) {
      const reason: UnassignedReason = tier === 'township' ? 'cutoff' : 'shift';
      for (const p of remaining) {
        unassigned.push({ allocationIds: p.items.map((i) => i.allocationId), cooperativeId: p.cooperativeId, reason,
          detail: vehicle ? `no vehicle of ${base.id} is free before ${tier === 'township' ? 'the cut-off' : 'it closes'}`
            : `no vehicle of ${base.id} can collect these items and be back in time` });
        p.items = [];
      }
      break;
    }
    const cap = capacityByClass(vehicle.type);
    const used: Record<TemperatureClass, { grams: number; ml: number }> = {
      frozen: { grams: 0, ml: 0 }, chilled: { grams: 0, ml: 0 }, cool: { grams: 0, ml: 0 }, ambient: { grams: 0, ml: 0 },
    };
    // Leave the base as late as possible for the first pickup, so no one waits at a closed door.
    const profile = vehicle.type.profile;
    const reachable = remaining.filter((p) => Number.isFinite(travel.leg(profile, base.id, p.siteId).seconds));
    const first = [...(reachable.length > 0 ? reachable : remaining)].sort((a, b) =>
      travel.leg(profile, base.id, a.siteId).metres - travel.leg(profile, base.id, b.siteId).metres || a.id.localeCompare(b.id))[0]!;
    const firstLeg = travel.leg(profile, base.id, first.siteId).seconds;
    const departAt = Math.max(vehicle.availableAt, first.readyAt - (Number.isFinite(firstLeg) ? ms(firstLeg) : 0));
    const stops: PlanStop[] = [];
    const carried: Item[] = [];
    const emptyLoad = loadOf([]);
    stops.push({ seq: 0, siteId: base.id, kind: 'start', lon: base.lon, lat: base.lat, arrivalAt: iso(departAt), departureAt: iso(departAt), pickedUp: [], dropped: [], loadAfter: emptyLoad });
    let t = departAt;
    let at = base.id;
    let distance = 0;
    for (;;) {
      const options = remaining
        .filter((p) => p.items.some((i) => fits(cap, used, i)))
        .map((p) => ({ p, leg: travel.leg(profile, at, p.siteId) }))
        .filter((o) => Number.isFinite(o.leg.seconds) && Number.isFinite(travel.leg(profile, o.p.siteId, base.id).seconds))
        .sort((a, b) => a.leg.metres - b.leg.metres || a.p.id.localeCompare(b.p.id));
      let chosen: { p: Pickup; d: number; arrive: number; leave: number } | undefined;
      for (const o of options) {
        const arrive = t + ms(o.leg.seconds);
        const leave = Math.max(arrive, o.p.readyAt) + STOP_SERVICE_S * 1000;
        const back = leave + ms(travel.leg(profile, o.p.siteId, base.id).seconds);
        const shelfOk = tier === 'village' || [...carried, ...o.p.items].every((i) => back - (pickedAt.get(i.allocationId) ?? leave) <= i.maxHoursToHub * 3_600_000);
        if (back <= deadline && shelfOk) { chosen = { p: o.p, d: o.leg.metres, arrive, leave }; break; }
      }
      if (!chosen) break;
      const taken: Item[] = [];
      chosen.p.items = chosen.p.items.filter((item) => {
        if (!fits(cap, used, item)) return true;
        used[item.temperatureClass].grams += item.grams;
        used[item.temperatureClass].ml += item.volumeMl;
        taken.push(item);
        return false;
      });
      carried.push(...taken);
      for (const item of taken) if (!pickedAt.has(item.allocationId)) pickedAt.set(item.allocationId, chosen.leave);
      distance += chosen.d;
      t = chosen.leave;
      at = chosen.p.siteId;
      stops.push({ seq: stops.length, siteId: chosen.p.siteId, kind: 'pickup', lon: chosen.p.lon, lat: chosen.p.lat,
        arrivalAt: iso(chosen.arrive), departureAt: iso(chosen.leave), pickedUp: taken.map((i) => i.allocationId), dropped: [], loadAfter: loadOf(carried) });
      if (remaining.every((p) => p.items.length === 0)) break;
    }
    if (carried.length === 0) {
      // This vehicle cannot usefully leave now (deadline or capacity); let the others try.
      blocked.add(vehicle.id);
      continue;
    }
    const backLeg = travel.leg(profile, at, base.id);
    distance += backLeg.metres;
    const arrive = t + ms(backLeg.seconds);
    stops.push({ seq: stops.length, siteId: base.id, kind: 'end', lon: base.lon, lat: base.lat, arrivalAt: iso(arrive), departureAt: iso(arrive),
      pickedUp: [], dropped: carried.map((i) => i.allocationId), loadAfter: loadOf([]) });
    const durationS = Math.round((arrive - departAt) / 1000);
    const distanceM = Math.round(distance);
    const costed = costTrip(vehicle.type, distanceM, durationS, vehicle.trips === 0);
    vehicle.trips += 1;
    vehicle.availableAt = arrive + base.handlingSeconds * 1000;
    arrivalAtBase = Math.max(arrivalAtBase, arrive + base.handlingSeconds * 1000);
    delivered.push(...carried);
    routes.push({
      routeNo: firstRouteNo + routes.length, tier, vehicleTypeId: vehicle.type.id, vehicleId: vehicle.id, trip: vehicle.trips, firmId: vehicle.firmId,
      baseSiteId: base.id, stops, distanceM, durationS, refrigerationS: costed.refrigerationS, co2eGrams: costed.co2eGrams, cost: costed.cost,
      geometry: { type: 'LineString', coordinates: stops.map((s) => [s.lon, s.lat] as [number, number]) },
    });
  }
  return { routes, unassigned, arrivalAtBase, delivered };
}

function vehiclesAt(input: WaveInput, siteId: string, availableAt: number): Vehicle[] {
  const types = new Map(input.vehicleTypes.map((t) => [t.id, t]));
  return input.fleets
    .filter((f) => f.siteId === siteId)
    .sort((a, b) => a.id.localeCompare(b.id))
    .flatMap((f) => Array.from({ length: f.count }, (_, n) => ({
      id: `${f.id}#${n + 1}`, type: types.get(f.vehicleTypeId)!, firmId: f.firmId, availableAt, trips: 0,
    })));
}

export function planWaveBaseline(input: WaveInput): PlanDocument {
  const dayStart = Date.parse(input.dayStartAt);
  const cutoff = Date.parse(input.cutoffAt);
  const sites = new Map(input.sites.map((s) => [s.id, s]));
  const hub = input.sites.filter((s) => s.tier === 'hub').sort((a, b) => a.id.localeCompare(b.id))[0];
  if (!hub) throw new Error('core/routing: the wave has no hub site');
  const coops = new Map(input.cooperatives.map((c) => [c.id, c]));
  const travel = createTravel(input.sites, input.travel);
  const items = [...input.items].sort((a, b) => a.allocationId.localeCompare(b.allocationId));
  const unassigned: UnassignedWork[] = [];
  const routes: PlanRoute[] = [];
  const pickedAt = new Map<string, number>();

  // Village tier, per station: collect cooperatives' items and bring them to the station.
  const stationIds = [...new Set(input.cooperatives.map((c) => c.stationId))].sort();
  const stationPickups: Pickup[] = [];
  for (const stationId of stationIds) {
    const station = sites.get(stationId);
    if (!station) throw new Error(`core/routing: station '${stationId}' is not among the wave's sites`);
    const byCoop = new Map<string, Item[]>();
    for (const item of items) {
      if (coops.get(item.cooperativeId)?.stationId !== stationId) continue;
      byCoop.set(item.cooperativeId, [...(byCoop.get(item.cooperativeId) ?? []), item]);
    }
    if (byCoop.size === 0) continue;
    const pickups: Pickup[] = [...byCoop.entries()].map(([coopId, coopItems]) => {
      const coop = coops.get(coopId)!;
      const village = sites.get(coop.siteId)!;
      return { id: coopId, siteId: village.id, lon: village.lon, lat: village.lat, readyAt: clockToMs(dayStart, coop.readyAt), items: coopItems, cooperativeId: coopId };
    });
    const open = clockToMs(dayStart, station.opensAt);
    // Village trips must leave the trunk time to bring the load from this station to the hub by the cut-off.
    const trunkSeconds = Math.min(...vehiclesAt(input, hub.id, 0).map((v) => travel.leg(v.type.profile, station.id, hub.id).seconds));
    const trunkLeg = (Number.isFinite(trunkSeconds) ? ms(trunkSeconds) : 0) + STOP_SERVICE_S * 1000 + station.handlingSeconds * 1000;
    const close = Math.min(clockToMs(dayStart, station.closesAt), cutoff - trunkLeg);
    const result = planTier('village', station, open, close, close, pickups, vehiclesAt(input, station.id, open), routes.length + 1, pickedAt, travel);
    routes.push(...result.routes);
    unassigned.push(...result.unassigned);
    if (result.delivered.length > 0) {
      stationPickups.push({ id: station.id, siteId: station.id, lon: station.lon, lat: station.lat, readyAt: result.arrivalAtBase,
        items: result.delivered, cooperativeId: '' });
    }
  }

  // Township tier: hub trucks collect the stations' consolidated loads and must be back by the cut-off.
  const hubOpen = clockToMs(dayStart, hub.opensAt);
  const trunk = planTier('township', hub, hubOpen, cutoff, cutoff, stationPickups, vehiclesAt(input, hub.id, hubOpen), routes.length + 1, pickedAt, travel);
  routes.push(...trunk.routes);
  for (const u of trunk.unassigned) {
    // Station-level leftovers are reported per cooperative, as the cost split and the operator see them.
    const byCoop = new Map<string, string[]>();
    for (const id of u.allocationIds) {
      const item = items.find((i) => i.allocationId === id)!;
      byCoop.set(item.cooperativeId, [...(byCoop.get(item.cooperativeId) ?? []), id]);
    }
    for (const [cooperativeId, allocationIds] of byCoop) {
      unassigned.push({ allocationIds, cooperativeId, reason: u.reason, detail: `township tier: ${u.detail}` });
    }
  }

  return assemblePlan(input, { planner: BASELINE_PLANNER, travel, hubId: hub.id, routes, unassigned,
    atHub: new Set(trunk.delivered.map((i) => i.allocationId)) });
}
