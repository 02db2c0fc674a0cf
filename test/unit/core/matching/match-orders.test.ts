import { computeMatchCost } from '../../../../src/core/matching/match-cost';
import { matchOrders } from '../../../../src/core/matching/match-orders';
import type { MatchLot, MatchOrder, MatchProblem } from '../../../../src/core/matching/match-problem';

const HANDOVER = '2026-11-22T18:00:00Z';
const hoursBefore = (h: number): string => new Date(Date.parse(HANDOVER) - h * 3_600_000).toISOString();

function problem(lots: Partial<MatchLot>[], orders: MatchOrder[], extra: Partial<MatchProblem> = {}): MatchProblem {
  return {
    handoverAt: HANDOVER,
    skus: [
      { id: 'kiwi', weightKg: 3, shelfLifeHours: 480, minRemainingHours: 168 },
      { id: 'tea', weightKg: 0.5, shelfLifeHours: 720, minRemainingHours: 100 },
    ],
    cooperatives: [
      { id: 'coop-a', costPerKg: 0.4, hoursToHub: 2 },
      { id: 'coop-b', costPerKg: 0.6, hoursToHub: 3 },
      { id: 'coop-far', costPerKg: null, hoursToHub: null },
      { id: 'coop-cut', costPerKg: 0.1, hoursToHub: 1, reachable: false },
    ],
    lots: lots.map((l, i) => ({
      id: `lot-${i}`,
      cooperative: 'coop-a',
      farmer: 'f-1',
      sku: 'kiwi',
      grade: 1,
      quantity: 10,
      packedAt: hoursBefore(24),
      ...l,
    })),
    orders,
    weights: { freshness: 0.5, split: 8, gradeOver: 0.3, unfilled: 1000 },
    ...extra,
  };
}
const line = (sku: string, quantity: number, minGrade = 3) => ({ sku, quantity, minGrade });
const run = (p: MatchProblem) => matchOrders(p, { seed: 1 });

describe('matchOrders: unfilled reasons (the first that applies)', () => {
  it('unknown_sku when the SKU is not in skus', () => {
    const r = run(problem([{}], [{ id: 'o1', lines: [line('durian', 2)] }]));
    expect(r.unfilled).toEqual([{ order: 'o1', line: 0, quantity: 2, reason: 'unknown_sku' }]);
    expect(r.allocations).toEqual([]);
  });

  it('grade_unavailable when no lot is at or above the grade at the allowed cooperatives', () => {
    const lots = [{ grade: 3 }, { grade: 1, cooperative: 'coop-b' }];
    expect(run(problem(lots, [{ id: 'o1', lines: [line('kiwi', 1, 2)], cooperatives: ['coop-a'] }])).unfilled[0].reason).toBe('grade_unavailable');
    // The same line without the binding is served from coop-b.
    const free = run(problem(lots, [{ id: 'o1', lines: [line('kiwi', 1, 2)] }]));
    expect(free.unfilled).toEqual([]);
    expect(free.allocations).toEqual([{ order: 'o1', line: 0, lot: 'lot-1', quantity: 1 }]);
  });

  it('no_fresh_stock when graded lots exist but none has the minimum remaining shelf life', () => {
    // 480 − 320 = 160 h left < 168 h.
    const r = run(problem([{ packedAt: hoursBefore(320) }], [{ id: 'o1', lines: [line('kiwi', 1)] }]));
    expect(r.unfilled).toEqual([{ order: 'o1', line: 0, quantity: 1, reason: 'no_fresh_stock' }]);
  });

  it('a lot exactly at the minimum remaining shelf life is still shipped', () => {
    const r = run(problem([{ packedAt: hoursBefore(312) }], [{ id: 'o1', lines: [line('kiwi', 1)] }]));
    expect(r.unfilled).toEqual([]);
  });

  it('no_route when the only fresh graded stock sits at cooperatives that cannot reach the hub', () => {
    const lots = [{ cooperative: 'coop-far' }, { cooperative: 'coop-cut' }];
    const r = run(problem(lots, [{ id: 'o1', lines: [line('kiwi', 2)] }]));
    expect(r.unfilled).toEqual([{ order: 'o1', line: 0, quantity: 2, reason: 'no_route' }]);
  });

  it('out_of_stock when eligible lots exist but their units went to other lines (partial fill)', () => {
    const r = run(problem([{ quantity: 3 }], [{ id: 'o1', lines: [line('kiwi', 2)] }, { id: 'o2', lines: [line('kiwi', 2)] }]));
    expect(r.allocations.reduce((s, a) => s + a.quantity, 0)).toBe(3);
    expect(r.unfilled).toHaveLength(1);
    expect(r.unfilled[0]).toMatchObject({ quantity: 1, reason: 'out_of_stock' });
  });

  it('out_of_stock also for a lot whose free quantity is zero', () => {
    const r = run(problem([{ quantity: 0 }], [{ id: 'o1', lines: [line('kiwi', 1)] }]));
    expect(r.unfilled[0].reason).toBe('out_of_stock');
  });
});

describe('matchOrders: objective', () => {
  it('fills first: the only lot a strict line can use goes to it, the lenient line takes the other', () => {
    // Cheapest for the lenient line would be the grade-1 lot at coop-a; maximal fill forbids it.
    const lots = [{ grade: 1, quantity: 1 }, { grade: 3, quantity: 1, cooperative: 'coop-b' }];
    const r = run(problem(lots, [{ id: 'o1', lines: [line('kiwi', 1, 3)] }, { id: 'o2', lines: [line('kiwi', 1, 1)] }]));
    expect(r.unfilled).toEqual([]);
    expect(r.allocations).toEqual([
      { order: 'o1', line: 0, lot: 'lot-1', quantity: 1 },
      { order: 'o2', line: 0, lot: 'lot-0', quantity: 1 },
    ]);
  });

  it('prefers the cheaper cold-chain path and first-expired-first-out among fresh lots', () => {
    const lots = [
      { cooperative: 'coop-b', packedAt: hoursBefore(10) },
      { cooperative: 'coop-a', packedAt: hoursBefore(10) },
      { cooperative: 'coop-a', packedAt: hoursBefore(200) },
      { cooperative: 'coop-a', packedAt: hoursBefore(400) }, // too old: 80 h left
    ];
    const r = run(problem(lots, [{ id: 'o1', lines: [line('kiwi', 2)] }]));
    expect(r.allocations).toEqual([{ order: 'o1', line: 0, lot: 'lot-2', quantity: 2 }]);
  });

  it('keeps an order at one cooperative when that saves more than the split penalty costs', () => {
    // Kiwi is cheaper at coop-a (0.4 vs 0.6/kg, 3 kg: 0.6 per unit), tea only at coop-b.
    const lots = [{ sku: 'kiwi', cooperative: 'coop-a' }, { sku: 'kiwi', cooperative: 'coop-b' }, { sku: 'tea', cooperative: 'coop-b' }];
    const orders = [{ id: 'o1', lines: [line('kiwi', 2), line('tea', 1)] }];
    const r = run(problem(lots, orders));
    expect(new Set(r.allocations.map((a) => a.lot))).toEqual(new Set(['lot-1', 'lot-2']));
    // With a split penalty below the saving (2 × 0.6 = 1.2), splitting is right.
    const cheapSplit = run(problem(lots, orders, { weights: { freshness: 0.5, split: 1, gradeOver: 0.3, unfilled: 1000 } }));
    expect(new Set(cheapSplit.allocations.map((a) => a.lot))).toEqual(new Set(['lot-0', 'lot-2']));
  });

  it('leaves short the line whose filling would split an order, not the single-line order', () => {
    // One unit of tea exists at coop-b. o1 (kiwi at coop-a only + tea) would split; o2 (tea alone) would not.
    const lots = [{ sku: 'kiwi', cooperative: 'coop-a' }, { sku: 'tea', cooperative: 'coop-b', quantity: 1 }];
    const r = run(problem(lots, [{ id: 'o1', lines: [line('kiwi', 1), line('tea', 1)] }, { id: 'o2', lines: [line('tea', 1)] }]));
    expect(r.allocations).toContainEqual({ order: 'o2', line: 0, lot: 'lot-1', quantity: 1 });
    expect(r.unfilled).toEqual([{ order: 'o1', line: 1, quantity: 1, reason: 'out_of_stock' }]);
  });

  it('serves bound orders only from their cooperatives even when others are cheaper', () => {
    const lots = [{ cooperative: 'coop-a' }, { cooperative: 'coop-b' }];
    const r = run(problem(lots, [{ id: 'o1', lines: [line('kiwi', 2)], cooperatives: ['coop-b'] }]));
    expect(r.allocations).toEqual([{ order: 'o1', line: 0, lot: 'lot-1', quantity: 2 }]);
  });

  it('reports the issue cost: units × (weight × cost/kg + freshness × r / shelf life + gradeOver × (minGrade − grade)) + split + unfilled', () => {
    const lots = [{ grade: 1, packedAt: hoursBefore(48) }];
    const r = run(problem(lots, [{ id: 'o1', lines: [line('kiwi', 2, 2), line('durian', 1)] }]));
    const perUnit = 3 * 0.4 + (0.5 * (480 - 48)) / 480 + 0.3 * (2 - 1);
    expect(r.cost).toBeCloseTo(2 * perUnit + 1000 * 1, 9);
    expect(computeMatchCost(problem(lots, [{ id: 'o1', lines: [line('kiwi', 2, 2), line('durian', 1)] }]), r.allocations)).toMatchObject({
      splits: 0,
      filledUnits: 2,
      unfilledUnits: 1,
    });
  });

  it('handles an empty burst', () => {
    const r = run(problem([], []));
    expect(r).toMatchObject({ allocations: [], unfilled: [], cost: 0 });
  });
});
