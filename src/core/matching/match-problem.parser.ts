import type {
  MatchCooperative,
  MatchLot,
  MatchOrder,
  MatchOrderLine,
  MatchProblem,
  MatchSku,
  MatchWeights,
} from './match-problem';

/** Bad matching input; `path` is the JSON pointer of the fault (e.g. `/lots/3/quantity`). */
export class MatchProblemError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`core/matching: ${path || '/'}: ${detail}`);
    this.name = 'MatchProblemError';
  }
}

type Json = Record<string, unknown>;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function fail(path: string, detail: string): never {
  throw new MatchProblemError(path, detail);
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'must be an object');
  return value as Json;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'must be an array');
  return value;
}

function id(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0) fail(path, 'must be a non-empty string');
  return value;
}

function finite(value: unknown, path: string, min: number, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) fail(path, `must be a ${what} number`);
  return value;
}

const nonNegative = (v: unknown, p: string): number => finite(v, p, 0, 'non-negative');

function positive(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) fail(path, 'must be a positive number');
  return value;
}

function integer(value: unknown, path: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    fail(path, `must be a ${min > 0 ? 'positive' : 'non-negative'} integer`);
  }
  return value;
}

function timestamp(value: unknown, path: string): string {
  if (typeof value !== 'string' || !ISO_TIME.test(value) || !Number.isFinite(Date.parse(value))) {
    fail(path, 'must be an ISO 8601 timestamp with a time zone');
  }
  return value;
}

function unique(ids: string[], base: string): void {
  const seen = new Set<string>();
  ids.forEach((value, i) => {
    if (seen.has(value)) fail(`${base}/${i}/id`, `duplicate id '${value}'`);
    seen.add(value);
  });
}

function parseSku(raw: unknown, path: string): MatchSku {
  const o = object(raw, path);
  return {
    id: id(o.id, `${path}/id`),
    weightKg: positive(o.weightKg, `${path}/weightKg`),
    shelfLifeHours: positive(o.shelfLifeHours, `${path}/shelfLifeHours`),
    minRemainingHours: nonNegative(o.minRemainingHours, `${path}/minRemainingHours`),
  };
}

function parseCooperative(raw: unknown, path: string): MatchCooperative {
  const o = object(raw, path);
  const coop: MatchCooperative = {
    id: id(o.id, `${path}/id`),
    costPerKg: o.costPerKg === null ? null : nonNegative(o.costPerKg, `${path}/costPerKg`),
  };
  if (o.hoursToHub !== undefined) {
    coop.hoursToHub = o.hoursToHub === null ? null : nonNegative(o.hoursToHub, `${path}/hoursToHub`);
  }
  if (o.reachable !== undefined) {
    if (typeof o.reachable !== 'boolean') fail(`${path}/reachable`, 'must be a boolean');
    coop.reachable = o.reachable;
  }
  return coop;
}

function parseLot(raw: unknown, path: string, coops: Set<string>, skus: Set<string>): MatchLot {
  const o = object(raw, path);
  const cooperative = id(o.cooperative, `${path}/cooperative`);
  if (!coops.has(cooperative)) fail(`${path}/cooperative`, `unknown cooperative '${cooperative}'`);
  const sku = id(o.sku, `${path}/sku`);
  if (!skus.has(sku)) fail(`${path}/sku`, `unknown SKU '${sku}'`);
  const lot: MatchLot = {
    id: id(o.id, `${path}/id`),
    cooperative,
    sku,
    grade: integer(o.grade, `${path}/grade`, 1),
    quantity: integer(o.quantity, `${path}/quantity`, 0),
    packedAt: timestamp(o.packedAt, `${path}/packedAt`),
  };
  if (o.farmer !== undefined) lot.farmer = id(o.farmer, `${path}/farmer`);
  return lot;
}

function parseLine(raw: unknown, path: string): MatchOrderLine {
  const o = object(raw, path);
  return {
    // An unknown SKU is not an input error: the line is reported unfilled as `unknown_sku`.
    sku: id(o.sku, `${path}/sku`),
    quantity: integer(o.quantity, `${path}/quantity`, 1),
    minGrade: integer(o.minGrade, `${path}/minGrade`, 1),
  };
}

function parseOrder(raw: unknown, path: string, coops: Set<string>): MatchOrder {
  const o = object(raw, path);
  const lines = array(o.lines, `${path}/lines`);
  if (lines.length === 0) fail(`${path}/lines`, 'must have at least one line');
  const order: MatchOrder = {
    id: id(o.id, `${path}/id`),
    lines: lines.map((line, i) => parseLine(line, `${path}/lines/${i}`)),
  };
  if (o.cooperatives !== undefined) {
    const list = array(o.cooperatives, `${path}/cooperatives`);
    order.cooperatives = list.map((c, i) => {
      const coop = id(c, `${path}/cooperatives/${i}`);
      if (!coops.has(coop)) fail(`${path}/cooperatives/${i}`, `unknown cooperative '${coop}'`);
      return coop;
    });
  }
  return order;
}

function parseWeights(raw: unknown, path: string): MatchWeights {
  const o = object(raw, path);
  return {
    freshness: nonNegative(o.freshness, `${path}/freshness`),
    split: nonNegative(o.split, `${path}/split`),
    gradeOver: nonNegative(o.gradeOver, `${path}/gradeOver`),
    unfilled: nonNegative(o.unfilled, `${path}/unfilled`),
  };
}

/**
 * Turns unknown JSON into a MatchProblem or throws MatchProblemError naming the JSON path of the
 * first fault. Unknown extra fields are ignored; nothing is coerced.
 */
export function parseMatchProblem(json: unknown): MatchProblem {
  const root = object(json, '');
  const handoverAt = timestamp(root.handoverAt, '/handoverAt');
  const skus = array(root.skus, '/skus').map((s, i) => parseSku(s, `/skus/${i}`));
  unique(skus.map((s) => s.id), '/skus');
  const cooperatives = array(root.cooperatives, '/cooperatives').map((c, i) => parseCooperative(c, `/cooperatives/${i}`));
  unique(cooperatives.map((c) => c.id), '/cooperatives');
  const coopIds = new Set(cooperatives.map((c) => c.id));
  const skuIds = new Set(skus.map((s) => s.id));
  const lots = array(root.lots, '/lots').map((l, i) => parseLot(l, `/lots/${i}`, coopIds, skuIds));
  unique(lots.map((l) => l.id), '/lots');
  const orders = array(root.orders, '/orders').map((o, i) => parseOrder(o, `/orders/${i}`, coopIds));
  unique(orders.map((o) => o.id), '/orders');
  const weights = parseWeights(root.weights, '/weights');
  return { handoverAt, skus, cooperatives, lots, orders, weights };
}
