import fc from 'fast-check';
import { apportionCents } from '../../../../src/core/cost-split/apportion';

describe('apportionCents (largest remainder)', () => {
  it('adds up exactly, never negative, each part within one cent of its exact share', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 10_000_000 }),
      fc.array(fc.record({ key: fc.string({ minLength: 1, maxLength: 6 }), weight: fc.double({ min: 0, max: 1e6, noNaN: true }) }), { minLength: 1, maxLength: 30 })
        .map((ws) => ws.filter((w, i) => ws.findIndex((x) => x.key === w.key) === i)),
      (total, weights) => {
        const parts = apportionCents(total, weights);
        const sum = [...parts.values()].reduce((s, v) => s + v, 0);
        expect(sum).toBe(total);
        const weightSum = weights.reduce((s, w) => s + w.weight, 0);
        for (const w of weights) {
          const part = parts.get(w.key)!;
          expect(part).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(part)).toBe(true);
          const exact = weightSum > 0 ? (total * w.weight) / weightSum : total / weights.length;
          expect(Math.abs(part - exact)).toBeLessThan(1 + 1e-6);
        }
      }));
  });

  it('breaks ties by key so the result never depends on input order', () => {
    const a = apportionCents(10, [{ key: 'b', weight: 1 }, { key: 'a', weight: 1 }, { key: 'c', weight: 1 }]);
    expect(Object.fromEntries(a)).toEqual({ a: 4, b: 3, c: 3 });
  });

  it('refuses negative or fractional amounts and bad weights', () => {
    expect(() => apportionCents(-1, [{ key: 'a', weight: 1 }])).toThrow(/core\/cost-split/);
    expect(() => apportionCents(1.5, [{ key: 'a', weight: 1 }])).toThrow(/core\/cost-split/);
    expect(() => apportionCents(5, [{ key: 'a', weight: -1 }])).toThrow(/weight of 'a'/);
  });
});
