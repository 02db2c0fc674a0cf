import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_NAMES, type JobPayloads, type QueueName } from './queue-names';

export type Queues = { [Q in QueueName]: Queue<JobPayloads[Q]> } & { close(): Promise<void> };

const defaultJobOptions: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  // Completed job ids are forgotten after a while so the sweeper may queue the same business id again.
  removeOnComplete: { age: 3600, count: 10000 },
  removeOnFail: { age: 24 * 3600 },
};

export function createQueues(connection: Redis, prefix: string): Queues {
  const queues = Object.fromEntries(
    QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix, defaultJobOptions })]),
  ) as unknown as Queues;
  queues.close = async () => {
    await Promise.all(QUEUE_NAMES.map((name) => queues[name].close()));
  };
  return queues;
}

export async function addJob<Q extends QueueName>(queues: Queues, queue: Q, jobId: string, payload: JobPayloads[Q]): Promise<void> {
  // BullMQ's generic Queue typing is awkward across a union; the payload type is enforced by our signature.
  await (queues[queue] as unknown as Queue).add(queue, payload, { jobId });
}
