import { sql } from 'kysely';
import type { Db } from './connection';
import type { CutoffSchedule } from './cutoff-schedule';

export interface StoredWaveSchedule extends CutoffSchedule { countyId: string; updatedAt: Date }

const hhmm = (t: string) => t.slice(0, 5);

/** Replaces a county's schedule (zone and every cut-off) in one transaction. */
export async function replaceWaveSchedule(db: Db, countyId: string, schedule: CutoffSchedule): Promise<StoredWaveSchedule> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('wave_schedules').values({ county_id: countyId, timezone: schedule.timezone })
      .onConflict((oc) => oc.column('county_id').doUpdateSet({ timezone: schedule.timezone, updated_at: sql<Date>`now()` })).execute();
    await trx.deleteFrom('wave_schedule_cutoffs').where('county_id', '=', countyId).execute();
    if (schedule.cutoffs.length > 0) {
      await trx.insertInto('wave_schedule_cutoffs')
        .values(schedule.cutoffs.map((c) => ({ county_id: countyId, at: c.at, direction: c.direction, lead_minutes: c.leadMinutes }))).execute();
    }
  });
  return (await findWaveSchedule(db, countyId))!;
}

export async function findWaveSchedule(db: Db, countyId: string): Promise<StoredWaveSchedule | undefined> {
  return (await loadSchedules(db, countyId))[0];
}

/** Every county's schedule (what a scheduler tick looks at). */
export async function listWaveSchedules(db: Db): Promise<StoredWaveSchedule[]> {
  return loadSchedules(db);
}

/** Removes a county's schedule; its future cut-offs no longer start waves. False when it had none. */
export async function deleteWaveSchedule(db: Db, countyId: string): Promise<boolean> {
  const deleted = await db.deleteFrom('wave_schedules').where('county_id', '=', countyId).executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}

async function loadSchedules(db: Db, countyId?: string): Promise<StoredWaveSchedule[]> {
  let schedules = db.selectFrom('wave_schedules').selectAll().orderBy('county_id');
  let cutoffs = db.selectFrom('wave_schedule_cutoffs').selectAll().orderBy('county_id').orderBy('at').orderBy('direction');
  if (countyId !== undefined) {
    schedules = schedules.where('county_id', '=', countyId);
    cutoffs = cutoffs.where('county_id', '=', countyId);
  }
  const [rows, entries] = await Promise.all([schedules.execute(), cutoffs.execute()]);
  const byCounty = new Map<string, CutoffSchedule['cutoffs']>();
  for (const e of entries) byCounty.set(e.county_id, [...(byCounty.get(e.county_id) ?? []), { at: hhmm(e.at), direction: e.direction, leadMinutes: e.lead_minutes }]);
  return rows.map((r) => ({ countyId: r.county_id, timezone: r.timezone, updatedAt: r.updated_at, cutoffs: byCounty.get(r.county_id) ?? [] }));
}
