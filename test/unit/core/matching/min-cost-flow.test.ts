import fc from 'fast-check';
import { MinCostFlow } from '../../../../src/core/matching/min-cost-flow';

/** Brute force for tiny bipartite transportation problems: every integral plan enumerated. */
function bruteForce(supply: number[], demand: number[], cost: (number | null)[][]): { flow: number; cost: number } {
  const cells: [number, number][] = [];
  supply.forEach((_, i) => demand.forEach((_, j) => cost[i][j] !== null && cells.push([i, j])));
  let best = { flow: 0, cost: 0 };
  const s = [...supply];
  const d = [...demand];
  const walk = (k: number, flow: number, total: number): void => {
    if (k === cells.length) {
      if (flow > best.flow || (flow === best.flow && total < best.cost)) best = { flow, cost: total };
      return;
    }
    const [i, j] = cells[k];
    for (let x = 0; x <= Math.min(s[i], d[j]); x++) {
      s[i] -= x;
      d[j] -= x;
      walk(k + 1, flow + x, total + x * cost[i][j]!);
      s[i] += x;
      d[j] += x;
    }
  };
  walk(0, 0, 0);
  return best;
}

describe('MinCostFlow', () => {
  it('finds the maximum flow of minimum cost on a small network', () => {
    // s → a (2, 0), s → b (2, 0), a → t (1, 5), a → b (2, 1), b → t (2, 1): max flow 3.
    const net = new MinCostFlow(4);
    net.addArc(0, 1, 2, 0);
    net.addArc(0, 2, 2, 0);
    const at = net.addArc(1, 3, 1, 5);
    net.addArc(1, 2, 2, 1);
    net.addArc(2, 3, 2, 1);
    const r = net.solve(0, 3);
    expect(r.flow).toBe(3);
    expect(r.cost).toBe(7);
    expect(net.flowOn(at)).toBe(1);
  });

  it('rejects negative or fractional costs', () => {
    expect(() => new MinCostFlow(2).addArc(0, 1, 1, -1)).toThrow('core/matching');
    expect(() => new MinCostFlow(2).addArc(0, 1, 1, 0.5)).toThrow('core/matching');
  });

  it('matches brute force on random transportation problems', () => {
    const arb = fc.record({
      supply: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
      demand: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
      seedCosts: fc.array(fc.option(fc.integer({ min: 0, max: 9 }), { freq: 4 }), { minLength: 9, maxLength: 9 }),
    });
    fc.assert(fc.property(arb, ({ supply, demand, seedCosts }) => {
      const cost = supply.map((_, i) => demand.map((_, j) => seedCosts[i * 3 + j]));
      const net = new MinCostFlow(2 + supply.length + demand.length);
      supply.forEach((q, i) => net.addArc(0, 2 + i, q, 0));
      demand.forEach((q, j) => net.addArc(2 + supply.length + j, 1, q, 0));
      supply.forEach((_, i) => demand.forEach((_, j) => cost[i][j] !== null && net.addArc(2 + i, 2 + supply.length + j, 99, cost[i][j]!)));
      const r = net.solve(0, 1);
      const expected = bruteForce(supply, demand, cost);
      expect({ flow: r.flow, cost: r.cost }).toEqual(expected);
    }), { numRuns: 300 });
  });
});
