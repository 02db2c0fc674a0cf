/**
 * The routing problem as plain data. Units are the caller's (e.g. minutes and kilometres, or the
 * benchmark's own); the solver scales them to integers internally (see `precision`) and reports
 * distances recomputed from these matrices in double precision.
 *
 * A vehicle type points to a profile (its own time and distance matrices); tasks carry demand in any
 * number of dimensions and a list of time windows. Issue 5 added optional tasks (penalty), pickups,
 * ride-time limits, temperature classes and compartments, working-time limits, a latest arrival,
 * multi-trip vehicle types (`multiTrip`: back to the base to reload, see Route.trips) and paired
 * pickup-and-delivery (`deliveryOf`: same vehicle, same trip, pickup first).
 */

export type Objective = 'weighted' | 'vehicles-then-distance' | 'distance';

export const OBJECTIVES: readonly Objective[] = ['weighted', 'vehicles-then-distance', 'distance'];

/** A square matrix over the problem's locations, row-major: entry (i, j) at i * size + j. */
export type Matrix = ArrayLike<number>;

export interface Profile {
  id: string;
  /** Travel distance between locations (row-major, locations × locations). */
  distance: Matrix;
  /** Travel time between locations (row-major, locations × locations). */
  duration: Matrix;
}

export interface Task {
  /** External id, unique; used to canonicalise the task order so input order does not matter. */
  id: string;
  /** Index of the task's location in the profile matrices. */
  location: number;
  /** Demand per capacity dimension (length = problem.dimensions). */
  demand: number[];
  serviceTime: number;
  /** Hard time windows for the start of service, sorted and disjoint; empty = any time. */
  timeWindows: Array<[number, number]>;
  /** Optional planar coordinates, used only by heuristics (route ordering); never for costs. */
  x?: number;
  y?: number;
  /**
   * Optional task: the cost (in the objective's units: weighted cost, or distance for the other
   * objectives) of leaving it unserved. Undefined = mandatory.
   */
  penalty?: number;
  /** Rides only in a compartment set to this class (undefined = no temperature requirement). */
  temperatureClass?: TemperatureClass;
  /**
   * 'delivery' (default): loaded at the route's start and dropped here; 'pickup': collected here
   * and carried to the route's end (the upstream flow). Routes may mix both; capacity binds at
   * every point of the route.
   */
  kind?: TaskKind;
  /**
   * Shelf life on board: for a delivery, from its trip's departure from the base to the start of
   * its service; for a pickup, from the end of its service to its trip's arrival at the base (the
   * route's end, or the reload that ends the trip); for a paired task (either end may carry it),
   * from the end of the pickup's service to the start of the delivery's.
   */
  maxRideTime?: number;
  /**
   * Paired pickup-and-delivery: on a delivery task, the id of the pickup task (kind 'pickup') whose
   * load it drops. Both go on the same vehicle and the same trip, the pickup first; the load rides
   * only between them (not from the route's start nor to its end). Demands must be equal; both
   * mandatory, or both optional (leaving one out leaves out the other).
   */
  deliveryOf?: string;
}

export type TaskKind = 'delivery' | 'pickup';

export type TemperatureClass = 'frozen' | 'chilled' | 'cool' | 'ambient';

export const TEMPERATURE_CLASSES: readonly TemperatureClass[] = ['frozen', 'chilled', 'cool', 'ambient'];

/**
 * A compartment of a vehicle: its capacity per dimension and the temperature classes it can be
 * set to; it holds one class per route (so frozen and ambient never share one).
 */
export interface Compartment {
  id?: string;
  capacity: number[];
  temperatureClasses: TemperatureClass[];
}

/** Why an optional task was left unassigned. */
export type UnassignedReason = 'capacity' | 'time_window' | 'shift' | 'no_compatible_vehicle' | 'unreachable' | 'ride_time' | 'cost';

export const UNASSIGNED_REASONS: readonly UnassignedReason[] = ['capacity', 'time_window', 'shift', 'no_compatible_vehicle', 'unreachable', 'ride_time', 'cost'];

export interface VehicleType {
  id: string;
  /** Number of vehicles of this type; undefined = unlimited. */
  count?: number;
  /** Index into problem.profiles. */
  profile: number;
  /** Start and end locations (indices into the matrices). */
  start: number;
  end: number;
  /** Working window [earliest departure, latest return]. */
  shift: [number, number];
  /** Capacity per dimension (length = problem.dimensions). */
  capacity: number[];
  fixedCost: number;
  costPerDistance: number;
  costPerTime: number;
  /** Longest route duration (travel + service + waiting, from departure to return); undefined = the shift. */
  maxDuration?: number;
  /** Longest route distance; undefined = unlimited. */
  maxDistance?: number;
  /**
   * Temperature-controlled compartments. Tasks with a temperatureClass ride only in them; tasks
   * without one count against `capacity` only. `capacity` stays the vehicle's overall limit.
   */
  compartments?: Compartment[];
  /** Latest arrival at the end location (e.g. the hub's cut-off); the effective end is min(shift end, this). */
  latestArrival?: number;
  /**
   * Multi-trip: a vehicle of this type may come back to its base (start = end is required) to
   * unload and reload, paying `handlingTime` there, and go out again; capacity and compartments
   * bind per trip, the shift, maxDuration, maxDistance and latestArrival the whole day, and the
   * fixed cost is paid once per vehicle. `maxTrips` (≥ 1) bounds the trips per vehicle.
   */
  multiTrip?: MultiTrip;
}

export interface MultiTrip {
  handlingTime: number;
  maxTrips?: number;
}

export interface Problem {
  name: string;
  /** Number of capacity dimensions (≥ 1). */
  dimensions: number;
  /** Number of locations; every matrix is locations × locations. */
  locations: number;
  profiles: Profile[];
  tasks: Task[];
  vehicles: VehicleType[];
  /**
   * Integer scale used inside the search: times and distances are multiplied by it and rounded
   * (travel and service times up, window ends down) so a solution feasible in integers is feasible
   * in double precision. Default 1000.
   */
  precision?: number;
}

/**
 * A route in a solution: the vehicle type it uses and the task indices (into problem.tasks) in
 * order. For a multi-trip vehicle type, `trips` splits `tasks` into the trips of the day (their
 * concatenation is `tasks`; between two trips the vehicle goes back to its base for its handling
 * time). Absent = one trip; the solver sets it on every route of a multi-trip type.
 */
export interface Route {
  vehicleType: number;
  tasks: number[];
  trips?: number[][];
}

/**
 * The partner of every task in a pickup-and-delivery pair (index into problem.tasks), -1 for an
 * unpaired task; null when no task is paired. Assumes a validated problem.
 */
export function pairPartners(problem: Problem): Int32Array | null {
  if (!problem.tasks.some((t) => t.deliveryOf !== undefined)) return null;
  const indexOf = new Map(problem.tasks.map((t, i) => [t.id, i] as const));
  const partner = new Int32Array(problem.tasks.length).fill(-1);
  problem.tasks.forEach((t, i) => {
    if (t.deliveryOf === undefined) return;
    const p = indexOf.get(t.deliveryOf)!;
    partner[i] = p;
    partner[p] = i;
  });
  return partner;
}

function fail(message: string): never {
  throw new Error(`core/routing: ${message}`);
}

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Throws an Error naming the first fault; returns the problem unchanged when it is well formed. */
export function validateProblem(problem: Problem): Problem {
  const { dimensions, locations } = problem;
  if (!Number.isInteger(dimensions) || dimensions < 1) fail('dimensions must be an integer ≥ 1');
  if (!Number.isInteger(locations) || locations < 1) fail('locations must be an integer ≥ 1');
  if (problem.profiles.length === 0) fail('at least one profile is required');
  problem.profiles.forEach((profile, p) => {
    for (const key of ['distance', 'duration'] as const) {
      const m = profile[key];
      if (m.length !== locations * locations) {
        fail(`profile ${p}: ${key} matrix has ${m.length} entries, expected ${locations * locations}`);
      }
      for (let i = 0; i < m.length; i++) {
        if (!finite(m[i]) || m[i]! < 0) fail(`profile ${p}: ${key}[${i}] must be a finite number ≥ 0`);
      }
    }
  });
  const ids = new Set<string>();
  const pickedBy = new Set<number>();
  const indexOf = new Map(problem.tasks.map((t, i) => [t.id, i] as const));
  problem.tasks.forEach((task, t) => {
    if (ids.has(task.id)) fail(`task ${t}: duplicate id "${task.id}"`);
    ids.add(task.id);
    if (!Number.isInteger(task.location) || task.location < 0 || task.location >= locations) {
      fail(`task ${t} ("${task.id}"): location ${task.location} out of range`);
    }
    if (task.demand.length !== dimensions) fail(`task ${t} ("${task.id}"): demand needs ${dimensions} values`);
    if (!task.demand.every((q) => finite(q) && q >= 0)) fail(`task ${t} ("${task.id}"): demand must be finite and ≥ 0`);
    if (!finite(task.serviceTime) || task.serviceTime < 0) fail(`task ${t} ("${task.id}"): service time must be ≥ 0`);
    if (task.penalty !== undefined && (!finite(task.penalty) || task.penalty < 0)) fail(`task ${t} ("${task.id}"): penalty must be finite and ≥ 0`);
    if (task.maxRideTime !== undefined && (!finite(task.maxRideTime) || task.maxRideTime < 0)) fail(`task ${t} ("${task.id}"): maxRideTime must be finite and ≥ 0`);
    if (task.kind !== undefined && task.kind !== 'delivery' && task.kind !== 'pickup') fail(`task ${t} ("${task.id}"): kind must be delivery or pickup`);
    if (task.temperatureClass !== undefined && !TEMPERATURE_CLASSES.includes(task.temperatureClass)) {
      fail(`task ${t} ("${task.id}"): unknown temperature class "${task.temperatureClass}"`);
    }
    if (task.deliveryOf !== undefined) {
      const pickup = indexOf.get(task.deliveryOf) ?? -1;
      if (pickup < 0) fail(`task ${t} ("${task.id}"): deliveryOf names no task ("${task.deliveryOf}")`);
      const p = problem.tasks[pickup]!;
      if (p.kind !== 'pickup') fail(`task ${t} ("${task.id}"): deliveryOf must name a pickup task, "${p.id}" is not one`);
      if (task.kind === 'pickup') fail(`task ${t} ("${task.id}"): a task with deliveryOf is a delivery, not a pickup`);
      if (pickedBy.has(pickup)) fail(`task ${t} ("${task.id}"): pickup "${p.id}" is already paired with another delivery`);
      pickedBy.add(pickup);
      if (p.demand.some((q, d) => q !== task.demand[d])) fail(`task ${t} ("${task.id}"): demand must equal that of its pickup "${p.id}"`);
      if ((p.penalty === undefined) !== (task.penalty === undefined)) {
        fail(`task ${t} ("${task.id}"): a pair is optional only as a whole: give both "${p.id}" and "${task.id}" a penalty, or neither`);
      }
    }
    let previous = -Infinity;
    for (const [a, b] of task.timeWindows) {
      if (!finite(a) || !finite(b) || a > b) fail(`task ${t} ("${task.id}"): time window [${a}, ${b}] is invalid`);
      if (a <= previous) fail(`task ${t} ("${task.id}"): time windows must be sorted and disjoint`);
      previous = b;
    }
  });
  if (problem.vehicles.length === 0) fail('at least one vehicle type is required');
  problem.vehicles.forEach((v, k) => {
    if (!Number.isInteger(v.profile) || v.profile < 0 || v.profile >= problem.profiles.length) {
      fail(`vehicle type ${k}: profile ${v.profile} out of range`);
    }
    for (const key of ['start', 'end'] as const) {
      if (!Number.isInteger(v[key]) || v[key] < 0 || v[key] >= locations) fail(`vehicle type ${k}: ${key} location out of range`);
    }
    if (v.count !== undefined && (!Number.isInteger(v.count) || v.count < 0)) fail(`vehicle type ${k}: count must be an integer ≥ 0`);
    if (!finite(v.shift[0]) || !finite(v.shift[1]) || v.shift[0] > v.shift[1]) fail(`vehicle type ${k}: shift is invalid`);
    if (v.capacity.length !== dimensions || !v.capacity.every((q) => finite(q) && q >= 0)) {
      fail(`vehicle type ${k}: capacity needs ${dimensions} finite values ≥ 0`);
    }
    (v.compartments ?? []).forEach((c, i) => {
      if (c.capacity.length !== dimensions || !c.capacity.every((q) => finite(q) && q >= 0)) {
        fail(`vehicle type ${k}: compartment ${i}: capacity needs ${dimensions} finite values ≥ 0`);
      }
      if (c.temperatureClasses.length === 0 || !c.temperatureClasses.every((x) => TEMPERATURE_CLASSES.includes(x))) {
        fail(`vehicle type ${k}: compartment ${i}: temperatureClasses must list known classes`);
      }
    });
    for (const key of ['maxDuration', 'maxDistance', 'latestArrival'] as const) {
      const value = v[key];
      if (value !== undefined && (!finite(value) || value < 0)) fail(`vehicle type ${k}: ${key} must be finite and ≥ 0`);
    }
    for (const key of ['fixedCost', 'costPerDistance', 'costPerTime'] as const) {
      if (!finite(v[key]) || v[key] < 0) fail(`vehicle type ${k}: ${key} must be finite and ≥ 0`);
    }
    if (v.multiTrip !== undefined) {
      const { handlingTime, maxTrips } = v.multiTrip;
      if (!finite(handlingTime) || handlingTime < 0) fail(`vehicle type ${k}: multiTrip: handlingTime must be finite and ≥ 0`);
      if (maxTrips !== undefined && (!Number.isInteger(maxTrips) || maxTrips < 1)) fail(`vehicle type ${k}: multiTrip: maxTrips must be an integer ≥ 1`);
      // the vehicle reloads at its base: a route that ends elsewhere has no base to come back to
      if (v.end !== v.start) fail(`vehicle type ${k}: multiTrip: the end location (${v.end}) must equal the start (${v.start}), the base it reloads at`);
    }
  });
  if (problem.precision !== undefined && (!finite(problem.precision) || problem.precision <= 0)) {
    fail('precision must be a positive number');
  }
  return problem;
}
