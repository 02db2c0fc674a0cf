import IORedis, { type Redis } from 'ioredis';

/**
 * Producers fail fast (no offline queue, few retries) so the API can answer 503 instead of hanging;
 * workers wait for Redis forever (maxRetriesPerRequest: null), as BullMQ requires for blocking commands.
 */
export function createProducerConnection(redisUrl: string): Redis {
  return new IORedis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
}

export function createWorkerConnection(redisUrl: string): Redis {
  return new IORedis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/**
 * Rate-limit counters: commands wait for the connection at start-up but give up within two seconds, so a Redis
 * outage lets requests through (the limiter fails open) instead of hanging them.
 */
export function createRateLimitConnection(redisUrl: string): Redis {
  return new IORedis(redisUrl, { enableOfflineQueue: true, maxRetriesPerRequest: 1, commandTimeout: 2000 });
}
