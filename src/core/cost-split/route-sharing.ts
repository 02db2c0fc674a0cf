import { createRandom } from '../shared/random';
import { apportionCents } from './apportion';
import type { RouteSharing, ShapleyPolicy } from './cost-policy';
import type { RouteShare, RouteSharingReport } from './cost-split.types';
import { coalitionCost, type RouteGame } from './route-game';
import { shapleyExact, shapleySampled } from './shapley';

export interface RouteSharingResult { report: RouteSharingReport; sharedBy: RouteShare[] }

/** Each route samples with its own stream, so one route's result never depends on the others. */
export function routeSeed(seed: number, routeNo: number): number {
  return (seed ^ Math.imul(routeNo + 1, 0x9e3779b1)) >>> 0;
}

/**
 * Divides `amountCents` of one route between its cooperatives by the chosen method, to the cent
 * (largest remainder over the method's weights). Shapley weights are the values of the route game,
 * clamped at 0 (with a metric tour cost no marginal is negative, so the clamp only guards heuristic
 * tours); they are then scaled to the exact amount, which keeps efficiency. When every weight is 0
 * (all stops at the base, say) the amount is shared by kilograms instead, and the report says so.
 */
export function splitRouteCost(
  game: RouteGame, amountCents: number, method: RouteSharing, shapley: ShapleyPolicy, seed: number,
): RouteSharingResult {
  const players = game.players;
  const n = players.length;
  const report: RouteSharingReport = {
    method, evaluation: method === 'shapley' ? 'exact' : 'weights', cooperatives: n, samplePermutations: 0, coalitionTours: 0,
    toursExact: true, gameGrandCoalitionCents: null, maxStandardErrorCents: null, fallback: null,
  };
  if (n === 0) return { report, sharedBy: [] };

  let weights: number[];
  let standardErrors: number[] | null = null;
  if (method === 'proportional-kg') {
    weights = players.map((p) => p.grams / 1000);
  } else if (method === 'kg-km') {
    weights = players.map((p) => p.kgKm);
  } else {
    const costs = coalitionCost(game);
    if (n <= shapley.exactMaxCooperatives) {
      weights = shapleyExact(n, (mask) => costs.byMask(mask));
    } else {
      const sampled = shapleySampled(n, (members) => costs.byMembers(members), shapley.samplePermutations, createRandom(routeSeed(seed, game.routeNo)));
      weights = sampled.values;
      standardErrors = sampled.standardErrors;
      report.evaluation = 'sampled';
      report.samplePermutations = sampled.permutations;
    }
    const grand = costs.byMembers(players.map((_, i) => i));
    report.coalitionTours = costs.evaluations();
    report.toursExact = costs.allToursExact();
    report.gameGrandCoalitionCents = round2(grand);
    if (standardErrors) {
      // The shares are the values scaled by amount / c(N); their errors scale alike.
      const scale = grand > 0 ? amountCents / grand : 0;
      report.maxStandardErrorCents = round2(Math.max(0, ...standardErrors) * scale);
    }
    weights = weights.map((w) => Math.max(0, w));
  }

  if (weights.every((w) => w === 0) && amountCents > 0) {
    report.fallback = `every ${method} weight is 0: shared by kg`;
    weights = players.map((p) => p.grams / 1000);
  }
  const shares = apportionCents(amountCents, players.map((p, i) => ({ key: p.cooperativeId, weight: weights[i]! })));
  const sharedBy = players.map((p, i) => ({
    cooperativeId: p.cooperativeId, kg: round3(p.grams / 1000), weight: method === 'shapley' ? round2(weights[i]!) : round3(weights[i]!),
    shareCents: shares.get(p.cooperativeId)!,
  }));
  return { report, sharedBy };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
