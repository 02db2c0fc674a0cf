import fc from 'fast-check';
import { parseCostPolicy } from '../../../../src/core/cost-split/cost-policy';
import { splitPlanCost } from '../../../../src/core/cost-split/cost-split';
import { COST_SPLIT_CSV_COLUMNS, centsToYuan, costSplitToCsv } from '../../../../src/core/cost-split/cost-split.csv';
import defaultPolicy from '../../../../config/cost-policy.json';
import { handMadePlan } from './hand-made-plan';

/** A small RFC 4180 reader: quoted fields may hold commas, quotes ("") and line breaks. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += ch;
  }
  if (cell !== '' || row.length > 0) throw new Error('csv does not end with CRLF');
  return rows;
}

describe('accountants\' CSV', () => {
  it('writes whole cents as yuan exactly', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
      const yuan = centsToYuan(cents);
      expect(yuan).toMatch(/^-?\d+\.\d\d$/);
      expect(Math.round(Number(yuan) * 100)).toBe(cents);
    }));
    expect(centsToYuan(5)).toBe('0.05');
    expect(() => centsToYuan(1.5)).toThrow(/not a whole number of cents/);
  });

  it('one row per payer line, quoted where needed, adding up to the total; amounts in yuan and cents agree', () => {
    const plan = handMadePlan([
      { stops: [{ eastKm: 4, northKm: 1, loads: [{ cooperativeId: 'coop, "north"', farmerId: 'f1', grams: 40_000, salesCents: 9_000 },
        { cooperativeId: 'coop, "north"', farmerId: 'f2', grams: 10_000, salesCents: 5_000 }] },
      { eastKm: 9, northKm: -2, loads: [{ cooperativeId: 'coop-south', farmerId: 'f3', grams: 30_000, salesCents: 900_000 }] }] },
      { stationId: 'hub', tier: 'township', station: { eastKm: -30, northKm: 0 }, stops: [{ siteId: 'station-1', eastKm: 0, northKm: 0, loads: [] }] },
    ]);
    const split = splitPlanCost(plan, parseCostPolicy(defaultPolicy));
    const rows = readCsv(costSplitToCsv(split));
    expect(rows[0]).toEqual([...COST_SPLIT_CSV_COLUMNS]);
    const body = rows.slice(1).map((r) => Object.fromEntries(COST_SPLIT_CSV_COLUMNS.map((c, i) => [c, r[i]!])));
    expect(body.reduce((s, r) => s + Number(r.amount_cents), 0)).toBe(split.totalCents);
    for (const r of body) {
      expect(Number(r.amount_cents)).toBeGreaterThan(0);
      expect(Math.round(Number(r.amount_yuan) * 100)).toBe(Number(r.amount_cents));
      expect(r.policy_version).toBe(split.policyVersion);
    }
    for (const party of ['government', 'logisticsFirm', 'cooperatives'] as const) {
      expect(body.filter((r) => r.party === party).reduce((s, r) => s + Number(r.amount_cents), 0)).toBe(split.parties[party]);
    }
    // The northern cooperative is over its cap: its excess is the government's line, its share its farmers' lines.
    const north = split.cooperatives.find((c) => c.cooperativeId === 'coop, "north"')!;
    expect(north.excessCents).toBeGreaterThan(0);
    expect(body.find((r) => r.item === 'cooperative-excess' && r.cooperative_id === 'coop, "north"')).toMatchObject({ party: 'government', amount_cents: String(north.excessCents) });
    expect(body.filter((r) => r.party === 'cooperatives' && r.cooperative_id === 'coop, "north"').map((r) => r.farmer_id).sort()).toEqual(['f1', 'f2']);
    expect(body.filter((r) => r.item === 'station-om').map((r) => r.site_id)).toEqual(['station-1']);
    expect(body.filter((r) => r.item === 'trunk-operating').map((r) => [r.party, r.route_no])).toEqual([['logisticsFirm', '2']]);
  });
});
