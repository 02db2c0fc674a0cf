/**
 * Why a task cannot be served even alone: tried on a route of its own with every vehicle type
 * that has vehicles, the first rule that fails names the reason. A leg is `unreachable` when its
 * travel time alone exceeds the vehicle's whole shift (how routing engines encode a road a profile
 * cannot drive: a huge matrix value). When vehicle types fail for different reasons, the reason of
 * the type that came closest is reported, in the order: unreachable, capacity, time_window, shift.
 * A paired task is tried with its partner (pickup, then delivery), so both get the same reason.
 */
import { carriesClass } from './compartments';
import type { Problem, UnassignedReason } from './problem';
import { evaluateRoute } from './route-evaluator';

const RANK: Record<UnassignedReason, number> = {
  no_compatible_vehicle: 0,
  unreachable: 1,
  capacity: 2,
  time_window: 3,
  shift: 4,
  ride_time: 5,
  cost: 6,
};

/**
 * The reason task t (with its pair partner, when it has one: index into problem.tasks) cannot be
 * served alone by vehicle type k, or null when it can.
 */
export function reasonForVehicleType(problem: Problem, t: number, k: number, partner = -1): UnassignedReason | null {
  const v = problem.vehicles[k]!;
  const route = partner < 0 ? [t] : problem.tasks[t]!.kind === 'pickup' ? [t, partner] : [partner, t];
  if (v.count === 0) return 'no_compatible_vehicle';
  for (const x of route) {
    const task = problem.tasks[x]!;
    if (task.temperatureClass !== undefined && !carriesClass(v, task.temperatureClass)) return 'no_compatible_vehicle';
  }
  const profile = problem.profiles[v.profile]!;
  const L = problem.locations;
  const shiftLength = v.shift[1] - v.shift[0];
  for (const x of route) {
    const task = problem.tasks[x]!;
    const out = profile.duration[v.start * L + task.location]!;
    const back = profile.duration[task.location * L + v.end]!;
    if (out > shiftLength || back > shiftLength) return 'unreachable';
  }
  const e = evaluateRoute(problem, k, route, 'distance');
  if (e.excess > 0) return 'capacity';
  if (e.lateness > 1e-9) return 'time_window';
  if (e.overtime > 1e-9 || e.overDistance > 1e-9) return 'shift';
  if (e.overRide > 1e-9) return 'ride_time';
  return null;
}

/** The reason task t (with its partner, if paired) cannot be served by any vehicle type alone, or null when some type can. */
export function unservableReason(problem: Problem, t: number, partner = -1): UnassignedReason | null {
  let best: UnassignedReason | null = null;
  for (let k = 0; k < problem.vehicles.length; k++) {
    const reason = reasonForVehicleType(problem, t, k, partner);
    if (reason === null) return null;
    if (best === null || RANK[reason] > RANK[best]) best = reason;
  }
  return best ?? 'no_compatible_vehicle';
}
