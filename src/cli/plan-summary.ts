import Table from 'cli-table3';
import type { CostSplitDocument } from '../core/cost-split';
import type { PlanDocument } from '../core/plan/plan.types';

export const yuan = (cents: number) => `¥${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The plan as people read it: routes per tier, the saving over the naive baseline, what is left unassigned. */
export function formatPlanSummary(plan: PlanDocument): string {
  const routes = new Table({ head: ['tier', 'routes', 'km', 'hours', 'reefer h', 'CO2e kg', 'cost'] });
  const sum = (rs: PlanDocument['routes'], f: (r: PlanDocument['routes'][number]) => number) => rs.reduce((a, r) => a + f(r), 0);
  for (const tier of ['village', 'township'] as const) {
    const rs = plan.routes.filter((r) => r.tier === tier);
    routes.push([tier, rs.length, (sum(rs, (r) => r.distanceM) / 1000).toFixed(1), (sum(rs, (r) => r.durationS) / 3600).toFixed(1),
      (sum(rs, (r) => r.refrigerationS) / 3600).toFixed(1), (sum(rs, (r) => r.co2eGrams) / 1000).toFixed(1), yuan(sum(rs, (r) => r.cost.totalCents))]);
  }
  const t = plan.totals;
  routes.push(['total', t.routes, (t.distanceM / 1000).toFixed(1), (t.durationS / 3600).toFixed(1), (t.refrigerationS / 3600).toFixed(1),
    (t.co2eGrams / 1000).toFixed(1), yuan(t.cost.totalCents)]);
  const nb = plan.naiveBaseline;
  const lines = [
    `plan by ${plan.planner} on ${plan.distanceSource} distances`,
    routes.toString(),
    `naive baseline (every cooperative and station ships alone): ${yuan(nb.costCents)}, ${(nb.distanceM / 1000).toFixed(1)} km; ` +
      `saving ${yuan(nb.saving.costCents)} (${(nb.saving.costShare * 100).toFixed(1)} %), ${(nb.saving.distanceM / 1000).toFixed(1)} km, ` +
      `${(nb.saving.co2eGrams / 1000).toFixed(1)} kg CO2e`,
  ];
  if (plan.unassigned.length > 0) {
    const byReason = new Map<string, number>();
    for (const u of plan.unassigned) byReason.set(u.reason, (byReason.get(u.reason) ?? 0) + u.allocationIds.length);
    lines.push(`unassigned allocations: ${[...byReason.entries()].map(([r, n]) => `${n} ${r}`).join(', ')}`);
  }
  return lines.join('\n');
}

/** Party totals of a cost split, and the highest burden against the cap. */
export function formatSplitSummary(split: CostSplitDocument, capShareOfSales: number): string {
  const parties = new Table({ head: [`cost split (${split.method}, policy ${split.policyVersion})`, 'amount', 'share'] });
  const share = (c: number) => `${((c / split.totalCents) * 100).toFixed(1)} %`;
  parties.push(['government (hub amortisation, fuel subsidy, capped excess)', yuan(split.parties.government), share(split.parties.government)]);
  parties.push(['logistics firm (vehicles, stations, trunk)', yuan(split.parties.logisticsFirm), share(split.parties.logisticsFirm)]);
  parties.push([`cooperatives (${split.cooperatives.length}), passed to ${split.farmers.length} farmers by kg`, yuan(split.parties.cooperatives), share(split.parties.cooperatives)]);
  parties.push(['total', yuan(split.totalCents), '100.0 %']);
  const maxBurden = Math.max(0, ...split.cooperatives.map((c) => c.burden));
  return `${parties.toString()}\nhighest cooperative burden: ${(maxBurden * 100).toFixed(2)} % of its sales in the wave (cap ${(capShareOfSales * 100).toFixed(0)} %)`;
}
