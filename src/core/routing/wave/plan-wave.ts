import { assemblePlan } from '../../plan/plan-assembly';
import { costTrip } from '../../plan/plan-costing';
import type { PlanDocument, PlanRoute, Tier, UnassignedReason, UnassignedWork } from '../../plan/plan.types';
import { createTravel, type Travel } from '../../plan/travel';
import type { WaveInput, WaveSite } from '../../plan/wave-input.types';
import { assignCompartments, capacityOf, SERVICE_MS, splitToFit, type TierPickup, type TierVehicle, type WaveItem } from './tier-route';
import { solveTier, type SolveBudget, type TierTrip } from './tier-solve';

/**
 * The three-tier wave planner: per township station, the station's vehicles collect the cooperatives'
 * allocations (capacity per temperature class, cooperative ready times, station hours, multi-trip by
 * rounds); then hub trucks collect each station's consolidated load — only once every village route
 * feeding it is back (synchronisation) — and must reach the hub by the cut-off, within each item's
 * shelf-life limit. Every tier is solved by the routing solver (HGS) and replayed independently; what no
 * vehicle can take is reported with its reason.
 *
 * What the station's vehicles cannot collect in time, a hub truck may collect directly at the cooperative.
 * Not yet: the cross-tier feedback loop (issue 7, item 4) and downstream waves.
 */
export const TIERED_PLANNER = 'three-tier-hgs';

export interface PlanWaveOptions {
  seed: number;
  /** Wall-clock budget for all the tier solves together (shared by their numbers of pickups). */
  timeLimitSeconds?: number;
  /** Iteration budget for all the tier solves together, shared the same way; with the seed it defines the plan. */
  iterations?: number;
  /** Replay: the iteration count of each solver call, in order, as a previous (time-limited) run reported it. */
  solveIterations?: readonly number[];
}

/** Without a budget: enough search for a county wave in a few seconds, and deterministic. */
export const DEFAULT_ITERATIONS = 6000;

export interface PlanWaveResult { plan: PlanDocument; iterations: number; solveIterations: number[] }

/** Pickups of the whole wave, to share a budget between the tier solves. */
function createBudget(options: PlanWaveOptions, totalTasks: number): SolveBudget & { used: number[] } {
  const used: number[] = [];
  let call = 0;
  const started = performance.now();
  const spentSeconds = () => (performance.now() - started) / 1000;
  const share = (tasks: number) => Math.max(0.05, tasks / Math.max(1, totalTasks));
  return {
    seed: options.seed,
    used,
    next(tasks) {
      const replay = options.solveIterations?.[call];
      call += 1;
      if (options.solveIterations) return { iterations: Math.max(1, replay ?? 1) };
      // A share of what is left, so the rounds and vehicle types of a tier never overrun the whole budget.
      if (options.timeLimitSeconds !== undefined) {
        const left = Math.max(0, options.timeLimitSeconds - spentSeconds());
        return { timeLimitSeconds: Math.max(0.01, Math.min(left, options.timeLimitSeconds * share(tasks))), iterations: 50_000 };
      }
      const total = options.iterations ?? DEFAULT_ITERATIONS;
      const left = Math.max(0, total - used.reduce((a, b) => a + b, 0));
      return { iterations: Math.max(20, Math.min(left, Math.round(total * share(tasks)))) };
    },
    record(iterations) { used.push(iterations); },
  };
}

const clockToMs = (dayStart: number, clock: string) => {
  const [h, m] = clock.split(':').map(Number);
  return dayStart + ((h ?? 0) * 3600 + (m ?? 0) * 60) * 1000;
};

function vehiclesAt(input: WaveInput, siteId: string, availableFrom: number): TierVehicle[] {
  const types = new Map(input.vehicleTypes.map((t) => [t.id, t]));
  return input.fleets.filter((f) => f.siteId === siteId && f.count > 0).sort((a, b) => a.id.localeCompare(b.id))
    .flatMap((f) => Array.from({ length: f.count }, (_, n) => ({ id: `${f.id}#${n + 1}`, type: types.get(f.vehicleTypeId)!, firmId: f.firmId, availableFrom, trips: 0 })));
}

/** The vehicle type with the most room (grams in all compartments), ties by id. */
function biggestType(vehicles: TierVehicle[]) {
  const total = (v: TierVehicle) => capacityOf(v.type).at(-2)!;
  return [...vehicles].sort((a, b) => total(b) - total(a) || a.type.id.localeCompare(b.type.id))[0]?.type;
}

function toPlanRoutes(tier: Tier, base: WaveSite, trips: TierTrip[], firstRouteNo: number): PlanRoute[] {
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

export function planWave(input: WaveInput, options: PlanWaveOptions): PlanWaveResult {
  const travel: Travel = createTravel(input.sites, input.travel);
  const dayStart = Date.parse(input.dayStartAt);
  const cutoff = Date.parse(input.cutoffAt);
  const sites = new Map(input.sites.map((s) => [s.id, s]));
  const hub = input.sites.filter((s) => s.tier === 'hub').sort((a, b) => a.id.localeCompare(b.id))[0];
  if (!hub) throw new Error('core/routing: the wave has no hub site');
  const coops = new Map(input.cooperatives.map((c) => [c.id, c]));
  const items = [...input.items].sort((a, b) => a.allocationId.localeCompare(b.allocationId));
  const itemById = new Map(items.map((i) => [i.allocationId, i]));
  const unassigned: UnassignedWork[] = [];
  const report = (list: WaveItem[], reason: UnassignedReason, detail: string) => {
    const byCoop = new Map<string, string[]>();
    for (const i of list) byCoop.set(i.cooperativeId, [...(byCoop.get(i.cooperativeId) ?? []), i.allocationId]);
    for (const [cooperativeId, allocationIds] of [...byCoop.entries()].sort()) unassigned.push({ allocationIds, cooperativeId, reason, detail });
  };
  const trunkVehicles = vehiclesAt(input, hub.id, clockToMs(dayStart, hub.opensAt));
  const fastestTrunk = (stationId: string) => Math.min(...trunkVehicles.map((v) => travel.leg(v.type.profile, stationId, hub.id).seconds));
  // Every pickup is solved about twice (its village tier and its station's trunk): the budget is shared by that count.
  const budget = createBudget(options, 2 * new Set(items.map((i) => i.cooperativeId)).size);
  const routes: PlanRoute[] = [];
  const pickedAt = new Map<string, number>();
  const stationLoads: TierPickup[] = [];
  const villageLeftovers: { stationId: string; pickup: TierPickup }[] = [];

  const stationIds = [...new Set(input.cooperatives.map((c) => c.stationId))].sort();
  stationIds.forEach((stationId, s) => {
    const station = sites.get(stationId);
    if (!station) throw new Error(`core/routing: station '${stationId}' is not among the wave's sites`);
    const stationItems = items.filter((i) => coops.get(i.cooperativeId)?.stationId === stationId);
    if (stationItems.length === 0) return;
    const open = clockToMs(dayStart, station.opensAt);
    // The village tier must leave the trunk time to bring the load to the hub by the cut-off.
    const trunkLeg = fastestTrunk(stationId);
    const latestReturn = Math.min(clockToMs(dayStart, station.closesAt),
      cutoff - (Number.isFinite(trunkLeg) ? Math.round(trunkLeg * 1000) : 0) - SERVICE_MS - station.handlingSeconds * 1000);
    const vehicles = vehiclesAt(input, stationId, open);
    const biggest = biggestType(vehicles);
    const pickups: TierPickup[] = [];
    for (const coopId of [...new Set(stationItems.map((i) => i.cooperativeId))].sort()) {
      const coop = coops.get(coopId)!;
      const coopItems = stationItems.filter((i) => i.cooperativeId === coopId);
      const reachable = vehicles.filter((v) => Number.isFinite(travel.leg(v.type.profile, stationId, coop.siteId).seconds)
        && Number.isFinite(travel.leg(v.type.profile, coop.siteId, stationId).seconds));
      if (reachable.length === 0) {
        report(coopItems, vehicles.length === 0 ? 'no_compatible_vehicle' : 'unreachable', `no vehicle of ${stationId} reaches ${coop.siteId} by road`);
        continue;
      }
      const carriable = coopItems.filter((i) => reachable.some((v) => assignCompartments(v.type, [i]) !== undefined));
      report(coopItems.filter((i) => !carriable.includes(i)), 'no_compatible_vehicle', `no vehicle of ${stationId} has a compartment for it`);
      const readyAt = clockToMs(dayStart, coop.readyAt);
      const back = Math.min(...reachable.map((v) => travel.leg(v.type.profile, coop.siteId, stationId).seconds));
      const deadline = latestReturn - SERVICE_MS - Math.round(back * 1000);
      if (readyAt > deadline) { report(carriable, 'time_window', `ready at ${coop.readyAt}, too late to reach ${stationId} in time for the trunk`); continue; }
      const { parts, tooBig } = splitToFit({ id: coopId, siteId: coop.siteId, items: carriable, readyAt, deadline }, biggest!);
      report(tooBig, 'capacity', 'larger than any vehicle of the station');
      pickups.push(...parts);
    }
    if (pickups.length === 0) return;
    const result = solveTier(station, pickups, vehicles, travel, sites, { origin: dayStart, latestReturn, handlingMs: station.handlingSeconds * 1000 },
      { ...budget, seed: options.seed + (s + 1) * 104729 });
    // What the station's vehicles cannot collect in time may still be collected directly by a hub truck.
    for (const p of result.leftovers) villageLeftovers.push({ stationId, pickup: p });
    routes.push(...toPlanRoutes('village', station, result.trips, routes.length + 1));
    const delivered = result.trips.flatMap((t) => t.sequence.flatMap((p) => p.items));
    for (const t of result.trips) {
      t.replay.stops.forEach((stop) => { for (const id of stop.pickedUp) pickedAt.set(id, Date.parse(stop.departureAt)); });
    }
    if (delivered.length > 0) {
      // Synchronisation: the trunk loads here only once every village route feeding the station is back and handled.
      const readyAt = Math.max(...result.trips.map((t) => t.replay.arriveAt)) + station.handlingSeconds * 1000;
      const deadline = cutoff - SERVICE_MS - (Number.isFinite(trunkLeg) ? Math.round(trunkLeg * 1000) : 0);
      stationLoads.push({ id: stationId, siteId: stationId, items: delivered, readyAt, deadline });
    }
  });

  // Township tier: hub trucks; shelf life is checked on what each truck brings in.
  const trunkBiggest = biggestType(trunkVehicles);
  const trunkPickups: TierPickup[] = [];
  for (const load of stationLoads) {
    if (!trunkBiggest) { report(load.items, 'no_compatible_vehicle', 'the hub has no trucks'); continue; }
    if (load.readyAt > load.deadline) { report(load.items, 'cutoff', `station ${load.siteId} is ready too late for the cut-off`); continue; }
    const { parts, tooBig } = splitToFit(load, trunkBiggest);
    report(tooBig, 'capacity', 'larger than any hub truck');
    trunkPickups.push(...parts);
  }
  // Direct pickups: a hub truck collects at the cooperative what its station's vehicles could not.
  for (const { stationId, pickup } of villageLeftovers) {
    const able = trunkVehicles.filter((v) => Number.isFinite(travel.leg(v.type.profile, hub.id, pickup.siteId).seconds)
      && Number.isFinite(travel.leg(v.type.profile, pickup.siteId, hub.id).seconds));
    const back = Math.min(...able.map((v) => travel.leg(v.type.profile, pickup.siteId, hub.id).seconds));
    const deadline = cutoff - SERVICE_MS - (Number.isFinite(back) ? Math.round(back * 1000) : 0);
    if (able.length === 0 || !trunkBiggest || pickup.readyAt > deadline) {
      report(pickup.items, 'capacity', `neither the vehicles of ${stationId} nor a hub truck can collect it in time`);
      continue;
    }
    const { parts, tooBig } = splitToFit({ ...pickup, id: `direct-${pickup.id}`, deadline }, trunkBiggest);
    report(tooBig, 'capacity', 'larger than any hub truck');
    trunkPickups.push(...parts);
  }
  const trunk = solveTier(hub, trunkPickups, trunkVehicles, travel, sites, { origin: dayStart, latestReturn: cutoff, handlingMs: hub.handlingSeconds * 1000 },
    budget);
  for (const p of trunk.leftovers) {
    if (p.id.startsWith('direct-')) report(p.items, 'capacity', 'no vehicle of its station nor any hub truck can collect it in time');
    else report(p.items, 'cutoff', 'no hub truck can bring it in by the cut-off');
  }
  for (const t of trunk.trips) {
    t.replay.stops.forEach((stop) => { for (const id of stop.pickedUp) if (!pickedAt.has(id)) pickedAt.set(id, Date.parse(stop.departureAt)); });
  }
  const trunkRoutes = toPlanRoutes('township', hub, trunk.trips, routes.length + 1);
  const atHub = new Set<string>();
  for (const route of trunkRoutes) {
    const arrive = Date.parse(route.stops.at(-1)!.arrivalAt);
    const stale = route.stops.at(-1)!.dropped.map((id) => itemById.get(id)!)
      .filter((i) => arrive - (pickedAt.get(i.allocationId) ?? arrive) > i.maxHoursToHub * 3_600_000);
    // Brought in, but past its shelf-life limit: reported, never counted as handed over.
    report(stale, 'shelf_life', 'reaches the hub later than its maximum hours from pickup');
    const staleIds = new Set(stale.map((i) => i.allocationId));
    for (const id of route.stops.at(-1)!.dropped) if (!staleIds.has(id)) atHub.add(id);
  }
  routes.push(...trunkRoutes);
  return {
    plan: assemblePlan(input, { planner: TIERED_PLANNER, travel, hubId: hub.id, routes, unassigned, atHub }),
    iterations: budget.used.reduce((a, b) => a + b, 0),
    solveIterations: budget.used,
  };
}
