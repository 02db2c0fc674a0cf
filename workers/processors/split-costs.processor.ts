import { UnrecoverableError, type Job } from 'bullmq';
import type { CostPolicy } from '../../src/core/cost-split/cost-policy';
import { splitPlanCostBaseline } from '../../src/core/cost-split/cost-split.baseline';
import type { Db } from '../../src/db/connection';
import { findPlanDocument, saveCostSplit } from '../../src/db/wave.repository';
import type { Logger } from '../../src/observability/logger';
import type { JobPayloads } from '../../src/queue/queue-names';

export function createSplitCostsProcessor(deps: { db: Db; log: Logger; policy: CostPolicy }) {
  return async (job: Job<JobPayloads['split-costs']>) => {
    const planId = job.data?.planId;
    if (typeof planId !== 'string') throw new UnrecoverableError('split-costs: payload must carry planId');
    const plan = await findPlanDocument(deps.db, planId);
    if (!plan) throw new UnrecoverableError(`split-costs: plan '${planId}' does not exist`);
    const split = splitPlanCostBaseline(plan.document, deps.policy);
    const created = await saveCostSplit(deps.db, planId, split);
    deps.log.info({ planId, totalCents: split.totalCents, created }, 'split-costs done');
    return { planId, totalCents: split.totalCents, created };
  };
}
