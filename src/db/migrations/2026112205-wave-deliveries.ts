import { sql, type Kysely } from 'kysely';

// Downstream waves (hub → stations → villages) carry their delivery items (issue 7, item 5).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('dispatch_waves')
    // Downstream only: when the goods are ready at the hub (trucks leave no earlier).
    .addColumn('release_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('wave_deliveries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('wave_id', 'uuid', (c) => c.notNull().references('dispatch_waves.id').onDelete('cascade'))
    // Position in the request, so the items read back in the order they were sent.
    .addColumn('line_no', 'integer', (c) => c.notNull().check(sql`line_no >= 0`))
    .addColumn('reference', 'text')
    // The destination.
    .addColumn('cooperative_id', 'text', (c) => c.notNull().references('cooperatives.id'))
    // A product of the master data, or goods described in words (inputs, parcels) with their own weight and class.
    .addColumn('sku', 'text', (c) => c.references('products.sku'))
    .addColumn('description', 'text')
    .addColumn('units', 'integer', (c) => c.notNull().check(sql`units > 0`))
    .addColumn('grams', 'bigint', (c) => c.notNull().check(sql`grams > 0`))
    .addColumn('volume_ml', 'bigint', (c) => c.notNull().check(sql`volume_ml > 0`))
    .addColumn('temperature_class', 'text', (c) => c.notNull().check(sql`temperature_class in ('frozen', 'chilled', 'cool', 'ambient')`))
    // Most hours from leaving the hub to arrival at the cooperative; null: no limit but the wave's deadline.
    .addColumn('max_transit_hours', 'float8', (c) => c.check(sql`max_transit_hours >= 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('wave_deliveries_sku_or_description', sql`sku is not null or description is not null`)
    .addUniqueConstraint('wave_deliveries_wave_line_key', ['wave_id', 'line_no'])
    .addUniqueConstraint('wave_deliveries_wave_reference_key', ['wave_id', 'reference'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('wave_deliveries').ifExists().execute();
  await db.schema.alterTable('dispatch_waves').dropColumn('release_at').execute();
}
