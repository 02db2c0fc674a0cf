/** Queue names and the payload each job carries: ids, never records (a job is re-driven from Postgres). */
export const QUEUE_NAMES = ['match-orders', 'plan-wave', 'split-costs', 'deliver-webhook'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * The sandboxed solver's queue: fed only by plan-wave jobs (as their children), never by the outbox,
 * so it is not a QueueName; it is listed here so the board and the metrics show it too.
 */
export const SOLVE_WAVE_QUEUE = 'solve-wave';
export const MONITORED_QUEUES = [...QUEUE_NAMES, SOLVE_WAVE_QUEUE] as const;

export interface JobPayloads {
  'match-orders': { countyId: string; orderIds: string[] };
  'plan-wave': { waveId: string };
  'split-costs': { planId: string };
  'deliver-webhook': { deliveryId: string };
}

/** BullMQ job ids must not contain ':' nor be all digits; `<job>-<businessId>` satisfies both. */
export function jobIdFor(queue: QueueName, businessId: string): string {
  const id = `${queue}-${businessId}`;
  if (id.includes(':')) throw new Error(`queue: job id '${id}' must not contain ':'`);
  return id;
}

export function isQueueName(value: string): value is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(value);
}
