import { z } from 'zod';

const url = (protocols: string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be a URL with protocol ${protocols.join(' or ')}`);

const positiveInt = z.coerce.number().int().positive();

/** Every setting coldlink reads, with the default that works on a machine with local services. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/coldlink'),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  // Hash-tagged so every key of a prefix lands in one Redis Cluster slot, as BullMQ requires.
  QUEUE_PREFIX: z.string().regex(/^\{[a-z0-9-]+\}$/, 'must look like {coldlink}').default('{coldlink}'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: positiveInt.default(2 * 1024 * 1024),
  MAX_ORDERS_PER_BATCH: positiveInt.default(1000),
  OUTBOX_POLL_MS: positiveInt.default(200),
  SWEEP_INTERVAL_MS: positiveInt.default(5000),
  // Work whose state has not moved on within this time is queued again (idempotent by job id).
  SWEEP_STALE_AFTER_MS: positiveInt.default(30000),
  MATCH_BATCH_SIZE: positiveInt.default(2000),
  /** Search budget of the matcher per batch (its flow part is exact; these bound the split-parcel search). */
  MATCH_ITERATIONS: positiveInt.default(20000),
  MATCH_TIME_LIMIT_S: z.coerce.number().positive().max(300).default(2),
  /** Solver iterations for a whole wave, shared by its tier solves; with the wave id as seed it defines the plan. */
  PLAN_ITERATIONS: positiveInt.default(6000),
  /** A wall-clock budget per wave instead of PLAN_ITERATIONS (0: off); the iterations used are logged for replay. */
  PLAN_TIME_LIMIT_S: z.coerce.number().min(0).max(600).default(0),
  /** Wave solves at once per worker process, each in its own sandboxed child process. */
  SOLVER_CONCURRENCY: positiveInt.default(1),
  /** How often a worker process looks for scheduled cut-offs whose wave is due (0: this process does not). */
  WAVE_SCHEDULE_TICK_MS: z.coerce.number().int().min(0).default(15000),
  WORKER_CONCURRENCY: positiveInt.default(2),
  /** Requests per minute per API key, counted in Redis across all API processes. */
  RATE_LIMIT_PER_MINUTE: positiveInt.default(1200),
  IDEMPOTENCY_TTL_HOURS: positiveInt.default(24),
  /** First retry delay of a failed webhook delivery; it doubles at each attempt (10 attempts). */
  WEBHOOK_BACKOFF_MS: positiveInt.default(2000),
  /** Where a worker process serves its Prometheus metrics (0: not served). */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
});

export type AppConfig = z.infer<typeof configSchema>;
