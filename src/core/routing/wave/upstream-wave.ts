import type { PlanRoute } from '../../plan/plan.types';
import { SERVICE_MS, splitToFit, type TierPickup, type WaveItem } from './tier-route';
import { solveTier, type TierTrip } from './tier-solve';
import { biggestType, fastestLegMs, reaches, stationService, toPlanRoutes, tripsCost, UnassignedLog, vehiclesAt, type WaveSetup } from './wave-setup';
import { DIRECT, type StationOutcome, type TierSolver, type WaveEvaluation, type WaveState } from './wave-state';

/**
 * Upstream (collection) waves: per township station, the station's vehicles collect its cooperatives'
 * allocations and bring them back (village tier); then hub trucks collect each station's consolidated load
 * — only once the village routes that brought it are back and handled (synchronisation) — plus whatever a
 * hub truck collects directly at a cooperative, and reach the hub by the cut-off within each item's
 * shelf-life limit (township tier).
 */

const trunkVehicles = (setup: WaveSetup) => vehiclesAt(setup, setup.hub.id, setup.clock(setup.hub.opensAt));

/** The village tier of one station for the given cooperatives (its own or reassigned to it). */
export function solveUpstreamStation(setup: WaveSetup, stationId: string, coopIds: readonly string[], solver: TierSolver): StationOutcome {
  const { travel, cutoff } = setup;
  const station = setup.sites.get(stationId)!;
  const log = new UnassignedLog();
  const outcome: StationOutcome = { stationId, coopIds, trips: [], leftovers: [], unassigned: log.entries };
  const open = setup.clock(station.opensAt);
  // The village tier must leave the trunk time to bring the load to the hub by the cut-off.
  const trunkLeg = fastestLegMs(travel, trunkVehicles(setup), stationId, setup.hub.id);
  const latestReturn = Math.min(setup.clock(station.closesAt), cutoff - (Number.isFinite(trunkLeg) ? trunkLeg : 0) - SERVICE_MS - station.handlingSeconds * 1000);
  const vehicles = vehiclesAt(setup, stationId, open);
  const biggest = biggestType(vehicles);
  const pickups: TierPickup[] = [];
  for (const coopId of [...coopIds].sort()) {
    const coop = setup.coops.get(coopId)!;
    const coopItems = setup.itemsByCoop.get(coopId) ?? [];
    if (coopItems.length === 0) continue;
    const service = stationService(setup, log, vehicles, stationId, coopId, coopItems);
    if (!service) continue;
    const { reachable, carriable } = service;
    const readyAt = setup.clock(coop.readyAt);
    const back = Math.min(...reachable.map((v) => travel.leg(v.type.profile, coop.siteId, stationId).seconds));
    const deadline = latestReturn - SERVICE_MS - Math.round(back * 1000);
    if (readyAt > deadline) { log.report(carriable, 'time_window', `ready at ${coop.readyAt}, too late to reach ${stationId} in time for the trunk`); continue; }
    const { parts, tooBig } = splitToFit({ id: coopId, siteId: coop.siteId, items: carriable, readyAt, deadline }, biggest!);
    log.report(tooBig, 'capacity', 'larger than any vehicle of the station');
    pickups.push(...parts);
  }
  if (pickups.length === 0) return outcome;
  const result = solveTier(station, pickups, vehicles, travel, setup.sites, { origin: setup.dayStart, latestReturn, handlingMs: station.handlingSeconds * 1000 },
    { ...solver.budget, seed: solver.stationSeed(stationId) });
  outcome.trips = result.trips;
  // What the station's vehicles cannot collect in time may still be collected directly by a hub truck.
  outcome.leftovers = result.leftovers;
  return outcome;
}

/**
 * The loads a trunk collects at a station: one, ready once every village route is back and handled; or,
 * for a split station, an early load (the routes back before the largest gap in return times) and a late one.
 */
function stationLoads(setup: WaveSetup, outcome: StationOutcome, split: boolean): TierPickup[] {
  const station = setup.sites.get(outcome.stationId)!;
  const handling = station.handlingSeconds * 1000;
  const trips = [...outcome.trips].sort((a, b) => a.replay.arriveAt - b.replay.arriveAt || a.vehicle.id.localeCompare(b.vehicle.id) || a.trip - b.trip);
  if (trips.length === 0) return [];
  const trunkLeg = fastestLegMs(setup.travel, trunkVehicles(setup), outcome.stationId, setup.hub.id);
  const deadline = setup.cutoff - SERVICE_MS - (Number.isFinite(trunkLeg) ? trunkLeg : 0);
  const load = (id: string, group: TierTrip[]): TierPickup => ({
    id, siteId: outcome.stationId, items: group.flatMap((t) => t.sequence.flatMap((p) => p.items)),
    readyAt: Math.max(...group.map((t) => t.replay.arriveAt)) + handling, deadline,
  });
  if (!split || trips.length < 2) return [load(outcome.stationId, trips)];
  let cut = 1;
  for (let k = 1; k < trips.length; k++) {
    if (trips[k]!.replay.arriveAt - trips[k - 1]!.replay.arriveAt > trips[cut]!.replay.arriveAt - trips[cut - 1]!.replay.arriveAt) cut = k;
  }
  return [load(`${outcome.stationId}~early`, trips.slice(0, cut)), load(`${outcome.stationId}~late`, trips.slice(cut))];
}

/** What the village tiers alone cost and leave to others (unassigned, or left over for a hub truck), to screen moves. */
export function villageStage(stations: ReadonlyMap<string, StationOutcome>): { costCents: number; unserved: number } {
  let costCents = 0;
  let unserved = 0;
  for (const o of stations.values()) {
    costCents += tripsCost(o.trips);
    unserved += o.unassigned.reduce((s, u) => s + u.allocationIds.length, 0) + o.leftovers.reduce((s, p) => s + p.items.length, 0);
  }
  return { costCents, unserved };
}

/** A hub truck's direct pickup at a cooperative, or undefined when no hub truck can collect it in time. */
export function directPickup(setup: WaveSetup, coopId: string, items: readonly WaveItem[], readyAt: number): TierPickup | undefined {
  const coop = setup.coops.get(coopId)!;
  const able = trunkVehicles(setup).filter((v) => reaches(setup.travel, v, setup.hub.id, coop.siteId));
  const back = fastestLegMs(setup.travel, able, coop.siteId, setup.hub.id);
  const deadline = setup.cutoff - SERVICE_MS - (Number.isFinite(back) ? back : 0);
  if (able.length === 0 || readyAt > deadline) return undefined;
  return { id: `direct-${coopId}`, siteId: coop.siteId, items: [...items], readyAt, deadline };
}

/**
 * Plans an upstream wave for a state: the station tiers it needs (cached by the solver), then the trunk.
 * `screen`, when given, sees the station tiers first and may stop there (undefined) — the trunk, the
 * costliest solve, is then spared for moves whose village tiers already show no gain.
 */
export function evaluateUpstream(setup: WaveSetup, state: WaveState, solver: TierSolver, station: (stationId: string, coopIds: readonly string[]) => StationOutcome,
  screen?: (stations: ReadonlyMap<string, StationOutcome>) => boolean): WaveEvaluation | undefined {
  const log = new UnassignedLog();
  const stations = new Map<string, StationOutcome>();
  const coopsOf = new Map<string, string[]>();
  for (const [coopId, at] of [...state.assignment.entries()].sort()) coopsOf.set(at, [...(coopsOf.get(at) ?? []), coopId]);
  const routes: PlanRoute[] = [];
  const pickedAt = new Map<string, number>();
  const loads: TierPickup[] = [];
  const direct: { stationId: string; pickup: TierPickup }[] = [];
  for (const stationId of setup.stationIds) {
    const coopIds = coopsOf.get(stationId) ?? [];
    if (coopIds.length === 0) continue;
    const outcome = station(stationId, coopIds);
    stations.set(stationId, outcome);
    log.entries.push(...outcome.unassigned);
    for (const p of outcome.leftovers) direct.push({ stationId, pickup: p });
    routes.push(...toPlanRoutes('village', setup.sites.get(stationId)!, outcome.trips, routes.length + 1));
    for (const t of outcome.trips) t.replay.stops.forEach((stop) => { for (const id of stop.pickedUp) pickedAt.set(id, Date.parse(stop.departureAt)); });
    loads.push(...stationLoads(setup, outcome, state.splits.has(stationId)));
  }

  if (screen && !screen(stations)) return undefined;
  // Township tier: hub trucks; shelf life is checked on what each truck brings in.
  const trucks = trunkVehicles(setup);
  const trunkBiggest = biggestType(trucks);
  const trunkPickups: TierPickup[] = [];
  for (const load of loads) {
    if (!trunkBiggest) { log.report(load.items, 'no_compatible_vehicle', 'the hub has no trucks'); continue; }
    if (load.readyAt > load.deadline) { log.report(load.items, 'cutoff', `station ${load.siteId} is ready too late for the cut-off`); continue; }
    const { parts, tooBig } = splitToFit(load, trunkBiggest);
    log.report(tooBig, 'capacity', 'larger than any hub truck');
    trunkPickups.push(...parts);
  }
  // Cooperatives a hub truck serves directly, by choice of the feedback loop.
  for (const coopId of coopsOf.get(DIRECT) ?? []) {
    const coop = setup.coops.get(coopId)!;
    if ((setup.itemsByCoop.get(coopId) ?? []).length === 0) continue;
    direct.push({ stationId: coop.stationId, pickup: { id: coopId, siteId: coop.siteId, items: [...(setup.itemsByCoop.get(coopId) ?? [])], readyAt: setup.clock(coop.readyAt), deadline: setup.cutoff } });
  }
  // Direct pickups: a hub truck collects at the cooperative what its station's vehicles could not.
  for (const { stationId, pickup } of direct) {
    const at = directPickup(setup, pickup.items[0]!.cooperativeId, pickup.items, pickup.readyAt);
    if (!at || !trunkBiggest) {
      log.report(pickup.items, 'capacity', `neither the vehicles of ${stationId} nor a hub truck can collect it in time`);
      continue;
    }
    const { parts, tooBig } = splitToFit({ ...at, id: `direct-${pickup.id}` }, trunkBiggest);
    log.report(tooBig, 'capacity', 'larger than any hub truck');
    trunkPickups.push(...parts);
  }
  const trunk = solveTier(setup.hub, trunkPickups, trucks, setup.travel, setup.sites,
    { origin: setup.dayStart, latestReturn: setup.cutoff, handlingMs: setup.hub.handlingSeconds * 1000 }, solver.budget);
  for (const p of trunk.leftovers) {
    if (p.id.startsWith('direct-')) log.report(p.items, 'capacity', 'no vehicle of its station nor any hub truck can collect it in time');
    else log.report(p.items, 'cutoff', 'no hub truck can bring it in by the cut-off');
  }
  for (const t of trunk.trips) {
    t.replay.stops.forEach((stop) => { for (const id of stop.pickedUp) if (!pickedAt.has(id)) pickedAt.set(id, Date.parse(stop.departureAt)); });
  }
  const trunkRoutes = toPlanRoutes('township', setup.hub, trunk.trips, routes.length + 1);
  const served = new Set<string>();
  for (const route of trunkRoutes) {
    const arrive = Date.parse(route.stops.at(-1)!.arrivalAt);
    const stale = route.stops.at(-1)!.dropped.map((id) => setup.itemById.get(id)!)
      .filter((i) => arrive - (pickedAt.get(i.allocationId) ?? arrive) > i.maxHoursToHub * 3_600_000
        || (i.latestAtHubAt !== undefined && arrive > Date.parse(i.latestAtHubAt)));
    // Brought in, but past its shelf-life limit: reported, never counted as handed over.
    log.report(stale, 'shelf_life', 'reaches the hub later than its maximum hours from pickup or its latest time at the hub');
    const staleIds = new Set(stale.map((i) => i.allocationId));
    for (const id of route.stops.at(-1)!.dropped) if (!staleIds.has(id)) served.add(id);
  }
  routes.push(...trunkRoutes);
  return {
    state, stations, trunkTrips: trunk.trips, routes, unassigned: log.entries, unassignedCount: log.count,
    costCents: [...stations.values()].reduce((s, o) => s + tripsCost(o.trips), 0) + tripsCost(trunk.trips), served,
  };
}
