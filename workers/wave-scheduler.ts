import { dueCutoffs } from '../src/db/cutoff-schedule';
import type { Db } from '../src/db/connection';
import { createScheduledWave } from '../src/db/wave.repository';
import { listWaveSchedules } from '../src/db/wave-schedule.repository';
import type { Logger } from '../src/observability/logger';
import { PeriodicTask } from './periodic-task';

export interface ScheduledStart { countyId: string; cutoffAt: string; direction: 'upstream'; waveId: string; orderCount: number }

/**
 * Starts the waves of the counties' scheduled cut-offs: each tick reads every schedule and opens the wave of
 * each cut-off whose start (cut-off minus lead) has come and whose cut-off has not passed. Every worker
 * process may run one: Postgres's unique index on scheduled (county, cut-off, direction) makes each
 * cut-off's wave once, so ticks can overlap, repeat or run late without doubling anything. A changed or
 * deleted schedule changes the next tick, since nothing is planned ahead in Redis.
 */
export class WaveScheduler {
  private readonly periodic: PeriodicTask;

  constructor(private readonly deps: { db: Db; log: Logger; intervalMs: number; onOutboxWritten?: () => void; clock?: () => Date }) {
    this.periodic = new PeriodicTask({
      intervalMs: deps.intervalMs, log: deps.log, failure: 'wave schedule tick failed; will retry',
      task: () => this.tickOnce(this.deps.clock?.() ?? new Date()),
    });
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** One pass at `now`; returns the waves this pass opened (none for cut-offs another pass already opened). */
  async tickOnce(now: Date): Promise<ScheduledStart[]> {
    const started: ScheduledStart[] = [];
    for (const schedule of await listWaveSchedules(this.deps.db)) {
      for (const due of dueCutoffs(schedule, now)) {
        if (due.direction !== 'upstream') continue;
        const wave = await createScheduledWave(this.deps.db, { countyId: schedule.countyId, cutoffAt: due.cutoffAt, direction: due.direction });
        if (wave) {
          started.push({ countyId: schedule.countyId, cutoffAt: due.cutoffAt.toISOString(), direction: due.direction, waveId: wave.id, orderCount: wave.orderCount });
        }
      }
    }
    if (started.length > 0) {
      this.deps.onOutboxWritten?.();
      this.deps.log.info({ started }, 'scheduled waves started');
    }
    return started;
  }
}
