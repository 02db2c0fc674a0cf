export type {
  MatchAllocation,
  MatchCooperative,
  MatchLot,
  MatchOptions,
  MatchOrder,
  MatchOrderLine,
  MatchProblem,
  MatchResult,
  MatchSku,
  MatchUnfilled,
  MatchWeights,
  UnfilledReason,
} from './match-problem';
export { MatchProblemError, parseMatchProblem } from './match-problem.parser';
export { computeMatchCost, remainingHours, type MatchCost } from './match-cost';
export { matchOrders } from './match-orders';
export { generateMatchInstance, type MatchInstanceOptions } from './match-instance.generator';
