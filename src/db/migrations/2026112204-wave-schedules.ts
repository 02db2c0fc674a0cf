import { sql, type Kysely } from 'kysely';

// Per-county daily cut-offs that start waves by themselves (issue 7, item 7), and who started each wave.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('wave_schedules')
    .addColumn('county_id', 'text', (c) => c.primaryKey().references('counties.id').onDelete('cascade'))
    // IANA zone the "HH:MM" cut-offs are read in.
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('wave_schedule_cutoffs')
    .addColumn('county_id', 'text', (c) => c.notNull().references('wave_schedules.county_id').onDelete('cascade'))
    .addColumn('at', 'time', (c) => c.notNull())
    // Upstream only: a downstream wave carries its delivery items, so it is started by the request that sends them.
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction = 'upstream'`))
    // The wave starts this long before its cut-off: the planning and driving budget.
    .addColumn('lead_minutes', 'integer', (c) => c.notNull().check(sql`lead_minutes between 0 and 1440`))
    .addPrimaryKeyConstraint('wave_schedule_cutoffs_pkey', ['county_id', 'at', 'direction'])
    .execute();

  await db.schema
    .alterTable('dispatch_waves')
    .addColumn('started_by', 'text', (c) => c.notNull().defaultTo('api').check(sql`started_by in ('api', 'schedule')`))
    .execute();
  // Exactly one scheduled wave per county, cut-off and direction, however many schedulers tick at once.
  await db.schema
    .createIndex('dispatch_waves_scheduled_key')
    .on('dispatch_waves')
    .columns(['county_id', 'cutoff_at', 'direction'])
    .unique()
    .where(sql.ref('started_by'), '=', 'schedule')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('dispatch_waves_scheduled_key').ifExists().execute();
  await db.schema.alterTable('dispatch_waves').dropColumn('started_by').execute();
  await db.schema.dropTable('wave_schedule_cutoffs').ifExists().execute();
  await db.schema.dropTable('wave_schedules').ifExists().execute();
}
