/** Public surface of the four-party cost split. */
export { apportionCents } from './apportion';
export { DEFAULT_SHAPLEY, ROUTE_SHARING_METHODS, SHAPLEY_EXACT_LIMIT, parseCostPolicy } from './cost-policy';
export type { CostPolicy, Payer, RouteSharing, ShapleyPolicy } from './cost-policy';
export { REMAINDER_RULE, SPLIT_METHOD, splitPlanCost } from './cost-split';
export type { SplitOptions } from './cost-split';
export { BASELINE_SPLIT, splitPlanCostBaseline } from './cost-split.baseline';
export { COST_SPLIT_CSV_COLUMNS, centsToYuan, costSplitToCsv } from './cost-split.csv';
export type { CooperativeShare, CostSplitDocument, FarmerShare, RouteShare, RouteSharingReport, RouteSplit } from './cost-split.types';
export { buildRouteGame, coalitionCost } from './route-game';
export type { CoalitionCost, RouteGame, RoutePlayer, SharedAmount } from './route-game';
export { routeSeed, splitRouteCost } from './route-sharing';
export { shapleyExact, shapleySampled } from './shapley';
export type { SampledShapley } from './shapley';
export { subsetTourLength, subsetTourTable } from './coalition-tour';
export type { TourMetric } from './coalition-tour';
