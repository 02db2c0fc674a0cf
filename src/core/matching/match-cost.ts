import type { MatchAllocation, MatchProblem, MatchSku } from './match-problem';

const HOUR_MS = 3_600_000;

/** Remaining shelf life (hours) of a lot at handover: shelfLifeHours − hours(handoverAt − packedAt). */
export function remainingHours(sku: MatchSku, packedAtMs: number, handoverAtMs: number): number {
  return sku.shelfLifeHours - (handoverAtMs - packedAtMs) / HOUR_MS;
}

export interface MatchCost {
  /** service + unfilled term. */
  total: number;
  /** Unit costs + split penalty: the cost the quality target is measured on. */
  service: number;
  /** Σ units × (weightKg × costPerKg + freshness × r / shelfLife + gradeOver × (minGrade − grade)). */
  unitCost: number;
  /** split × Σ over orders of (distinct cooperatives − 1). */
  splitCost: number;
  /** Σ over orders of (distinct cooperatives − 1). */
  splits: number;
  filledUnits: number;
  unfilledUnits: number;
}

/**
 * The issue-6 cost of a set of allocations, computed from scratch. Unfilled units are every line's
 * quantity minus what the allocations give it. Throws on references to unknown orders, lines or
 * lots, or on lots of an unreachable cooperative (they have no cost).
 */
export function computeMatchCost(problem: MatchProblem, allocations: readonly MatchAllocation[]): MatchCost {
  const handoverMs = Date.parse(problem.handoverAt);
  const skus = new Map(problem.skus.map((s) => [s.id, s]));
  const coops = new Map(problem.cooperatives.map((c) => [c.id, c]));
  const lots = new Map(problem.lots.map((l) => [l.id, l]));
  const orders = new Map(problem.orders.map((o) => [o.id, o]));
  const w = problem.weights;

  let unitCost = 0;
  const filledPerLine = new Map<string, number[]>();
  const coopsPerOrder = new Map<string, Set<string>>();
  allocations.forEach((a, i) => {
    const order = orders.get(a.order);
    const line = order?.lines[a.line];
    const lot = lots.get(a.lot);
    if (!order || !line || !lot) throw new Error(`core/matching: allocation ${i}: unknown order, line or lot`);
    const sku = skus.get(lot.sku)!;
    const coop = coops.get(lot.cooperative)!;
    if (coop.costPerKg === null) throw new Error(`core/matching: allocation ${i}: cooperative '${coop.id}' has no route`);
    const r = remainingHours(sku, Date.parse(lot.packedAt), handoverMs);
    unitCost +=
      a.quantity *
      (sku.weightKg * coop.costPerKg + (w.freshness * r) / sku.shelfLifeHours + w.gradeOver * (line.minGrade - lot.grade));
    let filled = filledPerLine.get(order.id);
    if (!filled) filledPerLine.set(order.id, (filled = order.lines.map(() => 0)));
    filled[a.line] += a.quantity;
    let set = coopsPerOrder.get(order.id);
    if (!set) coopsPerOrder.set(order.id, (set = new Set()));
    if (a.quantity > 0) set.add(lot.cooperative);
  });

  let splits = 0;
  for (const set of coopsPerOrder.values()) splits += Math.max(0, set.size - 1);
  let filledUnits = 0;
  let unfilledUnits = 0;
  for (const order of problem.orders) {
    const filled = filledPerLine.get(order.id);
    order.lines.forEach((line, i) => {
      const f = filled ? filled[i] : 0;
      filledUnits += f;
      unfilledUnits += Math.max(0, line.quantity - f);
    });
  }
  const splitCost = w.split * splits;
  const service = unitCost + splitCost;
  return {
    total: service + w.unfilled * unfilledUnits,
    service,
    unitCost,
    splitCost,
    splits,
    filledUnits,
    unfilledUnits,
  };
}
