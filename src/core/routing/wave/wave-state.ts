import type { PlanRoute, UnassignedWork } from '../../plan/plan.types';
import type { TierPickup } from './tier-route';
import type { SolveBudget, TierTrip } from './tier-solve';

/** A cooperative served by a hub truck directly instead of by a station's vehicles. */
export const DIRECT = '@direct';

/**
 * The decisions the feedback loop changes between tier solves: which station (or a hub truck, DIRECT)
 * serves each cooperative, and which stations the trunk visits twice (an early and a late load).
 */
export interface WaveState {
  assignment: ReadonlyMap<string, string>;
  splits: ReadonlySet<string>;
}

/** One station's village tier as solved for a set of cooperatives. */
export interface StationOutcome {
  stationId: string;
  coopIds: readonly string[];
  trips: TierTrip[];
  /** Pickups (or deliveries) the station's vehicles could not serve. */
  leftovers: TierPickup[];
  unassigned: UnassignedWork[];
}

/** A whole wave evaluated for a state: its routes, what is left unassigned and what it costs. */
export interface WaveEvaluation {
  state: WaveState;
  stations: ReadonlyMap<string, StationOutcome>;
  trunkTrips: TierTrip[];
  routes: PlanRoute[];
  unassigned: UnassignedWork[];
  unassignedCount: number;
  costCents: number;
  /** Allocation ids handed over at the hub (upstream) or delivered at their cooperative (downstream). */
  served: ReadonlySet<string>;
}

/** Solves the tiers a state needs; station outcomes are cached by their inputs, so the loop re-solves only what a move touches. */
export interface TierSolver {
  budget: SolveBudget;
  /** The seed of a station's village tier: fixed per station, so a re-solve of the same inputs gives the same routes. */
  stationSeed(stationId: string): number;
}

export function stateKey(state: WaveState): string {
  return [...[...state.assignment.entries()].sort().map(([c, s]) => `${c}>${s}`), ...[...state.splits].sort().map((s) => `split:${s}`)].join(',');
}

/** The feedback loop's order: less work left unserved, or as little at a lower cost. */
export function servesMoreOrCheaper(candidate: { unserved: number; costCents: number }, current: { unserved: number; costCents: number }): boolean {
  return candidate.unserved < current.unserved || (candidate.unserved === current.unserved && candidate.costCents < current.costCents);
}

/** A better evaluation of the whole wave. */
export function isBetter(candidate: WaveEvaluation, current: WaveEvaluation): boolean {
  return servesMoreOrCheaper({ unserved: candidate.unassignedCount, costCents: candidate.costCents }, { unserved: current.unassignedCount, costCents: current.costCents });
}
