import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { loadConfig } from '../../../config/load-config';
import { createDb, dropDatabase, ensureDatabase } from '../../../src/db/connection';
import { migrateToLatest } from '../../../src/db/migrate';

describe('migrations', () => {
  const url = new URL(loadConfig().DATABASE_URL);
  url.pathname = `/coldlink_test_migrate_${process.pid}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = url.toString();
  afterAll(async () => {
    await dropDatabase(databaseUrl);
  });

  it('create the database if missing, run up on it empty, and are idempotent', async () => {
    await ensureDatabase(databaseUrl);
    await ensureDatabase(databaseUrl);
    const db = createDb(databaseUrl, { max: 2 });
    try {
      const first = await migrateToLatest(db);
      expect(first.length).toBeGreaterThan(0);
      expect(first.every((r) => r.status === 'Success')).toBe(true);
      expect(await migrateToLatest(db)).toEqual([]);
      const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public'`.execute(db);
      const names = tables.rows.map((r) => r.table_name);
      for (const t of ['counties', 'sites', 'road_networks', 'products', 'cooperatives', 'farmers', 'inventory_lots', 'streams', 'orders',
        'order_lines', 'allocations', 'dispatch_waves', 'plans', 'routes', 'stops', 'cost_splits', 'outbox']) expect(names).toContain(t);
    } finally {
      await db.destroy();
    }
  });

  it('enforce reserved ≤ quantity in Postgres itself', async () => {
    const db = createDb(databaseUrl, { max: 2 });
    try {
      await db.insertInto('counties').values({ id: 'c', name: 'C', timezone: 'Asia/Shanghai', lon: 108, lat: 34 }).execute();
      await db.insertInto('sites').values([
        { id: 'v', county_id: 'c', name: 'V', tier: 'village', lon: 108, lat: 34, parent_id: null, opens_at: '07:00', closes_at: '20:00', handling_seconds: 0,
          cold_capacity_frozen_grams: 0, cold_capacity_chilled_grams: 0, cold_capacity_cool_grams: 0, cold_capacity_ambient_grams: 0 },
      ]).execute();
      await db.insertInto('cooperatives').values({ id: 'co', county_id: 'c', name: 'Co', site_id: 'v', station_id: 'v', ready_at: '10:00' }).execute();
      await db.insertInto('farmers').values({ id: 'f', cooperative_id: 'co', name: 'F' }).execute();
      await db.insertInto('products').values({ sku: 's', name: 'S', temperature_class: 'cool', unit_weight_grams: 1000, unit_volume_ml: 1000,
        shelf_life_hours: 100, min_remaining_hours: 10, price_cents: 100 }).execute();
      await db.insertInto('inventory_lots').values({ id: 'l', cooperative_id: 'co', farmer_id: 'f', sku: 's', grade: 1, quantity: 5,
        packed_at: new Date(), unit_supply_price_cents: 50 }).execute();
      await db.updateTable('inventory_lots').set({ reserved: 5 }).where('id', '=', 'l').execute();
      await expect(db.updateTable('inventory_lots').set({ reserved: 6 }).where('id', '=', 'l').execute())
        .rejects.toMatchObject({ code: '23514', constraint: 'inventory_lots_reserved_le_quantity' });
    } finally {
      await db.destroy();
    }
  });
});
