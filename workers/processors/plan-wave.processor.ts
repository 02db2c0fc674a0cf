import { UnrecoverableError, type Job } from 'bullmq';
import { planWaveBaseline } from '../../src/core/routing/wave-planner.baseline';
import type { Db } from '../../src/db/connection';
import { findWave, loadWaveInput, markWaveFailed, savePlan } from '../../src/db/wave.repository';
import type { Logger } from '../../src/observability/logger';
import type { Metrics } from '../../src/observability/metrics';
import type { JobPayloads } from '../../src/queue/queue-names';

/** Loads the wave, plans it with the core, stores plan, routes and stops (and queues the split) at once. */
export function createPlanWaveProcessor(deps: { db: Db; log: Logger; metrics?: Metrics }) {
  return async (job: Job<JobPayloads['plan-wave']>) => {
    const waveId = job.data?.waveId;
    if (typeof waveId !== 'string') throw new UnrecoverableError('plan-wave: payload must carry waveId');
    const found = await findWave(deps.db, waveId);
    if (!found) throw new UnrecoverableError(`plan-wave: wave '${waveId}' does not exist`);
    if (found.planId) return { planId: found.planId, created: false };
    const input = await loadWaveInput(deps.db, waveId);
    if (!input) throw new UnrecoverableError(`plan-wave: wave '${waveId}' does not exist`);
    let plan;
    try {
      plan = planWaveBaseline(input);
    } catch (error) {
      // The core refuses the wave's data (e.g. no hub): retrying cannot help.
      await markWaveFailed(deps.db, waveId, (error as Error).message);
      throw new UnrecoverableError((error as Error).message);
    }
    const saved = await savePlan(deps.db, waveId, plan);
    if (saved.created) deps.metrics?.planCost.observe({ planner: plan.planner }, plan.totals.cost.totalCents / 100);
    deps.log.info({ waveId, planId: saved.planId, routes: plan.routes.length, costCents: plan.totals.cost.totalCents }, 'plan-wave done');
    return saved;
  };
}
