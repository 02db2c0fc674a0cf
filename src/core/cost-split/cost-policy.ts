/** The county's versioned cost policy (defaults in config/cost-policy.json). */
export type Payer = 'government' | 'logisticsFirm' | 'cooperatives';
export type RouteSharing = 'proportional-kg' | 'kg-km' | 'shapley';

export interface CostPolicy {
  version: string;
  government: {
    /** Construction of the cold-chain park and county cold-storage centre, amortised per operating day. */
    hubCapexCents: number;
    hubLifeYears: number;
    operatingDaysPerYear: number;
    /** The hub's daily throughput in kg: a wave is charged its share of the day by kg handled. */
    hubDailyThroughputKg: number;
    /** Share of refrigerated vehicles' fuel part the government pays as a subsidy. */
    fuelSubsidyShare: number;
  };
  logisticsFirm: { stationOmCentsPerDay: number };
  cooperatives: { capShareOfSales: number; targetShareOfSales: number; excessPaidBy: Exclude<Payer, 'cooperatives'> };
  trunkOperatingPaidBy: Payer;
  routeSharing: RouteSharing;
}

function fail(path: string, message: string): never {
  throw new Error(`core/cost-split: policy${path}: ${message}`);
}

function num(value: unknown, path: string, opts: { integer?: boolean; min?: number; max?: number; exclusiveMin?: boolean } = {}): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'must be a finite number');
  if (opts.integer && !Number.isInteger(value)) fail(path, 'must be an integer');
  if (opts.min !== undefined && (opts.exclusiveMin ? value <= opts.min : value < opts.min)) fail(path, `must be ${opts.exclusiveMin ? '>' : '≥'} ${opts.min}`);
  if (opts.max !== undefined && value > opts.max) fail(path, `must be ≤ ${opts.max}`);
  return value;
}

function obj(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'must be an object');
  return value as Record<string, unknown>;
}

function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) fail(path, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** Validates a policy document; the error names the field (e.g. `policy/cooperatives/capShareOfSales`). */
export function parseCostPolicy(input: unknown): CostPolicy {
  const p = obj(input, '');
  const g = obj(p.government, '/government');
  const f = obj(p.logisticsFirm, '/logisticsFirm');
  const c = obj(p.cooperatives, '/cooperatives');
  if (typeof p.version !== 'string' || p.version.length === 0) fail('/version', 'must be a non-empty string');
  return {
    version: p.version,
    government: {
      hubCapexCents: num(g.hubCapexCents, '/government/hubCapexCents', { integer: true, min: 0 }),
      hubLifeYears: num(g.hubLifeYears, '/government/hubLifeYears', { min: 0, exclusiveMin: true }),
      operatingDaysPerYear: num(g.operatingDaysPerYear, '/government/operatingDaysPerYear', { min: 1, max: 366 }),
      hubDailyThroughputKg: num(g.hubDailyThroughputKg, '/government/hubDailyThroughputKg', { min: 0, exclusiveMin: true }),
      fuelSubsidyShare: num(g.fuelSubsidyShare, '/government/fuelSubsidyShare', { min: 0, max: 1 }),
    },
    logisticsFirm: { stationOmCentsPerDay: num(f.stationOmCentsPerDay, '/logisticsFirm/stationOmCentsPerDay', { integer: true, min: 0 }) },
    cooperatives: {
      capShareOfSales: num(c.capShareOfSales, '/cooperatives/capShareOfSales', { min: 0, max: 1 }),
      targetShareOfSales: num(c.targetShareOfSales, '/cooperatives/targetShareOfSales', { min: 0, max: 1 }),
      excessPaidBy: oneOf(c.excessPaidBy, '/cooperatives/excessPaidBy', ['government', 'logisticsFirm'] as const),
    },
    trunkOperatingPaidBy: oneOf(p.trunkOperatingPaidBy, '/trunkOperatingPaidBy', ['government', 'logisticsFirm', 'cooperatives'] as const),
    routeSharing: oneOf(p.routeSharing, '/routeSharing', ['proportional-kg', 'kg-km', 'shapley'] as const),
  };
}
