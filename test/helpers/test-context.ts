import { randomBytes } from 'node:crypto';
import IORedis, { type Redis } from 'ioredis';
import type { Express } from 'express';
import { loadConfig } from '../../config/load-config';
import { loadDefaultCostPolicy } from '../../config/load-policy';
import { createApp } from '../../src/api/app';
import { createApiKey } from '../../src/db/api-key.repository';
import { createDb, dropDatabase, ensureDatabase, type Db } from '../../src/db/connection';
import type { Role } from '../../src/db/database.types';
import { migrateToLatest } from '../../src/db/migrate';
import { createLogger, type Logger } from '../../src/observability/logger';
import { createProducerConnection, createRateLimitConnection, createWorkerConnection } from '../../src/queue/connections';
import { createQueues, type Queues } from '../../src/queue/queues';
import { startWorkerHost, type WorkerHost, type WorkerHostOptions } from '../../workers/worker-host';

/**
 * A fresh database and a fresh queue prefix per test file, so test files (and parallel CI runs) never
 * see each other's rows or jobs. Everything talks to the real Postgres and Redis.
 */
export interface TestContext {
  db: Db;
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  log: Logger;
  producerRedis: Redis;
  workerRedis: Redis;
  queues: Queues;
  app: Express;
  /** Issues an API key for a role and scope (the helper every test uses instead of an unauthenticated app). */
  issueKey(role: Role, scopeId: string, label?: string): Promise<string>;
  startWorkers(overrides?: Partial<WorkerHostOptions>): WorkerHost;
  close(): Promise<void>;
}

export async function createTestContext(options: { redisUrl?: string; rateLimitPerMinute?: number; webhookBackoffMs?: number } = {}): Promise<TestContext> {
  const base = loadConfig();
  const id = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(base.DATABASE_URL);
  url.pathname = `/coldlink_test_${id}`;
  const databaseUrl = url.toString();
  const redisUrl = options.redisUrl ?? base.REDIS_URL;
  const prefix = `{cltest-${id.replace(/_/g, '-')}}`;
  await ensureDatabase(databaseUrl);
  const db = createDb(databaseUrl, { max: 8 });
  await migrateToLatest(db);
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const producerRedis = createProducerConnection(redisUrl);
  const workerRedis = createWorkerConnection(redisUrl);
  const rateLimitRedis = createRateLimitConnection(redisUrl);
  const queues = createQueues(workerRedis, prefix, { webhookBackoffMs: options.webhookBackoffMs ?? 2000 });
  const hosts: WorkerHost[] = [];
  let relayWake: (() => void) | undefined;
  const app = createApp({ db, redis: producerRedis, log, bodyLimitBytes: 256 * 1024, maxOrdersPerBatch: 1000, queues, rateLimitRedis,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000, rateLimitPrefix: prefix, onOutboxWritten: () => relayWake?.() });
  return {
    db, databaseUrl, redisUrl, prefix, log, producerRedis, workerRedis, queues, app,
    issueKey: async (role, scopeId, label = `${role} test key`) => (await createApiKey(db, { role, scopeId, label })).key,
    startWorkers(overrides = {}) {
      const host = startWorkerHost({
        db, connection: workerRedis, queues, prefix, log, policy: loadDefaultCostPolicy(), concurrency: 2,
        outboxPollMs: 50, sweepIntervalMs: 60_000, sweepStaleAfterMs: 60_000, ...overrides,
      });
      hosts.push(host);
      relayWake = () => host.relay.wake();
      return host;
    },
    async close() {
      for (const host of hosts) await host.stop();
      await queues.close();
      await deleteKeys(redisUrl, prefix).catch(() => undefined);
      producerRedis.disconnect();
      workerRedis.disconnect();
      rateLimitRedis.disconnect();
      await db.destroy();
      await dropDatabase(databaseUrl);
    },
  };
}

/** Removes every Redis key under a queue prefix. */
export async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Polls until `check` returns a truthy value or the deadline passes. */
export async function waitFor<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}
