import fc from 'fast-check';
import { shapleyExact, shapleySampled } from '../../../../src/core/cost-split/shapley';
import { createRandom } from '../../../../src/core/shared/random';

/** A random cost game: each coalition's cost from a table (c(∅) = 0). */
const gameArb = fc.integer({ min: 1, max: 7 }).chain((n) =>
  fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1 << n, maxLength: 1 << n }).map((t) => ({ n, table: [0, ...t.slice(1)] })));

const maskOf = (members: readonly number[]) => members.reduce((m, i) => m | (1 << i), 0);

/** Shapley by its definition over all n! orders (small n only). */
function byAllOrders(n: number, cost: (mask: number) => number): number[] {
  const phi = new Array<number>(n).fill(0);
  let orders = 0;
  const walk = (prefix: number[]) => {
    if (prefix.length === n) {
      orders++;
      let mask = 0;
      for (const p of prefix) {
        phi[p] += cost(mask | (1 << p)) - cost(mask);
        mask |= 1 << p;
      }
      return;
    }
    for (let i = 0; i < n; i++) if (!prefix.includes(i)) walk([...prefix, i]);
  };
  walk([]);
  return phi.map((v) => v / orders);
}

describe('Shapley value of a cost game', () => {
  it('exact enumeration equals the average marginal cost over all orders, and is efficient', () => {
    fc.assert(fc.property(gameArb.filter((g) => g.n <= 6), ({ n, table }) => {
      const cost = (mask: number) => table[mask]!;
      const phi = shapleyExact(n, cost);
      const reference = byAllOrders(n, cost);
      phi.forEach((v, i) => expect(v).toBeCloseTo(reference[i]!, 6));
      expect(phi.reduce((s, v) => s + v, 0)).toBeCloseTo(table[(1 << n) - 1]!, 6);
    }), { numRuns: 60 });
  });

  it('gives a null player zero and symmetric players the same value', () => {
    fc.assert(fc.property(gameArb.filter((g) => g.n >= 2), fc.nat(), ({ n, table }, pick) => {
      // Player `nul` changes nothing; players 0 and 1 (when distinct from nul) are made interchangeable.
      const nul = pick % n;
      const base = (mask: number) => table[mask & ~(1 << nul)]!;
      const swap = (mask: number) => {
        const b0 = mask & 1;
        const b1 = (mask >> 1) & 1;
        return (mask & ~3) | (b0 << 1) | b1;
      };
      const symmetric = (mask: number) => (base(mask) + base(swap(mask))) / 2;
      const phi = shapleyExact(n, symmetric);
      if (nul > 1) expect(Math.abs(phi[nul]!)).toBeLessThan(1e-9);
      expect(phi[0]).toBeCloseTo(phi[1]!, 9);
      const nullOnly = shapleyExact(n, base);
      expect(Math.abs(nullOnly[nul]!)).toBeLessThan(1e-9);
      const sampled = shapleySampled(n, (m) => base(maskOf(m)), 50, createRandom(pick));
      expect(sampled.values[nul]).toBe(0);
      expect(sampled.standardErrors[nul]).toBe(0);
    }), { numRuns: 60 });
  });

  it('sampling sums to the grand coalition exactly and lands within a few standard errors of the exact value', () => {
    fc.assert(fc.property(gameArb, fc.integer({ min: 0, max: 2 ** 31 }), ({ n, table }, seed) => {
      const exact = shapleyExact(n, (mask) => table[mask]!);
      const sampled = shapleySampled(n, (m) => table[maskOf(m)]!, 3000, createRandom(seed));
      expect(sampled.permutations).toBe(3000);
      if (n === 2) sampled.values.forEach((v, i) => expect(v).toBeCloseTo(exact[i]!, 9)); // a pair covers both orders
      expect(sampled.values.reduce((s, v) => s + v, 0)).toBeCloseTo(table[(1 << n) - 1]!, 6);
      sampled.values.forEach((v, i) => expect(Math.abs(v - exact[i]!)).toBeLessThanOrEqual(6 * sampled.standardErrors[i]! + 1e-6));
    }), { numRuns: 30 });
  });

  it('walks antithetic pairs: the permutation count is rounded up to even', () => {
    expect(shapleySampled(3, (m) => m.length, 7, createRandom(1)).permutations).toBe(8);
    expect(shapleySampled(3, (m) => m.length, 1, createRandom(1)).permutations).toBe(2);
  });

  it('is deterministic for a seed', () => {
    const cost = (m: readonly number[]) => m.reduce((s, i) => s + (i + 1) ** 2, 0) ** 0.5;
    expect(shapleySampled(12, cost, 200, createRandom(7))).toEqual(shapleySampled(12, cost, 200, createRandom(7)));
    expect(shapleySampled(12, cost, 200, createRandom(7)).values).not.toEqual(shapleySampled(12, cost, 200, createRandom(8)).values);
  });

  it('refuses what it cannot do', () => {
    expect(() => shapleyExact(21, () => 0)).toThrow(/core\/cost-split: exact Shapley/);
    expect(() => shapleySampled(3, () => 0, 0, createRandom(1))).toThrow(/permutation count/);
  });
});
