import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { MONITORED_QUEUES, QUEUE_NAMES, SOLVE_WAVE_QUEUE, type JobPayloads, type QueueName } from './queue-names';

export type Queues = { [Q in QueueName]: Queue<JobPayloads[Q]> } & {
  /** Producer handle on the sandboxed solver's queue, for monitoring (its jobs are added by plan-wave). */
  [SOLVE_WAVE_QUEUE]: Queue;
  close(): Promise<void>;
};

const defaultJobOptions: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  // Completed job ids are forgotten after a while so the sweeper may queue the same business id again.
  removeOnComplete: { age: 3600, count: 10000 },
  removeOnFail: { age: 24 * 3600 },
};

/** Webhook receivers may be down for a while: more attempts, starting from a configurable delay. */
function jobOptionsFor(name: QueueName, webhookBackoffMs: number): JobsOptions {
  if (name === 'deliver-webhook') return { ...defaultJobOptions, attempts: 10, backoff: { type: 'exponential', delay: webhookBackoffMs } };
  return defaultJobOptions;
}

export function createQueues(connection: Redis, prefix: string, options: { webhookBackoffMs?: number } = {}): Queues {
  const queues = Object.fromEntries(
    QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix, defaultJobOptions: jobOptionsFor(name, options.webhookBackoffMs ?? 2000) })]),
  ) as unknown as Queues;
  queues[SOLVE_WAVE_QUEUE] = new Queue(SOLVE_WAVE_QUEUE, { connection, prefix });
  queues.close = async () => {
    await Promise.all(MONITORED_QUEUES.map((name) => queues[name].close()));
  };
  return queues;
}

export async function addJob<Q extends QueueName>(queues: Queues, queue: Q, jobId: string, payload: JobPayloads[Q]): Promise<void> {
  // BullMQ's generic Queue typing is awkward across a union; the payload type is enforced by our signature.
  await (queues[queue] as unknown as Queue).add(queue, payload, { jobId });
}

/** Jobs per queue and state, for the metrics endpoint. */
export async function queueDepths(queues: Queues): Promise<{ queue: string; state: string; count: number }[]> {
  const out: { queue: string; state: string; count: number }[] = [];
  for (const name of MONITORED_QUEUES) {
    const counts = await (queues[name] as unknown as Queue).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
    for (const [state, count] of Object.entries(counts)) out.push({ queue: name, state, count });
  }
  return out;
}
