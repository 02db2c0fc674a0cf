import type { Travel } from '../../plan/travel';
import type { WaveSite } from '../../plan/wave-input.types';
import type { Problem, VehicleType } from '../problem';
import { solve } from '../solve';
import { capacityOf, demandOf, DIMENSIONS, replayRoute, SERVICE_MS, type ReplayedRoute, type TierMode, type TierPickup, type TierVehicle } from './tier-route';

/** A leg no vehicle of the profile can drive: long enough that no window or shift admits it, finite for the solver. */
const UNREACHABLE = 1e7;
const MAX_TRIPS_PER_VEHICLE = 4;

export interface TierTrip { vehicle: TierVehicle; trip: number; sequence: TierPickup[]; replay: ReplayedRoute }

/**
 * How much search each solver call gets: the next count from a replay list, or a share of a time or
 * iteration budget proportional to the call's number of pickups. Every call's iteration count is recorded
 * so a time-limited plan can be replayed exactly.
 */
export interface SolveBudget {
  seed: number;
  next(tasks: number): { iterations?: number; timeLimitSeconds?: number };
  record(iterations: number): void;
}

export interface TierSolveResult { trips: TierTrip[]; leftovers: TierPickup[] }

/** Where and when a tier runs: the origin of solver seconds, the latest return to the base, the base's handling between trips, and pickups or deliveries. */
export interface TierContext { origin: number; latestReturn: number; handlingMs: number; mode?: TierMode }

/**
 * Routes one base's vehicles over its pickups with the routing solver, in rounds: a vehicle back from a
 * trip (plus the base's handling time) is available again for the pickups still left — multi-trip by
 * rounds. Each solver route is replayed independently; what the replay refuses goes back to the pool.
 */
export function solveTier(base: WaveSite, pickups: TierPickup[], vehicles: TierVehicle[], travel: Travel, sites: ReadonlyMap<string, WaveSite>,
  context: TierContext, budget: SolveBudget): TierSolveResult {
  const trips: TierTrip[] = [];
  let pool = [...pickups].sort((a, b) => a.id.localeCompare(b.id));
  for (let round = 0; round < MAX_TRIPS_PER_VEHICLE && pool.length > 0; round++) {
    const free = vehicles.filter((v) => v.availableFrom < context.latestReturn).sort((a, b) => a.availableFrom - b.availableFrom || a.id.localeCompare(b.id));
    if (free.length === 0) break;
    const before = pool.length;
    // One vehicle type at a time, biggest first: the solver then never puts a load on a type too small for
    // it, and what the big vehicles leave goes to the small ones in the same round.
    const byType = new Map<string, TierVehicle[]>();
    for (const v of free) byType.set(v.type.id, [...(byType.get(v.type.id) ?? []), v]);
    const types = [...byType.values()].sort((a, b) => capacityOf(b[0]!.type).reduce((x, y) => x + y, 0) - capacityOf(a[0]!.type).reduce((x, y) => x + y, 0)
      || a[0]!.type.id.localeCompare(b[0]!.type.id));
    for (const fleet of types) {
      if (pool.length === 0) break;
      pool = solveRound(base, pool, fleet, travel, sites, context, budget, round, trips);
    }
    if (pool.length === before) break;
  }
  return { trips, leftovers: pool };
}

function solveRound(base: WaveSite, pool: TierPickup[], free: TierVehicle[], travel: Travel, sites: ReadonlyMap<string, WaveSite>,
  context: TierContext, budget: SolveBudget, round: number, trips: TierTrip[]): TierPickup[] {
  const { problem, groups } = buildProblem(base, pool, free, travel, context);
  const result = solve(problem, { seed: budget.seed + round, objective: 'weighted', ...budget.next(pool.length) });
  budget.record(result.iterations);
  const served = new Set<number>();
  const used = new Map<number, number>();
  // Longest routes first onto the earliest vehicles of their group: a stable, input-order-free assignment.
  const routes = [...result.routes].sort((a, b) => a.vehicleType - b.vehicleType || b.tasks.length - a.tasks.length
    || pool[a.tasks[0]!]!.id.localeCompare(pool[b.tasks[0]!]!.id));
  for (const route of routes) {
    const group = groups[route.vehicleType]!;
    const k = used.get(route.vehicleType) ?? 0;
    const vehicle = group[k];
    if (!vehicle) continue;
    let sequence = route.tasks.map((t) => pool[t]!);
    let replay = replayRoute(base, vehicle, sequence, travel, sites, context.latestReturn, context.mode);
    // Keep the longest prefix the independent replay accepts.
    while (replay.firstViolation >= 0 && sequence.length > 0) {
      sequence = sequence.slice(0, replay.firstViolation);
      replay = replayRoute(base, vehicle, sequence, travel, sites, context.latestReturn, context.mode);
    }
    if (sequence.length === 0) continue;
    used.set(route.vehicleType, k + 1);
    for (const p of sequence) served.add(pool.indexOf(p));
    vehicle.trips += 1;
    vehicle.availableFrom = replay.arriveAt + context.handlingMs;
    trips.push({ vehicle, trip: vehicle.trips, sequence, replay });
  }
  return pool.filter((_p, i) => !served.has(i));
}

function buildProblem(base: WaveSite, pool: TierPickup[], free: TierVehicle[], travel: Travel, context: { origin: number; latestReturn: number }) {
  const locations = [base.id, ...[...new Set(pool.map((p) => p.siteId))].sort()];
  const index = new Map(locations.map((id, i) => [id, i]));
  const profiles = [...new Set(free.map((v) => v.type.profile))].sort();
  const n = locations.length;
  const sec = (ms: number) => (ms - context.origin) / 1000;
  const problemProfiles = profiles.map((profile) => {
    const distance = new Float64Array(n * n);
    const duration = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const leg = travel.leg(profile, locations[i]!, locations[j]!);
        distance[i * n + j] = Number.isFinite(leg.metres) ? leg.metres : UNREACHABLE;
        duration[i * n + j] = Number.isFinite(leg.seconds) ? leg.seconds : UNREACHABLE;
      }
    }
    return { id: profile, distance, duration };
  });
  // Vehicles that are alike (type, availability, whether their vehicle-day is already paid) form one solver type.
  const groupsByKey = new Map<string, TierVehicle[]>();
  for (const v of free) {
    const key = `${v.type.id}|${v.availableFrom}|${v.trips > 0 ? 'paid' : 'new'}|${v.firmId}`;
    groupsByKey.set(key, [...(groupsByKey.get(key) ?? []), v]);
  }
  const groups = [...groupsByKey.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([, g]) => g);
  const vehicles: VehicleType[] = groups.map((g) => {
    const t = g[0]!.type;
    return {
      id: `${t.id}@${g[0]!.availableFrom}`,
      count: g.length,
      profile: profiles.indexOf(t.profile),
      start: 0,
      end: 0,
      shift: [sec(g[0]!.availableFrom), sec(context.latestReturn)],
      capacity: capacityOf(t),
      // The vehicle-day is charged on a vehicle's first trip only.
      fixedCost: g[0]!.trips > 0 ? 0 : t.fixedCostCents,
      costPerDistance: t.costPerKmCents / 1000,
      costPerTime: (t.costPerHourCents + t.reeferCostPerHourCents) / 3600,
    };
  });
  const problem: Problem = {
    name: `tier-${base.id}`,
    dimensions: DIMENSIONS.length,
    locations: n,
    profiles: problemProfiles,
    tasks: pool.map((p) => ({
      id: p.id, location: index.get(p.siteId)!, demand: demandOf(p.items), serviceTime: SERVICE_MS / 1000,
      timeWindows: [[Math.max(0, sec(p.readyAt)), Math.max(0, sec(p.deadline))]] as [number, number][],
    })),
    vehicles,
    precision: 1,
  };
  return { problem, groups };
}
