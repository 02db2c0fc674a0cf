import { capacityByClass, loadOf } from '../../src/core/plan/plan-costing';
import { TEMPERATURE_CLASSES, type PlanDocument, type PlanRoute } from '../../src/core/plan/plan.types';
import { createTravel } from '../../src/core/plan/travel';
import type { WaveInput } from '../../src/core/plan/wave-input.types';

const clockMs = (dayStart: number, clock: string) => {
  const [h, m] = clock.split(':').map(Number);
  return dayStart + ((h ?? 0) * 3600 + (m ?? 0) * 60) * 1000;
};

/**
 * The plan checker of the tests, independent of every planner: from the stops alone (and the wave's own
 * travel legs) it checks every route — capacity per temperature class and per compartment, the load after
 * each stop, times that never run backwards, distances, durations and cost parts, start and end at the
 * base with nothing left on board — and then the wave's rules for its direction.
 *
 * Upstream: goods loaded at a cooperative only once ready and only its own; village routes within station
 * hours; a trunk loads an item at a station only after the village route that brought it there is back
 * and handled (per item, so early and late trunk visits are checked too); trunks back by the cut-off;
 * shelf-life limits; every allocation handed over at the hub exactly once or reported with a reason.
 *
 * Downstream (mirrored): trunks load at the hub no earlier than its opening (or the release time) and are
 * back before it closes; a station's vehicle loads an item only after the trunk that dropped it there has
 * left and the drop is handled; every item dropped at its own cooperative within the village's hours and
 * by the cut-off, within its maximum hours from hub departure; every item delivered exactly once or
 * reported with a reason. Stations are never assumed to be the cooperative's home station: the feedback
 * loop may serve it from another station or by a hub truck.
 */
export function checkPlan(input: WaveInput, plan: PlanDocument): void {
  expect(plan.direction).toBe(input.direction);
  const downstream = input.direction === 'downstream';
  const dayStart = Date.parse(input.dayStartAt);
  const cutoff = Date.parse(input.cutoffAt);
  const travel = createTravel(input.sites, input.travel);
  const types = new Map(input.vehicleTypes.map((t) => [t.id, t]));
  const items = new Map(input.items.map((i) => [i.allocationId, i]));
  const sites = new Map(input.sites.map((s) => [s.id, s]));
  const coops = new Map(input.cooperatives.map((c) => [c.id, c]));
  const hub = input.sites.filter((s) => s.tier === 'hub').sort((a, b) => a.id.localeCompare(b.id))[0]!;
  const unassigned = new Map<string, string>();
  for (const u of plan.unassigned) {
    expect(u.allocationIds.length).toBeGreaterThan(0);
    for (const id of u.allocationIds) {
      expect({ id, reportedTwice: unassigned.has(id) }).toEqual({ id, reportedTwice: false });
      expect(items.get(id)?.cooperativeId).toBe(u.cooperativeId);
      unassigned.set(id, u.reason);
    }
  }

  // Every route on its own.
  for (const route of plan.routes) checkRoute(route);

  const villageRoutes = plan.routes.filter((r) => r.tier === 'village');
  const trunkRoutes = plan.routes.filter((r) => r.tier === 'township');
  const served = new Map<string, number>();
  const serve = (id: string) => served.set(id, (served.get(id) ?? 0) + 1);
  const stale = new Set<string>();
  const overdue = (id: string, from: number, to: number) => { if (to - from > items.get(id)!.maxHoursToHub * 3_600_000) stale.add(id); };

  if (!downstream) {
    const pickedAt = new Map<string, number>();
    const atStation = new Map<string, { stationId: string; readyAt: number }>();
    for (const route of villageRoutes) {
      const base = sites.get(route.baseSiteId)!;
      expect(Date.parse(route.stops.at(-1)!.arrivalAt)).toBeLessThanOrEqual(clockMs(dayStart, base.closesAt));
      for (const stop of route.stops.filter((s) => s.kind === 'pickup')) checkCoopPickup(stop, pickedAt);
      const end = route.stops.at(-1)!;
      for (const id of end.dropped) {
        expect({ id, broughtTwice: atStation.has(id) }).toEqual({ id, broughtTwice: false });
        atStation.set(id, { stationId: route.baseSiteId, readyAt: Date.parse(end.arrivalAt) + base.handlingSeconds * 1000 });
      }
    }
    for (const route of trunkRoutes) {
      const end = route.stops.at(-1)!;
      expect(route.baseSiteId).toBe(hub.id);
      expect(Date.parse(end.arrivalAt)).toBeLessThanOrEqual(cutoff);
      for (const stop of route.stops.filter((s) => s.kind === 'pickup')) {
        if (sites.get(stop.siteId)!.tier !== 'station') {
          checkCoopPickup(stop, pickedAt);
          continue;
        }
        // Synchronisation, per item: loaded at the station its village route brought it to, once that route is back and handled.
        for (const id of stop.pickedUp) {
          const brought = atStation.get(id);
          expect({ id, station: brought?.stationId }).toEqual({ id, station: stop.siteId });
          expect(Date.parse(stop.departureAt)).toBeGreaterThanOrEqual(brought!.readyAt);
        }
      }
      for (const id of end.dropped) {
        serve(id);
        overdue(id, pickedAt.get(id)!, Date.parse(end.arrivalAt));
        const latest = items.get(id)!.latestAtHubAt;
        if (latest !== undefined && Date.parse(end.arrivalAt) > Date.parse(latest)) stale.add(id);
      }
    }
  } else {
    const release = Math.max(clockMs(dayStart, hub.opensAt), input.releaseAt === undefined ? -Infinity : Date.parse(input.releaseAt));
    const leftHub = new Map<string, number>();
    const dropped = new Map<string, { stationId: string; readyAt: number }>();
    const loaded = new Set<string>();
    for (const route of trunkRoutes) {
      const start = route.stops[0]!;
      expect(route.baseSiteId).toBe(hub.id);
      expect(Date.parse(start.departureAt)).toBeGreaterThanOrEqual(release);
      expect(Date.parse(route.stops.at(-1)!.arrivalAt)).toBeLessThanOrEqual(clockMs(dayStart, hub.closesAt));
      for (const id of start.pickedUp) {
        expect({ id, loadedTwice: leftHub.has(id) }).toEqual({ id, loadedTwice: false });
        leftHub.set(id, Date.parse(start.departureAt));
      }
      for (const stop of route.stops.filter((s) => s.kind === 'delivery')) {
        const site = sites.get(stop.siteId)!;
        if (site.tier === 'station') {
          for (const id of stop.dropped) dropped.set(id, { stationId: stop.siteId, readyAt: Date.parse(stop.departureAt) + site.handlingSeconds * 1000 });
        } else {
          checkCoopDelivery(stop, leftHub);
        }
      }
    }
    for (const route of villageRoutes) {
      const base = sites.get(route.baseSiteId)!;
      const start = route.stops[0]!;
      expect(Date.parse(route.stops.at(-1)!.arrivalAt)).toBeLessThanOrEqual(clockMs(dayStart, base.closesAt));
      // Synchronisation, per item: loaded at the station only after the trunk that dropped it there has left and the drop is handled.
      for (const id of start.pickedUp) {
        const drop = dropped.get(id);
        expect({ id, station: drop?.stationId, loadedTwice: loaded.has(id) }).toEqual({ id, station: route.baseSiteId, loadedTwice: false });
        expect(Date.parse(start.departureAt)).toBeGreaterThanOrEqual(drop!.readyAt);
        loaded.add(id);
      }
      for (const stop of route.stops.filter((s) => s.kind === 'delivery')) checkCoopDelivery(stop, leftHub);
    }
  }

  // Every item served exactly once (and in time) or reported with a reason; a stale one is reported as shelf_life.
  for (const id of items.keys()) {
    const reason = unassigned.get(id);
    const times = served.get(id) ?? 0;
    expect({ id, servedAtMostOnce: times <= 1 }).toEqual({ id, servedAtMostOnce: true });
    if (stale.has(id)) expect({ id, reason }).toEqual({ id, reason: 'shelf_life' });
    const handedOver = times === 1 && reason !== 'shelf_life';
    expect({ id, servedOrReported: (handedOver ? 1 : 0) + (reason ? 1 : 0) }).toEqual({ id, servedOrReported: 1 });
  }
  const servedIds = [...served.keys()].filter((id) => !unassigned.has(id));
  expect(plan.totals.gramsCollected).toBe(servedIds.reduce((s, id) => s + items.get(id)!.grams, 0));
  expect(plan.totals.cost.totalCents).toBe(plan.routes.reduce((s, r) => s + r.cost.totalCents, 0));
  if (downstream) expect(plan.handover).toEqual([]);

  function checkCoopPickup(stop: PlanRoute['stops'][number], pickedAt: Map<string, number>) {
    for (const id of stop.pickedUp) {
      const coop = coops.get(items.get(id)!.cooperativeId)!;
      // Goods are loaded at their own cooperative (by a village route, or directly by a trunk) only once they are ready.
      expect({ id, at: stop.siteId }).toEqual({ id, at: coop.siteId });
      expect(Date.parse(stop.departureAt)).toBeGreaterThanOrEqual(clockMs(dayStart, coop.readyAt));
      expect({ id, pickedTwice: pickedAt.has(id) }).toEqual({ id, pickedTwice: false });
      pickedAt.set(id, Date.parse(stop.departureAt));
    }
  }

  function checkCoopDelivery(stop: PlanRoute['stops'][number], leftHub: ReadonlyMap<string, number>) {
    const village = sites.get(stop.siteId)!;
    const arrive = Date.parse(stop.arrivalAt);
    for (const id of stop.dropped) {
      const coop = coops.get(items.get(id)!.cooperativeId)!;
      expect({ id, at: stop.siteId }).toEqual({ id, at: coop.siteId });
      // Received within the village's hours and by the cut-off.
      expect(arrive).toBeLessThanOrEqual(Math.min(cutoff, clockMs(dayStart, village.closesAt)));
      expect(Date.parse(stop.departureAt)).toBeGreaterThanOrEqual(clockMs(dayStart, village.opensAt));
      serve(id);
      overdue(id, leftHub.get(id)!, arrive);
    }
  }

  function checkRoute(route: PlanRoute) {
    const type = types.get(route.vehicleTypeId)!;
    const cap = capacityByClass(type);
    const base = sites.get(route.baseSiteId)!;
    // A compartment runs at one class per trip: its listed class (the coldest it holds) or a warmer one.
    const order = [...TEMPERATURE_CLASSES];
    if (route.compartments) {
      for (const c of type.compartments) expect(order.indexOf(route.compartments[c.id]!)).toBeGreaterThanOrEqual(order.indexOf(c.temperatureClass));
    }
    const capacityFor = (cls: (typeof TEMPERATURE_CLASSES)[number]) => route.compartments
      ? type.compartments.filter((c) => route.compartments![c.id] === cls).reduce((s, c) => s + Math.round(c.capacityKg * 1000), 0)
      : cap[cls].grams;
    expect(route.stops[0]!.kind).toBe('start');
    expect(route.stops.at(-1)!.kind).toBe('end');
    expect(route.stops[0]!.siteId).toBe(route.baseSiteId);
    expect(route.stops.at(-1)!.siteId).toBe(route.baseSiteId);
    expect(Date.parse(route.stops[0]!.departureAt)).toBeGreaterThanOrEqual(clockMs(dayStart, base.opensAt));
    let previous = -Infinity;
    let metres = 0;
    const onBoard = new Set<string>();
    route.stops.forEach((stop, k) => {
      expect(stop.seq).toBe(k);
      const arrive = Date.parse(stop.arrivalAt);
      const depart = Date.parse(stop.departureAt);
      expect(arrive).toBeGreaterThanOrEqual(previous);
      expect(depart).toBeGreaterThanOrEqual(arrive);
      previous = depart;
      if (k > 0) metres += travel.leg(type.profile, route.stops[k - 1]!.siteId, stop.siteId).metres;
      // Pickups load, deliveries and the upstream end unload; nothing is unloaded that was not on board.
      if (stop.kind === 'pickup') expect(stop.dropped).toEqual([]);
      if (stop.kind === 'delivery') expect(stop.pickedUp).toEqual([]);
      if (stop.kind !== 'start') expect(stop.pickedUp.length === 0 || stop.kind === 'pickup').toBe(true);
      for (const id of stop.dropped) {
        expect({ id, onBoard: onBoard.has(id) }).toEqual({ id, onBoard: true });
        onBoard.delete(id);
      }
      for (const id of stop.pickedUp) {
        expect({ id, alreadyOnBoard: onBoard.has(id) }).toEqual({ id, alreadyOnBoard: false });
        onBoard.add(id);
      }
      const load = loadOf([...onBoard].map((id) => items.get(id)!));
      expect(stop.loadAfter).toEqual(load);
      for (const c of TEMPERATURE_CLASSES) expect(load.byClass[c]).toBeLessThanOrEqual(capacityFor(c));
    });
    expect(onBoard.size).toBe(0);
    expect(Math.abs(route.distanceM - metres)).toBeLessThanOrEqual(1);
    expect(route.durationS).toBe(Math.round((Date.parse(route.stops.at(-1)!.arrivalAt) - Date.parse(route.stops[0]!.departureAt)) / 1000));
    const c = route.cost;
    expect(c.totalCents).toBe(c.fixedCents + c.fuelCents + c.driverCents + c.refrigerationCents);
  }
}
