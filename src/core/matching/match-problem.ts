/**
 * The matching problem and its result, exactly the JSON that `coldlink match` reads and writes
 * (issue 6). The service passes lots whose `quantity` is the FREE quantity and may mark a
 * cooperative unreachable (`costPerKg: null` or `reachable: false`): lines that only such
 * cooperatives could serve are reported as `no_route`.
 */

export interface MatchSku {
  id: string;
  weightKg: number;
  shelfLifeHours: number;
  /** A lot whose remaining shelf life at handover is below this is not shipped. */
  minRemainingHours: number;
}

export interface MatchCooperative {
  id: string;
  /** Cold-chain cost per kg from the cooperative to the hub; null = cannot reach the hub. */
  costPerKg: number | null;
  /** Not part of the cost; the service uses it for shipping-time checks. */
  hoursToHub?: number | null;
  /** Service extension: false = no road to the hub (same effect as costPerKg null). */
  reachable?: boolean;
}

export interface MatchLot {
  id: string;
  cooperative: string;
  farmer?: string;
  sku: string;
  /** 1 = best. */
  grade: number;
  /** Free units (the service passes quantity − reserved). */
  quantity: number;
  packedAt: string;
}

export interface MatchOrderLine {
  sku: string;
  quantity: number;
  /** Accepts lots with grade ≤ minGrade. */
  minGrade: number;
}

export interface MatchOrder {
  id: string;
  lines: MatchOrderLine[];
  /** When present, only these cooperatives may serve the order. */
  cooperatives?: string[];
}

export interface MatchWeights {
  freshness: number;
  split: number;
  gradeOver: number;
  unfilled: number;
}

export interface MatchProblem {
  handoverAt: string;
  skus: MatchSku[];
  cooperatives: MatchCooperative[];
  lots: MatchLot[];
  orders: MatchOrder[];
  weights: MatchWeights;
}

export interface MatchAllocation {
  order: string;
  /** Index of the line in the order's `lines`. */
  line: number;
  lot: string;
  quantity: number;
}

export type UnfilledReason =
  | 'unknown_sku'
  | 'grade_unavailable'
  | 'no_fresh_stock'
  | 'out_of_stock'
  | 'no_route';

export interface MatchUnfilled {
  order: string;
  line: number;
  quantity: number;
  reason: UnfilledReason;
}

export interface MatchResult {
  allocations: MatchAllocation[];
  unfilled: MatchUnfilled[];
  /** Total cost including the unfilled term; computeMatchCost(problem, allocations).total. */
  cost: number;
  seconds: number;
  /** Local-search iterations run; replaying with this iteration limit gives the same result. */
  iterations: number;
}

export interface MatchOptions {
  seed: number;
  /** Wall-clock limit for the local search (the exact flow part always completes). */
  timeLimitSeconds?: number;
  /** Local-search iteration limit; with the same seed it defines the run exactly. */
  iterations?: number;
}
