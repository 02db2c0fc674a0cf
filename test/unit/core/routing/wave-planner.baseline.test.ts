import { capacityByClass, loadOf } from '../../../../src/core/plan/plan-costing';
import { TEMPERATURE_CLASSES, type PlanDocument } from '../../../../src/core/plan/plan.types';
import type { WaveInput } from '../../../../src/core/plan/wave-input.types';
import { planWaveBaseline } from '../../../../src/core/routing/wave-planner.baseline';
import { fixtureCounty } from '../../../helpers/factories';
import { waveInputFromFixture } from '../../../helpers/wave-input.factory';

/** Checks a plan from its stops alone, sharing no code with the planner's decisions. */
function checkPlan(input: WaveInput, plan: PlanDocument): void {
  const types = new Map(input.vehicleTypes.map((t) => [t.id, t]));
  const items = new Map(input.items.map((i) => [i.allocationId, i]));
  const seen = new Map<string, number>();
  const arrivedAtStation = new Map<string, number>();
  const unassigned = new Set(plan.unassigned.flatMap((u) => u.allocationIds));
  for (const route of plan.routes) {
    const cap = capacityByClass(types.get(route.vehicleTypeId)!);
    let previous = -Infinity;
    const onBoard: string[] = [];
    for (const stop of route.stops) {
      const arrive = Date.parse(stop.arrivalAt);
      const depart = Date.parse(stop.departureAt);
      expect(arrive).toBeGreaterThanOrEqual(previous);
      expect(depart).toBeGreaterThanOrEqual(arrive);
      previous = depart;
      onBoard.push(...stop.pickedUp);
      const load = loadOf(onBoard.map((id) => items.get(id)!));
      for (const c of TEMPERATURE_CLASSES) expect(load.byClass[c]).toBeLessThanOrEqual(cap[c].grams);
    }
    expect(route.stops[0]!.siteId).toBe(route.baseSiteId);
    expect(route.stops.at(-1)!.siteId).toBe(route.baseSiteId);
    expect([...route.stops.at(-1)!.dropped].sort()).toEqual([...onBoard].sort());
    if (route.tier === 'village') {
      for (const id of onBoard) seen.set(`v:${id}`, (seen.get(`v:${id}`) ?? 0) + 1);
      const end = Date.parse(route.stops.at(-1)!.arrivalAt);
      arrivedAtStation.set(route.baseSiteId, Math.max(arrivedAtStation.get(route.baseSiteId) ?? 0, end));
    } else {
      expect(Date.parse(route.stops.at(-1)!.arrivalAt)).toBeLessThanOrEqual(Date.parse(input.cutoffAt));
      for (const id of onBoard) seen.set(`t:${id}`, (seen.get(`t:${id}`) ?? 0) + 1);
    }
  }
  // Synchronisation: a trunk loads at a station only after the village routes feeding it are back.
  for (const route of plan.routes.filter((r) => r.tier === 'township')) {
    for (const stop of route.stops.filter((s) => s.kind === 'pickup')) {
      expect(Date.parse(stop.departureAt)).toBeGreaterThanOrEqual(arrivedAtStation.get(stop.siteId) ?? 0);
    }
  }
  for (const id of items.keys()) {
    const atHub = seen.get(`t:${id}`) ?? 0;
    expect(atHub + (unassigned.has(id) ? 1 : 0)).toBe(1);
    expect(seen.get(`v:${id}`) ?? 0).toBeLessThanOrEqual(1);
  }
}

describe('baseline wave planner (nearest neighbour, straight-line)', () => {
  const county = fixtureCounty();

  it.each([50, 400, 1500])('keeps every hard rule with %i allocations', (count) => {
    const input = waveInputFromFixture(county, count, count);
    const plan = planWaveBaseline(input);
    expect(plan.distanceSource).toBe('straight-line');
    expect(plan.planner).toBe('nearest-neighbour-baseline');
    checkPlan(input, plan);
    expect(plan.totals.cost.totalCents).toBe(plan.routes.reduce((s, r) => s + r.cost.totalCents, 0));
    for (const r of plan.routes) {
      const c = r.cost;
      expect(c.totalCents).toBe(c.fixedCents + c.fuelCents + c.driverCents + c.refrigerationCents);
    }
  });

  it('is deterministic and ignores the order allocations come in', () => {
    const input = waveInputFromFixture(county, 300, 5);
    const shuffled = { ...input, items: [...input.items].reverse() };
    expect(planWaveBaseline(shuffled)).toEqual(planWaveBaseline(input));
  });

  it('reports what no vehicle can carry instead of dropping it', () => {
    const input = waveInputFromFixture(county, 30, 9);
    const noFrozen = { ...input, vehicleTypes: input.vehicleTypes.map((t) => ({ ...t, compartments: t.compartments.filter((c) => c.temperatureClass !== 'frozen') })) };
    const frozen = noFrozen.items.filter((i) => i.temperatureClass === 'frozen').map((i) => i.allocationId);
    const plan = planWaveBaseline({ ...noFrozen, items: noFrozen.items.map((i) => ({ ...i, temperatureClass: i.temperatureClass })) });
    const reported = plan.unassigned.filter((u) => u.reason === 'no_compatible_vehicle').flatMap((u) => u.allocationIds);
    expect(reported.sort()).toEqual(frozen.sort());
    checkPlan(noFrozen, plan);
  });

  it('never brings anything to the hub after the cut-off', () => {
    const input = { ...waveInputFromFixture(county, 400, 3), cutoffAt: '2026-11-22T02:30:00.000Z' };
    const plan = planWaveBaseline(input);
    checkPlan(input, plan);
    expect(plan.unassigned.length).toBeGreaterThan(0);
  });
});
