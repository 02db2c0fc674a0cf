import type { WaveDirection } from './database.types';
import { localDateTimeToUtc, localDay } from './local-time';

/** A county's daily cut-offs: local "HH:MM" in its zone, each starting a wave `leadMinutes` before. */
export interface CutoffSchedule {
  timezone: string;
  cutoffs: { at: string; direction: WaveDirection; leadMinutes: number }[];
}

export interface ScheduledCutoff { cutoffAt: Date; startsAt: Date; direction: WaveDirection; at: string }

/** Longest lead a schedule may give (one day), so a wave is never started for a cut-off more than a day ahead. */
export const MAX_LEAD_MINUTES = 24 * 60;

/**
 * Every cut-off of the schedule on the local days from the one containing `from` to `days` days later,
 * with the instant its wave starts; sorted by start, then cut-off, then direction.
 */
export function cutoffsAround(schedule: CutoffSchedule, from: Date, days: number): ScheduledCutoff[] {
  const today = localDay(from, schedule.timezone);
  const out: ScheduledCutoff[] = [];
  for (let k = 0; k <= days; k++) {
    // Calendar arithmetic in UTC, where every day has 24 hours.
    const d = new Date(Date.UTC(today.year, today.month - 1, today.day + k));
    const day = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
    for (const c of schedule.cutoffs) {
      const cutoffAt = localDateTimeToUtc(day, c.at, schedule.timezone);
      out.push({ cutoffAt, startsAt: new Date(cutoffAt.getTime() - c.leadMinutes * 60_000), direction: c.direction, at: c.at });
    }
  }
  return out.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.cutoffAt.getTime() - b.cutoffAt.getTime() || a.direction.localeCompare(b.direction));
}

/**
 * The cut-offs whose wave is due at `now`: started (cut-off minus lead) but not yet past. A cut-off already
 * past is never started late — a wave after its handover time cannot make it.
 */
export function dueCutoffs(schedule: CutoffSchedule, now: Date): ScheduledCutoff[] {
  // A due cut-off lies after now and at most MAX_LEAD_MINUTES later: today, tomorrow, or (across a DST change) the day after.
  return cutoffsAround(schedule, now, 2).filter((c) => c.startsAt.getTime() <= now.getTime() && now.getTime() < c.cutoffAt.getTime());
}

/** Per cut-off of the schedule, the next one not yet past, with when its wave starts (or started): what the platform will get. */
export function upcomingCutoffs(schedule: CutoffSchedule, now: Date): ScheduledCutoff[] {
  const seen = new Set<string>();
  return cutoffsAround(schedule, now, 3).filter((c) => {
    const key = `${c.at}|${c.direction}`;
    if (c.cutoffAt.getTime() <= now.getTime() || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
