import type { PlanRoute, UnassignedReason } from '../../plan/plan.types';
import { SERVICE_MS, splitToFit, type TierPickup, type WaveItem } from './tier-route';
import { solveTier, type TierTrip } from './tier-solve';
import { biggestType, fastestLegMs, reaches, stationService, toPlanRoutes, tripsCost, UnassignedLog, vehiclesAt, type WaveSetup } from './wave-setup';
import { DIRECT, type StationOutcome, type TierSolver, type WaveEvaluation, type WaveState } from './wave-state';

/**
 * Downstream (delivery) waves, the upstream machinery mirrored: hub trucks load at the hub (from its
 * opening, or the wave's release time) and drop each station's load there (township tier), and may
 * deliver a cooperative directly; a station's vehicles leave with the goods only once the trunk drop that
 * brought them has arrived and been handled (synchronisation), and deliver each cooperative within its
 * village's hours, by the cut-off and within each item's maximum hours from hub departure (village tier).
 */

/** What the trunk left at a station: the items, when the station's vehicles may load them, and when each left the hub. */
export interface StationDrop {
  items: WaveItem[];
  readyAt: number;
  hubDepartures: ReadonlyMap<string, number>;
}

export const trunkReleaseAt = (setup: WaveSetup): number =>
  Math.max(setup.clock(setup.hub.opensAt), setup.input.releaseAt === undefined ? -Infinity : Date.parse(setup.input.releaseAt));

const trunkVehicles = (setup: WaveSetup) => vehiclesAt(setup, setup.hub.id, trunkReleaseAt(setup));

/** A cooperative's receiving window: its village's hours, closing no later than the wave's cut-off. */
function receivingWindow(setup: WaveSetup, coopId: string): { opens: number; closes: number } {
  const site = setup.sites.get(setup.coops.get(coopId)!.siteId)!;
  return { opens: setup.clock(site.opensAt), closes: Math.min(setup.cutoff, setup.clock(site.closesAt)) };
}

/** The key a station's village tier is cached by: its cooperatives and everything the trunk drop decided. */
export function dropKey(coopIds: readonly string[], drop: StationDrop): string {
  return `${[...coopIds].sort().join(',')}|${drop.readyAt}|${drop.items.map((i) => `${i.allocationId}@${drop.hubDepartures.get(i.allocationId)}`).join(',')}`;
}

/** The village tier of one station: its vehicles deliver what the trunk dropped, leaving only after the drop is handled. */
export function solveDownstreamStation(setup: WaveSetup, stationId: string, coopIds: readonly string[], drop: StationDrop, solver: TierSolver): StationOutcome {
  const station = setup.sites.get(stationId)!;
  const log = new UnassignedLog();
  const outcome: StationOutcome = { stationId, coopIds, trips: [], leftovers: [], unassigned: log.entries };
  const availableFrom = Math.max(setup.clock(station.opensAt), drop.readyAt);
  const latestReturn = setup.clock(station.closesAt);
  const vehicles = vehiclesAt(setup, stationId, availableFrom);
  const biggest = biggestType(vehicles);
  const byCoop = new Map<string, WaveItem[]>();
  for (const i of drop.items) byCoop.set(i.cooperativeId, [...(byCoop.get(i.cooperativeId) ?? []), i]);
  const deliveries: TierPickup[] = [];
  const shelfBound = new Map<string, boolean>();
  for (const coopId of [...byCoop.keys()].sort()) {
    const items = byCoop.get(coopId)!;
    const { opens, closes } = receivingWindow(setup, coopId);
    const shelf = Math.min(...items.map((i) => drop.hubDepartures.get(i.allocationId)! + Math.round(i.maxHoursToHub * 3_600_000)));
    shelfBound.set(coopId, shelf < closes);
    const { parts, tooBig } = splitToFit({ id: coopId, siteId: setup.coops.get(coopId)!.siteId, items, readyAt: opens, deadline: Math.min(closes, shelf) }, biggest!);
    log.report(tooBig, 'capacity', 'larger than any vehicle of the station');
    deliveries.push(...parts);
  }
  if (deliveries.length === 0) return outcome;
  const result = solveTier(station, deliveries, vehicles, setup.travel, setup.sites,
    { origin: setup.dayStart, latestReturn, handlingMs: station.handlingSeconds * 1000, mode: 'delivery' }, { ...solver.budget, seed: solver.stationSeed(stationId) });
  outcome.trips = result.trips;
  outcome.leftovers = result.leftovers;
  for (const p of result.leftovers) {
    const coopId = p.items[0]!.cooperativeId;
    const reason: UnassignedReason = shelfBound.get(coopId) ? 'shelf_life' : 'cutoff';
    log.report(p.items, reason, reason === 'shelf_life'
      ? `${stationId}'s vehicles cannot deliver it within its maximum hours from hub departure`
      : `${stationId}'s vehicles cannot deliver it by the cut-off once the trunk drop is handled`);
  }
  return outcome;
}

/** Plans a downstream wave for a state: the trunk first (station drops and direct deliveries), then each station's village tier. */
export function evaluateDownstream(setup: WaveSetup, state: WaveState, solver: TierSolver,
  station: (stationId: string, coopIds: readonly string[], drop: StationDrop) => StationOutcome): WaveEvaluation {
  const { travel, hub } = setup;
  const log = new UnassignedLog();
  const coopsOf = new Map<string, string[]>();
  for (const [coopId, at] of [...state.assignment.entries()].sort()) coopsOf.set(at, [...(coopsOf.get(at) ?? []), coopId]);
  const trucks = trunkVehicles(setup);
  const trunkBiggest = biggestType(trucks);
  const release = trunkReleaseAt(setup);
  const trunkTasks: TierPickup[] = [];
  const add = (task: TierPickup) => {
    if (!trunkBiggest) { log.report(task.items, 'no_compatible_vehicle', 'the hub has no trucks'); return; }
    const { parts, tooBig } = splitToFit(task, trunkBiggest);
    log.report(tooBig, 'capacity', 'larger than any hub truck');
    trunkTasks.push(...parts);
  };

  for (const stationId of setup.stationIds) {
    const coopIds = coopsOf.get(stationId) ?? [];
    const site = setup.sites.get(stationId)!;
    const vehicles = vehiclesAt(setup, stationId, setup.clock(site.opensAt));
    const handling = site.handlingSeconds * 1000;
    // The trunk can be at the station no earlier than this; a cooperative it leaves no time for is reported now.
    const earliestDrop = Math.max(setup.clock(site.opensAt), release + fastestLegMs(travel, trucks, hub.id, stationId));
    let deadline = setup.clock(site.closesAt);
    const load: WaveItem[] = [];
    if (!Number.isFinite(earliestDrop)) {
      log.report(coopIds.flatMap((c) => setup.itemsByCoop.get(c) ?? []), trucks.length === 0 ? 'no_compatible_vehicle' : 'unreachable', `no hub truck reaches ${stationId} by road`);
      continue;
    }
    for (const coopId of coopIds) {
      const coop = setup.coops.get(coopId)!;
      const items = setup.itemsByCoop.get(coopId) ?? [];
      if (items.length === 0) continue;
      const service = stationService(setup, log, vehicles, stationId, coopId, items);
      if (!service) continue;
      const { reachable, carriable } = service;
      // Latest start of the trunk's unloading that still lets a station vehicle reach the cooperative in its window.
      const latest = receivingWindow(setup, coopId).closes - fastestLegMs(travel, reachable, stationId, coop.siteId) - handling - SERVICE_MS;
      if (!(latest >= earliestDrop)) { log.report(carriable, 'cutoff', `no trunk drop at ${stationId} leaves time to deliver it by the cut-off`); continue; }
      deadline = Math.min(deadline, latest);
      load.push(...carriable);
    }
    if (load.length > 0) add({ id: stationId, siteId: stationId, items: load, readyAt: setup.clock(site.opensAt), deadline });
  }
  // Cooperatives a hub truck delivers directly, by choice of the feedback loop.
  for (const coopId of coopsOf.get(DIRECT) ?? []) {
    const coop = setup.coops.get(coopId)!;
    const items = setup.itemsByCoop.get(coopId) ?? [];
    if (items.length === 0) continue;
    if (!trucks.some((v) => reaches(travel, v, hub.id, coop.siteId))) { log.report(items, 'unreachable', `no hub truck reaches ${coop.siteId} by road`); continue; }
    const { opens, closes } = receivingWindow(setup, coopId);
    add({ id: `direct-${coopId}`, siteId: coop.siteId, items: [...items], readyAt: opens, deadline: closes });
  }

  const trunk = solveTier(hub, trunkTasks, trucks, travel, setup.sites,
    { origin: setup.dayStart, latestReturn: setup.clock(hub.closesAt), handlingMs: hub.handlingSeconds * 1000, mode: 'delivery' }, solver.budget);
  for (const p of trunk.leftovers) {
    log.report(p.items, 'cutoff', p.id.startsWith('direct-') ? 'no hub truck can deliver it directly by the cut-off'
      : `no hub truck can drop it at ${p.siteId} in time for delivery by the cut-off`);
  }
  const served = new Set<string>();
  const drops = new Map<string, { items: WaveItem[]; readyAt: number; hubDepartures: Map<string, number> }>();
  for (const t of trunk.trips) {
    const leftHub = t.replay.departAt;
    t.replay.stops.forEach((stop) => {
      if (stop.kind !== 'delivery') return;
      const items = stop.dropped.map((id) => setup.itemById.get(id)!);
      const siteStation = setup.sites.get(stop.siteId)!;
      // Every task is one station's load or one directly served cooperative's goods: its items tell which.
      if (state.assignment.get(items[0]!.cooperativeId) !== DIRECT) {
        const drop = drops.get(stop.siteId) ?? { items: [] as WaveItem[], readyAt: -Infinity, hubDepartures: new Map<string, number>() };
        drop.items.push(...items);
        drop.readyAt = Math.max(drop.readyAt, Date.parse(stop.departureAt) + siteStation.handlingSeconds * 1000);
        for (const i of items) drop.hubDepartures.set(i.allocationId, leftHub);
        drops.set(stop.siteId, drop);
        return;
      }
      // A direct delivery: past its shelf-life limit it is reported, never counted as delivered.
      const stale = items.filter((i) => Date.parse(stop.arrivalAt) - leftHub > i.maxHoursToHub * 3_600_000);
      log.report(stale, 'shelf_life', 'reaches its cooperative later than its maximum hours from hub departure');
      for (const i of items) if (!stale.includes(i)) served.add(i.allocationId);
    });
  }

  const stations = new Map<string, StationOutcome>();
  const villageRoutes: PlanRoute[] = [];
  const trunkRoutes = toPlanRoutes('township', hub, trunk.trips, 1);
  for (const stationId of setup.stationIds) {
    const drop = drops.get(stationId);
    if (!drop) continue;
    drop.items.sort((a, b) => a.allocationId.localeCompare(b.allocationId));
    const outcome = station(stationId, coopsOf.get(stationId) ?? [], drop);
    stations.set(stationId, outcome);
    log.entries.push(...outcome.unassigned);
    villageRoutes.push(...toPlanRoutes('village', setup.sites.get(stationId)!, outcome.trips, trunkRoutes.length + villageRoutes.length + 1));
    for (const trip of outcome.trips) {
      for (const stop of trip.replay.stops) {
        const stale = stop.dropped.map((id) => setup.itemById.get(id)!)
          .filter((i) => Date.parse(stop.arrivalAt) - drop.hubDepartures.get(i.allocationId)! > i.maxHoursToHub * 3_600_000);
        log.report(stale, 'shelf_life', 'reaches its cooperative later than its maximum hours from hub departure');
        const staleIds = new Set(stale.map((i) => i.allocationId));
        for (const id of stop.dropped) if (!staleIds.has(id)) served.add(id);
      }
    }
  }
  const trips: TierTrip[] = [...stations.values()].flatMap((o) => o.trips);
  return {
    state, stations, trunkTrips: trunk.trips, routes: [...trunkRoutes, ...villageRoutes], unassigned: log.entries, unassignedCount: log.count,
    costCents: tripsCost(trips) + tripsCost(trunk.trips), served,
  };
}
