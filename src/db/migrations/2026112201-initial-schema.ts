import { sql, type Kysely } from 'kysely';

// Units: money in integer cents (fen), weights in grams, volumes in millilitres, distances in metres,
// durations in seconds, instants as timestamptz. Ids chosen by clients (sites, SKUs, lots) are text;
// ids we mint (orders, plans) are uuids.
const TEMPERATURE_CLASSES = sql`('frozen', 'chilled', 'cool', 'ambient')`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('counties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('lon', 'float8', (c) => c.notNull())
    .addColumn('lat', 'float8', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('firms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('operators')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_id', 'text', (c) => c.notNull().references('counties.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull().check(sql`tier in ('hub', 'station', 'village')`))
    .addColumn('lon', 'float8', (c) => c.notNull().check(sql`lon between -180 and 180`))
    .addColumn('lat', 'float8', (c) => c.notNull().check(sql`lat between -90 and 90`))
    .addColumn('parent_id', 'text', (c) => c.references('sites.id'))
    .addColumn('opens_at', 'time', (c) => c.notNull())
    .addColumn('closes_at', 'time', (c) => c.notNull())
    .addColumn('handling_seconds', 'integer', (c) => c.notNull().check(sql`handling_seconds >= 0`))
    .addColumn('cold_capacity_frozen_grams', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`cold_capacity_frozen_grams >= 0`))
    .addColumn('cold_capacity_chilled_grams', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`cold_capacity_chilled_grams >= 0`))
    .addColumn('cold_capacity_cool_grams', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`cold_capacity_cool_grams >= 0`))
    .addColumn('cold_capacity_ambient_grams', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`cold_capacity_ambient_grams >= 0`))
    .execute();
  await db.schema.createIndex('sites_county_idx').on('sites').column('county_id').execute();

  await db.schema
    .createTable('road_networks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('county_id', 'text', (c) => c.notNull().references('counties.id'))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('geojson', 'jsonb', (c) => c.notNull())
    .addColumn('import_report', 'jsonb', (c) => c.notNull())
    .addColumn('is_current', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('road_networks_county_hash_key', ['county_id', 'content_hash'])
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('sku', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('temperature_class', 'text', (c) => c.notNull().check(sql`temperature_class in ${TEMPERATURE_CLASSES}`))
    .addColumn('unit_weight_grams', 'integer', (c) => c.notNull().check(sql`unit_weight_grams > 0`))
    .addColumn('unit_volume_ml', 'integer', (c) => c.notNull().check(sql`unit_volume_ml > 0`))
    .addColumn('shelf_life_hours', 'integer', (c) => c.notNull().check(sql`shelf_life_hours > 0`))
    .addColumn('min_remaining_hours', 'integer', (c) => c.notNull().check(sql`min_remaining_hours >= 0`))
    .addColumn('price_cents', 'bigint', (c) => c.notNull().check(sql`price_cents >= 0`))
    .execute();

  await db.schema
    .createTable('cooperatives')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_id', 'text', (c) => c.notNull().references('counties.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('station_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('ready_at', 'time', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('farmers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cooperative_id', 'text', (c) => c.notNull().references('cooperatives.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('inventory_lots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cooperative_id', 'text', (c) => c.notNull().references('cooperatives.id'))
    .addColumn('farmer_id', 'text', (c) => c.notNull().references('farmers.id'))
    .addColumn('sku', 'text', (c) => c.notNull().references('products.sku'))
    .addColumn('grade', 'integer', (c) => c.notNull().check(sql`grade >= 1`))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity >= 0`))
    .addColumn('reserved', 'integer', (c) => c.notNull().defaultTo(0).check(sql`reserved >= 0`))
    .addColumn('packed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('unit_supply_price_cents', 'bigint', (c) => c.notNull().check(sql`unit_supply_price_cents >= 0`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // The one rule that makes overselling impossible, whatever the number of workers.
    .addCheckConstraint('inventory_lots_reserved_le_quantity', sql`reserved <= quantity`)
    .execute();
  await db.schema.createIndex('inventory_lots_sku_idx').on('inventory_lots').columns(['sku', 'grade']).execute();

  await db.schema
    .createTable('vehicle_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('compartments', 'jsonb', (c) => c.notNull())
    .addColumn('fixed_cost_cents', 'bigint', (c) => c.notNull().check(sql`fixed_cost_cents >= 0`))
    .addColumn('cost_per_km_cents', 'bigint', (c) => c.notNull().check(sql`cost_per_km_cents >= 0`))
    .addColumn('cost_per_hour_cents', 'bigint', (c) => c.notNull().check(sql`cost_per_hour_cents >= 0`))
    .addColumn('reefer_cost_per_hour_cents', 'bigint', (c) => c.notNull().check(sql`reefer_cost_per_hour_cents >= 0`))
    .addColumn('co2e_per_km_grams', 'integer', (c) => c.notNull().check(sql`co2e_per_km_grams >= 0`))
    .addColumn('reefer_uplift_share', 'float8', (c) => c.notNull().check(sql`reefer_uplift_share >= 0`))
    .execute();

  await db.schema
    .createTable('fleets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('vehicle_type_id', 'text', (c) => c.notNull().references('vehicle_types.id'))
    .addColumn('firm_id', 'text', (c) => c.notNull().references('firms.id'))
    .addColumn('count', 'integer', (c) => c.notNull().check(sql`count >= 0`))
    .execute();

  await db.schema
    .createTable('streams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull().references('operators.id'))
    .addColumn('county_id', 'text', (c) => c.notNull().references('counties.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('bound_cooperative_ids', sql`text[]`)
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('dispatch_waves')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('county_id', 'text', (c) => c.notNull().references('counties.id'))
    .addColumn('cutoff_at', 'timestamptz', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('upstream', 'downstream')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'planned', 'split', 'failed')`))
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('status_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('operator_id', 'text', (c) => c.notNull().references('operators.id'))
    .addColumn('stream_id', 'text', (c) => c.notNull().references('streams.id'))
    .addColumn('county_id', 'text', (c) => c.notNull().references('counties.id'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('received', 'matched', 'partially_matched', 'unfilled', 'planned', 'picked_up',
        'at_station', 'at_hub', 'handed_over', 'cancelled')`))
    .addColumn('paid_cents', 'bigint', (c) => c.notNull().check(sql`paid_cents >= 0`))
    .addColumn('ship_by', 'timestamptz', (c) => c.notNull())
    .addColumn('buyer', 'jsonb', (c) => c.notNull())
    .addColumn('wave_id', 'uuid', (c) => c.references('dispatch_waves.id'))
    .addColumn('plan_id', 'uuid')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('status_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('orders_operator_external_id_key', ['operator_id', 'external_id'])
    .execute();
  await db.schema.createIndex('orders_status_idx').on('orders').columns(['county_id', 'status', 'status_changed_at']).execute();
  await db.schema.createIndex('orders_stream_idx').on('orders').columns(['stream_id', 'status']).execute();

  await db.schema
    .createTable('order_lines')
    .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('line_no', 'integer', (c) => c.notNull().check(sql`line_no >= 0`))
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('min_grade', 'integer', (c) => c.notNull().check(sql`min_grade >= 1`))
    .addColumn('filled_quantity', 'integer', (c) => c.notNull().defaultTo(0).check(sql`filled_quantity >= 0`))
    .addColumn('unfilled_reason', 'text')
    .addPrimaryKeyConstraint('order_lines_pkey', ['order_id', 'line_no'])
    .addCheckConstraint('order_lines_filled_le_quantity', sql`filled_quantity <= quantity`)
    .execute();

  await db.schema
    .createTable('allocations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('lot_id', 'text', (c) => c.notNull().references('inventory_lots.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('reserved').check(sql`status in ('reserved', 'released')`))
    .addColumn('matcher', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('allocations_order_idx').on('allocations').column('order_id').execute();
  await db.schema.createIndex('allocations_lot_idx').on('allocations').column('lot_id').execute();

  await db.schema
    .createTable('plans')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('wave_id', 'uuid', (c) => c.notNull().unique().references('dispatch_waves.id'))
    .addColumn('county_id', 'text', (c) => c.notNull().references('counties.id'))
    .addColumn('planner', 'text', (c) => c.notNull())
    .addColumn('distance_source', 'text', (c) => c.notNull())
    .addColumn('total_cost_cents', 'bigint', (c) => c.notNull())
    .addColumn('distance_m', 'bigint', (c) => c.notNull())
    .addColumn('duration_s', 'bigint', (c) => c.notNull())
    .addColumn('co2e_grams', 'bigint', (c) => c.notNull())
    .addColumn('document', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('routes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('route_no', 'integer', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull().check(sql`tier in ('village', 'township')`))
    .addColumn('vehicle_type_id', 'text', (c) => c.notNull())
    .addColumn('firm_id', 'text', (c) => c.notNull())
    .addColumn('base_site_id', 'text', (c) => c.notNull())
    .addColumn('distance_m', 'bigint', (c) => c.notNull())
    .addColumn('duration_s', 'bigint', (c) => c.notNull())
    .addColumn('cost_cents', 'bigint', (c) => c.notNull())
    .addColumn('co2e_grams', 'bigint', (c) => c.notNull())
    .addColumn('geometry', 'jsonb', (c) => c.notNull())
    .addUniqueConstraint('routes_plan_route_no_key', ['plan_id', 'route_no'])
    .execute();

  await db.schema
    .createTable('stops')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('route_id', 'uuid', (c) => c.notNull().references('routes.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('start', 'pickup', 'delivery', 'end')`))
    .addColumn('arrival_at', 'timestamptz', (c) => c.notNull())
    .addColumn('departure_at', 'timestamptz', (c) => c.notNull())
    .addColumn('load_grams_after', 'bigint', (c) => c.notNull())
    .addColumn('allocation_ids', 'jsonb', (c) => c.notNull())
    .addUniqueConstraint('stops_route_seq_key', ['route_id', 'seq'])
    .execute();

  await db.schema
    .createTable('cost_splits')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().unique().references('plans.id').onDelete('cascade'))
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('total_cents', 'bigint', (c) => c.notNull())
    .addColumn('document', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Written in the same transaction as the state it announces; a relay moves it into BullMQ.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text', (c) => c.notNull().check(sql`position(':' in job_id) = 0`))
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('relayed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('outbox_pending_idx').on('outbox').column('id').where(sql.ref('relayed_at'), 'is', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['outbox', 'cost_splits', 'stops', 'routes', 'plans', 'allocations', 'order_lines',
    'orders', 'dispatch_waves', 'streams', 'fleets', 'vehicle_types', 'inventory_lots', 'farmers', 'cooperatives', 'products', 'road_networks',
    'sites', 'operators', 'firms', 'counties']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
