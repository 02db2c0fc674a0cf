import type { PlanDocument, PlanItem, PlanRoute } from '../plan/plan.types';
import { apportionCents } from './apportion';
import type { CostPolicy, Payer, RouteSharing } from './cost-policy';
import type { CooperativeShare, CostSplitDocument, FarmerShare, RouteSplit } from './cost-split.types';
import { buildRouteGame } from './route-game';
import { splitRouteCost } from './route-sharing';

export const SPLIT_METHOD = 'four-party';

export const REMAINDER_RULE =
  'every amount is whole cents: per route the fuel subsidy is round(fuel × subsidy share) and the hub share is ' +
  'round(daily amortisation × throughput share); a route\'s shared amount, a trunk route charged to cooperatives and a ' +
  'cooperative\'s capped share among its farmers are divided by largest remainder (Hamilton): floors first, the leftover ' +
  'cents one each to the largest fractions, ties by id ascending; a cap is floor(sales × capShareOfSales) and what ' +
  'exceeds it goes whole to the named party; so the parties add up to the total exactly';

const SHARING_MODEL: Record<RouteSharing, string> = {
  'proportional-kg': 'village routes: terminal cost shared by each cooperative\'s kilograms on the route',
  'kg-km': 'village routes: terminal cost shared by kg × km, the km being the shorter way along the route\'s stop sequence ' +
    'between the station and the cooperative\'s stop (straight-line legs scaled by the route\'s detour factor: recorded ' +
    'distance / straight-line length of its stops)',
  shapley: 'village routes: terminal cost shared by the Shapley value of the game whose coalition cost is the best route ' +
    'serving only the coalition\'s stops from and back to the station (Held–Karp, exact); legs are straight-line × the ' +
    'route\'s detour factor, priced by the route\'s own rates: (fuel − subsidy) / distance per metre, (driver + ' +
    'refrigeration) / duration per second, travel at the route\'s driving speed from its stop times plus each stop\'s ' +
    'dwell; exact up to the policy\'s exactMaxCooperatives, seeded permutation sampling above; values clamped at 0 and ' +
    'scaled to the terminal cost by largest remainder',
};

export interface SplitOptions {
  /** Seed of Shapley permutation sampling (default: the policy's shapley.seed). */
  seed?: number;
  /** Overrides the policy's routeSharing (what-if runs, the CLI's --method). */
  method?: RouteSharing;
}

/**
 * The four-party split of a plan's cost under a policy (SPEC §5, issue 8). The total is the plan's route
 * costs (as recorded) plus the day's hub amortisation share and the used stations' O&M:
 * - government: hub amortisation × the wave's share of the hub's daily throughput (kg carried by township
 *   routes), the fuel subsidy on refrigerated routes, cooperatives' excess above their cap (by default);
 * - logistics firm: every route's vehicle-day part, station O&M per station used, township operating (by default);
 * - cooperatives: village routes' fuel less subsidy, driver and refrigeration, shared by the routeSharing
 *   method, capped at floor(capShareOfSales × sales), each cooperative's share passed to its farmers by kg.
 * Sales and kilograms count the allocations the plan carries (unassigned work earns nothing in this wave).
 */
export function splitPlanCost(plan: PlanDocument, policy: CostPolicy, options: SplitOptions = {}): CostSplitDocument {
  if (!plan || !Array.isArray(plan.routes) || !Array.isArray(plan.items)) throw new Error('core/cost-split: the plan needs routes and items');
  const method = options.method ?? policy.routeSharing;
  const seed = options.seed ?? policy.shapley.seed;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`core/cost-split: seed must be an integer in 0..2^32−1, got ${seed}`);
  const items = new Map<string, PlanItem>();
  for (const item of plan.items) {
    if (items.has(item.allocationId)) throw new Error(`core/cost-split: allocation '${item.allocationId}' appears twice among the plan's items`);
    if (!Number.isInteger(item.grams) || item.grams < 0) throw new Error(`core/cost-split: allocation '${item.allocationId}': grams must be a non-negative integer`);
    if (!Number.isInteger(item.salesCents) || item.salesCents < 0) throw new Error(`core/cost-split: allocation '${item.allocationId}': salesCents must be a non-negative integer`);
    items.set(item.allocationId, item);
  }
  for (const route of plan.routes) checkRoute(route);
  const routes = [...plan.routes].sort((a, b) => a.routeNo - b.routeNo);

  const carried = new Set<string>();
  const atHub = new Set<string>();
  for (const route of routes) {
    for (const stop of route.stops) {
      for (const id of [...stop.pickedUp, ...stop.dropped]) {
        if (!items.has(id)) throw new Error(`core/cost-split: route ${route.routeNo} handles unknown allocation '${id}'`);
        carried.add(id);
        if (route.tier === 'township') atHub.add(id);
      }
    }
  }

  const g = policy.government;
  const hubThroughputKg = [...atHub].reduce((s, id) => s + items.get(id)!.grams, 0) / 1000;
  const hubDailyCents = g.hubCapexCents / (g.hubLifeYears * g.operatingDaysPerYear);
  const hubShareCents = Math.round(hubDailyCents * Math.min(1, hubThroughputKg / g.hubDailyThroughputKg));
  const stationIds = [...new Set([
    ...routes.filter((r) => r.tier === 'village').map((r) => r.baseSiteId),
    ...routes.filter((r) => r.tier === 'township').flatMap((r) => r.stops.slice(1, -1).map((s) => s.siteId)),
  ])].sort();
  const stationOmCents = stationIds.length * policy.logisticsFirm.stationOmCentsPerDay;

  const parties: Record<Payer, number> = { government: hubShareCents, logisticsFirm: stationOmCents, cooperatives: 0 };
  const government = { hubShareCents, fuelSubsidyCents: 0, cooperativeExcessCents: 0, trunkOperatingCents: 0, unattributedTerminalCents: 0 };
  const firm = { vehicleDayCents: 0, stationOmCents, trunkOperatingCents: 0, cooperativeExcessCents: 0, unattributedTerminalCents: 0 };
  const excessPaidBy = policy.cooperatives.excessPaidBy;
  const uncapped = new Map<string, number>();
  const coopRoutes = new Map<string, Set<number>>();
  const routeRows: RouteSplit[] = [];
  let routesCents = 0;

  for (const route of routes) {
    const c = route.cost;
    routesCents += c.totalCents;
    // The subsidy is for refrigerated vehicles: a route whose reefer unit ran.
    const fuelSubsidyCents = route.refrigerationS > 0 ? Math.round(c.fuelCents * g.fuelSubsidyShare) : 0;
    const operatingCents = c.fuelCents - fuelSubsidyCents + c.driverCents + c.refrigerationCents;
    government.fuelSubsidyCents += fuelSubsidyCents;
    parties.government += fuelSubsidyCents;
    firm.vehicleDayCents += c.fixedCents;
    parties.logisticsFirm += c.fixedCents;

    const row: RouteSplit = {
      routeNo: route.routeNo, tier: route.tier, vehicleTypeId: route.vehicleTypeId, baseSiteId: route.baseSiteId, costCents: c.totalCents,
      cost: { ...c }, fuelSubsidyCents, operatingCents, terminalCents: 0, operatingPaidBy: 'cooperatives', sharing: null, sharedBy: [],
    };
    const game = () => buildRouteGame(route, items, { distanceCents: c.fuelCents - fuelSubsidyCents, timeCents: c.driverCents + c.refrigerationCents });
    let payer: Payer;
    if (route.tier === 'township') {
      payer = policy.trunkOperatingPaidBy;
      if (payer === 'cooperatives') {
        // A trunk route carries stations' consolidated loads: charged to cooperatives, it is shared by their kilograms.
        const shared = splitRouteCost(game(), operatingCents, 'proportional-kg', policy.shapley, seed);
        row.sharing = shared.report;
        row.sharedBy = shared.sharedBy;
      }
    } else {
      row.terminalCents = operatingCents;
      payer = 'cooperatives';
      const shared = splitRouteCost(game(), operatingCents, method, policy.shapley, seed);
      row.sharing = shared.report;
      row.sharedBy = shared.sharedBy;
    }
    if (payer === 'cooperatives' && row.sharedBy.length === 0) {
      // Nothing of any cooperative on it: the party that covers cooperatives' excess carries it.
      payer = excessPaidBy;
      (payer === 'government' ? government : firm).unattributedTerminalCents += operatingCents;
    } else if (route.tier === 'township' && payer !== 'cooperatives') {
      (payer === 'government' ? government : firm).trunkOperatingCents += operatingCents;
    }
    row.operatingPaidBy = payer;
    if (payer === 'cooperatives') {
      for (const s of row.sharedBy) {
        uncapped.set(s.cooperativeId, (uncapped.get(s.cooperativeId) ?? 0) + s.shareCents);
        if (!coopRoutes.has(s.cooperativeId)) coopRoutes.set(s.cooperativeId, new Set());
        coopRoutes.get(s.cooperativeId)!.add(route.routeNo);
      }
    } else {
      parties[payer] += operatingCents;
    }
    routeRows.push(row);
  }

  // Kilograms and sales of what the plan carries, per cooperative and per farmer.
  const coopGrams = new Map<string, number>();
  const coopSales = new Map<string, number>();
  const farmerGrams = new Map<string, Map<string, { grams: number; sales: number }>>();
  for (const id of [...carried].sort()) {
    const item = items.get(id)!;
    coopGrams.set(item.cooperativeId, (coopGrams.get(item.cooperativeId) ?? 0) + item.grams);
    coopSales.set(item.cooperativeId, (coopSales.get(item.cooperativeId) ?? 0) + item.salesCents);
    if (!farmerGrams.has(item.cooperativeId)) farmerGrams.set(item.cooperativeId, new Map());
    const f = farmerGrams.get(item.cooperativeId)!;
    const e = f.get(item.farmerId) ?? { grams: 0, sales: 0 };
    e.grams += item.grams;
    e.sales += item.salesCents;
    f.set(item.farmerId, e);
  }

  const cap = policy.cooperatives;
  const cooperatives: CooperativeShare[] = [...uncapped.keys()].sort().map((cooperativeId) => {
    const salesCents = coopSales.get(cooperativeId) ?? 0;
    const capCents = Math.floor(salesCents * cap.capShareOfSales);
    const uncappedCents = uncapped.get(cooperativeId)!;
    const shareCents = Math.min(uncappedCents, capCents);
    const excessCents = uncappedCents - shareCents;
    parties[excessPaidBy] += excessCents;
    (excessPaidBy === 'government' ? government : firm).cooperativeExcessCents += excessCents;
    parties.cooperatives += shareCents;
    const burden = salesCents > 0 ? shareCents / salesCents : 0;
    return {
      cooperativeId, kg: round3((coopGrams.get(cooperativeId) ?? 0) / 1000), salesCents, uncappedCents, capCents, shareCents, excessCents,
      excessPaidBy, burden, aboveTarget: burden > cap.targetShareOfSales, routeNos: [...coopRoutes.get(cooperativeId)!].sort((a, b) => a - b),
    };
  });

  // A cooperative's share passes to its member farmers by their kilograms.
  const farmers: FarmerShare[] = [];
  for (const coop of cooperatives) {
    const members = [...(farmerGrams.get(coop.cooperativeId) ?? new Map<string, { grams: number; sales: number }>()).entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    if (members.length === 0) {
      if (coop.shareCents !== 0) throw new Error(`core/cost-split: cooperative '${coop.cooperativeId}' has a share but no carried allocation`);
      continue;
    }
    const byFarmer = apportionCents(coop.shareCents, members.map(([farmerId, e]) => ({ key: farmerId, weight: e.grams })));
    for (const [farmerId, e] of members) {
      farmers.push({ farmerId, cooperativeId: coop.cooperativeId, kg: round3(e.grams / 1000), salesCents: e.sales, shareCents: byFarmer.get(farmerId)! });
    }
  }

  const totalCents = routesCents + hubShareCents + stationOmCents;
  const sum = parties.government + parties.logisticsFirm + parties.cooperatives;
  if (sum !== totalCents) throw new Error(`core/cost-split: shares add up to ${sum} cents, not the total ${totalCents}`);
  return {
    schemaVersion: 1,
    method: SPLIT_METHOD,
    policyVersion: policy.version,
    routeSharing: method,
    seed,
    shapley: { exactMaxCooperatives: policy.shapley.exactMaxCooperatives, samplePermutations: policy.shapley.samplePermutations },
    totalCents,
    components: { routesCents, hubShareCents, stationOmCents, stationsUsed: stationIds.length, stationIds, hubThroughputKg: round3(hubThroughputKg) },
    parties,
    government,
    logisticsFirm: firm,
    cooperatives,
    farmers,
    routes: routeRows,
    remainderRule: REMAINDER_RULE,
    sharingModel: SHARING_MODEL[method] + (policy.trunkOperatingPaidBy === 'cooperatives' ? '; township routes charged to cooperatives: shared by kg' : ''),
  };
}

function checkRoute(route: PlanRoute): void {
  const c = route.cost;
  for (const [name, v] of Object.entries(c)) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`core/cost-split: route ${route.routeNo}: cost.${name} must be a non-negative integer of cents`);
  }
  if (c.fixedCents + c.fuelCents + c.driverCents + c.refrigerationCents !== c.totalCents) {
    throw new Error(`core/cost-split: route ${route.routeNo}: cost parts do not add up to cost.totalCents`);
  }
  if (!(route.distanceM >= 0) || !(route.durationS >= 0) || !(route.refrigerationS >= 0)) {
    throw new Error(`core/cost-split: route ${route.routeNo}: distance, duration and refrigeration time must be non-negative numbers`);
  }
  if (!Array.isArray(route.stops)) throw new Error(`core/cost-split: route ${route.routeNo}: stops must be a list`);
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
