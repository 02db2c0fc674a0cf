import fc from 'fast-check';
import { buildSearchModel } from '../../../../src/core/routing/search/search-model';
import { RouteState } from '../../../../src/core/routing/search/route-state';
import { randomProblem } from './fixtures';

/** Brute-force schedule: earliest service starts along the sequence; feasible when never late. */
function bruteForce(m: ReturnType<typeof buildSearchModel>, nodes: number[], vt = 0): { feasible: boolean; dist: number; load: number } {
  const prof = m.profiles[m.vtProfile[vt]!]!;
  const N = m.nNodes;
  const seq = [m.n + 2 * vt, ...nodes, m.n + 2 * vt + 1];
  let t = m.ready[seq[0]!]!;
  let late = false;
  let dist = 0;
  let load = 0;
  for (let i = 1; i < seq.length; i++) {
    const a = seq[i - 1]!;
    const b = seq[i]!;
    t = Math.max(t + m.service[a]! + prof.time[a * N + b]!, m.ready[b]!);
    if (t > m.due[b]!) late = true;
    dist += prof.dist[a * N + b]!;
    load += m.demand[b]!;
  }
  return { feasible: !late && load <= m.vtCapacity[vt]!, dist, load };
}

describe('route segments (time-window feasibility by concatenation)', () => {
  const problem = randomProblem(11, 14, { tw: true, capacity: 40 });
  const m = buildSearchModel(problem, { objective: 'distance' });

  it('agrees with a brute-force replay on whole routes', () => {
    fc.assert(fc.property(fc.shuffledSubarray(Array.from({ length: m.n }, (_, i) => i), { minLength: 0 }), (route) => {
      const s = new RouteState(m);
      s.load([route]);
      const ref = bruteForce(m, route);
      expect(s.rTW[0] === 0 && s.rExcess[0] === 0).toBe(ref.feasible);
      expect(s.rDist[0]).toBe(route.length === 0 ? bruteForce(m, []).dist : ref.dist);
    }), { numRuns: 300, seed: 7 });
  });

  it('agrees with a brute-force replay when a prefix, a client and a suffix are concatenated', () => {
    fc.assert(fc.property(
      fc.shuffledSubarray(Array.from({ length: m.n }, (_, i) => i), { minLength: 2 }),
      fc.nat(), fc.nat(),
      (route, a, b) => {
        const inserted = route[route.length - 1]!;
        const base = route.slice(0, -1);
        const s = new RouteState(m);
        s.load([base]);
        const cut = a % (base.length + 1);
        // insert after position `cut`, optionally skipping one client
        const skip = base.length > 0 && b % 2 === 1 ? Math.min(cut + 1, base.length) : 0;
        s.begin(0).prefix(0, cut).visit(inserted);
        if (skip > cut) s.range(0, cut + 1, skip - 1).suffix(0, skip + 1);
        else s.suffix(0, cut + 1);
        const seq = [...base.slice(0, cut), inserted, ...base.slice(cut).filter((_, i) => !(skip > cut && i === skip - 1 - cut))];
        const ref = bruteForce(m, seq);
        expect(s.feasible()).toBe(ref.feasible);
        expect(s.builtDistance).toBe(ref.dist);
      },
    ), { numRuns: 400, seed: 3 });
  });
});
