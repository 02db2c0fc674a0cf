import { generateMatchInstance } from '../../../../src/core/matching/match-instance.generator';
import { parseMatchProblem } from '../../../../src/core/matching/match-problem.parser';

describe('generateMatchInstance', () => {
  it('is valid input, seeded, and has the asked number of lines and lots', () => {
    const p = generateMatchInstance({ seed: 11, lines: 2000, lots: 300 });
    expect(parseMatchProblem(JSON.parse(JSON.stringify(p)))).toEqual(p);
    expect(p.orders.reduce((s, o) => s + o.lines.length, 0)).toBe(2000);
    expect(p.lots.length).toBeLessThanOrEqual(300);
    expect(p.lots.length).toBeGreaterThan(250);
    expect(generateMatchInstance({ seed: 11, lines: 2000, lots: 300 })).toEqual(p);
    expect(generateMatchInstance({ seed: 12, lines: 2000, lots: 300 })).not.toEqual(p);
  });

  it('mimics a burst: small lines, bound orders, multi-line orders, scarce SKUs, stale lots', () => {
    const p = generateMatchInstance({ seed: 3, lines: 5000, lots: 600 });
    const lines = p.orders.flatMap((o) => o.lines);
    expect(lines.filter((l) => l.quantity <= 3).length / lines.length).toBeGreaterThan(0.95);
    const bound = p.orders.filter((o) => o.cooperatives).length / p.orders.length;
    expect(bound).toBeGreaterThan(0.2);
    expect(bound).toBeLessThan(0.4);
    expect(p.orders.some((o) => o.lines.length > 1)).toBe(true);
    const demand = new Map<string, number>();
    for (const l of lines) demand.set(l.sku, (demand.get(l.sku) ?? 0) + l.quantity);
    const supply = new Map<string, number>();
    for (const lot of p.lots) supply.set(lot.sku, (supply.get(lot.sku) ?? 0) + lot.quantity);
    expect(p.skus.some((s) => (supply.get(s.id) ?? 0) < (demand.get(s.id) ?? 0))).toBe(true);
    const handover = Date.parse(p.handoverAt);
    const stale = p.lots.filter((lot) => {
      const sku = p.skus.find((s) => s.id === lot.sku)!;
      return sku.shelfLifeHours - (handover - Date.parse(lot.packedAt)) / 3_600_000 < sku.minRemainingHours;
    });
    expect(stale.length).toBeGreaterThan(0);
  });
});
