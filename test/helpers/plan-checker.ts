import { capacityByClass, loadOf } from '../../src/core/plan/plan-costing';
import { TEMPERATURE_CLASSES, type PlanDocument } from '../../src/core/plan/plan.types';
import type { WaveInput } from '../../src/core/plan/wave-input.types';

const clockMs = (dayStart: number, clock: string) => {
  const [h, m] = clock.split(':').map(Number);
  return dayStart + ((h ?? 0) * 3600 + (m ?? 0) * 60) * 1000;
};

/**
 * The plan checker of the tests, independent of every planner: from the stops alone it checks capacity per
 * temperature class, times that never run backwards, cooperative ready times and station hours, routes that
 * start and end at their base and unload what they loaded, trunks back by the cut-off, synchronisation at
 * stations, shelf-life limits, and that every allocation reaches the hub exactly once or is reported
 * unassigned with a reason.
 */
export function checkPlan(input: WaveInput, plan: PlanDocument): void {
  const dayStart = Date.parse(input.dayStartAt);
  const types = new Map(input.vehicleTypes.map((t) => [t.id, t]));
  const items = new Map(input.items.map((i) => [i.allocationId, i]));
  const sites = new Map(input.sites.map((s) => [s.id, s]));
  const coopAt = new Map(input.cooperatives.map((c) => [c.siteId, c]));
  const seen = new Map<string, number>();
  const pickedAt = new Map<string, number>();
  const arrivedAtStation = new Map<string, number>();
  const unassigned = new Map(plan.unassigned.flatMap((u) => u.allocationIds.map((id) => [id, u.reason] as const)));
  for (const route of plan.routes) {
    const type = types.get(route.vehicleTypeId)!;
    const cap = capacityByClass(type);
    // A compartment runs at one class per trip: its listed class (the coldest it holds) or a warmer one.
    const order = [...TEMPERATURE_CLASSES];
    if (route.compartments) {
      for (const c of type.compartments) expect(order.indexOf(route.compartments[c.id]!)).toBeGreaterThanOrEqual(order.indexOf(c.temperatureClass));
    }
    const capacityFor = (cls: (typeof TEMPERATURE_CLASSES)[number]) => route.compartments
      ? type.compartments.filter((c) => route.compartments![c.id] === cls).reduce((s, c) => s + Math.round(c.capacityKg * 1000), 0)
      : cap[cls].grams;
    const base = sites.get(route.baseSiteId)!;
    let previous = -Infinity;
    const onBoard: string[] = [];
    for (const stop of route.stops) {
      const arrive = Date.parse(stop.arrivalAt);
      const depart = Date.parse(stop.departureAt);
      expect(arrive).toBeGreaterThanOrEqual(previous);
      expect(depart).toBeGreaterThanOrEqual(arrive);
      previous = depart;
      onBoard.push(...stop.pickedUp);
      const load = loadOf(onBoard.map((id) => items.get(id)!));
      for (const c of TEMPERATURE_CLASSES) expect(load.byClass[c]).toBeLessThanOrEqual(capacityFor(c));
      if (stop.kind === 'pickup' && coopAt.has(stop.siteId)) {
        // Goods are loaded at a cooperative (by a village route, or directly by a trunk) only once they are ready.
        expect(depart).toBeGreaterThanOrEqual(clockMs(dayStart, coopAt.get(stop.siteId)!.readyAt));
        for (const id of stop.pickedUp) pickedAt.set(id, depart);
      }
    }
    expect(route.stops[0]!.siteId).toBe(route.baseSiteId);
    expect(route.stops.at(-1)!.siteId).toBe(route.baseSiteId);
    expect([...route.stops.at(-1)!.dropped].sort()).toEqual([...onBoard].sort());
    const end = Date.parse(route.stops.at(-1)!.arrivalAt);
    expect(Date.parse(route.stops[0]!.departureAt)).toBeGreaterThanOrEqual(clockMs(dayStart, base.opensAt));
    if (route.tier === 'village') {
      expect(end).toBeLessThanOrEqual(clockMs(dayStart, base.closesAt));
      for (const id of onBoard) seen.set(`v:${id}`, (seen.get(`v:${id}`) ?? 0) + 1);
      arrivedAtStation.set(route.baseSiteId, Math.max(arrivedAtStation.get(route.baseSiteId) ?? 0, end));
    } else {
      expect(end).toBeLessThanOrEqual(Date.parse(input.cutoffAt));
      for (const id of onBoard) {
        seen.set(`t:${id}`, (seen.get(`t:${id}`) ?? 0) + 1);
        // Within shelf life, or reported as not.
        if (end - (pickedAt.get(id) ?? end) > items.get(id)!.maxHoursToHub * 3_600_000) expect(unassigned.get(id)).toBe('shelf_life');
      }
    }
  }
  // Synchronisation: a trunk loads at a station only after the village routes feeding it are back.
  for (const route of plan.routes.filter((r) => r.tier === 'township')) {
    for (const stop of route.stops.filter((s) => s.kind === 'pickup')) {
      expect(Date.parse(stop.departureAt)).toBeGreaterThanOrEqual(arrivedAtStation.get(stop.siteId) ?? 0);
    }
  }
  for (const id of items.keys()) {
    const reason = unassigned.get(id);
    const handedOver = (seen.get(`t:${id}`) ?? 0) > 0 && reason !== 'shelf_life';
    expect({ id, handedOverOrReported: (handedOver ? 1 : 0) + (reason ? 1 : 0) }).toEqual({ id, handedOverOrReported: 1 });
    expect(seen.get(`v:${id}`) ?? 0).toBeLessThanOrEqual(1);
    expect(seen.get(`t:${id}`) ?? 0).toBeLessThanOrEqual(1);
  }
}
