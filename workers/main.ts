import { createServer } from 'node:http';
import { loadConfig } from '../config/load-config';
import { createMetrics } from '../src/observability/metrics';
import { loadDefaultCostPolicy } from '../config/load-policy';
import { openRuntime } from '../src/runtime';
import { startWorkerHost } from './worker-host';

/** `npm run start:workers`: a stateless worker process; run as many as the load needs. */
async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await openRuntime(config);
  const metrics = createMetrics();
  const metricsServer = config.WORKER_METRICS_PORT > 0
    ? createServer((req, res) => {
      if (req.url !== '/metrics') { res.writeHead(404).end(); return; }
      void metrics.registry.metrics().then((text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text));
    }).listen(config.WORKER_METRICS_PORT, config.HOST)
    : undefined;
  const host = startWorkerHost({ metrics,
    db: runtime.db, connection: runtime.workerRedis, queues: runtime.queues, prefix: config.QUEUE_PREFIX, log: runtime.log,
    policy: loadDefaultCostPolicy(), concurrency: config.WORKER_CONCURRENCY, outboxPollMs: config.OUTBOX_POLL_MS,
    sweepIntervalMs: config.SWEEP_INTERVAL_MS, sweepStaleAfterMs: config.SWEEP_STALE_AFTER_MS, matchBatchSize: config.MATCH_BATCH_SIZE,
    match: { iterations: config.MATCH_ITERATIONS, timeLimitSeconds: config.MATCH_TIME_LIMIT_S }, planIterations: config.PLAN_ITERATIONS,
    planTimeLimitSeconds: config.PLAN_TIME_LIMIT_S, solverConcurrency: config.SOLVER_CONCURRENCY, waveScheduleTickMs: config.WAVE_SCHEDULE_TICK_MS,
  });
  runtime.log.info({ queues: host.workers.map((w) => w.name) }, 'workers started');
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    runtime.log.info({ signal }, 'workers stopping: finishing in-flight jobs');
    await host.stop();
    metricsServer?.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
