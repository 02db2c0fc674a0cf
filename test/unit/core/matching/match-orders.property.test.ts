import fc from 'fast-check';
import { computeMatchCost } from '../../../../src/core/matching/match-cost';
import { matchOrders } from '../../../../src/core/matching/match-orders';
import type { MatchProblem, MatchResult } from '../../../../src/core/matching/match-problem';
import { parseMatchProblem } from '../../../../src/core/matching/match-problem.parser';
import { createRandom } from '../../../../src/core/shared/random';
import { eligible, expectedReason, independentCost, maxFill, minUnitCostAtMaxFill } from './match-check';

const HANDOVER = Date.parse('2026-11-22T18:00:00Z');

/** Small random problems with every feature: scarce and stale stock, bound and unreachable cooperatives, unknown SKUs. */
const problemArb: fc.Arbitrary<MatchProblem> = fc
  .record({ nSku: fc.integer({ min: 1, max: 3 }), nCoop: fc.integer({ min: 1, max: 4 }) })
  .chain(({ nSku, nCoop }) =>
    fc.record({
      skus: fc.array(
        fc.record({ weightKg: fc.constantFrom(0.5, 1, 3), shelf: fc.constantFrom(48, 240), minRemaining: fc.constantFrom(0, 12, 100) }),
        { minLength: nSku, maxLength: nSku },
      ),
      coops: fc.array(
        fc.record({
          costPerKg: fc.oneof({ arbitrary: fc.constant(null), weight: 1 }, { arbitrary: fc.integer({ min: 5, max: 120 }).map((c) => c / 100), weight: 6 }),
          reachable: fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, { arbitrary: fc.boolean(), weight: 1 }),
        }),
        { minLength: nCoop, maxLength: nCoop },
      ),
      lots: fc.array(
        fc.record({
          sku: fc.nat(nSku - 1),
          coop: fc.nat(nCoop - 1),
          grade: fc.integer({ min: 1, max: 3 }),
          quantity: fc.integer({ min: 0, max: 6 }),
          ageHours: fc.integer({ min: 0, max: 200 }),
        }),
        { maxLength: 12 },
      ),
      orders: fc.array(
        fc.record({
          lines: fc.array(
            fc.record({ sku: fc.integer({ min: 0, max: nSku }), quantity: fc.integer({ min: 1, max: 4 }), minGrade: fc.integer({ min: 1, max: 3 }) }),
            { minLength: 1, maxLength: 3 },
          ),
          bound: fc.option(fc.uniqueArray(fc.nat(nCoop - 1), { maxLength: nCoop }), { freq: 3 }),
        }),
        { maxLength: 10 },
      ),
      split: fc.constantFrom(0, 2, 8, 40),
      freshness: fc.constantFrom(0, 0.5, 3),
      gradeOver: fc.constantFrom(0, 0.3, 2),
    }),
  )
  .map((r) => ({
    handoverAt: '2026-11-22T18:00:00Z',
    skus: r.skus.map((s, i) => ({ id: `sku-${i}`, weightKg: s.weightKg, shelfLifeHours: s.shelf, minRemainingHours: s.minRemaining })),
    cooperatives: r.coops.map((c, i) => ({
      id: `coop-${i}`,
      costPerKg: c.costPerKg,
      hoursToHub: 2,
      ...(c.reachable === undefined ? {} : { reachable: c.reachable }),
    })),
    lots: r.lots.map((l, i) => ({
      id: `lot-${String(i).padStart(2, '0')}`,
      cooperative: `coop-${l.coop}`,
      farmer: `farmer-${i % 3}`,
      sku: `sku-${l.sku}`,
      grade: l.grade,
      quantity: l.quantity,
      packedAt: new Date(HANDOVER - l.ageHours * 3_600_000).toISOString(),
    })),
    orders: r.orders.map((o, i) => ({
      id: `order-${String(i).padStart(3, '0')}`,
      lines: o.lines.map((l) => ({ sku: `sku-${l.sku}`, quantity: l.quantity, minGrade: l.minGrade })),
      ...(o.bound === null ? {} : { cooperatives: o.bound.map((c) => `coop-${c}`) }),
    })),
    weights: { freshness: r.freshness, split: r.split, gradeOver: r.gradeOver, unfilled: 1000 },
  }));

const runs = { numRuns: 150 };
const solve = (p: MatchProblem): MatchResult => matchOrders(p, { seed: 7 });
const orderIndex = (p: MatchProblem, id: string): number => p.orders.findIndex((o) => o.id === id);

describe('matchOrders invariants (fast-check)', () => {
  it('generated problems are valid input', () => {
    fc.assert(fc.property(problemArb, (p) => {
      expect(parseMatchProblem(JSON.parse(JSON.stringify(p)))).toEqual(p);
    }), { numRuns: 50 });
  });

  it('never over-allocates a lot and every allocation is eligible (SKU, grade, freshness, bound and reachable cooperative)', () => {
    fc.assert(fc.property(problemArb, (p) => {
      const r = solve(p);
      const used = new Map<string, number>();
      for (const a of r.allocations) {
        expect(Number.isInteger(a.quantity) && a.quantity > 0).toBe(true);
        const lotIdx = p.lots.findIndex((l) => l.id === a.lot);
        expect(eligible(p, orderIndex(p, a.order), a.line, lotIdx)).toBe(true);
        used.set(a.lot, (used.get(a.lot) ?? 0) + a.quantity);
      }
      for (const lot of p.lots) expect(used.get(lot.id) ?? 0).toBeLessThanOrEqual(lot.quantity);
    }), runs);
  });

  it('accounts for every unit: filled + unfilled = ordered, each unfilled line with the right reason', () => {
    fc.assert(fc.property(problemArb, (p) => {
      const r = solve(p);
      p.orders.forEach((order, oi) => {
        order.lines.forEach((line, j) => {
          const filled = r.allocations.filter((a) => a.order === order.id && a.line === j).reduce((s, a) => s + a.quantity, 0);
          const gaps = r.unfilled.filter((u) => u.order === order.id && u.line === j);
          expect(filled + gaps.reduce((s, u) => s + u.quantity, 0)).toBe(line.quantity);
          expect(gaps.length).toBeLessThanOrEqual(1);
          for (const u of gaps) expect(u.reason).toBe(expectedReason(p, oi, j));
        });
      });
    }), runs);
  });

  it('reports the cost that the allocations recompute to (1e-6)', () => {
    fc.assert(fc.property(problemArb, (p) => {
      const r = solve(p);
      expect(Math.abs(computeMatchCost(p, r.allocations).total - r.cost)).toBeLessThan(1e-6);
      expect(Math.abs(independentCost(p, r).total - r.cost)).toBeLessThan(1e-6);
    }), runs);
  });

  it('fills as many units as an independent max-flow says any plan can', () => {
    fc.assert(fc.property(problemArb, (p) => {
      const r = solve(p);
      const filled = r.allocations.reduce((s, a) => s + a.quantity, 0);
      expect(filled).toBe(maxFill(p));
    }), runs);
  });

  it('gives the same result for the same input in a different order', () => {
    fc.assert(fc.property(problemArb, fc.integer(), (p, shuffleSeed) => {
      const random = createRandom(shuffleSeed);
      const shuffled: MatchProblem = {
        ...p,
        skus: random.shuffle([...p.skus]),
        cooperatives: random.shuffle([...p.cooperatives]),
        lots: random.shuffle([...p.lots]),
        orders: random.shuffle(p.orders.map((o) => (o.cooperatives ? { ...o, cooperatives: random.shuffle([...o.cooperatives]) } : o))),
      };
      const a = solve(p);
      const b = solve(shuffled);
      expect(b.allocations).toEqual(a.allocations);
      expect(b.unfilled).toEqual(a.unfilled);
      expect(b.cost).toBe(a.cost);
      expect(b.iterations).toBe(a.iterations);
    }), runs);
  });

  it('with no split penalty, reaches the exact least unit cost at maximal fill', () => {
    fc.assert(fc.property(problemArb, (p) => {
      const free: MatchProblem = { ...p, weights: { ...p.weights, split: 0 } };
      const cost = computeMatchCost(free, solve(free).allocations);
      // The flow prices units in millionths: at most 1e-6 per unit of rounding.
      expect(Math.abs(cost.service - minUnitCostAtMaxFill(free))).toBeLessThan(1e-6 * (cost.filledUnits + 1) + 1e-9);
    }), runs);
  });

  it('replays a run exactly from its reported iteration count', () => {
    fc.assert(fc.property(problemArb, (p) => {
      const full = matchOrders(p, { seed: 3 });
      const replay = matchOrders(p, { seed: 3, iterations: full.iterations });
      expect(replay.allocations).toEqual(full.allocations);
      expect(replay.iterations).toBe(full.iterations);
      const cut = matchOrders(p, { seed: 3, iterations: 1 });
      expect(cut.allocations.reduce((s, a) => s + a.quantity, 0)).toBe(maxFill(p));
    }), { numRuns: 60 });
  });
});
