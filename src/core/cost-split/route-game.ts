import { haversineMetres } from '../geo/haversine';
import type { PlanItem, PlanRoute } from '../plan/plan.types';
import { FULL_TABLE_MAX_STOPS, subsetTourLength, subsetTourTable, type TourMetric } from './coalition-tour';

/**
 * The cooperative game of one route: who is on it, where, and what a route serving only a coalition
 * would cost. The plan document carries stop coordinates and times but neither the vehicle's rates nor a
 * travel matrix, so the game is rebuilt from the route itself:
 * - distances: straight-line between stops, times the route's detour factor (its recorded distance over
 *   the straight-line length of its own stop sequence: 1 on a straight-line plan, the road/crow ratio on
 *   a road-network plan);
 * - times: travel at the route's own driving speed (its distance over the time between leaving one stop
 *   and reaching the next, from the stop timestamps) plus each stop's own dwell (departure − arrival);
 *   when the timestamps are unusable, at the route's average speed (distance / duration) with no dwell;
 * - prices: the shared amount's distance part per metre of the route and its time part per second.
 * So the grand coalition's cost equals the shared amount when the route already visits its stops in the
 * best order; the sharing then scales the values to the exact amount anyway.
 */
export interface RoutePlayer {
  cooperativeId: string;
  grams: number;
  /** Interior stops (indices into the game's stops) where this cooperative's allocations are handled. */
  stops: number[];
  /** Σ over its stops of kg there × distance along the route between the base and the stop, in kg·km. */
  kgKm: number;
}

export interface RouteGame {
  routeNo: number;
  players: RoutePlayer[];
  metric: TourMetric;
  dwellS: number[];
  detourFactor: number;
  speedMps: number;
  timing: 'stop-times' | 'route-average';
  centsPerMetre: number;
  centsPerSecond: number;
}

export interface SharedAmount {
  /** The part of the shared amount that scales with distance (fuel less subsidy). */
  distanceCents: number;
  /** The part that scales with time (driver and refrigeration). */
  timeCents: number;
}

export function buildRouteGame(route: PlanRoute, items: ReadonlyMap<string, PlanItem>, amount: SharedAmount): RouteGame {
  const stops = route.stops;
  const interior = stops.slice(1, -1);
  const m = interior.length;
  const points = stops.length >= 2 ? stops : stops.length === 1 ? [stops[0]!, stops[0]!] : [];
  if (points.length === 0) {
    return { routeNo: route.routeNo, players: [], metric: { stops: 0, d: new Float64Array(4) }, dwellS: [], detourFactor: 1, speedMps: 0,
      timing: 'route-average', centsPerMetre: 0, centsPerSecond: 0 };
  }
  for (const s of points) {
    if (!Number.isFinite(s.lon) || !Number.isFinite(s.lat)) throw new Error(`core/cost-split: route ${route.routeNo} stop ${s.seq}: coordinates must be finite numbers`);
  }

  // Straight-line length of the route's own stop sequence and the cumulative distance to each stop.
  const cumulative = [0];
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1]!;
    const b = points[k]!;
    cumulative.push(cumulative[k - 1]! + haversineMetres(a.lon, a.lat, b.lon, b.lat));
  }
  const straight = cumulative[cumulative.length - 1]!;
  const detourFactor = straight > 0 && route.distanceM > 0 ? route.distanceM / straight : 1;

  // Metric: 0 = start, 1..m = interior stops, m + 1 = end.
  const size = m + 2;
  const pts = [points[0]!, ...interior, points[points.length - 1]!];
  const d = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      const v = haversineMetres(pts[i]!.lon, pts[i]!.lat, pts[j]!.lon, pts[j]!.lat) * detourFactor;
      d[i * size + j] = v;
      d[j * size + i] = v;
    }
  }

  // Timing from the stop timestamps; the route-average fallback keeps the grand coalition's cost right.
  let timing: RouteGame['timing'] = 'route-average';
  let dwellS = new Array<number>(m).fill(0);
  let speedMps = route.durationS > 0 ? route.distanceM / route.durationS : Infinity;
  const arr = points.map((s) => Date.parse(s.arrivalAt) / 1000);
  const dep = points.map((s) => Date.parse(s.departureAt) / 1000);
  if (stops.length >= 2 && arr.every(Number.isFinite) && dep.every(Number.isFinite)) {
    let travel = 0;
    let ok = true;
    for (let k = 0; k + 1 < points.length; k++) {
      const leg = arr[k + 1]! - dep[k]!;
      if (leg < 0) ok = false;
      travel += leg;
    }
    const dwell = interior.map((_, i) => dep[i + 1]! - arr[i + 1]!);
    if (ok && travel > 0 && dwell.every((x) => x >= 0)) {
      timing = 'stop-times';
      dwellS = dwell;
      speedMps = route.distanceM / travel;
    }
  }

  // Who is where: allocations handled at interior stops place their cooperative there.
  const byCoop = new Map<string, { grams: number; seen: Set<string>; stops: Map<number, number> }>();
  const entry = (coop: string) => {
    let e = byCoop.get(coop);
    if (!e) { e = { grams: 0, seen: new Set(), stops: new Map() }; byCoop.set(coop, e); }
    return e;
  };
  stops.forEach((stop, k) => {
    const stopIndex = k >= 1 && k <= m ? k - 1 : -1;
    for (const id of [...stop.pickedUp, ...stop.dropped]) {
      const item = items.get(id);
      if (!item) throw new Error(`core/cost-split: route ${route.routeNo} handles unknown allocation '${id}'`);
      const e = entry(item.cooperativeId);
      if (!e.seen.has(id)) { e.seen.add(id); e.grams += item.grams; }
      if (stopIndex >= 0) e.stops.set(stopIndex, (e.stops.get(stopIndex) ?? 0) + item.grams);
    }
  });
  const players: RoutePlayer[] = [...byCoop.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([cooperativeId, e]) => {
      const stopList = [...e.stops.keys()].sort((a, b) => a - b);
      // The shorter way along the route between the base and the stop: the loop's direction is arbitrary.
      const kgKm = stopList.reduce((s, i) => {
        const along = Math.min(cumulative[i + 1]!, straight - cumulative[i + 1]!) * detourFactor;
        return s + (e.stops.get(i)! / 1000) * (along / 1000);
      }, 0);
      return { cooperativeId, grams: e.grams, stops: stopList, kgKm };
    });

  return {
    routeNo: route.routeNo, players, metric: { stops: m, d }, dwellS, detourFactor, speedMps, timing,
    centsPerMetre: route.distanceM > 0 ? amount.distanceCents / route.distanceM : 0,
    centsPerSecond: route.durationS > 0 ? amount.timeCents / route.durationS : 0,
  };
}

export interface CoalitionCost {
  /** Cost of the coalition given as a bit mask over players (players ≤ 30). */
  byMask(mask: number): number;
  /** Cost of the coalition given by its players' indices, in any order. */
  byMembers(members: readonly number[]): number;
  /** Distinct coalitions priced so far. */
  evaluations(): number;
  /** False once some coalition tour was priced by the insertion + 2-opt heuristic. */
  allToursExact(): boolean;
}

/** Prices coalitions of a route game, memoised; one Held–Karp table over all stops when they are ≤ 16. */
export function coalitionCost(game: RouteGame): CoalitionCost {
  const m = game.metric.stops;
  const table = m <= FULL_TABLE_MAX_STOPS ? subsetTourTable(game.metric) : undefined;
  const perMetre = game.centsPerMetre + (Number.isFinite(game.speedMps) && game.speedMps > 0 ? game.centsPerSecond / game.speedMps : 0);
  const memo = new Map<string, number>();
  let exact = true;
  const price = (stopSet: readonly number[]): number => {
    const key = stopSet.join(',');
    const known = memo.get(key);
    if (known !== undefined) return known;
    let length: number;
    if (table) {
      let mask = 0;
      for (const s of stopSet) mask |= 1 << s;
      length = table[mask]!;
    } else {
      const tour = subsetTourLength(game.metric, stopSet);
      if (!tour.exact) exact = false;
      length = tour.length;
    }
    const dwell = stopSet.reduce((s, i) => s + game.dwellS[i]!, 0);
    const cost = stopSet.length === 0 ? 0 : perMetre * length + game.centsPerSecond * dwell;
    memo.set(key, cost);
    return cost;
  };
  const stopsOf = (members: Iterable<number>): number[] => {
    const set = new Set<number>();
    for (const p of members) for (const s of game.players[p]!.stops) set.add(s);
    return [...set].sort((a, b) => a - b);
  };
  return {
    byMask(mask) {
      const members: number[] = [];
      for (let i = 0; i < game.players.length; i++) if ((mask & (1 << i)) !== 0) members.push(i);
      return price(stopsOf(members));
    },
    byMembers: (members) => price(stopsOf(members)),
    evaluations: () => memo.size,
    allToursExact: () => exact,
  };
}
