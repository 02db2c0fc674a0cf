import { createRandom } from '../../../../src/core/shared/random';
import { euclideanMatrix } from '../../../../src/core/routing/euclidean-matrix';
import type { Problem } from '../../../../src/core/routing/problem';

/** A random small VRPTW instance (depot at location 0), windows wide enough to be mostly feasible. */
export function randomProblem(seed: number, n: number, opts: { tw?: boolean; capacity?: number; count?: number } = {}): Problem {
  const rng = createRandom(seed);
  const xs = [50];
  const ys = [50];
  for (let i = 0; i < n; i++) {
    xs.push(Math.round(rng.next() * 100));
    ys.push(Math.round(rng.next() * 100));
  }
  const matrix = euclideanMatrix(xs, ys, 'none');
  const horizon = 400;
  return {
    name: `random-${seed}`,
    dimensions: 1,
    locations: n + 1,
    profiles: [{ id: 'e', distance: matrix, duration: matrix }],
    tasks: Array.from({ length: n }, (_, i) => {
      const direct = matrix[i + 1]!;
      const a = opts.tw ? Math.floor(direct + rng.next() * 200) : 0;
      const width = opts.tw ? 30 + Math.floor(rng.next() * 80) : horizon;
      return {
        id: String(i + 1),
        location: i + 1,
        demand: [1 + rng.int(9)],
        serviceTime: 5,
        timeWindows: [[a, Math.min(a + width, horizon - direct - 5)]] as Array<[number, number]>,
        x: xs[i + 1],
        y: ys[i + 1],
      };
    }).filter((t) => t.timeWindows[0]![0] <= t.timeWindows[0]![1]),
    vehicles: [{
      id: 'v', count: opts.count ?? n, profile: 0, start: 0, end: 0, shift: [0, horizon],
      capacity: [opts.capacity ?? 30], fixedCost: 0, costPerDistance: 1, costPerTime: 0,
    }],
  };
}
