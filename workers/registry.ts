import type { Job, Queue } from 'bullmq';
import type { CostPolicy } from '../src/core/cost-split/cost-policy';
import type { Db } from '../src/db/connection';
import type { Logger } from '../src/observability/logger';
import type { Metrics } from '../src/observability/metrics';
import type { RoadNetworkService } from '../src/services/road-network.service';
import type { QueueName } from '../src/queue/queue-names';
import { createDeliverWebhookProcessor } from './processors/deliver-webhook.processor';
import { createMatchOrdersProcessor } from './processors/match-orders.processor';
import { createPlanWaveProcessor } from './processors/plan-wave.processor';
import type { SolveWaveRequest, SolveWaveResult } from './processors/solve-wave.codec';
import { createSplitCostsProcessor } from './processors/split-costs.processor';

export interface ProcessorDeps {
  db: Db; log: Logger; policy: CostPolicy; metrics?: Metrics; networks?: RoadNetworkService;
  match?: { iterations: number; timeLimitSeconds: number };
  planIterations?: number;
  planTimeLimitSeconds?: number;
  /** The sandboxed solver's queue; required by plan-wave. */
  solveQueue?: Queue<SolveWaveRequest, SolveWaveResult>;
}

/** The explicit list of queues this service works on and the processor for each. */
export const processorRegistry: Record<QueueName, (deps: ProcessorDeps) => (job: Job, token?: string) => Promise<unknown>> = {
  'match-orders': (deps) => createMatchOrdersProcessor(deps),
  'plan-wave': ({ solveQueue, ...deps }) => {
    if (!solveQueue) throw new Error('workers: plan-wave needs the solve-wave queue');
    return createPlanWaveProcessor({ ...deps, solveQueue });
  },
  'split-costs': (deps) => createSplitCostsProcessor(deps),
  'deliver-webhook': (deps) => createDeliverWebhookProcessor(deps),
};
