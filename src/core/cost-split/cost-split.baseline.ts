import type { PlanDocument } from '../plan/plan.types';
import type { CostPolicy } from './cost-policy';
import { splitPlanCost } from './cost-split';
import type { CostSplitDocument } from './cost-split.types';

/**
 * The foundation's first split, kept for callers that still use it: the four-party policy with every
 * village route shared by kilograms whatever the policy says. New callers use splitPlanCost, which
 * honours the policy's routeSharing (Shapley by default).
 */
export const BASELINE_SPLIT = 'proportional-kg-baseline';

export function splitPlanCostBaseline(plan: PlanDocument, policy: CostPolicy): CostSplitDocument {
  return { ...splitPlanCost(plan, policy, { method: 'proportional-kg' }), method: BASELINE_SPLIT };
}
