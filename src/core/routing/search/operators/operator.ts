/**
 * The one contract every local-search move implements. A node operator looks at client u and a
 * position (rV, pV) — pV may be 0, the start depot of route rV — and returns the change in penalised
 * cost the move would make (Infinity when it does not apply); `apply` performs it. Evaluation must
 * not allocate: it runs millions of times per second.
 */
import type { RouteState } from '../route-state';


export interface NodeOperator {
  readonly name: string;
  evaluate(s: RouteState, u: number, rV: number, pV: number): number;
  apply(s: RouteState, u: number, rV: number, pV: number): void;
}

/** A route-pair operator (SWAP*): evaluates and applies its best move between two routes. */
export interface RouteOperator {
  readonly name: string;
  evaluate(s: RouteState, rU: number, rV: number): number;
  apply(s: RouteState, rU: number, rV: number): void;
}
