import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/config.schema';
import { createDb, ensureDatabase, type Db } from './db/connection';
import { migrateToLatest } from './db/migrate';
import { createLogger, type Logger } from './observability/logger';
import { createProducerConnection, createRateLimitConnection, createWorkerConnection } from './queue/connections';
import { createQueues, type Queues } from './queue/queues';

/** The process-wide resources of an API or worker process, opened and closed in a fixed order. */
export interface Runtime {
  config: AppConfig;
  log: Logger;
  db: Db;
  producerRedis: Redis;
  workerRedis: Redis;
  rateLimitRedis: Redis;
  queues: Queues;
  close(): Promise<void>;
}

export async function openRuntime(config: AppConfig, log: Logger = createLogger(config.LOG_LEVEL)): Promise<Runtime> {
  await ensureDatabase(config.DATABASE_URL);
  // Only message and code: a pg error carries its whole client object, far too much for a log line.
  const db = createDb(config.DATABASE_URL, {
    onIdleClientError: (error) => log.warn({ err: { message: error.message, code: (error as { code?: string }).code } }, 'postgres: idle connection lost'),
  });
  await migrateToLatest(db);
  const producerRedis = createProducerConnection(config.REDIS_URL);
  const workerRedis = createWorkerConnection(config.REDIS_URL);
  const rateLimitRedis = createRateLimitConnection(config.REDIS_URL);
  const queues = createQueues(workerRedis, config.QUEUE_PREFIX, { webhookBackoffMs: config.WEBHOOK_BACKOFF_MS });
  return {
    config, log, db, producerRedis, workerRedis, rateLimitRedis, queues,
    async close() {
      await queues.close();
      producerRedis.disconnect();
      workerRedis.disconnect();
      rateLimitRedis.disconnect();
      await db.destroy();
    },
  };
}
