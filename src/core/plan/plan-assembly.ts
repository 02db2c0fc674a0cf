import { addCost, capacityByClass, costTrip, emptyCost, loadOf } from './plan-costing';
import type { HandoverGroup, PlanDocument, PlanItem, PlanRoute, TemperatureClass, UnassignedWork } from './plan.types';
import type { Travel } from './travel';
import type { WaveInput, WaveVehicleType } from './wave-input.types';

/**
 * What every planner's document has besides its routes — totals, the hub's handover manifest and the
 * naive baseline — computed the same way whatever planned the routes, so plans compare fairly.
 */
const CARRIER_BY_CLASS: Record<TemperatureClass, string> = {
  frozen: 'SF Cold Chain', chilled: 'SF Cold Chain', cool: 'SF Express', ambient: 'EMS',
};
/** Loading and paperwork at a stop, in the naive baseline's trips as in planned routes. */
export const STOP_SERVICE_S = 600;

type Item = WaveInput['items'][number];

function cheapestRoundTrip(types: WaveVehicleType[], items: Item[], travel: Travel, from: string, to: string) {
  const load = loadOf(items);
  let best: { costCents: number; co2eGrams: number; metres: number } | undefined;
  for (const type of types) {
    const out = travel.leg(type.profile, from, to);
    const back = travel.leg(type.profile, to, from);
    if (!Number.isFinite(out.seconds) || !Number.isFinite(back.seconds)) continue;
    const cap = capacityByClass(type);
    const classes = (Object.keys(load.byClass) as TemperatureClass[]).filter((c) => load.byClass[c] > 0);
    if (!classes.every((c) => cap[c].grams > 0)) continue;
    // A naive shipper still needs as many trips as its load takes.
    const trips = Math.max(1, ...classes.map((c) => Math.ceil(load.byClass[c] / cap[c].grams)));
    const metres = Math.round(out.metres + back.metres);
    const trip = costTrip(type, metres, Math.round(out.seconds + back.seconds) + STOP_SERVICE_S, true);
    const costCents = trip.cost.totalCents + (trips - 1) * (trip.cost.totalCents - trip.cost.fixedCents);
    if (!best || costCents < best.costCents) best = { costCents, co2eGrams: trip.co2eGrams * trips, metres: metres * trips };
  }
  return best;
}

/**
 * `atHub`: the allocation ids the plan serves — handed over at the hub (upstream) or delivered at their
 * cooperative (downstream). Only these count in `gramsCollected` and the naive baseline; the handover
 * manifest lists them upstream, and is empty downstream (nothing is handed to express carriers there).
 */
export function assemblePlan(input: WaveInput, parts: {
  planner: string; travel: Travel; hubId: string; routes: PlanRoute[]; unassigned: UnassignedWork[]; atHub: ReadonlySet<string>;
}): PlanDocument {
  const items = [...input.items].sort((a, b) => a.allocationId.localeCompare(b.allocationId));
  const coops = new Map(input.cooperatives.map((c) => [c.id, c]));
  const served = items.filter((i) => parts.atHub.has(i.allocationId));
  const routes = [...parts.routes].sort((a, b) => a.routeNo - b.routeNo);
  const downstream = input.direction === 'downstream';

  const handover = new Map<string, HandoverGroup & { orders: Set<string> }>();
  for (const item of downstream ? [] : served) {
    const carrier = CARRIER_BY_CLASS[item.temperatureClass];
    const key = `${carrier}|${item.destinationProvince}`;
    const group = handover.get(key) ?? { carrier, province: item.destinationProvince, parcels: 0, grams: 0, orders: new Set<string>() };
    group.orders.add(item.orderId);
    group.parcels = group.orders.size;
    group.grams += item.grams;
    handover.set(key, group);
  }

  let cost = emptyCost();
  for (const r of routes) cost = addCost(cost, r.cost);
  const totals = {
    routes: routes.length,
    routesByTier: { village: routes.filter((r) => r.tier === 'village').length, township: routes.filter((r) => r.tier === 'township').length },
    distanceM: routes.reduce((s, r) => s + r.distanceM, 0),
    durationS: routes.reduce((s, r) => s + r.durationS, 0),
    refrigerationS: routes.reduce((s, r) => s + r.refrigerationS, 0),
    co2eGrams: routes.reduce((s, r) => s + r.co2eGrams, 0),
    gramsCollected: served.reduce((s, i) => s + i.grams, 0),
    cost,
  };

  // Naive baseline over the same served items: every cooperative ships alone to its home station, every station alone to the
  // hub (downstream the same round trips the other way: every station alone from the hub, every cooperative alone from its station).
  let naiveCost = 0;
  let naiveDistance = 0;
  let naiveCo2 = 0;
  const typesAt = (siteId: string) => {
    const ids = new Set(input.fleets.filter((f) => f.siteId === siteId && f.count > 0).map((f) => f.vehicleTypeId));
    return input.vehicleTypes.filter((t) => ids.has(t.id));
  };
  const group = (key: (i: Item) => string) => {
    const m = new Map<string, Item[]>();
    for (const i of served) m.set(key(i), [...(m.get(key(i)) ?? []), i]);
    return [...m.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  };
  const add = (trip: ReturnType<typeof cheapestRoundTrip>) => {
    if (trip) { naiveCost += trip.costCents; naiveCo2 += trip.co2eGrams; naiveDistance += trip.metres; }
  };
  for (const [coopId, coopItems] of group((i) => i.cooperativeId)) {
    const coop = coops.get(coopId)!;
    add(cheapestRoundTrip(typesAt(coop.stationId), coopItems, parts.travel, coop.stationId, coop.siteId));
  }
  for (const [stationId, stationItems] of group((i) => coops.get(i.cooperativeId)!.stationId)) {
    add(cheapestRoundTrip(typesAt(parts.hubId), stationItems, parts.travel, parts.hubId, stationId));
  }

  return {
    schemaVersion: 1,
    planner: parts.planner,
    distanceSource: parts.travel.source,
    countyId: input.countyId,
    direction: input.direction,
    cutoffAt: new Date(Date.parse(input.cutoffAt)).toISOString(),
    items: items.map(({ maxHoursToHub: _m, latestAtHubAt: _l, ...item }): PlanItem => item),
    routes,
    unassigned: [...parts.unassigned].sort((a, b) => a.cooperativeId.localeCompare(b.cooperativeId) || a.reason.localeCompare(b.reason)
      || (a.allocationIds[0] ?? '').localeCompare(b.allocationIds[0] ?? '')),
    totals,
    naiveBaseline: {
      description: downstream
        ? 'each station by its own round trip of the cheapest compatible hub truck from the hub, each cooperative by its own round trip of the cheapest compatible vehicle from its station'
        : 'each cooperative by its own round trip of the cheapest compatible vehicle from its station, each station by its own round trip of the cheapest compatible hub truck',
      distanceM: naiveDistance,
      co2eGrams: naiveCo2,
      costCents: naiveCost,
      saving: {
        costCents: naiveCost - cost.totalCents,
        distanceM: naiveDistance - totals.distanceM,
        co2eGrams: naiveCo2 - totals.co2eGrams,
        costShare: naiveCost > 0 ? (naiveCost - cost.totalCents) / naiveCost : 0,
      },
    },
    handover: [...handover.values()].map(({ orders: _o, ...g }) => g)
      .sort((a, b) => a.carrier.localeCompare(b.carrier) || a.province.localeCompare(b.province)),
  };
}
