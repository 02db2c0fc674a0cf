/**
 * Double-precision evaluation of one route with every violation as a quantity (not a message, as
 * in the checker): load excess per dimension (per trip), lateness at tasks, overtime at the end,
 * excess over the maximum duration and distance, ride time, broken pickup-and-delivery pairs.
 * Used to decide which optional tasks to leave out and where to put them back; the independent
 * checker stays the judge of feasibility.
 *
 * Routes here may hold RELOAD markers in `tasks` (the solver's internal form of a multi-trip day:
 * the vehicle goes back to its base and pays its handling time there); `tripsOf` splits them.
 */
import { fitsCompartments } from './compartments';
import type { Objective, Problem, Route } from './problem';

/** Marker in an internal route's task list: back to the base to unload and reload. */
export const RELOAD = -1;

/** The trips of an internal task list (split at RELOAD markers; empty trips dropped). */
export function tripsOf(tasks: readonly number[]): number[][] {
  const out: number[][] = [[]];
  for (const t of tasks) {
    if (t === RELOAD) out.push([]);
    else out[out.length - 1]!.push(t);
  }
  return out.filter((trip) => trip.length > 0);
}

/** An internal route as callers see it: tasks without markers, and `trips` for a multi-trip vehicle type. */
export function publicRoute(problem: Problem, route: Route): Route {
  if (problem.vehicles[route.vehicleType]?.multiTrip === undefined) return { vehicleType: route.vehicleType, tasks: route.tasks.filter((t) => t !== RELOAD) };
  const trips = tripsOf(route.tasks);
  return { vehicleType: route.vehicleType, tasks: trips.flat(), trips };
}

export interface RouteEvaluation {
  /** Load excess summed over dimensions, each relative to its capacity. */
  excess: number;
  /** Time by which tasks are served after their window ends (the vehicle is assumed to wait for nothing then). */
  lateness: number;
  /** Return after the shift end, plus excess over maxDuration. */
  overtime: number;
  /** Excess over maxDistance. */
  overDistance: number;
  /** Ride time over the tasks' maxRideTime, summed. */
  overRide: number;
  /** Pickup-and-delivery pairs of this route that are broken (an end elsewhere, another trip, or delivery first). */
  pairFaults: number;
  distance: number;
  duration: number;
  cost: number;
}

export const EMPTY_EVALUATION: RouteEvaluation = { excess: 0, lateness: 0, overtime: 0, overDistance: 0, overRide: 0, pairFaults: 0, distance: 0, duration: 0, cost: 0 };

/** One number for "how infeasible": relative excess plus time violations relative to the shift. */
export function infeasibility(problem: Problem, vehicleType: number, e: RouteEvaluation): number {
  const v = problem.vehicles[vehicleType]!;
  const shift = Math.max(1e-9, v.shift[1] - v.shift[0]);
  return e.excess + e.pairFaults + (e.lateness + e.overtime + e.overRide) / shift + e.overDistance / Math.max(1e-9, v.maxDistance ?? 1);
}

export function evaluateRoute(problem: Problem, vehicleType: number, tasks: readonly number[], objective: Objective): RouteEvaluation {
  const trips = tasks.includes(RELOAD) ? tripsOf(tasks) : [tasks as number[]];
  if (trips.length === 0 || trips[0]!.length === 0) return EMPTY_EVALUATION;
  const v = problem.vehicles[vehicleType]!;
  const profile = problem.profiles[v.profile]!;
  const L = problem.locations;
  const handling = v.multiTrip?.handlingTime ?? 0;
  let time = v.shift[0];
  let at = v.start;
  let distance = 0;
  let lateness = 0;
  let waitSoFar = 0;
  let delay = Infinity;
  let excess = 0;
  trips.forEach((trip, k) => {
    if (k > 0) {
      // back to the base, unload and reload
      distance += profile.distance[at * L + v.start]!;
      time += profile.duration[at * L + v.start]! + handling;
      at = v.start;
    }
    // on board: every delivery of the trip from the base, every pickup from its task on; paired
    // loads only between their ends; capacity binds at the peak
    const onBoard = new Array<number>(problem.dimensions).fill(0);
    for (const t of trip) {
      const task = problem.tasks[t];
      if (task && task.kind !== 'pickup' && task.deliveryOf === undefined) task.demand.forEach((q, d) => (onBoard[d]! += q));
    }
    const load = onBoard.slice();
    for (const t of trip) {
      const task = problem.tasks[t]!;
      distance += profile.distance[at * L + task.location]!;
      const arrival = time + profile.duration[at * L + task.location]!;
      let start = arrival;
      let latest = Infinity;
      if (task.timeWindows.length > 0) {
        const window = task.timeWindows.find(([, b]) => arrival <= b) ?? task.timeWindows[task.timeWindows.length - 1]!;
        if (arrival > window[1]) {
          // late: count it and continue as if on time, so one late task does not make all later ones late
          lateness += arrival - window[1];
          start = window[1];
        } else {
          start = Math.max(arrival, window[0]);
        }
        latest = window[1];
      }
      waitSoFar += Math.max(0, start - arrival);
      delay = Math.min(delay, waitSoFar + Math.max(0, latest - start));
      time = start + task.serviceTime;
      at = task.location;
      const sign = task.kind === 'pickup' ? 1 : -1;
      task.demand.forEach((q, d) => {
        onBoard[d]! += sign * q;
        if (onBoard[d]! > load[d]!) load[d] = onBoard[d]!;
      });
    }
    load.forEach((q, d) => {
      const cap = v.capacity[d]!;
      if (q > cap) excess += cap > 0 ? (q - cap) / cap : 1;
    });
    // a compartment setting that does not exist counts as one full capacity of excess
    if (fitsCompartments(problem, v, trip) !== null) excess += 1;
  });
  const used = tasks.includes(RELOAD) ? tasks.filter((t) => t !== RELOAD) : tasks;
  if (v.multiTrip?.maxTrips !== undefined && trips.length > v.multiTrip.maxTrips) excess += trips.length - v.multiTrip.maxTrips;
  if (trips.length > 1 && v.multiTrip === undefined) excess += trips.length - 1;
  distance += profile.distance[at * L + v.end]!;
  const end = time + profile.duration[at * L + v.end]!;
  const duration = end - v.shift[0] - Math.max(0, Math.min(waitSoFar, delay));
  let overtime = Math.max(0, end - v.shift[1]);
  if (v.maxDuration !== undefined) overtime += Math.max(0, duration - v.maxDuration);
  const overDistance = v.maxDistance !== undefined ? Math.max(0, distance - v.maxDistance) : 0;
  const cost = objective === 'weighted' ? v.fixedCost + v.costPerDistance * distance + v.costPerTime * duration : distance;
  const overRide = used.some((t) => problem.tasks[t]!.maxRideTime !== undefined)
    ? rideExcess(problem, vehicleType, trips, Math.max(0, Math.min(waitSoFar, delay)))
    : 0;
  return { excess, lateness, overtime, overDistance, overRide, pairFaults: pairFaults(problem, trips), distance, duration, cost };
}

export function isFeasibleEvaluation(e: RouteEvaluation): boolean {
  const eps = 1e-9;
  return e.excess <= eps && e.lateness <= eps && e.overtime <= eps && e.overDistance <= eps && e.overRide <= eps && e.pairFaults === 0;
}

/** Pairs with an end in these trips that are broken: the other end missing, in another trip, or the delivery first. */
function pairFaults(problem: Problem, trips: number[][]): number {
  // trip and position of every paired end on the route
  const where = new Map<string, [number, number]>();
  trips.forEach((trip, k) => trip.forEach((t, i) => {
    const task = problem.tasks[t]!;
    if (task.deliveryOf !== undefined || isPairedPickup(problem, t)) where.set(task.id, [k, i]);
  }));
  if (where.size === 0) return 0;
  let faults = 0;
  const delivered = new Set<string>();
  for (const trip of trips) {
    for (const t of trip) {
      const task = problem.tasks[t]!;
      if (task.deliveryOf === undefined) continue;
      delivered.add(task.deliveryOf);
      const mine = where.get(task.id)!;
      const pickup = where.get(task.deliveryOf);
      if (!pickup || pickup[0] !== mine[0] || pickup[1] > mine[1]) faults++;
    }
  }
  // a paired pickup whose delivery is not on this route
  for (const trip of trips) for (const t of trip) if (isPairedPickup(problem, t) && !delivered.has(problem.tasks[t]!.id)) faults++;
  return faults;
}

/** The ids of paired pickups per problem (evaluation runs often; a WeakMap keeps nothing alive). */
const pairedPickups = new WeakMap<Problem, Set<string>>();

/** Whether task t is the pickup end of a pair. */
function isPairedPickup(problem: Problem, t: number): boolean {
  let pickups = pairedPickups.get(problem);
  if (!pickups) {
    pickups = new Set<string>();
    for (const task of problem.tasks) if (task.deliveryOf !== undefined) pickups.add(task.deliveryOf);
    pairedPickups.set(problem, pickups);
  }
  return pickups.has(problem.tasks[t]!.id);
}

/**
 * Ride time beyond maxRideTime, departing `postpone` after the shift start, earliest service:
 * deliveries from their trip's departure, pickups to their trip's return to the base, paired
 * tasks from the pickup's departure to the delivery's start (the tighter limit of the two ends).
 */
function rideExcess(problem: Problem, vehicleType: number, trips: number[][], postpone: number): number {
  const v = problem.vehicles[vehicleType]!;
  const profile = problem.profiles[v.profile]!;
  const L = problem.locations;
  const handling = v.multiTrip?.handlingTime ?? 0;
  let time = v.shift[0] + postpone;
  let at = v.start;
  let excess = 0;
  const pickedAt = new Map<string, { done: number; limit: number | undefined }>();
  trips.forEach((trip, k) => {
    if (k > 0) {
      time += profile.duration[at * L + v.start]! + handling;
      at = v.start;
    }
    const departure = time;
    const done: number[] = [];
    for (const t of trip) {
      const task = problem.tasks[t]!;
      const arrival = time + profile.duration[at * L + task.location]!;
      const window = task.timeWindows.find(([, b]) => arrival <= b);
      const start = window ? Math.max(arrival, window[0]) : arrival;
      if (task.deliveryOf !== undefined) {
        const p = pickedAt.get(task.deliveryOf);
        const limit = minDefined(task.maxRideTime, p?.limit);
        if (p && limit !== undefined) excess += Math.max(0, start - p.done - limit);
      } else if (task.kind !== 'pickup' && task.maxRideTime !== undefined) {
        excess += Math.max(0, start - departure - task.maxRideTime);
      }
      time = start + task.serviceTime;
      done.push(time);
      if (task.kind === 'pickup' && isPairedPickup(problem, t)) pickedAt.set(task.id, { done: time, limit: task.maxRideTime });
      at = task.location;
    }
    const back = time + profile.duration[at * L + (k === trips.length - 1 ? v.end : v.start)]!;
    trip.forEach((t, i) => {
      const task = problem.tasks[t]!;
      if (task.kind === 'pickup' && task.maxRideTime !== undefined && !isPairedPickup(problem, t)) excess += Math.max(0, back - done[i]! - task.maxRideTime);
    });
  });
  return excess;
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
