import fc from 'fast-check';
import { subsetTourLength, subsetTourTable, type TourMetric } from '../../../../src/core/cost-split/coalition-tour';

/** Random points in a plane; index 0 the start, the last the end (the same place for a round trip, or not). */
const metricArb = (minStops: number, maxStops: number) => fc.record({
  pts: fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })), { minLength: minStops + 1, maxLength: maxStops + 1 }),
  roundTrip: fc.boolean(),
  end: fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })),
}).map(({ pts, roundTrip, end }): TourMetric => {
  const all = [...pts, roundTrip ? pts[0]! : end];
  const size = all.length;
  const d = new Float64Array(size * size);
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) d[i * size + j] = Math.hypot(all[i]![0] - all[j]![0], all[i]![1] - all[j]![1]);
  return { stops: size - 2, d };
});

/** The shortest start → subset → end path by trying every order. */
function bruteForce(metric: TourMetric, subset: number[]): number {
  if (subset.length === 0) return 0;
  const size = metric.stops + 2;
  const dist = (a: number, b: number) => metric.d[a * size + b]!;
  let best = Infinity;
  const walk = (at: number, left: number[], sofar: number) => {
    if (left.length === 0) { best = Math.min(best, sofar + dist(at, size - 1)); return; }
    left.forEach((s, i) => walk(s + 1, [...left.slice(0, i), ...left.slice(i + 1)], sofar + dist(at, s + 1)));
  };
  walk(0, subset, 0);
  return best;
}

const subsetOf = (mask: number, m: number) => Array.from({ length: m }, (_, i) => i).filter((i) => (mask & (1 << i)) !== 0);

describe('coalition tours (Held–Karp)', () => {
  it('the all-subsets table and the single-subset solver both find the shortest path through every subset', () => {
    fc.assert(fc.property(metricArb(0, 6), fc.nat(), (metric, pick) => {
      const table = subsetTourTable(metric);
      expect(table.length).toBe(1 << metric.stops);
      expect(table[0]).toBe(0);
      for (let mask = 1; mask < table.length; mask++) {
        const subset = subsetOf(mask, metric.stops);
        expect(table[mask]).toBeCloseTo(bruteForce(metric, subset), 6);
      }
      const mask = pick % table.length;
      const single = subsetTourLength(metric, subsetOf(mask, metric.stops).reverse());
      expect(single.exact).toBe(true);
      expect(single.length).toBeCloseTo(table[mask]!, 6);
    }), { numRuns: 60 });
  });

  it('a larger coalition never costs less (the metric obeys the triangle inequality)', () => {
    fc.assert(fc.property(metricArb(1, 8), (metric) => {
      const table = subsetTourTable(metric);
      for (let mask = 0; mask < table.length; mask++) {
        for (let i = 0; i < metric.stops; i++) expect(table[mask | (1 << i)]! + 1e-9).toBeGreaterThanOrEqual(table[mask]!);
      }
    }), { numRuns: 40 });
  });

  it('above 8 stops the heuristic tour is a real tour: never shorter than the optimum, and close to it', () => {
    fc.assert(fc.property(metricArb(9, 14), (metric) => {
      const all = Array.from({ length: metric.stops }, (_, i) => i);
      const heuristic = subsetTourLength(metric, all);
      expect(heuristic.exact).toBe(false);
      const optimum = subsetTourTable(metric)[(1 << metric.stops) - 1]!;
      expect(heuristic.length + 1e-6).toBeGreaterThanOrEqual(optimum);
      expect(heuristic.length).toBeLessThanOrEqual(optimum * 1.25);
    }), { numRuns: 5 });
  });

  it('refuses a table too large to build', () => {
    expect(() => subsetTourTable({ stops: 17, d: new Float64Array(19 * 19) })).toThrow(/core\/cost-split: a subset tour table over 17 stops/);
  });
});
