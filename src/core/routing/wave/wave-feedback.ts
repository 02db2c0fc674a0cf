import type { Travel } from '../../plan/travel';
import type { WaveVehicleType } from '../../plan/wave-input.types';
import { reaches, vehiclesAt, type WaveSetup } from './wave-setup';
import { DIRECT, isBetter, stateKey, type WaveEvaluation, type WaveState } from './wave-state';

/**
 * Decomposition with feedback: once the tiers are solved, moves across them — serve a cooperative from a
 * neighbouring station whose vehicles reach it, or by a hub truck directly (or back from one), and (upstream)
 * let the trunk collect a station's load in an early and a late visit when its village routes return far
 * apart. Each move re-plans only what it touches (the affected stations' tiers, cached otherwise, and the
 * trunk) and is kept only when the plan has less unassigned work, or as little and a lower total cost.
 * Moves are tried in a fixed order (rough estimate of the saving, then a stable key), pass after pass,
 * until a pass keeps nothing or the budget is spent — so a seed and an iteration limit define the result.
 */

export interface FeedbackMove {
  key: string;
  /** Moves that may serve unassigned work come first; then by estimated saving in cents. */
  relief: boolean;
  estimateCents: number;
  apply(state: WaveState): WaveState;
}

export interface FeedbackReport {
  /** Moves tried, moves whose village tiers showed no gain (their trunk was not re-solved), and moves kept. */
  tried: number;
  screened: number;
  kept: number;
  /** Keys of the moves kept, in order. */
  moves: string[];
  before: { costCents: number; unassigned: number };
  after: { costCents: number; unassigned: number };
}

/** Neighbouring stations a cooperative may be moved to (the nearest by their own vehicles' round trip). */
const NEIGHBOURS = 2;
/** A station's village routes returning further apart than this are worth an early and a late trunk visit. */
const SPLIT_GAP_MS = 45 * 60_000;

/** Variable cost (distance and time, no vehicle-day) of the cheapest of the types for a round trip base → site → base; Infinity if none drives it. */
function roundTripCents(travel: Travel, types: readonly WaveVehicleType[], base: string, site: string): number {
  let best = Infinity;
  for (const t of types) {
    const out = travel.leg(t.profile, base, site);
    const back = travel.leg(t.profile, site, base);
    if (!Number.isFinite(out.seconds) || !Number.isFinite(back.seconds)) continue;
    best = Math.min(best, legCents(t, out.metres + back.metres, out.seconds + back.seconds));
  }
  return best;
}

const legCents = (t: WaveVehicleType, metres: number, seconds: number) =>
  (metres / 1000) * t.costPerKmCents + (seconds / 3600) * (t.costPerHourCents + t.reeferCostPerHourCents);

/** What a hub truck's detour to the cooperative costs on its way between the hub and the cooperative's home station (cheapest truck type). */
function detourCents(setup: WaveSetup, types: readonly WaveVehicleType[], stationId: string, site: string): number {
  const { travel, hub } = setup;
  let best = Infinity;
  for (const t of types) {
    const l = (a: string, b: string) => travel.leg(t.profile, a, b);
    const up = [l(stationId, site), l(site, hub.id), l(stationId, hub.id)];
    const down = [l(hub.id, site), l(site, stationId), l(hub.id, stationId)];
    for (const [a, b, skip] of [up, down]) {
      if (![a!, b!, skip!].every((x) => Number.isFinite(x.seconds))) continue;
      best = Math.min(best, legCents(t, a!.metres + b!.metres - skip!.metres, a!.seconds + b!.seconds - skip!.seconds) + 600 / 3600 * (t.costPerHourCents + t.reeferCostPerHourCents));
    }
  }
  return best;
}

const typesAt = (setup: WaveSetup, siteId: string) => [...new Map(vehiclesAt(setup, siteId, 0).map((v) => [v.type.id, v.type])).values()];

/** The moves worth trying from an evaluated plan, best first. */
export function feedbackMoves(setup: WaveSetup, current: WaveEvaluation): FeedbackMove[] {
  const { travel } = setup;
  const moves: FeedbackMove[] = [];
  const short = new Set(current.unassigned.map((u) => u.cooperativeId));
  const hubTypes = typesAt(setup, setup.hub.id);
  const hubTrucks = vehiclesAt(setup, setup.hub.id, 0);
  const stationTypes = new Map(setup.stationIds.map((id) => [id, typesAt(setup, id)]));
  const assign = (coopId: string, to: string) => (state: WaveState): WaveState =>
    ({ assignment: new Map([...state.assignment, [coopId, to]]), splits: state.splits });
  for (const [coopId, at] of [...current.state.assignment.entries()].sort()) {
    const coop = setup.coops.get(coopId)!;
    const home = coop.stationId;
    const serveCost = (stationId: string) => roundTripCents(travel, stationTypes.get(stationId)!, stationId, coop.siteId);
    const direct = detourCents(setup, hubTypes, home, coop.siteId);
    const now = at === DIRECT ? direct : serveCost(at);
    const relief = short.has(coopId);
    const alternatives = setup.stationIds.filter((s) => s !== at && vehiclesAt(setup, s, 0).some((v) => reaches(travel, v, s, coop.siteId)))
      .map((s) => ({ s, cents: serveCost(s) })).sort((a, b) => a.cents - b.cents || a.s.localeCompare(b.s)).slice(0, NEIGHBOURS);
    for (const { s, cents } of alternatives) {
      moves.push({ key: `${coopId}>${s}`, relief, estimateCents: now - cents, apply: assign(coopId, s) });
    }
    if (at !== DIRECT && Number.isFinite(direct) && hubTrucks.some((v) => reaches(travel, v, setup.hub.id, coop.siteId))) {
      moves.push({ key: `${coopId}>direct`, relief, estimateCents: now - direct, apply: assign(coopId, DIRECT) });
    }
  }
  if (setup.input.direction === 'upstream') {
    for (const [stationId, outcome] of [...current.stations.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      const returns = outcome.trips.map((t) => t.replay.arriveAt);
      if (returns.length < 2) continue;
      const gap = Math.max(...returns) - Math.min(...returns);
      const split = current.state.splits.has(stationId);
      if (!split && gap < SPLIT_GAP_MS) continue;
      const relief = current.unassigned.some((u) => (u.reason === 'cutoff' || u.reason === 'shelf_life')
        && current.state.assignment.get(u.cooperativeId) === stationId);
      moves.push({
        key: `${split ? 'join' : 'split'}:${stationId}`, relief,
        // Worth its extra stop when the trunk would otherwise wait: the gap's driver and reefer hours, roughly.
        estimateCents: split ? 0 : (gap / 3_600_000) * Math.min(...hubTypes.map((t) => t.costPerHourCents + t.reeferCostPerHourCents)) / 2,
        apply: (state) => {
          const splits = new Set(state.splits);
          if (split) splits.delete(stationId);
          else splits.add(stationId);
          return { assignment: state.assignment, splits };
        },
      });
    }
  }
  return moves.filter((m) => m.relief || m.estimateCents > 0)
    .sort((a, b) => Number(b.relief) - Number(a.relief) || b.estimateCents - a.estimateCents || a.key.localeCompare(b.key));
}

/** Thrown by the solver budget when the feedback loop's budget is spent: the move under way is dropped and the loop ends. */
export class FeedbackBudgetSpent extends Error {
  constructor() { super('core/routing: the feedback loop budget is spent'); }
}

/** Runs the feedback loop from an evaluated plan until a pass keeps nothing or a solve finds the budget spent. */
export function improveWave(setup: WaveSetup, initial: WaveEvaluation, evaluate: (state: WaveState, current: WaveEvaluation) => WaveEvaluation | undefined)
  : { best: WaveEvaluation; report: FeedbackReport } {
  let best = initial;
  const report: FeedbackReport = {
    tried: 0, screened: 0, kept: 0, moves: [],
    before: { costCents: initial.costCents, unassigned: initial.unassignedCount }, after: { costCents: initial.costCents, unassigned: initial.unassignedCount },
  };
  const seen = new Set([stateKey(initial.state)]);
  let improved = true;
  while (improved) {
    improved = false;
    for (const move of feedbackMoves(setup, best)) {
      const next = move.apply(best.state);
      const key = stateKey(next);
      if (seen.has(key)) continue;
      seen.add(key);
      let candidate: WaveEvaluation | undefined;
      try {
        candidate = evaluate(next, best);
      } catch (error) {
        if (!(error instanceof FeedbackBudgetSpent)) throw error;
        improved = false;
        break;
      }
      report.tried += 1;
      if (!candidate) { report.screened += 1; continue; }
      if (isBetter(candidate, best)) {
        best = candidate;
        report.kept += 1;
        report.moves.push(move.key);
        improved = true;
      }
    }
  }
  report.after = { costCents: best.costCents, unassigned: best.unassignedCount };
  return { best, report };
}
