/**
 * Optional tasks (those with a `penalty`) around the search: the search serves every task it is
 * given; this module then (1) leaves out optional tasks while a route breaks a rule — each time the
 * task whose removal repairs most, named by the rule its removal relieved — (2) leaves out optional
 * tasks that cost more to serve than their penalty (reason `cost`), and (3) puts left-out tasks
 * back at their cheapest feasible position (in a route, or a new route of a free vehicle) when that
 * costs less than the penalty. All in double precision on the problem's own matrices.
 */
import type { Objective, Problem, Route, UnassignedReason } from './problem';
import { evaluateRoute, infeasibility, isFeasibleEvaluation, type RouteEvaluation } from './route-evaluator';

export interface UnassignedTask {
  /** Index into problem.tasks. */
  task: number;
  id: string;
  reason: UnassignedReason;
}

const EPS = 1e-9;

function reasonOfRepair(before: RouteEvaluation, after: RouteEvaluation): UnassignedReason {
  if (after.excess < before.excess - EPS) return 'capacity';
  if (after.lateness < before.lateness - EPS) return 'time_window';
  if (after.overRide < before.overRide - EPS) return 'ride_time';
  return 'shift';
}

/**
 * The search does not model ride times (they do not concatenate in O(1)); afterwards, a task whose
 * ride is too long moves to a route of its own on a free vehicle when that route keeps every rule.
 */
export function isolateRideTimes(problem: Problem, routes: Route[], objective: Objective): void {
  const used = problem.vehicles.map((_, k) => routes.filter((r) => r.vehicleType === k && r.tasks.length > 0).length);
  for (let r = 0; r < routes.length; r++) {
    const route = routes[r]!;
    for (let guard = route.tasks.length; guard > 0; guard--) {
      const e = evaluateRoute(problem, route.vehicleType, route.tasks, objective);
      if (e.overRide <= EPS || route.tasks.length < 2) break;
      let moved = false;
      for (let p = 0; p < route.tasks.length && !moved; p++) {
        const t = route.tasks[p]!;
        if (problem.tasks[t]!.maxRideTime === undefined) continue;
        const rest = route.tasks.filter((_, q) => q !== p);
        if (evaluateRoute(problem, route.vehicleType, rest, objective).overRide >= e.overRide - EPS) continue;
        for (let k = 0; k < problem.vehicles.length && !moved; k++) {
          const count = problem.vehicles[k]!.count;
          if (count !== undefined && used[k]! >= count) continue;
          if (!isFeasibleEvaluation(evaluateRoute(problem, k, [t], objective))) continue;
          route.tasks = rest;
          routes.push({ vehicleType: k, tasks: [t] });
          used[k]!++;
          moved = true;
        }
      }
      if (!moved) break;
    }
  }
}

/** Drops optional tasks from infeasible and overpriced routes; returns the dropped tasks with reasons. */
export function dropOptionalTasks(problem: Problem, routes: Route[], objective: Objective): UnassignedTask[] {
  const dropped: UnassignedTask[] = [];
  const optional = (t: number): boolean => problem.tasks[t]!.penalty !== undefined;
  const evals = routes.map((r) => evaluateRoute(problem, r.vehicleType, r.tasks, objective));
  const drop = (r: number, p: number, reason: UnassignedReason): void => {
    const t = routes[r]!.tasks[p]!;
    routes[r]!.tasks.splice(p, 1);
    evals[r] = evaluateRoute(problem, routes[r]!.vehicleType, routes[r]!.tasks, objective);
    dropped.push({ task: t, id: problem.tasks[t]!.id, reason });
  };
  // (1) repair: the removal that lowers a route's infeasibility most
  for (;;) {
    let best = { gain: EPS, r: -1, p: -1, reason: 'shift' as UnassignedReason };
    routes.forEach((route, r) => {
      const e = evals[r]!;
      if (isFeasibleEvaluation(e)) return;
      const before = infeasibility(problem, route.vehicleType, e);
      route.tasks.forEach((t, p) => {
        if (!optional(t)) return;
        const rest = route.tasks.filter((_, q) => q !== p);
        const after = evaluateRoute(problem, route.vehicleType, rest, objective);
        const gain = before - infeasibility(problem, route.vehicleType, after);
        if (gain > best.gain) best = { gain, r, p, reason: reasonOfRepair(e, after) };
      });
    });
    if (best.r < 0) break;
    drop(best.r, best.p, best.reason);
  }
  // (2) overpriced: the removal that saves most beyond the penalty, from feasible routes
  for (;;) {
    let best = { gain: EPS, r: -1, p: -1 };
    routes.forEach((route, r) => {
      const e = evals[r]!;
      if (!isFeasibleEvaluation(e)) return;
      route.tasks.forEach((t, p) => {
        if (!optional(t)) return;
        const after = evaluateRoute(problem, route.vehicleType, route.tasks.filter((_, q) => q !== p), objective);
        const gain = e.cost - after.cost - problem.tasks[t]!.penalty!;
        if (gain > best.gain) best = { gain, r, p };
      });
    });
    if (best.r < 0) break;
    drop(best.r, best.p, 'cost');
  }
  return dropped;
}

/**
 * Puts left-out optional tasks back where that is feasible and cheaper than their penalty, the
 * cheapest first; returns the ones still out. New routes respect the vehicle counts.
 */
export function reinsertOptionalTasks(problem: Problem, routes: Route[], out: UnassignedTask[], objective: Objective): UnassignedTask[] {
  const remaining = [...out];
  const evals = routes.map((r) => evaluateRoute(problem, r.vehicleType, r.tasks, objective));
  const used = problem.vehicles.map((_, k) => routes.filter((r) => r.vehicleType === k && r.tasks.length > 0).length);
  for (;;) {
    let best = { gain: EPS, q: -1, r: -1, p: -1, vt: -1 };
    remaining.forEach((u, q) => {
      const penalty = problem.tasks[u.task]!.penalty ?? Infinity;
      routes.forEach((route, r) => {
        if (!isFeasibleEvaluation(evals[r]!)) return;
        for (let p = 0; p <= route.tasks.length; p++) {
          const tasks = [...route.tasks.slice(0, p), u.task, ...route.tasks.slice(p)];
          const e = evaluateRoute(problem, route.vehicleType, tasks, objective);
          if (!isFeasibleEvaluation(e)) continue;
          const gain = penalty - (e.cost - evals[r]!.cost);
          if (gain > best.gain) best = { gain, q, r, p, vt: -1 };
        }
      });
      problem.vehicles.forEach((v, k) => {
        if (v.count !== undefined && used[k]! >= v.count) return;
        const e = evaluateRoute(problem, k, [u.task], objective);
        if (!isFeasibleEvaluation(e)) return;
        const gain = penalty - e.cost;
        if (gain > best.gain) best = { gain, q, r: -1, p: 0, vt: k };
      });
    });
    if (best.q < 0) break;
    const [u] = remaining.splice(best.q, 1);
    if (best.r >= 0) {
      routes[best.r]!.tasks.splice(best.p, 0, u!.task);
      evals[best.r] = evaluateRoute(problem, routes[best.r]!.vehicleType, routes[best.r]!.tasks, objective);
    } else {
      routes.push({ vehicleType: best.vt, tasks: [u!.task] });
      evals.push(evaluateRoute(problem, best.vt, [u!.task], objective));
      used[best.vt]!++;
    }
  }
  return remaining;
}
