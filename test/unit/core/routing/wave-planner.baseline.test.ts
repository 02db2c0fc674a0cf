import { planWaveBaseline } from '../../../../src/core/routing/wave-planner.baseline';
import { fixtureCounty } from '../../../helpers/factories';
import { checkPlan } from '../../../helpers/plan-checker';
import { waveInputFromFixture } from '../../../helpers/wave-input.factory';

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
