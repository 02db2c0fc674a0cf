import { crossExchange21, crossExchange22 } from './cross-exchange';
import type { NodeOperator } from './operator';
import { orOpt2, orOpt3 } from './or-opt';
import { relocate } from './relocate';
import { swap } from './swap';
import { twoOpt } from './two-opt';
import { twoOptStar } from './two-opt-star';

export type { NodeOperator, RouteOperator } from './operator';
export { createSwapStar } from './swap-star';
export { relocate, orOpt2, orOpt3, swap, crossExchange21, crossExchange22, twoOpt, twoOptStar };

/** The node operators in the order the local search tries them (relocate first: cheapest). */
export const NODE_OPERATORS: NodeOperator[] = [relocate, orOpt2, orOpt3, swap, crossExchange21, crossExchange22, twoOpt, twoOptStar];
