/**
 * Double-precision evaluation of one route with every violation as a quantity (not a message, as
 * in the checker): load excess per dimension, lateness at tasks, overtime at the end, excess over
 * the maximum duration and distance. Used to decide which optional tasks to leave out and where
 * to put them back; the independent checker stays the judge of feasibility.
 */
import { fitsCompartments } from './compartments';
import type { Objective, Problem } from './problem';

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
  distance: number;
  duration: number;
  cost: number;
}

export const EMPTY_EVALUATION: RouteEvaluation = { excess: 0, lateness: 0, overtime: 0, overDistance: 0, overRide: 0, distance: 0, duration: 0, cost: 0 };

/** One number for "how infeasible": relative excess plus time violations relative to the shift. */
export function infeasibility(problem: Problem, vehicleType: number, e: RouteEvaluation): number {
  const v = problem.vehicles[vehicleType]!;
  const shift = Math.max(1e-9, v.shift[1] - v.shift[0]);
  return e.excess + (e.lateness + e.overtime + e.overRide) / shift + e.overDistance / Math.max(1e-9, v.maxDistance ?? 1);
}

export function evaluateRoute(problem: Problem, vehicleType: number, tasks: readonly number[], objective: Objective): RouteEvaluation {
  if (tasks.length === 0) return EMPTY_EVALUATION;
  const v = problem.vehicles[vehicleType]!;
  const profile = problem.profiles[v.profile]!;
  const L = problem.locations;
  // on board: every delivery from the start, every pickup from its task on; capacity binds at the peak
  const onBoard = new Array<number>(problem.dimensions).fill(0);
  for (const t of tasks) {
    const task = problem.tasks[t];
    if (task && task.kind !== 'pickup') task.demand.forEach((q, d) => (onBoard[d]! += q));
  }
  const load = onBoard.slice();
  let time = v.shift[0];
  let at = v.start;
  let distance = 0;
  let lateness = 0;
  let waitSoFar = 0;
  let delay = Infinity;
  for (const t of tasks) {
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
    task.demand.forEach((q, d) => {
      onBoard[d]! += task.kind === 'pickup' ? q : -q;
      if (onBoard[d]! > load[d]!) load[d] = onBoard[d]!;
    });
  }
  distance += profile.distance[at * L + v.end]!;
  const end = time + profile.duration[at * L + v.end]!;
  const duration = end - v.shift[0] - Math.max(0, Math.min(waitSoFar, delay));
  let overtime = Math.max(0, end - v.shift[1]);
  if (v.maxDuration !== undefined) overtime += Math.max(0, duration - v.maxDuration);
  const overDistance = v.maxDistance !== undefined ? Math.max(0, distance - v.maxDistance) : 0;
  let excess = 0;
  load.forEach((q, d) => {
    const cap = v.capacity[d]!;
    if (q > cap) excess += cap > 0 ? (q - cap) / cap : 1;
  });
  // a compartment setting that does not exist counts as one full capacity of excess
  if (fitsCompartments(problem, v, tasks) !== null) excess += 1;
  const cost = objective === 'weighted' ? v.fixedCost + v.costPerDistance * distance + v.costPerTime * duration : distance;
  const overRide = tasks.some((t) => problem.tasks[t]!.maxRideTime !== undefined)
    ? rideExcess(problem, vehicleType, tasks, Math.max(0, Math.min(waitSoFar, delay)))
    : 0;
  return { excess, lateness, overtime, overDistance, overRide, distance, duration, cost };
}

export function isFeasibleEvaluation(e: RouteEvaluation): boolean {
  const eps = 1e-9;
  return e.excess <= eps && e.lateness <= eps && e.overtime <= eps && e.overDistance <= eps && e.overRide <= eps;
}

/** Ride time beyond maxRideTime, departing `postpone` after the shift start, earliest service. */
function rideExcess(problem: Problem, vehicleType: number, tasks: readonly number[], postpone: number): number {
  const v = problem.vehicles[vehicleType]!;
  const profile = problem.profiles[v.profile]!;
  const L = problem.locations;
  const departure = v.shift[0] + postpone;
  let time = departure;
  let at = v.start;
  let excess = 0;
  const done: number[] = [];
  for (const t of tasks) {
    const task = problem.tasks[t]!;
    const arrival = time + profile.duration[at * L + task.location]!;
    const window = task.timeWindows.find(([, b]) => arrival <= b);
    const start = window ? Math.max(arrival, window[0]) : arrival;
    if (task.kind !== 'pickup' && task.maxRideTime !== undefined) excess += Math.max(0, start - departure - task.maxRideTime);
    time = start + task.serviceTime;
    done.push(time);
    at = task.location;
  }
  const end = time + profile.duration[at * L + v.end]!;
  tasks.forEach((t, i) => {
    const task = problem.tasks[t]!;
    if (task.kind === 'pickup' && task.maxRideTime !== undefined) excess += Math.max(0, end - done[i]! - task.maxRideTime);
  });
  return excess;
}
