import fc from 'fast-check';
import { buildRouteGame, coalitionCost } from '../../../../src/core/cost-split/route-game';
import type { PlanDocument, PlanItem } from '../../../../src/core/plan/plan.types';
import { handMadePlan } from './hand-made-plan';

const itemsOf = (plan: PlanDocument) => new Map<string, PlanItem>(plan.items.map((i) => [i.allocationId, i]));
const amountOf = (plan: PlanDocument, r = 0) => {
  const c = plan.routes[r]!.cost;
  return { distanceCents: c.fuelCents, timeCents: c.driverCents + c.refrigerationCents };
};

/** Stops on a circle around the station, visited in angular order: the route is already the best tour. */
const convexRoute = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }).chain((ks) =>
  fc.tuple(fc.constant(ks), fc.double({ min: 2, max: 30, noNaN: true })))
  .map(([loads, radius]) => handMadePlan([{
    stops: loads.map((k, i) => {
      const a = (2 * Math.PI * (i + 0.5)) / (loads.length + 1);
      return { eastKm: radius * Math.cos(a), northKm: radius * Math.sin(a), loads: [{ cooperativeId: `coop-${String(i).padStart(2, '0')}`, grams: k * 10_000 }] };
    }),
  }]));

describe('the route game', () => {
  it('prices the grand coalition at the shared amount when the route is already the best tour (stop times and dwell)', () => {
    fc.assert(fc.property(convexRoute, (plan) => {
      const amount = amountOf(plan);
      const game = buildRouteGame(plan.routes[0]!, itemsOf(plan), amount);
      expect(game.timing).toBe('stop-times');
      expect(game.dwellS.every((d) => Math.abs(d - 600) < 0.01)).toBe(true);
      expect(game.detourFactor).toBeCloseTo(1, 3);
      const all = game.players.map((_, i) => i);
      expect(coalitionCost(game).byMembers(all)).toBeCloseTo(amount.distanceCents + amount.timeCents, 1);
    }), { numRuns: 40 });
  });

  it('scales straight lines by the route\'s detour factor, so a road-network route is priced on its own metres', () => {
    const plan = handMadePlan([{ stops: [{ eastKm: 10, northKm: 0, loads: [{ cooperativeId: 'a', grams: 1000 }] }, { eastKm: 10, northKm: 10, loads: [{ cooperativeId: 'b', grams: 1000 }] }] }]);
    const route = plan.routes[0]!;
    const road = { ...route, distanceM: Math.round(route.distanceM * 1.4) };
    const amount = amountOf(plan);
    const game = buildRouteGame(road, itemsOf(plan), amount);
    expect(game.detourFactor).toBeCloseTo(1.4, 3);
    expect(coalitionCost(game).byMembers([0, 1])).toBeCloseTo(amount.distanceCents + amount.timeCents, 0);
  });

  it('falls back to the route\'s average speed without dwell when stop times are unusable', () => {
    const plan = handMadePlan([{ stops: [{ eastKm: 5, northKm: 5, loads: [{ cooperativeId: 'a', grams: 1000 }] }] }]);
    const route = plan.routes[0]!;
    const broken = { ...route, stops: route.stops.map((s) => ({ ...s, arrivalAt: 'not a time' })) };
    const amount = amountOf(plan);
    const game = buildRouteGame(broken, itemsOf(plan), amount);
    expect(game.timing).toBe('route-average');
    expect(game.dwellS).toEqual([0]);
    expect(game.speedMps).toBeCloseTo(route.distanceM / route.durationS, 6);
    expect(coalitionCost(game).byMembers([0])).toBeCloseTo(amount.distanceCents + amount.timeCents, 1);
  });

  it('kg·km measures the shorter way along the route between the station and the stop', () => {
    // Out 10 km east, then back past a stop 1 km from the station: that stop is 1 km away, not 10 + 9.
    const plan = handMadePlan([{ stops: [
      { eastKm: 10, northKm: 0, loads: [{ cooperativeId: 'far', grams: 2000 }] },
      { eastKm: 1, northKm: 0, loads: [{ cooperativeId: 'near', grams: 3000 }] },
    ] }]);
    const game = buildRouteGame(plan.routes[0]!, itemsOf(plan), amountOf(plan));
    const by = new Map(game.players.map((p) => [p.cooperativeId, p]));
    expect(by.get('far')!.kgKm).toBeCloseTo(2 * 10, 1);
    expect(by.get('near')!.kgKm).toBeCloseTo(3 * 1, 1);
  });

  it('places every cooperative at its stops, counts its kilograms once, and prices an empty coalition at 0', () => {
    const plan = handMadePlan([{ stops: [
      { eastKm: 3, northKm: 1, loads: [{ cooperativeId: 'a', grams: 1000 }, { cooperativeId: 'b', grams: 500 }] },
      { eastKm: 6, northKm: 2, loads: [{ cooperativeId: 'a', grams: 250 }] },
    ] }]);
    const game = buildRouteGame(plan.routes[0]!, itemsOf(plan), amountOf(plan));
    expect(game.players.map((p) => [p.cooperativeId, p.grams, p.stops])).toEqual([['a', 1250, [0, 1]], ['b', 500, [0]]]);
    expect(coalitionCost(game).byMask(0)).toBe(0);
    expect(() => buildRouteGame(plan.routes[0]!, new Map(), amountOf(plan))).toThrow(/route 1 handles unknown allocation/);
  });
});
