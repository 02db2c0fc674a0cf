/**
 * Independent solution checker: replays routes on the problem's own (double-precision) matrices and
 * reports every violated rule. Shares no evaluation code with the search, so a search bug cannot
 * hide behind the same bug in the check.
 */
import { fitsCompartments } from './compartments';
import type { Problem, Route } from './problem';

export interface CheckedRoute {
  vehicleType: number;
  distance: number;
  /** Time from the latest feasible departure to the return, waiting included. */
  duration: number;
  /** Peak load on board per dimension (the total when every task is a delivery). */
  load: number[];
  /** Service start times, one per task. */
  starts: number[];
  end: number;
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

/**
 * Ride times on the schedule that leaves `postpone` after the shift start (the latest departure
 * that keeps every task on time) and serves each task as early as possible.
 */
function rideTimeFaults(problem: Problem, route: Route, postpone: number): string[] {
  const vt = problem.vehicles[route.vehicleType]!;
  const profile = problem.profiles[vt.profile]!;
  const size = problem.locations;
  const departure = vt.shift[0] + postpone;
  let time = departure;
  let at = vt.start;
  const done: number[] = [];
  for (const t of route.tasks) {
    const task = problem.tasks[t]!;
    const arrival = time + profile.duration[at * size + task.location]!;
    const window = task.timeWindows.find(([, b]) => arrival <= b + EPS);
    const start = window ? Math.max(arrival, window[0]) : arrival;
    if (task.kind !== 'pickup' && task.maxRideTime !== undefined && start - departure > task.maxRideTime + EPS) {
      return [`task "${task.id}" rides ${start - departure}, longer than its maximum ${task.maxRideTime}`];
    }
    time = start + task.serviceTime;
    done.push(time);
    at = task.location;
  }
  const end = time + profile.duration[at * size + vt.end]!;
  const faults: string[] = [];
  route.tasks.forEach((t, i) => {
    const task = problem.tasks[t]!;
    if (task.kind === 'pickup' && task.maxRideTime !== undefined && end - done[i]! > task.maxRideTime + EPS) {
      faults.push(`task "${task.id}" rides ${end - done[i]!}, longer than its maximum ${task.maxRideTime}`);
    }
  });
  return faults;
}

export function checkSolution(problem: Problem, routes: Route[], unassigned: number[] = []): CheckResult {
  const violations: string[] = [];
  const served = new Array<number>(problem.tasks.length).fill(0);
  const used = new Array<number>(problem.vehicles.length).fill(0);
  const checked: CheckedRoute[] = [];
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
    // on board: every delivery from the start, every pickup from its task on; capacity binds at the peak
    const onBoard = new Array<number>(problem.dimensions).fill(0);
    for (const t of route.tasks) {
      const task = problem.tasks[t];
      if (task && task.kind !== 'pickup') task.demand.forEach((q, d) => (onBoard[d]! += q));
    }
    const load = onBoard.slice();
    let time = vt.shift[0];
    let at = vt.start;
    let dist = 0;
    let waitSoFar = 0;
    let delay = Infinity; // how much later the vehicle could leave without any task becoming late
    const starts: number[] = [];
    for (const t of route.tasks) {
      const task = problem.tasks[t];
      if (!task) {
        violations.push(`route ${r}: unknown task index ${t}`);
        continue;
      }
      served[t]!++;
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
    dist += profile.distance[at * size + vt.end]!;
    const end = time + profile.duration[at * size + vt.end]!;
    if (end > vt.shift[1] + EPS) violations.push(`route ${r}: returns at ${end}, after the shift ends at ${vt.shift[1]}`);
    if (vt.latestArrival !== undefined && end > vt.latestArrival + EPS) {
      violations.push(`route ${r}: reaches its end at ${end}, after the latest arrival ${vt.latestArrival}`);
    }
    if (route.tasks.some((t) => problem.tasks[t]?.maxRideTime !== undefined)) {
      for (const fault of rideTimeFaults(problem, route, Math.max(0, Math.min(waitSoFar, delay)))) violations.push(`route ${r}: ${fault}`);
    }
    const compartmentFault = fitsCompartments(problem, vt, route.tasks.filter((t) => problem.tasks[t] !== undefined));
    if (compartmentFault) violations.push(`route ${r}: ${compartmentFault}`);
    load.forEach((q, d) => {
      if (q > vt.capacity[d]! + EPS) violations.push(`route ${r}: load ${q} exceeds capacity ${vt.capacity[d]} in dimension ${d}`);
    });
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
    checked.push({ vehicleType: route.vehicleType, distance: dist, duration: routeDuration, load, starts, end });
  });
  for (const t of unassigned) {
    if (served[t] === undefined) {
      violations.push(`unknown unassigned task index ${t}`);
      continue;
    }
    served[t]!++;
    // only optional tasks (with a penalty) may be left out; their penalty adds to the cost
    const penalty = problem.tasks[t]!.penalty;
    if (penalty === undefined) violations.push(`task "${problem.tasks[t]!.id}" is unassigned but mandatory`);
    else cost += penalty;
  }
  served.forEach((count, t) => {
    if (count !== 1) violations.push(`task "${problem.tasks[t]!.id}" is served ${count} times, expected once`);
  });
  problem.vehicles.forEach((vt, k) => {
    if (vt.count !== undefined && used[k]! > vt.count) violations.push(`vehicle type ${k}: ${used[k]} routes, only ${vt.count} vehicles`);
  });
  const vehicles = used.reduce((a, b) => a + b, 0);
  return { feasible: violations.length === 0, violations, distance, duration, cost, vehicles, routes: checked };
}
