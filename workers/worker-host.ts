import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
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
import { SOLVE_WAVE_QUEUE, type SolveWaveRequest, type SolveWaveResult } from './processors/solve-wave.codec';
import { processorRegistry } from './registry';
import { Sweeper } from './sweeper';
import { WaveScheduler } from './wave-scheduler';

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
  /** A wall-clock budget for a whole wave instead of iterations (0 or absent: iterations). */
  planTimeLimitSeconds?: number;
  /** Solves at once per process, each in its own sandboxed child process (default 1: a solve takes a core). */
  solverConcurrency?: number;
  /** How often this process looks for scheduled cut-offs whose wave is due; absent or 0: it does not. */
  waveScheduleTickMs?: number;
}

/** The sandboxed solver: a file BullMQ forks a child process for (CommonJS, registers tsx, loads the TypeScript). */
export const SOLVE_WAVE_PROCESSOR_FILE = join(__dirname, 'processors', 'solve-wave.sandbox.cjs');

export interface WorkerHost {
  relay: OutboxRelay;
  sweeper: Sweeper;
  scheduler: WaveScheduler;
  workers: Worker[];
  /** Stop taking jobs, finish in-flight ones, then stop relay and sweeper. */
  stop(): Promise<void>;
}

export function startWorkerHost(options: WorkerHostOptions): WorkerHost {
  const networks = options.networks ?? new RoadNetworkService({ db: options.db, profiles: loadVehicleProfiles() });
  const queueNames = options.queuesToRun ?? QUEUE_NAMES;
  // The solve queue lives with plan-wave: whoever plans waves also solves them.
  const solveQueue = queueNames.includes('plan-wave')
    ? new Queue<SolveWaveRequest, SolveWaveResult>(SOLVE_WAVE_QUEUE, { connection: options.connection, prefix: options.prefix, defaultJobOptions: {
      // A crashed child (out of memory, killed) is retried once; its result is copied to the plan-wave job, so it need not stay.
      attempts: 2, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: { age: 24 * 3600 },
    } })
    : undefined;
  const deps = { db: options.db, log: options.log, policy: options.policy, metrics: options.metrics, networks, match: options.match,
    planIterations: options.planIterations, planTimeLimitSeconds: options.planTimeLimitSeconds, solveQueue };
  const watch = (name: string, worker: Worker) => {
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
  };
  const workers = queueNames.map((name) => watch(name, new Worker(name, processorRegistry[name](deps), {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
  })));
  if (solveQueue) {
    // A child process per solve (not a worker thread): it has its own heap and pid, and a crash or an
    // out-of-memory there fails one attempt, not the worker process.
    workers.push(watch(SOLVE_WAVE_QUEUE, new Worker(SOLVE_WAVE_QUEUE, SOLVE_WAVE_PROCESSOR_FILE, {
      connection: options.connection, prefix: options.prefix, concurrency: options.solverConcurrency ?? 1, useWorkerThreads: false,
    })));
  }
  const relay = new OutboxRelay({ db: options.db, queues: options.queues, log: options.log, pollMs: options.outboxPollMs });
  const sweeper = new Sweeper({ db: options.db, queues: options.queues, log: options.log, intervalMs: options.sweepIntervalMs,
    staleAfterMs: options.sweepStaleAfterMs, batchSize: options.matchBatchSize });
  const scheduler = new WaveScheduler({ db: options.db, log: options.log, intervalMs: options.waveScheduleTickMs || 60_000, onOutboxWritten: () => relay.wake() });
  if (options.startRelay !== false) relay.start();
  sweeper.start();
  if (options.waveScheduleTickMs) scheduler.start();
  return {
    relay,
    sweeper,
    scheduler,
    workers,
    async stop() {
      await scheduler.stop();
      await Promise.all(workers.map((w) => w.close()));
      await solveQueue?.close();
      await relay.stop();
      await sweeper.stop();
    },
  };
}
