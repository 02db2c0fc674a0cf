import fc from 'fast-check';
import { matchOrdersGreedy } from '../../../../src/core/matching/greedy-matcher.baseline';
import type { MatchProblem } from '../../../../src/core/matching/match-problem';

const HANDOVER = '2026-11-22T10:00:00Z';

const problemArb: fc.Arbitrary<MatchProblem> = fc.record({
  coops: fc.integer({ min: 1, max: 4 }),
  lots: fc.array(fc.record({ coop: fc.integer({ min: 0, max: 3 }), sku: fc.integer({ min: 0, max: 2 }), grade: fc.integer({ min: 1, max: 3 }),
    quantity: fc.integer({ min: 0, max: 8 }), ageHours: fc.integer({ min: 0, max: 200 }) }), { maxLength: 12 }),
  orders: fc.array(fc.record({
    lines: fc.array(fc.record({ sku: fc.integer({ min: 0, max: 3 }), quantity: fc.integer({ min: 1, max: 5 }), minGrade: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }),
    bound: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 2 }), { nil: undefined }),
  }), { minLength: 1, maxLength: 10 }),
}).map(({ coops, lots, orders }) => ({
  handoverAt: HANDOVER,
  // sku-3 is deliberately unknown.
  skus: [0, 1, 2].map((i) => ({ id: `sku-${i}`, weightKg: 1 + i, shelfLifeHours: 240, minRemainingHours: 100 })),
  cooperatives: Array.from({ length: 4 }, (_, i) => ({ id: `coop-${i}`, costPerKg: i < coops ? 0.1 * (i + 1) : null })),
  lots: lots.map((l, i) => ({ id: `lot-${String(i).padStart(2, '0')}`, cooperative: `coop-${l.coop}`, farmer: `f-${l.coop}`, sku: `sku-${l.sku}`,
    grade: l.grade, quantity: l.quantity, packedAt: new Date(Date.parse(HANDOVER) - l.ageHours * 3_600_000).toISOString() })),
  orders: orders.map((o, i) => ({ id: `order-${String(i).padStart(2, '0')}`, lines: o.lines.map((l) => ({ ...l, sku: `sku-${l.sku}` })),
    ...(o.bound ? { cooperatives: o.bound.map((c) => `coop-${c}`) } : {}) })),
  weights: { freshness: 0.5, split: 8, gradeOver: 0.3, unfilled: 1000 },
}));

describe('greedy baseline matcher', () => {
  it('never oversells, respects grade, freshness and bound cooperatives, and accounts for every unit', () => {
    fc.assert(fc.property(problemArb, (problem) => {
      const { allocations, unfilled } = matchOrdersGreedy(problem);
      const lots = new Map(problem.lots.map((l) => [l.id, l]));
      const used = new Map<string, number>();
      for (const a of allocations) {
        const lot = lots.get(a.lot)!;
        const order = problem.orders.find((o) => o.id === a.order)!;
        const line = order.lines[a.line]!;
        expect(a.quantity).toBeGreaterThan(0);
        expect(lot.sku).toBe(line.sku);
        expect(lot.grade).toBeLessThanOrEqual(line.minGrade);
        if (order.cooperatives) expect(order.cooperatives).toContain(lot.cooperative);
        const remaining = 240 - (Date.parse(HANDOVER) - Date.parse(lot.packedAt)) / 3_600_000;
        expect(remaining).toBeGreaterThanOrEqual(100);
        used.set(a.lot, (used.get(a.lot) ?? 0) + a.quantity);
      }
      for (const [id, q] of used) expect(q).toBeLessThanOrEqual(lots.get(id)!.quantity);
      for (const order of problem.orders) {
        order.lines.forEach((line, i) => {
          const filled = allocations.filter((a) => a.order === order.id && a.line === i).reduce((s, a) => s + a.quantity, 0);
          const missing = unfilled.filter((u) => u.order === order.id && u.line === i).reduce((s, u) => s + u.quantity, 0);
          expect(filled + missing).toBe(line.quantity);
          if (line.sku === 'sku-3' && missing > 0) expect(unfilled.find((u) => u.order === order.id && u.line === i)!.reason).toBe('unknown_sku');
        });
      }
    }), { numRuns: 300 });
  });

  it('gives the first reason that applies', () => {
    const base: MatchProblem = {
      handoverAt: HANDOVER,
      skus: [{ id: 'kiwi', weightKg: 3, shelfLifeHours: 480, minRemainingHours: 168 }],
      cooperatives: [{ id: 'c1', costPerKg: 0.4 }, { id: 'c2', costPerKg: null }],
      lots: [
        { id: 'fresh-g2', cooperative: 'c1', sku: 'kiwi', grade: 2, quantity: 1, packedAt: '2026-11-21T00:00:00Z' },
        { id: 'old-g1', cooperative: 'c1', sku: 'kiwi', grade: 1, quantity: 5, packedAt: '2026-11-05T00:00:00Z' },
        { id: 'unroutable', cooperative: 'c2', sku: 'kiwi', grade: 3, quantity: 5, packedAt: '2026-11-21T00:00:00Z' },
      ],
      orders: [
        { id: 'o1', lines: [{ sku: 'pear', quantity: 1, minGrade: 3 }] },
        { id: 'o2', lines: [{ sku: 'kiwi', quantity: 1, minGrade: 1 }] },
        { id: 'o3', lines: [{ sku: 'kiwi', quantity: 2, minGrade: 2 }] },
        { id: 'o4', lines: [{ sku: 'kiwi', quantity: 1, minGrade: 3 }], cooperatives: ['c2'] },
        { id: 'o5', lines: [{ sku: 'kiwi', quantity: 1, minGrade: 1 }], cooperatives: ['c2'] },
      ],
      weights: { freshness: 0.5, split: 8, gradeOver: 0.3, unfilled: 1000 },
    };
    const { unfilled } = matchOrdersGreedy(base);
    expect(unfilled).toEqual([
      { order: 'o1', line: 0, quantity: 1, reason: 'unknown_sku' },
      { order: 'o2', line: 0, quantity: 1, reason: 'no_fresh_stock' },
      { order: 'o3', line: 0, quantity: 1, reason: 'out_of_stock' },
      { order: 'o4', line: 0, quantity: 1, reason: 'no_route' },
      { order: 'o5', line: 0, quantity: 1, reason: 'grade_unavailable' },
    ]);
  });
});
