import { loadConfig } from '../../config/load-config';
import { openRuntime } from '../runtime';
import { createMetrics } from '../observability/metrics';
import { queueDepths } from '../queue/queues';
import { createApp } from './app';

/** `npm run start:api`: a stateless API process (no relay: the worker processes move the outbox). */
async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await openRuntime(config);
  const metrics = createMetrics({ queueDepths: () => queueDepths(runtime.queues) });
  const app = createApp({ db: runtime.db, redis: runtime.producerRedis, log: runtime.log, bodyLimitBytes: config.BODY_LIMIT_BYTES,
    maxOrdersPerBatch: config.MAX_ORDERS_PER_BATCH, metrics, queues: runtime.queues, rateLimitRedis: runtime.rateLimitRedis, rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    rateLimitPrefix: config.QUEUE_PREFIX, idempotencyTtlHours: config.IDEMPOTENCY_TTL_HOURS });
  const server = app.listen(config.PORT, config.HOST, () => runtime.log.info({ port: config.PORT, host: config.HOST }, 'api listening'));
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    runtime.log.info({ signal }, 'api stopping: no new connections, finishing requests');
    server.close(() => {
      void runtime.close().then(() => process.exit(0));
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
