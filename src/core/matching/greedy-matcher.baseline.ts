import type { MatchAllocation, MatchProblem, MatchResult, MatchUnfilled, UnfilledReason } from './match-problem';

/**
 * BASELINE matcher (the foundation's first version; the min-cost-flow matcher replaces it): orders in id
 * order, each line from the cheapest eligible lot first (cost per kg, then fresher-first, then lot id).
 * It keeps every hard rule — grade, freshness, bound cooperatives, never beyond a lot's free quantity —
 * and gives each unfilled unit the first reason that applies. It does not optimise fill or splits.
 */
export const GREEDY_MATCHER = 'greedy-baseline';

export function matchOrdersGreedy(problem: MatchProblem): Omit<MatchResult, 'cost' | 'seconds' | 'iterations'> {
  const handover = Date.parse(problem.handoverAt);
  const skus = new Map(problem.skus.map((s) => [s.id, s]));
  const coops = new Map(problem.cooperatives.map((c) => [c.id, c]));
  const free = new Map(problem.lots.map((l) => [l.id, l.quantity]));
  const remainingHours = (lot: MatchProblem['lots'][number]) =>
    skus.get(lot.sku)!.shelfLifeHours - (handover - Date.parse(lot.packedAt)) / 3_600_000;
  const lotsBySku = new Map<string, MatchProblem['lots']>();
  for (const lot of [...problem.lots].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!skus.has(lot.sku)) continue;
    lotsBySku.set(lot.sku, [...(lotsBySku.get(lot.sku) ?? []), lot]);
  }
  const allocations: MatchAllocation[] = [];
  const unfilled: MatchUnfilled[] = [];
  for (const order of [...problem.orders].sort((a, b) => a.id.localeCompare(b.id))) {
    const allowed = order.cooperatives ? new Set(order.cooperatives) : undefined;
    order.lines.forEach((line, lineNo) => {
      const sku = skus.get(line.sku);
      if (!sku) {
        unfilled.push({ order: order.id, line: lineNo, quantity: line.quantity, reason: 'unknown_sku' });
        return;
      }
      const graded = (lotsBySku.get(line.sku) ?? []).filter((l) => l.grade <= line.minGrade && (!allowed || allowed.has(l.cooperative)));
      const fresh = graded.filter((l) => remainingHours(l) >= sku.minRemainingHours);
      const routable = fresh.filter((l) => {
        const coop = coops.get(l.cooperative);
        return coop !== undefined && coop.costPerKg !== null && coop.reachable !== false;
      });
      const candidates = routable.sort((a, b) =>
        coops.get(a.cooperative)!.costPerKg! - coops.get(b.cooperative)!.costPerKg! || remainingHours(a) - remainingHours(b) || a.id.localeCompare(b.id));
      let need = line.quantity;
      for (const lot of candidates) {
        if (need === 0) break;
        const take = Math.min(need, free.get(lot.id)!);
        if (take <= 0) continue;
        free.set(lot.id, free.get(lot.id)! - take);
        allocations.push({ order: order.id, line: lineNo, lot: lot.id, quantity: take });
        need -= take;
      }
      if (need > 0) {
        const reason: UnfilledReason = graded.length === 0 ? 'grade_unavailable' : fresh.length === 0 ? 'no_fresh_stock'
          : routable.length === 0 ? 'no_route' : 'out_of_stock';
        unfilled.push({ order: order.id, line: lineNo, quantity: need, reason });
      }
    });
  }
  return { allocations, unfilled };
}
