import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseJsonProblem } from '../../../../src/core/routing/json.parser';
import { validateProblem, type Problem, type Route } from '../../../../src/core/routing/problem';
import { RouteState } from '../../../../src/core/routing/search/route-state';
import { buildSearchModel } from '../../../../src/core/routing/search/search-model';
import { checkSolution } from '../../../../src/core/routing/solution-checker';
import { solve, type SolveResult } from '../../../../src/core/routing/solve';
import { randomProblem } from './fixtures';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** Base 0 and villages on a line at x = 10, 12, 20, 22 (time = distance). */
function vanProblem(opts: { shiftEnd?: number; count?: number; fixedCost?: number; handlingTime?: number; maxTrips?: number; multiTrip?: boolean; penalty?: number } = {}): Problem {
  const xs = [0, 10, 12, 20, 22];
  const L = xs.length;
  const m = Array.from({ length: L * L }, (_, k) => Math.abs(xs[Math.floor(k / L)]! - xs[k % L]!));
  return {
    name: 'van', dimensions: 1, locations: L,
    profiles: [{ id: 'r', distance: m, duration: m }],
    tasks: [1, 2, 3, 4].map((l) => ({ id: `v${l}`, location: l, demand: [5], serviceTime: 1, timeWindows: [], penalty: opts.penalty })),
    vehicles: [{
      id: 'van', count: opts.count ?? 1, profile: 0, start: 0, end: 0, shift: [0, opts.shiftEnd ?? 200], capacity: [10],
      fixedCost: opts.fixedCost ?? 0, costPerDistance: 1, costPerTime: 0,
      multiTrip: opts.multiTrip === false ? undefined : { handlingTime: opts.handlingTime ?? 5, maxTrips: opts.maxTrips },
    }],
  };
}

function expectChecked(problem: Problem, result: SolveResult): void {
  expect(checkSolution(problem, result.routes, result.unassigned).violations).toEqual([]);
  expect(result.feasible).toBe(true);
}

describe('multi-trip segments', () => {
  // pickups and deliveries mixed, so the per-trip peak logic is exercised too
  const base = randomProblem(11, 12, { capacity: 20 });
  const problem: Problem = {
    ...base,
    tasks: base.tasks.map((t, i) => ({ ...t, kind: i % 3 === 0 ? 'pickup' : 'delivery' })),
    vehicles: [{ ...base.vehicles[0]!, multiTrip: { handlingTime: 3, maxTrips: 3 } }],
  };
  const m = buildSearchModel(problem, { objective: 'distance' });
  const R = m.reloadNode[0]!;

  /** Load excess of a node sequence replayed trip by trip (reload nodes split the trips), plus excess trips. */
  function naiveExcess(seq: number[]): number {
    const trips: number[][] = [[]];
    for (const c of seq) {
      if (c === R) trips.push([]);
      else trips[trips.length - 1]!.push(c);
    }
    let excess = 0;
    for (const trip of trips) {
      const tasks = trip.map((c) => problem.tasks[m.taskOf[c]!]!);
      let onBoard = tasks.reduce((s, t) => s + (t.kind === 'pickup' ? 0 : t.demand[0]!), 0);
      let peak = onBoard;
      for (const t of tasks) {
        onBoard += t.kind === 'pickup' ? t.demand[0]! : -t.demand[0]!;
        peak = Math.max(peak, onBoard);
      }
      excess += Math.max(0, peak - 20);
    }
    return excess + Math.max(0, trips.length - 3) * 20;
  }

  /** A client order with reloads after some clients (never first, last, or twice in a row). */
  const sequence = fc.tuple(
    fc.shuffledSubarray(Array.from({ length: m.n }, (_, i) => i), { minLength: 3 }),
    fc.array(fc.boolean(), { minLength: m.n, maxLength: m.n }),
  ).map(([clients, cuts]) => {
    const out: number[] = [];
    clients.forEach((c, i) => {
      out.push(c);
      if (cuts[i] && i < clients.length - 1) out.push(R);
    });
    return out;
  });

  it('charge load excess per trip, as a trip-by-trip replay does', () => {
    fc.assert(fc.property(sequence, (seq) => {
      const s = new RouteState(m);
      s.load([seq]);
      expect(s.rExcess[0]).toBeCloseTo(naiveExcess(seq));
    }), { numRuns: 300, seed: 5 });
  });

  it('concatenate prefix + reload or client + suffix to the cost of the whole route', () => {
    fc.assert(fc.property(sequence, fc.nat(), fc.boolean(), (seq, a, reload) => {
      const s = new RouteState(m);
      s.penaltyLoad = 7;
      const inserted = seq[seq.length - 1]!;
      s.load([seq.slice(0, -1)]);
      // as stored (a trailing reload is dropped)
      const rest = s.clients(0);
      const cut = a % (rest.length + 1);
      const node = reload ? R : inserted;
      // a reload first, last or next to another is dropped from stored routes (it only costs handling time)
      if (reload && (cut === 0 || cut === rest.length || rest[cut - 1] === R || rest[cut] === R)) return;
      const cost = s.begin(0).prefix(0, cut).visit(node).suffix(0, cut + 1).cost();
      const t = new RouteState(m);
      t.penaltyLoad = 7;
      t.load([[...rest.slice(0, cut), node, ...rest.slice(cut)]]);
      expect(cost).toBeCloseTo(t.rCost[0]!);
    }), { numRuns: 300, seed: 6 });
  });

  it('a reload of another vehicle type makes a route unusable', () => {
    const two: Problem = { ...problem, vehicles: [problem.vehicles[0]!, { ...problem.vehicles[0]!, id: 'w' }] };
    const m2 = buildSearchModel(two, { objective: 'distance' });
    const s = new RouteState(m2, new Int32Array([0, 1]));
    s.load([[0, 1], [2, 3]]);
    expect(s.begin(1).prefix(1, 1).visit(m2.reloadNode[0]!).suffix(1, 2).cost()).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isFinite(s.begin(1).prefix(1, 1).visit(m2.reloadNode[1]!).suffix(1, 2).cost())).toBe(true);
  });
});

describe('multi-trip vehicles', () => {
  it('a van that must make two trips: one vehicle, demand twice its capacity, a long shift', () => {
    const problem = vanProblem();
    const result = solve(problem, { seed: 1, iterations: 300 });
    expectChecked(problem, result);
    expect(result.routes).toHaveLength(1);
    const route = result.routes[0]!;
    expect(route.trips).toHaveLength(2);
    expect(route.trips!.flat()).toEqual(route.tasks);
    // the far pair and the near pair: 0→22→20→0 and 0→10→12→0 (or mirrored)
    expect(result.distance).toBeCloseTo(68, 9);
    const check = checkSolution(problem, result.routes);
    expect(check.routes[0]!.trips).toBe(2);
    const [back, out] = check.routes[0]!.reloads[0]!;
    expect(out - back).toBe(5);
  });

  it('with a short shift the second trip does not fit: infeasible, or left out with a reason', () => {
    const mandatory = vanProblem({ shiftEnd: 60 });
    const result = solve(mandatory, { seed: 1, iterations: 200 });
    expect(result.feasible).toBe(false);
    expect(checkSolution(mandatory, result.routes).violations.join()).toMatch(/returns at|exceeds capacity/);
    const optional = vanProblem({ shiftEnd: 60, penalty: 1000 });
    const left = solve(optional, { seed: 1, iterations: 200 });
    expectChecked(optional, left);
    expect(left.unassigned.length).toBeGreaterThan(0);
    for (const u of left.unassignedReasons) expect(['shift', 'capacity']).toContain(u.reason);
  });

  it('multi-trip is cheaper than a second vehicle when the fixed cost is high', () => {
    const problem = vanProblem({ count: 2, fixedCost: 1000 });
    const result = solve(problem, { seed: 2, iterations: 300 });
    expectChecked(problem, result);
    expect(result.vehicles).toBe(1);
    expect(result.routes[0]!.trips).toHaveLength(2);
    expect(result.cost).toBeCloseTo(1068, 9);
    // the same fleet without multi-trip needs both vans
    const single = vanProblem({ count: 2, fixedCost: 1000, multiTrip: false });
    const two = solve(single, { seed: 2, iterations: 300 });
    expectChecked(single, two);
    expect(two.vehicles).toBe(2);
    expect(two.routes.every((r) => r.trips === undefined)).toBe(true);
  });

  it('maxTrips binds: one trip each means two vans', () => {
    const problem = vanProblem({ count: 2, fixedCost: 1000, maxTrips: 1 });
    const result = solve(problem, { seed: 3, iterations: 300 });
    expectChecked(problem, result);
    expect(result.vehicles).toBe(2);
  });

  it('same seed and iterations give the same routes; shuffled tasks the same plan', () => {
    const base = randomProblem(21, 30, { capacity: 25, count: 3 });
    const problem: Problem = { ...base, vehicles: [{ ...base.vehicles[0]!, fixedCost: 200, multiTrip: { handlingTime: 10 } }] };
    const a = solve(problem, { seed: 4, iterations: 300 });
    const b = solve(problem, { seed: 4, iterations: 300 });
    expectChecked(problem, a);
    expect(b.routes).toEqual(a.routes);
    expect(a.routes.some((r) => r.trips!.length > 1)).toBe(true);
    const order = problem.tasks.map((_, i) => i).reverse();
    const shuffled: Problem = { ...problem, tasks: order.map((i) => problem.tasks[i]!) };
    const c = solve(shuffled, { seed: 4, iterations: 300 });
    const ids = (p: Problem, r: SolveResult): string[][][] => r.routes.map((x) => x.trips!.map((trip) => trip.map((t) => p.tasks[t]!.id)));
    expect(ids(shuffled, c)).toEqual(ids(problem, a));
  });

  it('the example fixture: one van, two trips, cheaper than two vans', () => {
    const problem = parseJsonProblem(readFileSync(join(ROOT, 'fixtures', 'routing', 'multi-trip-van.json'), 'utf8'));
    const result = solve(problem, { seed: 1, iterations: 300 });
    expectChecked(problem, result);
    expect(result.vehicles).toBe(1);
    expect(result.routes[0]!.trips).toHaveLength(2);
  });
});

describe('multi-trip rules in the checker and the validator', () => {
  const problem = vanProblem();
  const trips = (...t: number[][]): Route => ({ vehicleType: 0, tasks: t.flat(), trips: t });

  it('capacity binds per trip, not per day', () => {
    expect(checkSolution(problem, [trips([0, 1], [2, 3])]).violations).toEqual([]);
    expect(checkSolution(problem, [trips([0, 1, 2], [3])]).violations).toContain('route 0: trip 0: load 15 exceeds capacity 10 in dimension 0');
  });

  it('handling time at the base counts against the shift', () => {
    // 0→10→12→0 (24 + 2 service), back out 0→20→22→0 (44 + 2): 72 plus 5 handling
    const tight = { ...problem, vehicles: [{ ...problem.vehicles[0]!, shift: [0, 75] as [number, number] }] };
    const faults = checkSolution(tight, [trips([0, 1], [2, 3])]).violations;
    expect(faults).toEqual(['route 0: returns at 77, after the shift ends at 75']);
    const check = checkSolution(problem, [trips([0, 1], [2, 3])]);
    expect(check.routes[0]!.reloads).toEqual([[26, 31]]);
  });

  it('refuses trips on a single-trip type, too many trips, and trips that do not match the tasks', () => {
    const single = vanProblem({ multiTrip: false });
    expect(checkSolution(single, [trips([0, 1], [2, 3])]).violations.join()).toMatch(/2 trips, but vehicle type 0 is not multi-trip/);
    const capped = vanProblem({ maxTrips: 2 });
    expect(checkSolution(capped, [trips([0], [1], [2, 3])]).violations).toContain('route 0: 3 trips, at most 2');
    expect(checkSolution(problem, [{ vehicleType: 0, tasks: [0, 1, 2, 3], trips: [[1, 0], [2, 3]] }]).violations).toContain('route 0: its trips do not list its tasks in order');
  });

  it('a multi-trip vehicle must end where it starts', () => {
    const bad = { ...problem, vehicles: [{ ...problem.vehicles[0]!, end: 1 }] };
    expect(() => validateProblem(bad)).toThrow(/vehicle type 0: multiTrip: the end location \(1\) must equal the start \(0\)/);
  });

  it('the JSON format reads multiTrip and refuses a malformed one with its path', () => {
    const text = readFileSync(join(ROOT, 'fixtures', 'routing', 'multi-trip-van.json'), 'utf8');
    expect(parseJsonProblem(text).vehicles[0]!.multiTrip).toEqual({ handlingTime: 25, maxTrips: 3 });
    const mutate = (f: (p: Record<string, any>) => void): string => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const p = JSON.parse(text) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      f(p);
      return JSON.stringify(p);
    };
    expect(() => parseJsonProblem(mutate((p) => (p.vehicles[0].multiTrip.handlingTime = -1)))).toThrow(/\$\.vehicles\.0\.multiTrip\.handlingTime/);
    expect(() => parseJsonProblem(mutate((p) => (p.vehicles[0].multiTrip.maxTrips = 1.5)))).toThrow(/\$\.vehicles\.0\.multiTrip\.maxTrips/);
    expect(() => parseJsonProblem(mutate((p) => (p.vehicles[0].multiTrip.handlingtime = 3)))).toThrow(/\$\.vehicles\.0\.multiTrip\.handlingtime: Unrecognized key/);
    expect(() => parseJsonProblem(mutate((p) => (p.vehicles[0].end = 2)))).toThrow(/\$\.vehicles\.0\.multiTrip: the end location/);
  });
});
