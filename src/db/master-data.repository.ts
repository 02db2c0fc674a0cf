import { sql } from 'kysely';
import type { Db } from './connection';

/** Paged lists and single-record upserts of a county's master data, for the platform's API. */
type Page = { limit: number; startingAfter?: string };

export async function listSites(db: Db, countyId: string, page: Page) {
  let q = db.selectFrom('sites').selectAll().where('county_id', '=', countyId).orderBy('id').limit(page.limit + 1);
  if (page.startingAfter) q = q.where('id', '>', page.startingAfter);
  return q.execute();
}

export async function findSite(db: Db, id: string) {
  return db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function upsertSite(db: Db, row: {
  id: string; county_id: string; name: string; tier: 'hub' | 'station' | 'village'; lon: number; lat: number; parent_id: string | null;
  opens_at: string; closes_at: string; handling_seconds: number; cold_capacity_frozen_grams: number; cold_capacity_chilled_grams: number;
  cold_capacity_cool_grams: number; cold_capacity_ambient_grams: number;
}) {
  const { id: _id, county_id: _c, ...update } = row;
  return db.insertInto('sites').values(row).onConflict((oc) => oc.column('id').doUpdateSet(update)).returningAll().executeTakeFirstOrThrow();
}

export async function listCooperatives(db: Db, countyId: string, page: Page) {
  let q = db.selectFrom('cooperatives').selectAll().where('county_id', '=', countyId).orderBy('id').limit(page.limit + 1);
  if (page.startingAfter) q = q.where('id', '>', page.startingAfter);
  return q.execute();
}

export async function findCooperative(db: Db, id: string) {
  return db.selectFrom('cooperatives').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function upsertCooperative(db: Db, row: { id: string; county_id: string; name: string; site_id: string; station_id: string; ready_at: string },
  farmers: { id: string; name: string }[]) {
  return db.transaction().execute(async (trx) => {
    const { id: _id, county_id: _c, ...update } = row;
    const coop = await trx.insertInto('cooperatives').values(row).onConflict((oc) => oc.column('id').doUpdateSet(update)).returningAll().executeTakeFirstOrThrow();
    for (const f of farmers) {
      await trx.insertInto('farmers').values({ id: f.id, name: f.name, cooperative_id: row.id })
        .onConflict((oc) => oc.column('id').doUpdateSet({ name: f.name, cooperative_id: row.id })).execute();
    }
    return coop;
  });
}

export async function farmersOf(db: Db, cooperativeId: string) {
  return db.selectFrom('farmers').select(['id', 'name']).where('cooperative_id', '=', cooperativeId).orderBy('id').execute();
}

/**
 * Upserts a cooperative's lots. A lot's quantity may not drop below what is already reserved: Postgres's
 * CHECK refuses it, and the caller reports which lot.
 */
export async function upsertLots(db: Db, cooperativeId: string, lots: { id: string; farmer_id: string; sku: string; grade: number; quantity: number;
  packed_at: string; unit_supply_price_cents: number }[]) {
  return db.transaction().execute(async (trx) => {
    for (const lot of lots) {
      await trx.insertInto('inventory_lots').values({ ...lot, cooperative_id: cooperativeId })
        .onConflict((oc) => oc.column('id').doUpdateSet({ farmer_id: lot.farmer_id, sku: lot.sku, grade: lot.grade, quantity: lot.quantity,
          packed_at: lot.packed_at, unit_supply_price_cents: lot.unit_supply_price_cents, updated_at: sql<Date>`now()` })
          .where('inventory_lots.cooperative_id', '=', cooperativeId))
        .execute();
    }
    return trx.selectFrom('inventory_lots').selectAll().where('id', 'in', lots.map((l) => l.id)).orderBy('id').execute();
  });
}

export async function listLots(db: Db, countyId: string, page: Page) {
  let q = db.selectFrom('inventory_lots').innerJoin('cooperatives', 'cooperatives.id', 'inventory_lots.cooperative_id').selectAll('inventory_lots')
    .where('cooperatives.county_id', '=', countyId).orderBy('inventory_lots.id').limit(page.limit + 1);
  if (page.startingAfter) q = q.where('inventory_lots.id', '>', page.startingAfter);
  return q.execute();
}

/** Free units per SKU and grade in a county (quantity − reserved), for operators planning a stream. */
export async function freeStock(db: Db, countyId: string, sku?: string) {
  let q = db.selectFrom('inventory_lots').innerJoin('cooperatives', 'cooperatives.id', 'inventory_lots.cooperative_id')
    .select(['inventory_lots.sku', 'inventory_lots.grade', sql<string>`sum(inventory_lots.quantity - inventory_lots.reserved)`.as('free'),
      sql<string>`sum(inventory_lots.quantity)`.as('quantity'), sql<string>`count(*)`.as('lots')])
    .where('cooperatives.county_id', '=', countyId).groupBy(['inventory_lots.sku', 'inventory_lots.grade'])
    .orderBy('inventory_lots.sku').orderBy('inventory_lots.grade');
  if (sku) q = q.where('inventory_lots.sku', '=', sku);
  return q.execute();
}

export async function listProducts(db: Db, page: Page) {
  let q = db.selectFrom('products').selectAll().orderBy('sku').limit(page.limit + 1);
  if (page.startingAfter) q = q.where('sku', '>', page.startingAfter);
  return q.execute();
}

export async function upsertProduct(db: Db, row: { sku: string; name: string; temperature_class: 'frozen' | 'chilled' | 'cool' | 'ambient'; unit_weight_grams: number;
  unit_volume_ml: number; shelf_life_hours: number; min_remaining_hours: number; price_cents: number }) {
  const { sku: _s, ...update } = row;
  return db.insertInto('products').values(row).onConflict((oc) => oc.column('sku').doUpdateSet(update)).returningAll().executeTakeFirstOrThrow();
}

export async function listVehicleTypes(db: Db, page: Page) {
  let q = db.selectFrom('vehicle_types').selectAll().orderBy('id').limit(page.limit + 1);
  if (page.startingAfter) q = q.where('id', '>', page.startingAfter);
  return q.execute();
}

export async function upsertVehicleType(db: Db, row: { id: string; name: string; profile: string; compartments: string; fixed_cost_cents: number;
  cost_per_km_cents: number; cost_per_hour_cents: number; reefer_cost_per_hour_cents: number; co2e_per_km_grams: number; reefer_uplift_share: number }) {
  const { id: _id, ...update } = row;
  return db.insertInto('vehicle_types').values(row).onConflict((oc) => oc.column('id').doUpdateSet(update)).returningAll().executeTakeFirstOrThrow();
}

export async function listFleets(db: Db, countyId: string, page: Page) {
  let q = db.selectFrom('fleets').innerJoin('sites', 'sites.id', 'fleets.site_id').selectAll('fleets').where('sites.county_id', '=', countyId)
    .orderBy('fleets.id').limit(page.limit + 1);
  if (page.startingAfter) q = q.where('fleets.id', '>', page.startingAfter);
  return q.execute();
}

export async function upsertFleet(db: Db, row: { id: string; site_id: string; vehicle_type_id: string; firm_id: string; count: number }) {
  return db.transaction().execute(async (trx) => {
    await trx.insertInto('firms').values({ id: row.firm_id, name: row.firm_id }).onConflict((oc) => oc.column('id').doNothing()).execute();
    const { id: _id, ...update } = row;
    return trx.insertInto('fleets').values(row).onConflict((oc) => oc.column('id').doUpdateSet(update)).returningAll().executeTakeFirstOrThrow();
  });
}

export async function findFleet(db: Db, id: string) {
  return db.selectFrom('fleets').innerJoin('sites', 'sites.id', 'fleets.site_id').selectAll('fleets').select(['sites.county_id']).where('fleets.id', '=', id)
    .executeTakeFirst();
}

export async function findVehicleType(db: Db, id: string) {
  return db.selectFrom('vehicle_types').select('id').where('id', '=', id).executeTakeFirst();
}

export async function listPolicies(db: Db, countyId: string) {
  return db.selectFrom('cost_policies').selectAll().where('county_id', '=', countyId).orderBy('created_at', 'desc').orderBy('version').execute();
}

export async function insertPolicy(db: Db, countyId: string, version: string, document: unknown): Promise<boolean> {
  const r = await db.insertInto('cost_policies').values({ county_id: countyId, version, document: JSON.stringify(document) })
    .onConflict((oc) => oc.columns(['county_id', 'version']).doNothing()).returning('version').executeTakeFirst();
  return r !== undefined;
}

/** The county's newest policy version, if it has set one (else the default in config/ applies). */
export async function findCurrentPolicy(db: Db, countyId: string) {
  return db.selectFrom('cost_policies').selectAll().where('county_id', '=', countyId).orderBy('created_at', 'desc').orderBy('version', 'desc').limit(1)
    .executeTakeFirst();
}

/** The products of the given SKUs (unknown SKUs are simply absent). */
export async function findProductsBySku(db: Db, skus: string[]) {
  if (skus.length === 0) return [];
  return db.selectFrom('products').selectAll().where('sku', 'in', skus).execute();
}
