import fc from 'fast-check';
import { parseCostPolicy } from '../../../../src/core/cost-split/cost-policy';
import { splitPlanCostBaseline } from '../../../../src/core/cost-split/cost-split.baseline';
import { planWaveBaseline } from '../../../../src/core/routing/wave-planner.baseline';
import { fixtureCounty } from '../../../helpers/factories';
import { waveInputFromFixture } from '../../../helpers/wave-input.factory';
import defaultPolicy from '../../../../config/cost-policy.json';

describe('baseline four-party cost split', () => {
  const county = fixtureCounty();
  const plans = [60, 500].map((n) => planWaveBaseline(waveInputFromFixture(county, n, n + 1)));

  it('adds up to the total to the cent, no share negative, the cap holds, farmers carry their cooperative', () => {
    fc.assert(fc.property(
      fc.constantFrom(...plans),
      fc.double({ min: 0, max: 0.2, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constantFrom('government' as const, 'logisticsFirm' as const),
      fc.constantFrom('government' as const, 'logisticsFirm' as const, 'cooperatives' as const),
      (plan, cap, subsidy, excessPaidBy, trunkPaidBy) => {
        const policy = parseCostPolicy({ ...defaultPolicy, government: { ...defaultPolicy.government, fuelSubsidyShare: subsidy },
          cooperatives: { ...defaultPolicy.cooperatives, capShareOfSales: cap, excessPaidBy }, trunkOperatingPaidBy: trunkPaidBy });
        const split = splitPlanCostBaseline(plan, policy);
        const { government, logisticsFirm, cooperatives } = split.parties;
        expect(government + logisticsFirm + cooperatives).toBe(split.totalCents);
        expect(split.totalCents).toBe(plan.totals.cost.totalCents + split.components.hubShareCents + split.components.stationOmCents);
        for (const v of [government, logisticsFirm, cooperatives]) {
          expect(Number.isInteger(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
        }
        for (const c of split.cooperatives) {
          expect(c.shareCents).toBeLessThanOrEqual(c.capCents);
          expect(c.shareCents).toBeGreaterThanOrEqual(0);
          const farmers = split.farmers.filter((f) => f.cooperativeId === c.cooperativeId).reduce((s, f) => s + f.shareCents, 0);
          expect(farmers).toBe(c.shareCents);
        }
        expect(split.cooperatives.reduce((s, c) => s + c.shareCents, 0)).toBe(cooperatives);
        expect(splitPlanCostBaseline(plan, policy)).toEqual(split);
      }), { numRuns: 40 });
  });

  it('refuses a policy with a bad field, naming it', () => {
    expect(() => parseCostPolicy({ ...defaultPolicy, cooperatives: { ...defaultPolicy.cooperatives, capShareOfSales: 1.5 } }))
      .toThrow('core/cost-split: policy/cooperatives/capShareOfSales: must be ≤ 1');
    expect(() => parseCostPolicy({ ...defaultPolicy, routeSharing: 'coin-toss' })).toThrow(/policy\/routeSharing/);
  });
});
