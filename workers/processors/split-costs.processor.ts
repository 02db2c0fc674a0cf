import { UnrecoverableError, type Job } from 'bullmq';
import { parseCostPolicy, splitPlanCost, type CostPolicy } from '../../src/core/cost-split';
import type { Db } from '../../src/db/connection';
import { findCurrentPolicy } from '../../src/db/master-data.repository';
import { findPlanDocument, saveCostSplit } from '../../src/db/wave.repository';
import type { Logger } from '../../src/observability/logger';
import type { JobPayloads } from '../../src/queue/queue-names';

/** Splits a stored plan under the county's newest policy version (or the default policy) and stores the split. */
export function createSplitCostsProcessor(deps: { db: Db; log: Logger; policy: CostPolicy }) {
  return async (job: Job<JobPayloads['split-costs']>) => {
    const planId = job.data?.planId;
    if (typeof planId !== 'string') throw new UnrecoverableError('split-costs: payload must carry planId');
    const plan = await findPlanDocument(deps.db, planId);
    if (!plan) throw new UnrecoverableError(`split-costs: plan '${planId}' does not exist`);
    const stored = await findCurrentPolicy(deps.db, plan.document.countyId);
    const policy = stored ? parseCostPolicy(stored.document) : deps.policy;
    // Seeded by the plan id: re-running the job gives the same split to the cent.
    const seed = parseInt(planId.replace(/-/g, '').slice(0, 8), 16);
    const split = splitPlanCost(plan.document, policy, { seed });
    const created = await saveCostSplit(deps.db, planId, split);
    deps.log.info({ planId, totalCents: split.totalCents, policy: policy.version, created }, 'split-costs done');
    return { planId, totalCents: split.totalCents, created };
  };
}
