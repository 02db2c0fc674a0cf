import type { PlanDocument, PlanItem } from '../plan/plan.types';
import { apportionCents } from './apportion';
import type { CostPolicy, Payer } from './cost-policy';
import type { CooperativeShare, CostSplitDocument } from './cost-split.types';

/**
 * BASELINE split (the foundation's first version): the four-party policy with route costs shared between
 * cooperatives in proportion to their kilograms on the route. Later versions add kg·km and Shapley sharing.
 * Every amount is an integer number of cents and the parties add up to the total exactly.
 */
export const BASELINE_SPLIT = 'proportional-kg-baseline';
const REMAINDER_RULE = 'largest remainder (Hamilton): floors first, leftover cents to the largest fractions, ties by id ascending';

export function splitPlanCostBaseline(plan: PlanDocument, policy: CostPolicy): CostSplitDocument {
  const items = new Map<string, PlanItem>(plan.items.map((i) => [i.allocationId, i]));
  const routesCents = plan.routes.reduce((s, r) => s + r.cost.totalCents, 0);
  const gramsAtHub = plan.routes.filter((r) => r.tier === 'township')
    .flatMap((r) => r.stops.flatMap((s) => s.dropped)).reduce((s, id) => s + (items.get(id)?.grams ?? 0), 0);
  const g = policy.government;
  const hubDailyCents = g.hubCapexCents / (g.hubLifeYears * g.operatingDaysPerYear);
  const hubShareCents = Math.round(hubDailyCents * Math.min(1, gramsAtHub / 1000 / g.hubDailyThroughputKg));
  const stationsUsed = new Set(plan.routes.filter((r) => r.tier === 'village').map((r) => r.baseSiteId)).size;
  const stationOmCents = stationsUsed * policy.logisticsFirm.stationOmCentsPerDay;

  const payers: Record<Payer, number> = { government: hubShareCents, logisticsFirm: stationOmCents, cooperatives: 0 };
  const government = { hubShareCents, fuelSubsidyCents: 0, cooperativeExcessCents: 0, trunkOperatingCents: 0 };
  const firm = { vehicleDayCents: 0, stationOmCents, trunkOperatingCents: 0, cooperativeExcessCents: 0 };
  const uncapped = new Map<string, number>();
  const coopKg = new Map<string, number>();
  const coopSales = new Map<string, number>();
  const routeRows: CostSplitDocument['routes'] = [];

  for (const route of plan.routes) {
    const subsidy = route.refrigerationS > 0 ? Math.round(route.cost.fuelCents * g.fuelSubsidyShare) : 0;
    const operating = route.cost.fuelCents - subsidy + route.cost.driverCents + route.cost.refrigerationCents;
    government.fuelSubsidyCents += subsidy;
    payers.government += subsidy;
    firm.vehicleDayCents += route.cost.fixedCents;
    payers.logisticsFirm += route.cost.fixedCents;
    if (route.tier === 'township') {
      if (policy.trunkOperatingPaidBy === 'government') { government.trunkOperatingCents += operating; payers.government += operating; }
      if (policy.trunkOperatingPaidBy === 'logisticsFirm') { firm.trunkOperatingCents += operating; payers.logisticsFirm += operating; }
      if (policy.trunkOperatingPaidBy === 'cooperatives') {
        // Trunk cost charged to cooperatives is shared by everyone's kilograms on the trunk route (and capped below).
        const weights = kgByCooperative(route.stops.flatMap((s) => s.pickedUp), items);
        for (const [coop, cents] of apportionCents(operating, weights)) uncapped.set(coop, (uncapped.get(coop) ?? 0) + cents);
      }
      routeRows.push({ routeNo: route.routeNo, tier: route.tier, costCents: route.cost.totalCents, terminalCents: 0, sharedBy: [] });
      continue;
    }
    const picked = route.stops.flatMap((s) => s.pickedUp);
    const weights = kgByCooperative(picked, items);
    const shares = apportionCents(operating, weights);
    for (const [coop, cents] of shares) uncapped.set(coop, (uncapped.get(coop) ?? 0) + cents);
    routeRows.push({
      routeNo: route.routeNo, tier: route.tier, costCents: route.cost.totalCents, terminalCents: operating,
      sharedBy: weights.map((w) => ({ cooperativeId: w.key, kg: w.weight, shareCents: shares.get(w.key)! })),
    });
  }
  for (const item of plan.items) {
    coopKg.set(item.cooperativeId, (coopKg.get(item.cooperativeId) ?? 0) + item.grams / 1000);
    coopSales.set(item.cooperativeId, (coopSales.get(item.cooperativeId) ?? 0) + item.salesCents);
  }

  const cooperatives: CooperativeShare[] = [...uncapped.keys()].sort().map((cooperativeId) => {
    const salesCents = coopSales.get(cooperativeId) ?? 0;
    const capCents = Math.floor(salesCents * policy.cooperatives.capShareOfSales);
    const uncappedCents = uncapped.get(cooperativeId)!;
    const shareCents = Math.min(uncappedCents, capCents);
    const excess = uncappedCents - shareCents;
    payers[policy.cooperatives.excessPaidBy] += excess;
    if (policy.cooperatives.excessPaidBy === 'government') government.cooperativeExcessCents += excess;
    else firm.cooperativeExcessCents += excess;
    payers.cooperatives += shareCents;
    return { cooperativeId, kg: round3(coopKg.get(cooperativeId) ?? 0), salesCents, uncappedCents, capCents, shareCents,
      burden: salesCents > 0 ? shareCents / salesCents : 0 };
  });

  // A cooperative's share passes to its member farmers by their kilograms.
  const farmers: CostSplitDocument['farmers'] = [];
  for (const coop of cooperatives) {
    const byFarmer = new Map<string, number>();
    for (const item of plan.items) if (item.cooperativeId === coop.cooperativeId) byFarmer.set(item.farmerId, (byFarmer.get(item.farmerId) ?? 0) + item.grams);
    const weights = [...byFarmer.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([key, grams]) => ({ key, weight: grams }));
    for (const [farmerId, shareCents] of apportionCents(coop.shareCents, weights)) {
      farmers.push({ farmerId, cooperativeId: coop.cooperativeId, kg: round3(byFarmer.get(farmerId)! / 1000), shareCents });
    }
  }

  const totalCents = routesCents + hubShareCents + stationOmCents;
  const sum = payers.government + payers.logisticsFirm + payers.cooperatives;
  if (sum !== totalCents) throw new Error(`core/cost-split: shares add up to ${sum} cents, not the total ${totalCents}`);
  return {
    schemaVersion: 1,
    method: BASELINE_SPLIT,
    policyVersion: policy.version,
    routeSharing: 'proportional-kg',
    totalCents,
    components: { routesCents, hubShareCents, stationOmCents, stationsUsed },
    parties: payers,
    government,
    logisticsFirm: firm,
    cooperatives,
    farmers,
    routes: routeRows,
    remainderRule: REMAINDER_RULE,
  };
}

function kgByCooperative(allocationIds: string[], items: Map<string, PlanItem>): { key: string; weight: number }[] {
  const grams = new Map<string, number>();
  for (const id of allocationIds) {
    const item = items.get(id);
    if (!item) throw new Error(`core/cost-split: route picks up unknown allocation '${id}'`);
    grams.set(item.cooperativeId, (grams.get(item.cooperativeId) ?? 0) + item.grams);
  }
  return [...grams.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([key, g]) => ({ key, weight: g / 1000 }));
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
