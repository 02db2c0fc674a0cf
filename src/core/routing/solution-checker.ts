/**
 * Independent solution checker: replays routes on the problem's own (double-precision) matrices and
 * reports every violated rule. Shares no evaluation code with the search, so a search bug cannot
 * hide behind the same bug in the check.
 *
 * Multi-trip: a route's `trips` (when given) must split its `tasks` in order; between two trips the
 * vehicle drives back to its base and spends its handling time there; capacity and compartments
 * bind per trip; more than one trip needs a multi-trip vehicle type, and at most its maxTrips.
 * Pairs: both ends served or both unassigned, on one route, in one trip, the pickup first; the
 * paired load rides only between them.
 */
import { fitsCompartments } from './compartments';
import type { Problem, Route } from './problem';

export interface CheckedRoute {
  vehicleType: number;
  distance: number;
  /** Time from the latest feasible departure to the return, waiting included. */
  duration: number;
  /** Peak load on board per dimension (the total when every task is a delivery; over all trips, the largest). */
  load: number[];
  /** Service start times, one per task. */
  starts: number[];
  end: number;
  /** Number of trips (1 unless the vehicle type is multi-trip and the route has `trips`). */
  trips: number;
  /** Per trip after the first: when the vehicle is back at its base and when it leaves again (after handling). */
  reloads: Array<[number, number]>;
}

export interface CheckResult {
  feasible: boolean;
  violations: string[];
  distance: number;
  duration: number;
  cost: number;
  vehicles: number;
  routes: CheckedRoute[];
}

const EPS = 1e-9;

/** The route's trips: `trips` when given (checked against `tasks`), else one trip. */
function tripsOfRoute(route: Route, r: number, violations: string[]): number[][] {
  if (route.trips === undefined) return [route.tasks];
  const flat = route.trips.flat();
  if (flat.length !== route.tasks.length || flat.some((t, i) => t !== route.tasks[i])) {
    violations.push(`route ${r}: its trips do not list its tasks in order`);
  }
  if (route.trips.some((trip) => trip.length === 0)) violations.push(`route ${r}: a trip is empty`);
  return route.trips.filter((trip) => trip.length > 0);
}

/**
 * Ride times on the schedule that leaves `postpone` after the shift start (the latest departure
 * that keeps every task on time) and serves each task as early as possible: a delivery from its
 * trip's departure, a pickup to its trip's return to the base, a pair from the end of the pickup's
 * service to the start of the delivery's (the tighter limit of its two ends).
 */
function rideTimeFaults(problem: Problem, route: Route, trips: number[][], postpone: number): string[] {
  const vt = problem.vehicles[route.vehicleType]!;
  const profile = problem.profiles[vt.profile]!;
  const size = problem.locations;
  const handling = vt.multiTrip?.handlingTime ?? 0;
  const pickups = new Set<string>();
  for (const t of route.tasks) {
    const task = problem.tasks[t];
    if (task?.deliveryOf !== undefined) pickups.add(task.deliveryOf);
  }
  let time = vt.shift[0] + postpone;
  let at = vt.start;
  const faults: string[] = [];
  const pickedAt = new Map<string, { done: number; limit: number | undefined }>();
  trips.forEach((trip, k) => {
    if (k > 0) {
      time += profile.duration[at * size + vt.start]! + handling;
      at = vt.start;
    }
    const departure = time;
    const done: number[] = [];
    for (const t of trip) {
      const task = problem.tasks[t]!;
      const arrival = time + profile.duration[at * size + task.location]!;
      const window = task.timeWindows.find(([, b]) => arrival <= b + EPS);
      const start = window ? Math.max(arrival, window[0]) : arrival;
      if (task.deliveryOf !== undefined) {
        const p = pickedAt.get(task.deliveryOf);
        const limits = [task.maxRideTime, p?.limit].filter((x): x is number => x !== undefined);
        if (p && limits.length > 0 && start - p.done > Math.min(...limits) + EPS) {
          faults.push(`task "${task.id}" rides ${start - p.done} from its pickup "${task.deliveryOf}", longer than its maximum ${Math.min(...limits)}`);
        }
      } else if (task.kind !== 'pickup' && task.maxRideTime !== undefined && start - departure > task.maxRideTime + EPS) {
        faults.push(`task "${task.id}" rides ${start - departure}, longer than its maximum ${task.maxRideTime}`);
      }
      time = start + task.serviceTime;
      done.push(time);
      if (pickups.has(task.id)) pickedAt.set(task.id, { done: time, limit: task.maxRideTime });
      at = task.location;
    }
    const back = time + profile.duration[at * size + (k === trips.length - 1 ? vt.end : vt.start)]!;
    trip.forEach((t, i) => {
      const task = problem.tasks[t]!;
      if (task.kind === 'pickup' && !pickups.has(task.id) && task.maxRideTime !== undefined && back - done[i]! > task.maxRideTime + EPS) {
        faults.push(`task "${task.id}" rides ${back - done[i]!}, longer than its maximum ${task.maxRideTime}`);
      }
    });
  });
  return faults;
}

export function checkSolution(problem: Problem, routes: Route[], unassigned: number[] = []): CheckResult {
  const violations: string[] = [];
  const served = new Array<number>(problem.tasks.length).fill(0);
  const used = new Array<number>(problem.vehicles.length).fill(0);
  const checked: CheckedRoute[] = [];
  // where each task is served: route, trip, position in the route
  const place = new Map<number, [number, number, number]>();
  let distance = 0;
  let duration = 0;
  let cost = 0;
  routes.forEach((route, r) => {
    const vt = problem.vehicles[route.vehicleType];
    if (!vt) {
      violations.push(`route ${r}: unknown vehicle type ${route.vehicleType}`);
      return;
    }
    if (route.tasks.length === 0) return;
    used[route.vehicleType]!++;
    const profile = problem.profiles[vt.profile]!;
    const size = problem.locations;
    const trips = tripsOfRoute(route, r, violations);
    if (trips.length > 1 && vt.multiTrip === undefined) violations.push(`route ${r}: ${trips.length} trips, but vehicle type ${route.vehicleType} is not multi-trip`);
    const maxTrips = vt.multiTrip?.maxTrips;
    if (maxTrips !== undefined && trips.length > maxTrips) violations.push(`route ${r}: ${trips.length} trips, at most ${maxTrips}`);
    const handling = vt.multiTrip?.handlingTime ?? 0;
    const peak = new Array<number>(problem.dimensions).fill(0);
    const reloads: Array<[number, number]> = [];
    let time = vt.shift[0];
    let at = vt.start;
    let dist = 0;
    let waitSoFar = 0;
    let delay = Infinity; // how much later the vehicle could leave without any task becoming late
    const starts: number[] = [];
    let position = 0;
    trips.forEach((trip, k) => {
      if (k > 0) {
        // back to the base: unload, reload, then out again
        dist += profile.distance[at * size + vt.start]!;
        const back = time + profile.duration[at * size + vt.start]!;
        time = back + handling;
        reloads.push([back, time]);
        at = vt.start;
      }
      // on board: every delivery of the trip from the base, every pickup from its task on, a
      // paired load from its pickup to its delivery; capacity binds at the peak
      const onBoard = new Array<number>(problem.dimensions).fill(0);
      for (const t of trip) {
        const task = problem.tasks[t];
        if (task && task.kind !== 'pickup' && task.deliveryOf === undefined) task.demand.forEach((q, d) => (onBoard[d]! += q));
      }
      const load = onBoard.slice();
      for (const t of trip) {
        const task = problem.tasks[t];
        if (!task) {
          violations.push(`route ${r}: unknown task index ${t}`);
          continue;
        }
        served[t]!++;
        place.set(t, [r, k, position++]);
        dist += profile.distance[at * size + task.location]!;
        const arrival = time + profile.duration[at * size + task.location]!;
        let start = arrival;
        let latest = Infinity;
        if (task.timeWindows.length > 0) {
          const window = task.timeWindows.find(([, b]) => arrival <= b + EPS);
          if (!window) {
            violations.push(`route ${r}: task "${task.id}" reached at ${arrival}, after its last window ends`);
          } else {
            start = Math.max(arrival, window[0]);
            latest = window[1];
          }
        }
        waitSoFar += start - arrival;
        delay = Math.min(delay, waitSoFar + (latest - start));
        starts.push(start);
        time = start + task.serviceTime;
        at = task.location;
        task.demand.forEach((q, d) => {
          onBoard[d]! += task.kind === 'pickup' ? q : -q;
          if (onBoard[d]! > load[d]!) load[d] = onBoard[d]!;
        });
      }
      const prefix = trips.length > 1 ? `route ${r}: trip ${k}: ` : `route ${r}: `;
      const compartmentFault = fitsCompartments(problem, vt, trip.filter((t) => problem.tasks[t] !== undefined));
      if (compartmentFault) violations.push(`${prefix}${compartmentFault}`);
      load.forEach((q, d) => {
        if (q > vt.capacity[d]! + EPS) violations.push(`${prefix}load ${q} exceeds capacity ${vt.capacity[d]} in dimension ${d}`);
        if (q > peak[d]!) peak[d] = q;
      });
    });
    dist += profile.distance[at * size + vt.end]!;
    const end = time + profile.duration[at * size + vt.end]!;
    if (end > vt.shift[1] + EPS) violations.push(`route ${r}: returns at ${end}, after the shift ends at ${vt.shift[1]}`);
    if (vt.latestArrival !== undefined && end > vt.latestArrival + EPS) {
      violations.push(`route ${r}: reaches its end at ${end}, after the latest arrival ${vt.latestArrival}`);
    }
    if (route.tasks.some((t) => problem.tasks[t]?.maxRideTime !== undefined)) {
      for (const fault of rideTimeFaults(problem, route, trips, Math.max(0, Math.min(waitSoFar, delay)))) violations.push(`route ${r}: ${fault}`);
    }
    const routeDuration = end - vt.shift[0] - Math.max(0, Math.min(waitSoFar, delay));
    if (vt.maxDuration !== undefined && routeDuration > vt.maxDuration + EPS) {
      violations.push(`route ${r}: duration ${routeDuration} exceeds the maximum ${vt.maxDuration}`);
    }
    if (vt.maxDistance !== undefined && dist > vt.maxDistance + EPS) {
      violations.push(`route ${r}: distance ${dist} exceeds the maximum ${vt.maxDistance}`);
    }
    distance += dist;
    duration += routeDuration;
    cost += vt.fixedCost + vt.costPerDistance * dist + vt.costPerTime * routeDuration;
    checked.push({ vehicleType: route.vehicleType, distance: dist, duration: routeDuration, load: peak, starts, end, trips: trips.length, reloads });
  });
  const out = new Set<number>();
  for (const t of unassigned) {
    if (served[t] === undefined) {
      violations.push(`unknown unassigned task index ${t}`);
      continue;
    }
    served[t]!++;
    out.add(t);
    // only optional tasks (with a penalty) may be left out; their penalty adds to the cost
    const penalty = problem.tasks[t]!.penalty;
    if (penalty === undefined) violations.push(`task "${problem.tasks[t]!.id}" is unassigned but mandatory`);
    else cost += penalty;
  }
  served.forEach((count, t) => {
    if (count !== 1) violations.push(`task "${problem.tasks[t]!.id}" is served ${count} times, expected once`);
  });
  violations.push(...pairFaults(problem, place, out));
  problem.vehicles.forEach((vt, k) => {
    if (vt.count !== undefined && used[k]! > vt.count) violations.push(`vehicle type ${k}: ${used[k]} routes, only ${vt.count} vehicles`);
  });
  const vehicles = used.reduce((a, b) => a + b, 0);
  return { feasible: violations.length === 0, violations, distance, duration, cost, vehicles, routes: checked };
}

/** Every pair: both ends left out, or both on one route, in one trip, the pickup first. */
function pairFaults(problem: Problem, place: Map<number, [number, number, number]>, out: Set<number>): string[] {
  const faults: string[] = [];
  const indexOf = new Map<string, number>();
  problem.tasks.forEach((task, t) => indexOf.set(task.id, t));
  problem.tasks.forEach((task, d) => {
    if (task.deliveryOf === undefined) return;
    const p = indexOf.get(task.deliveryOf);
    if (p === undefined) {
      faults.push(`task "${task.id}": its pickup "${task.deliveryOf}" does not exist`);
      return;
    }
    const pair = `pair "${task.deliveryOf}" → "${task.id}"`;
    if (out.has(p) !== out.has(d)) {
      faults.push(`${pair}: one end is unassigned, the other is not`);
      return;
    }
    const a = place.get(p);
    const b = place.get(d);
    if (!a || !b) return;
    if (a[0] !== b[0]) faults.push(`${pair}: pickup on route ${a[0]}, delivery on route ${b[0]}`);
    else if (a[1] !== b[1]) faults.push(`${pair}: pickup in trip ${a[1]}, delivery in trip ${b[1]} of route ${a[0]}`);
    else if (a[2] > b[2]) faults.push(`${pair}: the delivery comes before the pickup on route ${a[0]}`);
  });
  return faults;
}
