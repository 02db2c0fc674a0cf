import { splitModel, transportationBound } from '../../../../bench/match/reference';
import { assignFromFlow, lineFilled, serviceCost } from '../../../../src/core/matching/match-assignment';
import { computeMatchCost } from '../../../../src/core/matching/match-cost';
import { solveMatchFlow } from '../../../../src/core/matching/match-flow';
import { generateMatchInstance } from '../../../../src/core/matching/match-instance.generator';
import { buildMatchModel } from '../../../../src/core/matching/match-model';
import { matchOrders } from '../../../../src/core/matching/match-orders';
import { searchLocks } from '../../../../src/core/matching/lock-search';
import { createRandom } from '../../../../src/core/shared/random';

const unlimited = { maxIterations: Number.MAX_SAFE_INTEGER, deadlineMs: Infinity };

describe('searchLocks: exact re-sourcing of multi-line orders', () => {
  it('never loses fill, never over-allocates a lot, and only lowers the service cost', () => {
    for (const seed of [1, 4, 12]) {
      const m = buildMatchModel(generateMatchInstance({ seed, lines: 60, lots: 30 }));
      const flow = solveMatchFlow(m);
      const start = assignFromFlow(m, flow);
      const startCost = serviceCost(m, start);
      const result = searchLocks(m, start, flow.filledUnits, createRandom(seed), unlimited);
      let filled = 0;
      for (let l = 0; l < m.nLine; l++) filled += lineFilled(result.assignment, l);
      expect(filled).toBe(flow.filledUnits);
      const used = new Float64Array(m.nLot);
      for (const units of result.assignment.lineAlloc) for (const u of units) used[u.lot] += u.qty;
      used.forEach((u, lot) => expect(u).toBeLessThanOrEqual(m.lotQty[lot]));
      expect(result.cost).toBeCloseTo(serviceCost(m, result.assignment), 9);
      expect(result.cost).toBeLessThanOrEqual(startCost + 1e-9);
    }
  });

  it('is deterministic for a seed, and an iteration limit replays a run', () => {
    const m = buildMatchModel(generateMatchInstance({ seed: 4, lines: 60, lots: 30 }));
    const flow = solveMatchFlow(m);
    const run = (limit = unlimited) => searchLocks(m, assignFromFlow(m, flow), flow.filledUnits, createRandom(9), limit);
    const a = run();
    expect(run().cost).toBe(a.cost);
    const short = run({ maxIterations: 40, deadlineMs: Infinity });
    expect(short.iterations).toBe(40);
    expect(run({ maxIterations: 40, deadlineMs: Infinity }).cost).toBe(short.cost);
  });
});

describe('matchOrders against the exact optimum (HiGHS MIP, the benchmark reference)', () => {
  // Bursts on which the matcher was more than 0.5 % off before the lock search (seeds 4 and 12)
  // and one it always solved; the optimum is computed here, not copied in.
  it.each([4, 7, 12])('60-line burst seed %i: maximal fill, service cost within 0.5 % of the optimum', async (seed) => {
    const p = generateMatchInstance({ seed, lines: 60, lots: 30 });
    const result = matchOrders(p, { seed: 1 });
    const cost = computeMatchCost(p, result.allocations);
    const bound = await transportationBound(p);
    expect(cost.filledUnits).toBe(bound.maxFill);
    const mip = await splitModel(p, bound.maxFill, { integer: true, timeLimitSeconds: 60 });
    expect(mip.status).toBe('Optimal');
    expect(cost.service).toBeLessThanOrEqual(mip.objective * 1.005);
  });
});
