import fc from 'fast-check';
import { parseCostPolicy, type CostPolicy, type RouteSharing } from '../../../../src/core/cost-split/cost-policy';
import { splitPlanCost } from '../../../../src/core/cost-split/cost-split';
import { costSplitToCsv } from '../../../../src/core/cost-split/cost-split.csv';
import type { CostSplitDocument } from '../../../../src/core/cost-split/cost-split.types';
import type { PlanDocument } from '../../../../src/core/plan/plan.types';
import { planWaveBaseline } from '../../../../src/core/routing/wave-planner.baseline';
import { createRandom } from '../../../../src/core/shared/random';
import { fixtureCounty } from '../../../helpers/factories';
import { waveInputFromFixture } from '../../../helpers/wave-input.factory';
import defaultPolicy from '../../../../config/cost-policy.json';
import { handMadePlan, type LoadSpec, type StopSpec } from './hand-made-plan';

const METHODS: RouteSharing[] = ['proportional-kg', 'kg-km', 'shapley'];
const policyWith = (patch: { cap?: number; subsidy?: number; excessPaidBy?: 'government' | 'logisticsFirm'; trunk?: CostPolicy['trunkOperatingPaidBy'];
  method?: RouteSharing; exactMax?: number; samples?: number }): CostPolicy => parseCostPolicy({
  ...defaultPolicy,
  government: { ...defaultPolicy.government, fuelSubsidyShare: patch.subsidy ?? defaultPolicy.government.fuelSubsidyShare },
  cooperatives: { ...defaultPolicy.cooperatives, capShareOfSales: patch.cap ?? defaultPolicy.cooperatives.capShareOfSales,
    excessPaidBy: patch.excessPaidBy ?? defaultPolicy.cooperatives.excessPaidBy },
  trunkOperatingPaidBy: patch.trunk ?? defaultPolicy.trunkOperatingPaidBy,
  routeSharing: patch.method ?? defaultPolicy.routeSharing,
  shapley: { ...defaultPolicy.shapley, exactMaxCooperatives: patch.exactMax ?? defaultPolicy.shapley.exactMaxCooperatives,
    samplePermutations: patch.samples ?? defaultPolicy.shapley.samplePermutations },
});

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const share = (split: CostSplitDocument, routeNo: number, coop: string) => split.routes.find((r) => r.routeNo === routeNo)!.sharedBy.find((s) => s.cooperativeId === coop)!.shareCents;

/** Every guarantee of issue 8 that holds for any plan and policy. */
function expectInvariants(plan: PlanDocument, policy: CostPolicy, split: CostSplitDocument): void {
  const { government, logisticsFirm, cooperatives } = split.parties;
  expect(government + logisticsFirm + cooperatives).toBe(split.totalCents);
  expect(split.totalCents).toBe(plan.routes.reduce((s, r) => s + r.cost.totalCents, 0) + split.components.hubShareCents + split.components.stationOmCents);
  const amounts = [government, logisticsFirm, cooperatives, ...Object.values(split.government), ...Object.values(split.logisticsFirm),
    ...split.cooperatives.flatMap((c) => [c.shareCents, c.uncappedCents, c.capCents, c.excessCents]), ...split.farmers.map((f) => f.shareCents),
    ...split.routes.flatMap((r) => [r.operatingCents, r.fuelSubsidyCents, ...r.sharedBy.map((s) => s.shareCents)])];
  for (const v of amounts) {
    expect(Number.isInteger(v)).toBe(true);
    expect(v).toBeGreaterThanOrEqual(0);
  }
  // The parties' breakdowns add up to the parties.
  expect(sum(Object.values(split.government))).toBe(government);
  expect(sum(Object.values(split.logisticsFirm))).toBe(logisticsFirm);

  const items = new Map(plan.items.map((i) => [i.allocationId, i]));
  const uncapped = new Map<string, number>();
  for (const r of split.routes) {
    const route = plan.routes.find((x) => x.routeNo === r.routeNo)!;
    const onRoute = new Set(route.stops.flatMap((s) => [...s.pickedUp, ...s.dropped]).map((id) => items.get(id)!.cooperativeId));
    // Efficiency: a shared route's operating cost is divided exactly; null player: only cooperatives on it are charged.
    if (r.operatingPaidBy === 'cooperatives') expect(sum(r.sharedBy.map((s) => s.shareCents))).toBe(r.operatingCents);
    expect(r.sharedBy.map((s) => s.cooperativeId).sort()).toEqual(r.sharedBy.length > 0 ? [...onRoute].sort() : []);
    if (r.operatingPaidBy === 'cooperatives') for (const s of r.sharedBy) uncapped.set(s.cooperativeId, (uncapped.get(s.cooperativeId) ?? 0) + s.shareCents);
    if (r.tier === 'village' && r.sharing) {
      expect(r.sharing.method).toBe(split.routeSharing);
      if (r.sharing.method === 'shapley') {
        expect(r.sharing.evaluation).toBe(r.sharedBy.length <= policy.shapley.exactMaxCooperatives ? 'exact' : 'sampled');
        expect(r.sharing.samplePermutations).toBe(r.sharing.evaluation === 'sampled' ? 2 * Math.ceil(policy.shapley.samplePermutations / 2) : 0);
      }
    }
  }
  for (const c of split.cooperatives) {
    expect(c.uncappedCents).toBe(uncapped.get(c.cooperativeId));
    expect(c.capCents).toBe(Math.floor(c.salesCents * policy.cooperatives.capShareOfSales));
    expect(c.shareCents).toBeLessThanOrEqual(c.capCents);
    expect(c.shareCents).toBe(Math.min(c.uncappedCents, c.capCents));
    expect(c.excessCents).toBe(c.uncappedCents - c.shareCents);
    expect(sum(split.farmers.filter((f) => f.cooperativeId === c.cooperativeId).map((f) => f.shareCents))).toBe(c.shareCents);
  }
  expect(sum(split.cooperatives.map((c) => c.shareCents))).toBe(cooperatives);
  const csv = costSplitToCsv(split).trimEnd().split('\r\n').slice(1).map((line) => line.split(','));
  expect(sum(csv.map((cells) => Number(cells[7])))).toBe(split.totalCents);
}

describe('four-party cost split', () => {
  const county = fixtureCounty();
  const plans = [60, 500].map((n) => planWaveBaseline(waveInputFromFixture(county, n, n + 1)));

  it('on fixture plans, under any policy: exact totals, no negative share, caps hold, farmers carry their cooperative', () => {
    fc.assert(fc.property(
      fc.constantFrom(...plans), fc.double({ min: 0, max: 0.2, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constantFrom('government' as const, 'logisticsFirm' as const), fc.constantFrom('government' as const, 'logisticsFirm' as const, 'cooperatives' as const),
      fc.constantFrom(...METHODS), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      (plan, cap, subsidy, excessPaidBy, trunk, method, exactMax, seed) => {
        const policy = policyWith({ cap, subsidy, excessPaidBy, trunk, method, exactMax, samples: 49 });
        const split = splitPlanCost(plan, policy, { seed });
        expectInvariants(plan, policy, split);
        expect(split.routeSharing).toBe(method);
        expect(split.seed).toBe(seed);
      }), { numRuns: 40 });
  });

  it('is deterministic: the same plan and policy give the same split, whatever the order of items and routes', () => {
    fc.assert(fc.property(fc.constantFrom(...plans), fc.constantFrom(...METHODS), fc.integer({ min: 0, max: 1000 }), (plan, method, shuffleSeed) => {
      const policy = policyWith({ method, exactMax: 2, samples: 30 });
      const split = splitPlanCost(plan, policy);
      expect(splitPlanCost(plan, policy)).toEqual(split);
      const rng = createRandom(shuffleSeed);
      const shuffled = { ...plan, items: rng.shuffle([...plan.items]), routes: rng.shuffle([...plan.routes]) };
      expect(splitPlanCost(shuffled, policy)).toEqual(split);
    }), { numRuns: 12 });
  });

  it('the default policy shares by exact Shapley on the fixture routes', () => {
    const split = splitPlanCost(plans[1]!, parseCostPolicy(defaultPolicy));
    expect(split.routeSharing).toBe('shapley');
    const village = split.routes.filter((r) => r.tier === 'village');
    expect(village.length).toBeGreaterThan(0);
    for (const r of village) expect(r.sharing).toMatchObject({ method: 'shapley', evaluation: 'exact', samplePermutations: 0, toursExact: true });
  });

  it('Shapley charges a cooperative on the way less than one up a valley; proportional-kg charges them the same', () => {
    // The road runs east from the station to "end"; "way" sits on it, "valley" 5 km up a side valley.
    const loads = (id: string): LoadSpec[] => [{ cooperativeId: id, grams: 200_000, salesCents: 10_000_000 }];
    const plan = handMadePlan([{ stops: [
      { eastKm: 5, northKm: 0, loads: loads('way') }, { eastKm: 5, northKm: 5, loads: loads('valley') }, { eastKm: 10, northKm: 0, loads: loads('end') },
    ] }]);
    const byKg = splitPlanCost(plan, policyWith({ method: 'proportional-kg' }));
    expect(Math.abs(share(byKg, 1, 'way') - share(byKg, 1, 'valley'))).toBeLessThanOrEqual(1);
    const shapley = splitPlanCost(plan, policyWith({ method: 'shapley' }));
    expect(share(shapley, 1, 'way')).toBeLessThan(share(shapley, 1, 'valley'));
    expect(share(shapley, 1, 'way')).toBeLessThan(share(byKg, 1, 'way'));
    expectInvariants(plan, policyWith({ method: 'shapley' }), shapley);
  });

  it('symmetry: cooperatives with the same place and load pay the same to the cent (±1 from rounding)', () => {
    const stop = fc.record({ eastKm: fc.double({ min: -20, max: 20, noNaN: true }), northKm: fc.double({ min: -20, max: 20, noNaN: true }),
      grams: fc.integer({ min: 1000, max: 300_000 }) });
    fc.assert(fc.property(fc.array(stop, { minLength: 1, maxLength: 6 }), fc.nat(), fc.boolean(), fc.constantFrom(...METHODS), (stops, pick, sameStop, method) => {
      const twinAt = pick % stops.length;
      const specs: StopSpec[] = stops.map((s, i) => ({ eastKm: s.eastKm, northKm: s.northKm, loads: [{ cooperativeId: `c${i}`, grams: s.grams }] }));
      const twin = specs[twinAt]!;
      const twinLoad = { cooperativeId: 'twin', grams: stops[twinAt]!.grams };
      // The twin shares the cooperative's stop, or has its own stop at the same place right after it.
      if (sameStop) twin.loads.push(twinLoad);
      else specs.splice(twinAt + 1, 0, { eastKm: twin.eastKm, northKm: twin.northKm, loads: [twinLoad] });
      const plan = handMadePlan([{ stops: specs }]);
      const policy = policyWith({ method, cap: 1 });
      const split = splitPlanCost(plan, policy);
      expect(Math.abs(share(split, 1, 'twin') - share(split, 1, `c${twinAt}`))).toBeLessThanOrEqual(1);
      expectInvariants(plan, policy, split);
    }), { numRuns: 60 });
  });

  it('null player: a cooperative pays nothing for a route that carries nothing of its own', () => {
    const plan = handMadePlan([
      { stops: [{ eastKm: 4, northKm: 0, loads: [{ cooperativeId: 'a', grams: 5000 }] }, { eastKm: 8, northKm: 3, loads: [{ cooperativeId: 'b', grams: 5000 }] }] },
      { stationId: 'station-2', station: { eastKm: 30, northKm: 0 }, stops: [{ eastKm: 35, northKm: 2, loads: [{ cooperativeId: 'c', grams: 5000 }] }] },
    ]);
    for (const method of METHODS) {
      const policy = policyWith({ method, cap: 1 });
      const split = splitPlanCost(plan, policy);
      expect(split.routes[1]!.sharedBy.map((s) => s.cooperativeId)).toEqual(['c']);
      expect(split.routes[1]!.sharedBy[0]!.shareCents).toBe(split.routes[1]!.operatingCents);
      expect(split.cooperatives.find((c) => c.cooperativeId === 'a')!.uncappedCents).toBe(share(split, 1, 'a'));
      expectInvariants(plan, policy, split);
    }
  });

  it('sampled Shapley agrees with exact Shapley on routes of up to 10 cooperatives', () => {
    const exactPolicy = policyWith({ method: 'shapley' });
    const sampledPolicy = policyWith({ method: 'shapley', exactMax: 0, samples: 4000 });
    const plan = handMadePlan([
      { stops: Array.from({ length: 7 }, (_, i) => ({ eastKm: 3 + 2 * i, northKm: (i % 3) * 4 - 3, loads: [{ cooperativeId: `v${i}`, grams: 20_000 + 5000 * i }] })) },
      { stationId: 'station-2', stops: [{ eastKm: -5, northKm: -5, loads: [{ cooperativeId: 'w0', grams: 1000 }] }, { eastKm: -15, northKm: 2, loads: [{ cooperativeId: 'w1', grams: 1000 }] }] },
    ]);
    for (const p of [plan, plans[1]!]) {
      const exact = splitPlanCost(p, exactPolicy);
      const sampled = splitPlanCost(p, sampledPolicy, { seed: 3 });
      for (const r of sampled.routes.filter((x) => x.tier === 'village')) {
        expect(r.sharing).toMatchObject({ evaluation: 'sampled', samplePermutations: 4000 });
        const e = exact.routes.find((x) => x.routeNo === r.routeNo)!;
        expect(e.sharing!.evaluation).toBe('exact');
        for (const s of r.sharedBy) {
          const diff = Math.abs(s.shareCents - e.sharedBy.find((x) => x.cooperativeId === s.cooperativeId)!.shareCents);
          expect(diff).toBeLessThanOrEqual(6 * r.sharing!.maxStandardErrorCents! + 1);
          expect(diff).toBeLessThanOrEqual(Math.max(2, 0.03 * r.operatingCents));
        }
      }
    }
  });

  it('routes with more cooperatives than the exact limit are sampled, reported, and still exact to the cent', () => {
    const stops: StopSpec[] = Array.from({ length: 13 }, (_, i) => ({ eastKm: 20 * Math.cos(i / 2), northKm: 20 * Math.sin(i / 2) + i,
      loads: [{ cooperativeId: `k${String(i).padStart(2, '0')}`, grams: 10_000 + 1000 * i }] }));
    const plan = handMadePlan([{ stops }]);
    const policy = policyWith({ method: 'shapley', samples: 500 });
    const split = splitPlanCost(plan, policy, { seed: 11 });
    expect(split.routes[0]!.sharing).toMatchObject({ evaluation: 'sampled', samplePermutations: 500, cooperatives: 13, toursExact: true });
    expect(split.routes[0]!.sharing!.maxStandardErrorCents).toBeGreaterThan(0);
    expectInvariants(plan, policy, split);
    expect(splitPlanCost(plan, policy, { seed: 11 })).toEqual(split);
  });

  it('a route of more than 16 stops prices large coalitions heuristically, says so, and still splits exactly', () => {
    const stops: StopSpec[] = Array.from({ length: 18 }, (_, i) => ({ eastKm: 15 * Math.cos(i * 0.7) + i * 0.2, northKm: 15 * Math.sin(i * 0.7),
      loads: [{ cooperativeId: `h${String(i).padStart(2, '0')}`, grams: 4000 + 100 * i }] }));
    const plan = handMadePlan([{ stops }]);
    const policy = policyWith({ method: 'shapley', samples: 20 });
    const split = splitPlanCost(plan, policy);
    expect(split.routes[0]!.sharing).toMatchObject({ evaluation: 'sampled', samplePermutations: 20, cooperatives: 18, toursExact: false });
    expectInvariants(plan, policy, split);
  });

  it('refuses a plan whose route cost parts do not add up, naming the route', () => {
    const plan = plans[0]!;
    const bad = { ...plan, routes: plan.routes.map((r, i) => (i === 0 ? { ...r, cost: { ...r.cost, totalCents: r.cost.totalCents + 1 } } : r)) };
    expect(() => splitPlanCost(bad, policyWith({}))).toThrow(`core/cost-split: route ${plan.routes[0]!.routeNo}: cost parts do not add up to cost.totalCents`);
    expect(() => splitPlanCost(plan, policyWith({}), { seed: -1 })).toThrow(/seed must be an integer/);
  });
});
