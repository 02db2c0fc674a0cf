import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { CostPolicy } from '../src/core/cost-split/cost-policy';
import type { Db } from '../src/db/connection';
import type { Logger } from '../src/observability/logger';
import type { Metrics } from '../src/observability/metrics';
import { RoadNetworkService } from '../src/services/road-network.service';
import { loadVehicleProfiles } from '../config/load-profiles';
import { QUEUE_NAMES } from '../src/queue/queue-names';
import type { Queues } from '../src/queue/queues';
import { OutboxRelay } from './outbox-relay';
import { processorRegistry } from './registry';
import { Sweeper } from './sweeper';

export interface WorkerHostOptions {
  db: Db;
  connection: Redis;
  queues: Queues;
  prefix: string;
  log: Logger;
  policy: CostPolicy;
  concurrency: number;
  outboxPollMs: number;
  sweepIntervalMs: number;
  sweepStaleAfterMs: number;
  /** Orders per matching job the sweeper builds. */
  matchBatchSize?: number;
  /** Tests start the relay themselves to prove the outbox holds work while it is down. */
  startRelay?: boolean;
  queuesToRun?: readonly (typeof QUEUE_NAMES)[number][];
  metrics?: Metrics;
  /** Road networks and their travel-matrix cache; created from `db` and config/ profiles when not given. */
  networks?: RoadNetworkService;
  match?: { iterations: number; timeLimitSeconds: number };
  /** Solver iterations for a whole wave (shared by its tier solves). */
  planIterations?: number;
}

export interface WorkerHost {
  relay: OutboxRelay;
  sweeper: Sweeper;
  workers: Worker[];
  /** Stop taking jobs, finish in-flight ones, then stop relay and sweeper. */
  stop(): Promise<void>;
}

export function startWorkerHost(options: WorkerHostOptions): WorkerHost {
  const networks = options.networks ?? new RoadNetworkService({ db: options.db, profiles: loadVehicleProfiles() });
  const deps = { db: options.db, log: options.log, policy: options.policy, metrics: options.metrics, networks, match: options.match, planIterations: options.planIterations };
  const workers = (options.queuesToRun ?? QUEUE_NAMES).map((name) => {
    const worker = new Worker(name, processorRegistry[name](deps), {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
    });
    const observe = (outcome: 'completed' | 'failed', job?: { processedOn?: number; finishedOn?: number }) => {
      if (options.metrics && job?.processedOn && job.finishedOn) {
        options.metrics.jobDuration.observe({ queue: name, outcome }, (job.finishedOn - job.processedOn) / 1000);
      }
    };
    worker.on('completed', (job) => observe('completed', job));
    worker.on('failed', (job, error) => {
      observe('failed', job);
      options.log.warn({ queue: name, jobId: job?.id, err: error }, 'job failed');
    });
    worker.on('error', (error) => options.log.warn({ queue: name, err: error }, 'worker error'));
    return worker;
  });
  const relay = new OutboxRelay({ db: options.db, queues: options.queues, log: options.log, pollMs: options.outboxPollMs });
  const sweeper = new Sweeper({ db: options.db, queues: options.queues, log: options.log, intervalMs: options.sweepIntervalMs,
    staleAfterMs: options.sweepStaleAfterMs, batchSize: options.matchBatchSize });
  if (options.startRelay !== false) relay.start();
  sweeper.start();
  return {
    relay,
    sweeper,
    workers,
    async stop() {
      await Promise.all(workers.map((w) => w.close()));
      await relay.stop();
      await sweeper.stop();
    },
  };
}
