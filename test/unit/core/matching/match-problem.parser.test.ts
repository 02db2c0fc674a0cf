import { MatchProblemError, parseMatchProblem } from '../../../../src/core/matching/match-problem.parser';

const valid = () => ({
  handoverAt: '2026-11-22T18:00:00Z',
  skus: [{ id: 'kiwi-zhouzhi-3kg', weightKg: 3.0, shelfLifeHours: 480, minRemainingHours: 168 }],
  cooperatives: [{ id: 'coop-001', costPerKg: 0.42, hoursToHub: 5.5 }, { id: 'coop-007', costPerKg: null, hoursToHub: 2, reachable: false }],
  lots: [
    { id: 'lot-00001', cooperative: 'coop-001', farmer: 'farmer-0007', sku: 'kiwi-zhouzhi-3kg', grade: 1, quantity: 300, packedAt: '2026-11-20T06:00:00Z' },
  ],
  orders: [
    { id: 'order-000001', lines: [{ sku: 'kiwi-zhouzhi-3kg', quantity: 2, minGrade: 2 }], cooperatives: ['coop-001', 'coop-007'] },
    { id: 'order-000002', lines: [{ sku: 'not-listed', quantity: 1, minGrade: 1 }] },
  ],
  weights: { freshness: 0.5, split: 8.0, gradeOver: 0.3, unfilled: 1000.0 },
});

const REMOVE = Symbol('remove');

/** The fault message for the valid document with the value at a JSON pointer replaced (or removed). */
function faultOf(pointer: string, value: unknown): string {
  const doc: unknown = valid();
  const keys = pointer.split('/').slice(1);
  let node = doc as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  if (value === REMOVE) delete node[last];
  else node[last] = value;
  try {
    parseMatchProblem(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(MatchProblemError);
    return (e as Error).message;
  }
  throw new Error('expected a fault');
}

describe('parseMatchProblem', () => {
  it('accepts the issue example (an unknown line SKU is not an input error) and keeps the service extensions', () => {
    const p = parseMatchProblem(valid());
    expect(p.orders[1].lines[0].sku).toBe('not-listed');
    expect(p.cooperatives[1]).toEqual({ id: 'coop-007', costPerKg: null, hoursToHub: 2, reachable: false });
  });

  it.each([
    ['a negative lot quantity', '/lots/0/quantity', -1, 'core/matching: /lots/0/quantity: must be a non-negative integer'],
    ['a fractional line quantity', '/orders/0/lines/0/quantity', 1.5, 'core/matching: /orders/0/lines/0/quantity: must be a positive integer'],
    ['a grade of 0', '/lots/0/grade', 0, 'core/matching: /lots/0/grade: must be a positive integer'],
    ['a lot at an unknown cooperative', '/lots/0/cooperative', 'coop-999', "core/matching: /lots/0/cooperative: unknown cooperative 'coop-999'"],
    ['a lot of an unknown SKU', '/lots/0/sku', 'x', "core/matching: /lots/0/sku: unknown SKU 'x'"],
    ['an order bound to an unknown cooperative', '/orders/0/cooperatives/1', 'nope', "core/matching: /orders/0/cooperatives/1: unknown cooperative 'nope'"],
    ['a duplicate order id', '/orders/1/id', 'order-000001', "core/matching: /orders/1/id: duplicate id 'order-000001'"],
    ['a timestamp without zone', '/handoverAt', '2026-11-22 18:00', 'core/matching: /handoverAt: must be an ISO 8601 timestamp with a time zone'],
    ['a bad packedAt', '/lots/0/packedAt', 'yesterday', 'core/matching: /lots/0/packedAt: must be an ISO 8601 timestamp with a time zone'],
    ['a string weight', '/weights/split', '8', 'core/matching: /weights/split: must be a non-negative number'],
    ['a negative cost per kg', '/cooperatives/0/costPerKg', -0.1, 'core/matching: /cooperatives/0/costPerKg: must be a non-negative number'],
    ['a zero weight', '/skus/0/weightKg', 0, 'core/matching: /skus/0/weightKg: must be a positive number'],
    ['an order without lines', '/orders/0/lines', [], 'core/matching: /orders/0/lines: must have at least one line'],
    ['missing lots', '/lots', REMOVE, 'core/matching: /lots: must be an array'],
    ['a non-boolean reachable', '/cooperatives/0/reachable', 'no', 'core/matching: /cooperatives/0/reachable: must be a boolean'],
  ])('rejects %s with the JSON path of the fault', (_what, pointer, value, message) => {
    expect(faultOf(pointer, value)).toBe(message);
  });

  it('rejects a non-object document', () => {
    expect(() => parseMatchProblem([])).toThrow('core/matching: /: must be an object');
  });
});
