import { sql, type Kysely } from 'kysely';

// Travel matrices keyed by (network version, profile, metric, site set): a wave never recomputes what an
// earlier one had, whichever process computed it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('travel_matrices')
    .addColumn('cache_key', 'text', (c) => c.primaryKey())
    .addColumn('network_hash', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('site_ids', 'jsonb', (c) => c.notNull())
    // Float64 little-endian, row-major; Infinity marks an unreachable pair.
    .addColumn('time_s', 'bytea', (c) => c.notNull())
    .addColumn('distance_m', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('travel_matrices_network_idx').on('travel_matrices').columns(['network_hash', 'profile']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('travel_matrices').ifExists().execute();
}
