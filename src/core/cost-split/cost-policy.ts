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
  /** How the Shapley sharing is computed (optional in a policy document; defaults below). */
  shapley: ShapleyPolicy;
}

export interface ShapleyPolicy {
  /** Routes with at most this many cooperatives get the exact Shapley value (2^n coalitions). */
  exactMaxCooperatives: number;
  /** Permutations sampled on routes with more cooperatives (Castro, Gómez & Tejada 2009), rounded up to even: they are walked in antithetic pairs. */
  samplePermutations: number;
  /** Seed of the permutation sampling (an explicit seed passed to splitPlanCost wins). */
  seed: number;
}

/** Exact enumeration beyond 16 players would need 2^17+ coalition tours per route: too slow for a worker job. */
export const SHAPLEY_EXACT_LIMIT = 16;
export const DEFAULT_SHAPLEY: ShapleyPolicy = { exactMaxCooperatives: 10, samplePermutations: 2000, seed: 20261122 };

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

export const ROUTE_SHARING_METHODS = ['proportional-kg', 'kg-km', 'shapley'] as const;

function parseShapley(input: unknown): ShapleyPolicy {
  if (input === undefined) return { ...DEFAULT_SHAPLEY };
  const s = obj(input, '/shapley');
  const field = (name: keyof ShapleyPolicy, opts: { min: number; max: number }) =>
    s[name] === undefined ? DEFAULT_SHAPLEY[name] : num(s[name], `/shapley/${name}`, { integer: true, ...opts });
  return {
    exactMaxCooperatives: field('exactMaxCooperatives', { min: 0, max: SHAPLEY_EXACT_LIMIT }),
    samplePermutations: field('samplePermutations', { min: 1, max: 1_000_000 }),
    seed: field('seed', { min: 0, max: 0xffffffff }),
  };
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
    routeSharing: oneOf(p.routeSharing, '/routeSharing', ROUTE_SHARING_METHODS),
    shapley: parseShapley(p.shapley),
  };
}
