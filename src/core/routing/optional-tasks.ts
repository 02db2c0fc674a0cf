/**
 * Optional tasks (those with a `penalty`) around the search: the search serves every task it is
 * given; this module then (1) leaves out optional tasks while a route breaks a rule — each time the
 * task whose removal repairs most, named by the rule its removal relieved — (2) leaves out optional
 * tasks that cost more to serve than their penalty (reason `cost`), and (3) puts left-out tasks
 * back at their cheapest feasible position (in a route, or a new route of a free vehicle) when that
 * costs less than the penalty. All in double precision on the problem's own matrices. A paired
 * pickup and delivery go out and come back together (the pickup first), with one reason. Routes may
 * hold RELOAD markers (multi-trip days); they stay where they are.
 */
import { pairPartners, type Objective, type Problem, type Route, type UnassignedReason } from './problem';
import { evaluateRoute, infeasibility, isFeasibleEvaluation, RELOAD, type RouteEvaluation } from './route-evaluator';

export interface UnassignedTask {
  /** Index into problem.tasks. */
  task: number;
  id: string;
  reason: UnassignedReason;
}

const EPS = 1e-9;

/** Task t with its pair partner, pickup first ([t] when unpaired). */
function groupOf(problem: Problem, partners: Int32Array | null, t: number): number[] {
  const o = partners ? partners[t]! : -1;
  if (o < 0) return [t];
  return problem.tasks[t]!.kind === 'pickup' ? [t, o] : [o, t];
}

function without(tasks: readonly number[], group: readonly number[]): number[] {
  return tasks.filter((t) => !group.includes(t));
}

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
  const partners = pairPartners(problem);
  const used = problem.vehicles.map((_, k) => routes.filter((r) => r.vehicleType === k && r.tasks.length > 0).length);
  for (let r = 0; r < routes.length; r++) {
    const route = routes[r]!;
    for (let guard = route.tasks.length; guard > 0; guard--) {
      const e = evaluateRoute(problem, route.vehicleType, route.tasks, objective);
      if (e.overRide <= EPS || route.tasks.length < 2) break;
      let moved = false;
      for (let p = 0; p < route.tasks.length && !moved; p++) {
        const t = route.tasks[p]!;
        if (t === RELOAD) continue;
        const group = groupOf(problem, partners, t);
        if (group[0] !== t && group.length > 1) continue;
        if (group.every((x) => problem.tasks[x]!.maxRideTime === undefined)) continue;
        const rest = without(route.tasks, group);
        if (rest.every((x) => x === RELOAD)) continue;
        if (evaluateRoute(problem, route.vehicleType, rest, objective).overRide >= e.overRide - EPS) continue;
        for (let k = 0; k < problem.vehicles.length && !moved; k++) {
          const count = problem.vehicles[k]!.count;
          if (count !== undefined && used[k]! >= count) continue;
          if (!isFeasibleEvaluation(evaluateRoute(problem, k, group, objective))) continue;
          route.tasks = rest;
          routes.push({ vehicleType: k, tasks: group });
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
  const partners = pairPartners(problem);
  // a pair is considered once, from its pickup
  const candidate = (t: number): boolean => t !== RELOAD && problem.tasks[t]!.penalty !== undefined && groupOf(problem, partners, t)[0] === t;
  const evals = routes.map((r) => evaluateRoute(problem, r.vehicleType, r.tasks, objective));
  const penaltyOf = (group: number[]): number => group.reduce((sum, t) => sum + problem.tasks[t]!.penalty!, 0);
  const drop = (r: number, p: number, reason: UnassignedReason): void => {
    const group = groupOf(problem, partners, routes[r]!.tasks[p]!);
    // a pair's delivery may sit on another route (the search keeps pairs whole; this is a safeguard)
    routes.forEach((route, q) => {
      if (!route.tasks.some((t) => group.includes(t))) return;
      route.tasks = without(route.tasks, group);
      evals[q] = evaluateRoute(problem, route.vehicleType, route.tasks, objective);
    });
    for (const t of group) dropped.push({ task: t, id: problem.tasks[t]!.id, reason });
  };
  // (1) repair: the removal that lowers a route's infeasibility most
  for (;;) {
    let best = { gain: EPS, r: -1, p: -1, reason: 'shift' as UnassignedReason };
    routes.forEach((route, r) => {
      const e = evals[r]!;
      if (isFeasibleEvaluation(e)) return;
      const before = infeasibility(problem, route.vehicleType, e);
      route.tasks.forEach((t, p) => {
        if (!candidate(t)) return;
        const rest = without(route.tasks, groupOf(problem, partners, t));
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
        if (!candidate(t)) return;
        const group = groupOf(problem, partners, t);
        const after = evaluateRoute(problem, route.vehicleType, without(route.tasks, group), objective);
        const gain = e.cost - after.cost - penaltyOf(group);
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
  const partners = pairPartners(problem);
  const evals = routes.map((r) => evaluateRoute(problem, r.vehicleType, r.tasks, objective));
  const used = problem.vehicles.map((_, k) => routes.filter((r) => r.vehicleType === k && r.tasks.length > 0).length);
  // a pair goes back as a whole: the pickup at p, the delivery at d ≥ p of the tasks after it
  const placements = (tasks: number[], group: number[]): number[][] => {
    const out: number[][] = [];
    for (let p = 0; p <= tasks.length; p++) {
      if (group.length === 1) {
        out.push([...tasks.slice(0, p), group[0]!, ...tasks.slice(p)]);
        continue;
      }
      for (let d = p; d <= tasks.length; d++) out.push([...tasks.slice(0, p), group[0]!, ...tasks.slice(p, d), group[1]!, ...tasks.slice(d)]);
    }
    return out;
  };
  for (;;) {
    let best = { gain: EPS, q: -1, r: -1, tasks: [] as number[], vt: -1 };
    remaining.forEach((u, q) => {
      const group = groupOf(problem, partners, u.task);
      if (group[0] !== u.task) return;
      if (group.some((t) => !remaining.some((x) => x.task === t))) return;
      const penalty = group.reduce((sum, t) => sum + (problem.tasks[t]!.penalty ?? Infinity), 0);
      routes.forEach((route, r) => {
        if (!isFeasibleEvaluation(evals[r]!)) return;
        for (const tasks of placements(route.tasks, group)) {
          const e = evaluateRoute(problem, route.vehicleType, tasks, objective);
          if (!isFeasibleEvaluation(e)) continue;
          const gain = penalty - (e.cost - evals[r]!.cost);
          if (gain > best.gain) best = { gain, q, r, tasks, vt: -1 };
        }
      });
      problem.vehicles.forEach((v, k) => {
        if (v.count !== undefined && used[k]! >= v.count) return;
        const e = evaluateRoute(problem, k, group, objective);
        if (!isFeasibleEvaluation(e)) return;
        const gain = penalty - e.cost;
        if (gain > best.gain) best = { gain, q, r: -1, tasks: group, vt: k };
      });
    });
    if (best.q < 0) break;
    const group = groupOf(problem, partners, remaining[best.q]!.task);
    for (let i = remaining.length - 1; i >= 0; i--) if (group.includes(remaining[i]!.task)) remaining.splice(i, 1);
    if (best.r >= 0) {
      routes[best.r]!.tasks = best.tasks;
      evals[best.r] = evaluateRoute(problem, routes[best.r]!.vehicleType, best.tasks, objective);
    } else {
      routes.push({ vehicleType: best.vt, tasks: best.tasks });
      evals.push(evaluateRoute(problem, best.vt, best.tasks, objective));
      used[best.vt]!++;
    }
  }
  return remaining;
}
