import { solve } from '../../../../src/core/routing/solve';
import { checkSolution } from '../../../../src/core/routing/solution-checker';
import { compileProblem, fitsCompartments } from '../../../../src/core/routing/compartments';
import { validateProblem, type Problem, type Task, type VehicleType } from '../../../../src/core/routing/problem';

/** Locations on a line; travel time = distance = |a - b|; depot at location 0. */
function line(positions: number[]): number[] {
  const L = positions.length;
  const m = new Array<number>(L * L);
  for (let i = 0; i < L; i++) for (let j = 0; j < L; j++) m[i * L + j] = Math.abs(positions[i]! - positions[j]!);
  return m;
}

function problemOf(positions: number[], tasks: Array<Partial<Task> & { location: number }>, vehicles: Array<Partial<VehicleType>>): Problem {
  const m = line(positions);
  return {
    name: 'rules',
    dimensions: 1,
    locations: positions.length,
    profiles: [{ id: 'road', distance: m, duration: m.slice() }],
    tasks: tasks.map((t, i) => ({ id: `t${i}`, demand: [1], serviceTime: 1, timeWindows: [], ...t })),
    vehicles: vehicles.map((v, k) => ({ id: `v${k}`, count: 1, profile: 0, start: 0, end: 0, shift: [0, 1000], capacity: [100], fixedCost: 0, costPerDistance: 1, costPerTime: 0, ...v })),
  };
}

const expectValid = (problem: Problem, result: ReturnType<typeof solve>): void => {
  expect(checkSolution(problem, result.routes, result.unassigned).violations).toEqual([]);
  expect(result.feasible).toBe(true);
};

describe('compartments and temperature classes', () => {
  it('a frozen task rides only in the vehicle with a frozen compartment', () => {
    const problem = problemOf([0, 10, 12], [
      { id: 'ice', location: 1, temperatureClass: 'frozen', demand: [5] },
      { id: 'veg', location: 2, temperatureClass: 'ambient', demand: [5] },
    ], [
      // cheap van without a freezer
      { id: 'dry', compartments: [{ capacity: [50], temperatureClasses: ['ambient', 'cool'] }] },
      { id: 'reefer', fixedCost: 100, compartments: [{ capacity: [10], temperatureClasses: ['frozen'] }, { capacity: [10], temperatureClasses: ['ambient'] }] },
    ]);
    for (const seed of [1, 2]) {
      const result = solve(problem, { seed, iterations: 200 });
      expectValid(problem, result);
      const ice = result.routes.find((r) => r.tasks.includes(0))!;
      expect(problem.vehicles[ice.vehicleType]!.id).toBe('reefer');
    }
    // and the checker catches a frozen task in the dry van
    expect(checkSolution(problem, [{ vehicleType: 0, tasks: [0, 1] }]).violations.join()).toMatch(/no compartment takes frozen/);
  });

  it('frozen and ambient never share a compartment whose class is chosen per route', () => {
    const v: VehicleType = {
      id: 'one-box', count: 1, profile: 0, start: 0, end: 0, shift: [0, 100], capacity: [100], fixedCost: 0, costPerDistance: 1, costPerTime: 0,
      compartments: [{ capacity: [20], temperatureClasses: ['frozen', 'ambient'] }],
    };
    const problem = problemOf([0, 1, 2], [
      { location: 1, temperatureClass: 'frozen', demand: [5] },
      { location: 2, temperatureClass: 'ambient', demand: [5] },
    ], [v]);
    expect(fitsCompartments(problem, v, [0])).toBeNull();
    expect(fitsCompartments(problem, v, [0, 1])).toMatch(/do not fit/);
    const two = { ...v, compartments: [...v.compartments!, { capacity: [20], temperatureClasses: ['frozen', 'ambient'] as const }].map((c) => ({ ...c, temperatureClasses: [...c.temperatureClasses] })) };
    expect(fitsCompartments(problem, two, [0, 1])).toBeNull();
  });

  it('per-class capacity binds: two frozen loads that exceed the freezer need two vehicles', () => {
    const reefer: Partial<VehicleType> = { count: 2, fixedCost: 10, capacity: [100], compartments: [{ capacity: [8], temperatureClasses: ['frozen'] }, { capacity: [50], temperatureClasses: ['chilled'] }] };
    const problem = problemOf([0, 10, 11, 12], [
      { location: 1, temperatureClass: 'frozen', demand: [5] },
      { location: 2, temperatureClass: 'frozen', demand: [5] },
      { location: 3, temperatureClass: 'chilled', demand: [30] },
    ], [reefer]);
    const compiled = compileProblem(problem);
    expect(compiled.dimensions).toBe(3);
    const result = solve(problem, { seed: 1, iterations: 200 });
    expectValid(problem, result);
    expect(result.routes).toHaveLength(2);
  });

  it('an optional task no vehicle can chill is left out as no_compatible_vehicle', () => {
    const problem = problemOf([0, 10], [{ location: 1, temperatureClass: 'chilled', penalty: 1000 }], [{ compartments: [{ capacity: [10], temperatureClasses: ['frozen'] }] }]);
    const result = solve(problem, { seed: 1, iterations: 50 });
    expectValid(problem, result);
    expect(result.unassignedReasons).toEqual([{ task: 0, id: 't0', reason: 'no_compatible_vehicle' }]);
  });
});

describe('road profiles', () => {
  it('each vehicle is costed on its own profile, and a leg its profile cannot drive keeps the task off it', () => {
    const positions = [0, 10, 20];
    const road = line(positions);
    const track = road.slice();
    // the truck cannot drive to location 2 (a village on a track): a huge value, both ways
    const NO = 1e7;
    for (const [i, j] of [[0, 2], [2, 0], [1, 2], [2, 1]]) track[i * 3 + j] = NO;
    // a decoy profile nobody uses: if the solver looked it up, distances would be wrong
    let decoyReads = 0;
    const decoy = new Proxy(road.map((x) => x * 1000), {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) decoyReads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const problem: Problem = {
      name: 'profiles', dimensions: 1, locations: 3,
      profiles: [{ id: 'truck', distance: track, duration: track }, { id: 'decoy', distance: decoy, duration: decoy }, { id: 'tricycle', distance: road.map((x) => 2 * x), duration: road.map((x) => 3 * x) }],
      tasks: [
        { id: 'town', location: 1, demand: [1], serviceTime: 0, timeWindows: [] },
        { id: 'village', location: 2, demand: [1], serviceTime: 0, timeWindows: [] },
      ],
      vehicles: [
        { id: 'truck', count: 1, profile: 0, start: 0, end: 0, shift: [0, 1000], capacity: [10], fixedCost: 0, costPerDistance: 1, costPerTime: 0 },
        { id: 'tricycle', count: 1, profile: 2, start: 0, end: 0, shift: [0, 1000], capacity: [10], fixedCost: 5, costPerDistance: 1, costPerTime: 0 },
      ],
    };
    decoyReads = 0;
    validateProblem(problem);
    const validationReads = decoyReads;
    for (const seed of [1, 2, 3]) {
      decoyReads = 0;
      const result = solve(problem, { seed, iterations: 200 });
      // beyond validating the input, the solver never reads the profile no vehicle uses
      expect(decoyReads).toBe(validationReads);
      // the checker replays on every profile it is given, so it gets the problem without the decoy
      expectValid({ ...problem, profiles: [problem.profiles[0]!, { ...problem.profiles[0]!, id: 'unused' }, problem.profiles[2]!] }, result);
      const village = result.routes.find((r) => r.tasks.includes(1))!;
      expect(problem.vehicles[village.vehicleType]!.id).toBe('tricycle');
      // distances come from each route's own profile: truck 0-10-0 = 20, tricycle 0-20-0 = 2 × 40
      const check = checkSolution({ ...problem, profiles: [problem.profiles[0]!, problem.profiles[0]!, problem.profiles[2]!] }, result.routes);
      expect(result.distance).toBeCloseTo(check.distance);
      expect(result.distance).toBeLessThan(1000);
    }
    // optional and the tricycle gone: the village is unreachable
    const noTrike: Problem = { ...problem, profiles: [problem.profiles[0]!], tasks: problem.tasks.map((t) => ({ ...t, penalty: 1e9 })), vehicles: [problem.vehicles[0]!] };
    const result = solve(noTrike, { seed: 1, iterations: 100 });
    expectValid(noTrike, result);
    expect(result.unassignedReasons.map((u) => [u.id, u.reason])).toEqual([['village', 'unreachable']]);
  });
});

describe('latest arrival at the end site', () => {
  it('a cut-off at the hub forces a second vehicle, and the checker enforces it', () => {
    const problem = problemOf([0, 10, -10], [{ location: 1 }, { location: 2 }], [{ count: 2, fixedCost: 100 }]);
    const one = solve(problem, { seed: 1, iterations: 100 });
    expect(one.routes).toHaveLength(1);
    const cutoff: Problem = { ...problem, vehicles: [{ ...problem.vehicles[0]!, latestArrival: 30 }] };
    expect(checkSolution(cutoff, one.routes).violations.join()).toMatch(/latest arrival/);
    const two = solve(cutoff, { seed: 1, iterations: 100 });
    expectValid(cutoff, two);
    expect(two.routes).toHaveLength(2);
  });
});

describe('compartments set per route in the search', () => {
  it('one box that is either frozen or ambient: the two classes go on two routes', () => {
    const box: Partial<VehicleType> = { count: 2, fixedCost: 1, compartments: [{ capacity: [50], temperatureClasses: ['frozen', 'ambient'] }] };
    const problem = problemOf([0, 10, 11], [
      { location: 1, temperatureClass: 'frozen', demand: [5] },
      { location: 2, temperatureClass: 'ambient', demand: [5] },
    ], [box]);
    for (const seed of [1, 2]) {
      const result = solve(problem, { seed, iterations: 100 });
      expectValid(problem, result);
      expect(result.routes).toHaveLength(2);
    }
  });
});

describe('maximum ride time (shelf life)', () => {
  it('two deliveries whose ride limits cannot both hold on one route get a route each', () => {
    // one route serves 11 then 12 (12 rides 13) or 12 then 11 (11 rides 15): each order breaks one limit
    const problem = problemOf([0, 11, 12], [
      { id: 'milk', location: 1, maxRideTime: 11 },
      { id: 'fish', location: 2, maxRideTime: 12 },
    ], [{ count: 2, fixedCost: 100 }]);
    expect(checkSolution(problem, [{ vehicleType: 0, tasks: [0, 1] }]).violations.join()).toMatch(/rides 13, longer than its maximum 12/);
    for (const seed of [1, 2]) {
      const result = solve(problem, { seed, iterations: 100 });
      expectValid(problem, result);
      expect(result.routes).toHaveLength(2);
    }
  });

  it('a pickup counts its ride from its service to the route end; optional, it is left out as ride_time', () => {
    const problem = problemOf([0, 10], [{ id: 'eggs', location: 1, kind: 'pickup', serviceTime: 1, maxRideTime: 9, penalty: 50 }], [{}]);
    expect(checkSolution(problem, [{ vehicleType: 0, tasks: [0] }]).violations.join()).toMatch(/rides 10/);
    const result = solve(problem, { seed: 1, iterations: 50 });
    expectValid(problem, result);
    expect(result.unassignedReasons).toEqual([{ task: 0, id: 'eggs', reason: 'ride_time' }]);
  });
});
