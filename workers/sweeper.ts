import type { Db } from '../src/db/connection';
import { deleteExpiredIdempotencyKeys } from '../src/db/idempotency.repository';
import { findStaleReceivedOrders, touchOrders } from '../src/db/order.repository';
import { findStaleWaves, touchWaves } from '../src/db/wave.repository';
import type { Logger } from '../src/observability/logger';
import { jobIdFor } from '../src/queue/queue-names';
import { addJob, type Queues } from '../src/queue/queues';
import { PeriodicTask } from './periodic-task';

/**
 * Postgres is the record; Redis may lose its queues (it keeps nothing on disk here). The sweeper finds
 * work whose state has not moved on for a while and queues it again. Processors exit early for work that
 * is already done, so a re-queued job that was merely slow costs nothing.
 */
export class Sweeper {
  private readonly periodic: PeriodicTask;

  constructor(private readonly deps: { db: Db; queues: Queues; log: Logger; intervalMs: number; staleAfterMs: number; batchSize?: number }) {
    this.periodic = new PeriodicTask({ intervalMs: deps.intervalMs, log: deps.log, failure: 'sweep failed; will retry', task: () => this.sweepOnce() });
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  async sweepOnce(now = new Date()): Promise<{ orders: number; waves: number; splits: number }> {
    const staleBefore = new Date(now.getTime() - this.deps.staleAfterMs);
    const stale = await findStaleReceivedOrders(this.deps.db, staleBefore, 50_000);
    const byCounty = new Map<string, typeof stale>();
    for (const o of stale) byCounty.set(o.county_id, [...(byCounty.get(o.county_id) ?? []), o]);
    const batch = this.deps.batchSize ?? 500;
    for (const [countyId, orders] of byCounty) {
      for (let i = 0; i < orders.length; i += batch) {
        const chunk = orders.slice(i, i + batch);
        // The job id names the stale state (first order and when it last moved): sweepers running side by
        // side queue it once; once touched, a later sweep gets a new id if the work is still stuck.
        const stamp = `${chunk[0]!.id}-${chunk[0]!.status_changed_at.getTime()}`;
        await addJob(this.deps.queues, 'match-orders', jobIdFor('match-orders', `sweep-${stamp}`), { countyId, orderIds: chunk.map((o) => o.id) });
      }
    }
    // Touch only after queueing: if Redis is down we fail above and try again next sweep.
    await touchOrders(this.deps.db, stale.map((o) => o.id));
    const waves = await findStaleWaves(this.deps.db, staleBefore);
    // A wave whose plan-wave job is running or waiting for its sandboxed solve is slow, not lost: queueing it
    // again would start a second solve of the same wave.
    const planning = new Set((await this.deps.queues['plan-wave'].getJobs(['active', 'waiting-children'])).map((j) => j?.data?.waveId));
    for (const w of waves.queued) {
      if (planning.has(w.waveId)) continue;
      await addJob(this.deps.queues, 'plan-wave', jobIdFor('plan-wave', `${w.waveId}-${w.since.getTime()}`), { waveId: w.waveId });
    }
    for (const p of waves.plannedWithoutSplit) {
      await addJob(this.deps.queues, 'split-costs', jobIdFor('split-costs', `${p.planId}-${p.since.getTime()}`), { planId: p.planId });
    }
    await touchWaves(this.deps.db, [...waves.queued, ...waves.plannedWithoutSplit].map((w) => w.waveId));
    await deleteExpiredIdempotencyKeys(this.deps.db);
    const counts = { orders: stale.length, waves: waves.queued.filter((w) => !planning.has(w.waveId)).length, splits: waves.plannedWithoutSplit.length };
    if (counts.orders + counts.waves + counts.splits > 0) this.deps.log.info(counts, 'sweeper re-queued stale work');
    return counts;
  }
}
