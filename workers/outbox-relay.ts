import type { Db } from '../src/db/connection';
import { claimPendingOutbox, markOutboxRelayed } from '../src/db/outbox.repository';
import type { Logger } from '../src/observability/logger';
import { isQueueName } from '../src/queue/queue-names';
import { addJob, type Queues } from '../src/queue/queues';

/**
 * Moves outbox rows into BullMQ. A row is marked relayed only after Redis took the job; if Redis is
 * down the row waits. A job that Redis already has (same job id) is not added twice.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private again = false;

  constructor(private readonly deps: { db: Db; queues: Queues; log: Logger; pollMs: number; batchSize?: number }) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Ask for a pass now (after an intake transaction committed). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) { this.again = true; return; }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One pass: relays up to a batch; returns how many rows it moved. */
  async relayOnce(): Promise<number> {
    return this.deps.db.transaction().execute(async (trx) => {
      const rows = await claimPendingOutbox(trx, this.deps.batchSize ?? 200);
      for (const row of rows) {
        if (!isQueueName(row.queue)) throw new Error(`outbox: row ${row.id} names unknown queue '${row.queue}'`);
        await addJob(this.deps.queues, row.queue, row.jobId, row.payload as never);
      }
      await markOutboxRelayed(trx, rows.map((r) => r.id));
      return rows.length;
    });
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.pass().finally(() => {
        this.running = undefined;
      });
    }, delayMs);
  }

  private async pass(): Promise<void> {
    let moved = 0;
    try {
      moved = await this.relayOnce();
    } catch (error) {
      this.deps.log.warn({ err: error }, 'outbox relay pass failed; will retry');
    }
    if (this.stopped) return;
    const more = moved > 0 || this.again;
    this.again = false;
    this.schedule(more ? 0 : this.deps.pollMs);
  }
}
