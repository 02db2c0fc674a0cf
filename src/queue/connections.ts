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
