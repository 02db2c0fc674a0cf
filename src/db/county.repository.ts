import type { Transaction } from 'kysely';
import type { Db } from './connection';
import type { Database } from './database.types';

type TemperatureClass = 'frozen' | 'chilled' | 'cool' | 'ambient';

/** A whole county's master data as the platform (or the fixture generator) provides it. */
export interface CountyData {
  county: { id: string; name: string; timezone: string; lon: number; lat: number };
  firms: { id: string; name: string }[];
  sites: { id: string; name: string; tier: 'hub' | 'station' | 'village'; lon: number; lat: number; parentId: string | null;
    opensAt: string; closesAt: string; handlingMinutes: number; coldCapacityKg: Record<TemperatureClass, number> }[];
  cooperatives: { id: string; name: string; siteId: string; stationId: string; readyAt: string }[];
  farmers: { id: string; name: string; cooperativeId: string }[];
  products: { sku: string; name: string; temperatureClass: TemperatureClass; unitWeightGrams: number; unitVolumeMl: number;
    shelfLifeHours: number; minRemainingHours: number; priceCents: number }[];
  lots: { id: string; cooperativeId: string; farmerId: string; sku: string; grade: number; quantity: number; packedAt: string;
    unitSupplyPriceCents: number }[];
  vehicleTypes: { id: string; name: string; profile: string; compartments: unknown[]; fixedCostCents: number; costPerKmCents: number;
    costPerHourCents: number; reeferCostPerHourCents: number; co2ePerKmGrams: number; reeferUpliftShare: number }[];
  fleets: { id: string; siteId: string; vehicleTypeId: string; count: number; firmId: string }[];
}

async function chunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Removes a county and everything that hangs off it (used to reload a fixture county from scratch). */
export async function deleteCounty(trx: Transaction<Database>, countyId: string): Promise<void> {
  const orderIds = trx.selectFrom('orders').select('id').where('county_id', '=', countyId);
  const planIds = trx.selectFrom('plans').select('id').where('county_id', '=', countyId);
  const coopIds = trx.selectFrom('cooperatives').select('id').where('county_id', '=', countyId);
  const siteIds = trx.selectFrom('sites').select('id').where('county_id', '=', countyId);
  await trx.deleteFrom('cost_splits').where('plan_id', 'in', planIds).execute();
  await trx.deleteFrom('plans').where('county_id', '=', countyId).execute();
  await trx.deleteFrom('allocations').where('order_id', 'in', orderIds).execute();
  await trx.deleteFrom('orders').where('county_id', '=', countyId).execute();
  await trx.deleteFrom('dispatch_waves').where('county_id', '=', countyId).execute();
  await trx.deleteFrom('streams').where('county_id', '=', countyId).execute();
  await trx.deleteFrom('inventory_lots').where('cooperative_id', 'in', coopIds).execute();
  await trx.deleteFrom('farmers').where('cooperative_id', 'in', coopIds).execute();
  await trx.deleteFrom('cooperatives').where('county_id', '=', countyId).execute();
  await trx.deleteFrom('fleets').where('site_id', 'in', siteIds).execute();
  await trx.deleteFrom('road_networks').where('county_id', '=', countyId).execute();
  await trx.updateTable('sites').set({ parent_id: null }).where('county_id', '=', countyId).execute();
  await trx.deleteFrom('sites').where('county_id', '=', countyId).execute();
  await trx.deleteFrom('counties').where('id', '=', countyId).execute();
}

/** Loads a county's master data in one transaction, replacing what the county had. */
export async function replaceCountyData(db: Db, data: CountyData): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteCounty(trx, data.county.id);
    const c = data.county;
    await trx.insertInto('counties').values({ id: c.id, name: c.name, timezone: c.timezone, lon: c.lon, lat: c.lat }).execute();
    for (const f of data.firms) {
      await trx.insertInto('firms').values(f).onConflict((oc) => oc.column('id').doUpdateSet({ name: f.name })).execute();
    }
    // Parents first: hub, then stations, then villages.
    const tierOrder = { hub: 0, station: 1, village: 2 } as const;
    const sites = [...data.sites].sort((a, b) => tierOrder[a.tier] - tierOrder[b.tier]);
    await chunked(sites, 500, (chunk) => trx.insertInto('sites').values(chunk.map((s) => ({
      id: s.id, county_id: c.id, name: s.name, tier: s.tier, lon: s.lon, lat: s.lat, parent_id: s.parentId,
      opens_at: s.opensAt, closes_at: s.closesAt, handling_seconds: Math.round(s.handlingMinutes * 60),
      cold_capacity_frozen_grams: Math.round(s.coldCapacityKg.frozen * 1000),
      cold_capacity_chilled_grams: Math.round(s.coldCapacityKg.chilled * 1000),
      cold_capacity_cool_grams: Math.round(s.coldCapacityKg.cool * 1000),
      cold_capacity_ambient_grams: Math.round(s.coldCapacityKg.ambient * 1000),
    }))).execute());
    for (const p of data.products) {
      const row = { sku: p.sku, name: p.name, temperature_class: p.temperatureClass, unit_weight_grams: p.unitWeightGrams,
        unit_volume_ml: p.unitVolumeMl, shelf_life_hours: p.shelfLifeHours, min_remaining_hours: p.minRemainingHours, price_cents: p.priceCents };
      await trx.insertInto('products').values(row).onConflict((oc) => oc.column('sku').doUpdateSet(row)).execute();
    }
    await chunked(data.cooperatives, 500, (chunk) => trx.insertInto('cooperatives').values(chunk.map((co) => ({
      id: co.id, county_id: c.id, name: co.name, site_id: co.siteId, station_id: co.stationId, ready_at: co.readyAt,
    }))).execute());
    await chunked(data.farmers, 1000, (chunk) => trx.insertInto('farmers').values(chunk.map((f) => ({
      id: f.id, cooperative_id: f.cooperativeId, name: f.name,
    }))).execute());
    await chunked(data.lots, 1000, (chunk) => trx.insertInto('inventory_lots').values(chunk.map((l) => ({
      id: l.id, cooperative_id: l.cooperativeId, farmer_id: l.farmerId, sku: l.sku, grade: l.grade, quantity: l.quantity,
      packed_at: l.packedAt, unit_supply_price_cents: l.unitSupplyPriceCents,
    }))).execute());
    for (const v of data.vehicleTypes) {
      const row = { id: v.id, name: v.name, profile: v.profile, compartments: JSON.stringify(v.compartments), fixed_cost_cents: v.fixedCostCents,
        cost_per_km_cents: v.costPerKmCents, cost_per_hour_cents: v.costPerHourCents, reefer_cost_per_hour_cents: v.reeferCostPerHourCents,
        co2e_per_km_grams: v.co2ePerKmGrams, reefer_uplift_share: v.reeferUpliftShare };
      await trx.insertInto('vehicle_types').values(row).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
    }
    await chunked(data.fleets, 500, (chunk) => trx.insertInto('fleets').values(chunk.map((f) => ({
      id: f.id, site_id: f.siteId, vehicle_type_id: f.vehicleTypeId, firm_id: f.firmId, count: f.count,
    }))).execute());
  });
}

export async function upsertOperator(db: Db, operator: { id: string; name: string }): Promise<void> {
  await db.insertInto('operators').values(operator).onConflict((oc) => oc.column('id').doUpdateSet({ name: operator.name })).execute();
}

export async function upsertStream(db: Db, stream: { id: string; operatorId: string; countyId: string; title: string;
  boundCooperativeIds: string[] | null; startsAt: string }): Promise<void> {
  const row = { id: stream.id, operator_id: stream.operatorId, county_id: stream.countyId, title: stream.title,
    bound_cooperative_ids: stream.boundCooperativeIds, starts_at: stream.startsAt };
  await db.insertInto('streams').values(row).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
}

export async function findCounty(db: Db, countyId: string) {
  return db.selectFrom('counties').selectAll().where('id', '=', countyId).executeTakeFirst();
}

export async function listStreams(db: Db, operatorId: string, page: { limit: number; startingAfter?: string }) {
  let q = db.selectFrom('streams').selectAll().where('operator_id', '=', operatorId).orderBy('id').limit(page.limit + 1);
  if (page.startingAfter) q = q.where('id', '>', page.startingAfter);
  return q.execute();
}

export async function findStream(db: Db, id: string) {
  return db.selectFrom('streams').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function cooperativesExist(db: Db, countyId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('cooperatives').select('id').where('county_id', '=', countyId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}
