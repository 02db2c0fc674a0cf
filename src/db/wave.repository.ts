import { sql, type Transaction } from 'kysely';
import type { PlanDocument } from '../core/plan/plan.types';
import type { WaveInput } from '../core/plan/wave-input.types';
import type { CostSplitDocument } from '../core/cost-split/cost-split.types';
import type { Db } from './connection';
import type { Database } from './database.types';
import { localMidnightUtc } from './local-time';
import { insertOutbox } from './outbox.repository';
import { emitWebhookEvents, type OutgoingEvent } from './webhook.repository';

/**
 * Opens a wave over every matched order of the county not yet in a wave, and queues its planning
 * through the outbox in the same transaction.
 */
export async function createWave(db: Db, input: { countyId: string; cutoffAt: string; direction: 'upstream' | 'downstream' }) {
  return db.transaction().execute(async (trx) => {
    const wave = await trx.insertInto('dispatch_waves')
      .values({ county_id: input.countyId, cutoff_at: input.cutoffAt, direction: input.direction, status: 'queued' })
      .returning(['id', 'status', 'cutoff_at', 'direction', 'created_at'])
      .executeTakeFirstOrThrow();
    const covered = await trx.updateTable('orders')
      .set({ wave_id: wave.id })
      .where('county_id', '=', input.countyId)
      .where('status', 'in', ['matched', 'partially_matched'])
      .where('wave_id', 'is', null)
      .executeTakeFirst();
    await insertOutbox(trx, 'plan-wave', `plan-wave-${wave.id}`, { waveId: wave.id });
    return { ...wave, orderCount: Number(covered.numUpdatedRows) };
  });
}

export async function findWave(db: Db, waveId: string) {
  const wave = await db.selectFrom('dispatch_waves').selectAll().where('id', '=', waveId).executeTakeFirst();
  if (!wave) return undefined;
  const plan = await db.selectFrom('plans').select(['id']).where('wave_id', '=', waveId).executeTakeFirst();
  const orders = await db.selectFrom('orders').select((eb) => eb.fn.countAll<string>().as('n')).where('wave_id', '=', waveId).executeTakeFirstOrThrow();
  return { wave, planId: plan?.id ?? null, orderCount: Number(orders.n) };
}

export async function findStaleWaves(db: Db, staleBefore: Date) {
  const queued = await db.selectFrom('dispatch_waves').select(['id', 'status_changed_at'])
    .where('status', '=', 'queued').where('status_changed_at', '<', staleBefore).orderBy('id').execute();
  const planned = await db.selectFrom('dispatch_waves').innerJoin('plans', 'plans.wave_id', 'dispatch_waves.id')
    .select(['dispatch_waves.id as waveId', 'dispatch_waves.status_changed_at', 'plans.id as planId'])
    .where('dispatch_waves.status', '=', 'planned').where('dispatch_waves.status_changed_at', '<', staleBefore)
    .orderBy('plans.id').execute();
  return {
    queued: queued.map((w) => ({ waveId: w.id, since: w.status_changed_at })),
    plannedWithoutSplit: planned.map((p) => ({ waveId: p.waveId, planId: p.planId, since: p.status_changed_at })),
  };
}

export async function touchWaves(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('dispatch_waves').set({ status_changed_at: sql<Date>`now()` }).where('id', 'in', ids).execute();
}

/** Everything the planner needs for a wave, as the core's plain WaveInput. */
export async function loadWaveInput(db: Db, waveId: string): Promise<WaveInput | undefined> {
  const wave = await db.selectFrom('dispatch_waves').innerJoin('counties', 'counties.id', 'dispatch_waves.county_id')
    .select(['dispatch_waves.id', 'dispatch_waves.county_id', 'dispatch_waves.cutoff_at', 'dispatch_waves.direction', 'counties.timezone'])
    .where('dispatch_waves.id', '=', waveId).executeTakeFirst();
  if (!wave) return undefined;
  const dayStart = localMidnightUtc(wave.cutoff_at, wave.timezone);
  const [sites, cooperatives, rows, vehicleTypes, fleets] = await Promise.all([
    db.selectFrom('sites').selectAll().where('county_id', '=', wave.county_id).orderBy('id').execute(),
    db.selectFrom('cooperatives').selectAll().where('county_id', '=', wave.county_id).orderBy('id').execute(),
    db.selectFrom('allocations')
      .innerJoin('orders', 'orders.id', 'allocations.order_id')
      .innerJoin('inventory_lots as lot', 'lot.id', 'allocations.lot_id')
      .innerJoin('products', 'products.sku', 'lot.sku')
      .select(['allocations.id', 'allocations.order_id', 'allocations.quantity', 'lot.cooperative_id', 'lot.farmer_id', 'lot.sku', 'lot.packed_at',
        'lot.unit_supply_price_cents', 'products.temperature_class', 'products.unit_weight_grams', 'products.unit_volume_ml',
        'products.shelf_life_hours', 'products.min_remaining_hours', 'orders.buyer'])
      .where('orders.wave_id', '=', waveId)
      .where('allocations.status', '=', 'reserved')
      .orderBy('allocations.id')
      .execute(),
    db.selectFrom('vehicle_types').selectAll().orderBy('id').execute(),
    db.selectFrom('fleets').innerJoin('sites', 'sites.id', 'fleets.site_id').selectAll('fleets').where('sites.county_id', '=', wave.county_id).orderBy('fleets.id').execute(),
  ]);
  const hhmm = (t: string) => t.slice(0, 5);
  return {
    countyId: wave.county_id,
    direction: wave.direction,
    cutoffAt: wave.cutoff_at.toISOString(),
    dayStartAt: dayStart.toISOString(),
    sites: sites.map((s) => ({ id: s.id, name: s.name, tier: s.tier, lon: s.lon, lat: s.lat, parentId: s.parent_id,
      opensAt: hhmm(s.opens_at), closesAt: hhmm(s.closes_at), handlingSeconds: s.handling_seconds })),
    cooperatives: cooperatives.map((c) => ({ id: c.id, siteId: c.site_id, stationId: c.station_id, readyAt: hhmm(c.ready_at) })),
    items: rows.map((r) => {
      const buyer = r.buyer as { province?: string };
      // The latest the item may reach the hub and still leave with its minimum remaining shelf life.
      const mustReachHubBy = r.packed_at.getTime() + (r.shelf_life_hours - r.min_remaining_hours) * 3_600_000;
      return {
        allocationId: r.id, orderId: r.order_id, cooperativeId: r.cooperative_id, farmerId: r.farmer_id, sku: r.sku,
        temperatureClass: r.temperature_class, units: r.quantity, grams: r.quantity * r.unit_weight_grams, volumeMl: r.quantity * r.unit_volume_ml,
        salesCents: r.quantity * Number(r.unit_supply_price_cents), destinationProvince: buyer.province ?? 'local',
        maxHoursToHub: Math.max(0, (mustReachHubBy - dayStart.getTime()) / 3_600_000),
      };
    }),
    vehicleTypes: vehicleTypes.map((v) => ({
      id: v.id, name: v.name, profile: v.profile, compartments: v.compartments as WaveInput['vehicleTypes'][number]['compartments'],
      fixedCostCents: Number(v.fixed_cost_cents), costPerKmCents: Number(v.cost_per_km_cents), costPerHourCents: Number(v.cost_per_hour_cents),
      reeferCostPerHourCents: Number(v.reefer_cost_per_hour_cents), co2ePerKmGrams: v.co2e_per_km_grams, reeferUpliftShare: v.reefer_uplift_share,
    })),
    fleets: fleets.map((f) => ({ id: f.id, siteId: f.site_id, vehicleTypeId: f.vehicle_type_id, count: f.count, firmId: f.firm_id })),
  };
}

/**
 * Stores a plan with its routes and stops, moves the wave's served orders to `planned`, and queues the
 * cost split — all in one transaction. A wave that already has a plan is left as it is (idempotent).
 */
export async function savePlan(db: Db, waveId: string, plan: PlanDocument): Promise<{ planId: string; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('plans').select('id').where('wave_id', '=', waveId).executeTakeFirst();
    if (existing) return { planId: existing.id, created: false };
    const saved = await trx.insertInto('plans').values({
      wave_id: waveId, county_id: plan.countyId, planner: plan.planner, distance_source: plan.distanceSource,
      total_cost_cents: plan.totals.cost.totalCents, distance_m: plan.totals.distanceM, duration_s: plan.totals.durationS,
      co2e_grams: plan.totals.co2eGrams, document: JSON.stringify(plan),
    }).returning('id').executeTakeFirstOrThrow();
    for (const route of plan.routes) {
      const r = await trx.insertInto('routes').values({
        plan_id: saved.id, route_no: route.routeNo, tier: route.tier, vehicle_type_id: route.vehicleTypeId, firm_id: route.firmId,
        base_site_id: route.baseSiteId, distance_m: route.distanceM, duration_s: route.durationS, cost_cents: route.cost.totalCents,
        co2e_grams: route.co2eGrams, geometry: JSON.stringify(route.geometry),
      }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('stops').values(route.stops.map((s) => ({
        route_id: r.id, seq: s.seq, site_id: s.siteId, kind: s.kind, arrival_at: s.arrivalAt, departure_at: s.departureAt,
        load_grams_after: s.loadAfter.grams, allocation_ids: JSON.stringify(s.kind === 'end' ? s.dropped : s.pickedUp),
      }))).execute();
    }
    const unassigned = new Set(plan.unassigned.flatMap((u) => u.allocationIds));
    const servedOrders = [...new Set(plan.items.filter((i) => !unassigned.has(i.allocationId)).map((i) => i.orderId))];
    const events: OutgoingEvent[] = [];
    for (let i = 0; i < servedOrders.length; i += 1000) {
      const moved = await trx.updateTable('orders').set({ status: 'planned', plan_id: saved.id, status_changed_at: sql<Date>`now()` })
        .where('id', 'in', servedOrders.slice(i, i + 1000)).returning(['id', 'external_id', 'operator_id']).execute();
      for (const o of moved) events.push({ type: 'order.status', role: 'operator', scopeId: o.operator_id, data: { orderId: o.id, externalId: o.external_id, status: 'planned' } });
    }
    const summary = { planId: saved.id, waveId, countyId: plan.countyId, routes: plan.routes.length, costCents: plan.totals.cost.totalCents,
      unassigned: plan.unassigned.reduce((s, u) => s + u.allocationIds.length, 0) };
    events.push({ type: 'plan.ready', role: 'platform', scopeId: plan.countyId, data: summary });
    for (const firmId of [...new Set(plan.routes.map((r) => r.firmId))].sort()) {
      events.push({ type: 'plan.ready', role: 'logistics', scopeId: firmId, data: { ...summary, routes: plan.routes.filter((r) => r.firmId === firmId).length } });
    }
    await emitWebhookEvents(trx, events);
    await trx.updateTable('dispatch_waves').set({ status: 'planned', status_changed_at: sql<Date>`now()` }).where('id', '=', waveId).execute();
    await insertOutbox(trx, 'split-costs', `split-costs-${saved.id}`, { planId: saved.id });
    return { planId: saved.id, created: true };
  });
}

export async function markWaveFailed(db: Db, waveId: string, error: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const wave = await trx.updateTable('dispatch_waves').set({ status: 'failed', error: error.slice(0, 2000), status_changed_at: sql<Date>`now()` })
      .where('id', '=', waveId).returning(['county_id']).executeTakeFirst();
    if (wave) await emitWebhookEvents(trx, [{ type: 'wave.failed', role: 'platform', scopeId: wave.county_id, data: { waveId, error: error.slice(0, 500) } }]);
  });
}

export async function findPlanDocument(db: Db | Transaction<Database>, planId: string) {
  const row = await db.selectFrom('plans').select(['id', 'wave_id', 'document', 'created_at']).where('id', '=', planId).executeTakeFirst();
  return row ? { id: row.id, waveId: row.wave_id, createdAt: row.created_at, document: row.document as PlanDocument } : undefined;
}

/** Stores a plan's cost split and closes its wave; a plan already split is left as it is. */
export async function saveCostSplit(db: Db, planId: string, split: CostSplitDocument): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx.insertInto('cost_splits').values({
      plan_id: planId, policy_version: split.policyVersion, method: split.method, total_cents: split.totalCents, document: JSON.stringify(split),
    }).onConflict((oc) => oc.column('plan_id').doNothing()).returning('id').executeTakeFirst();
    const plan = await trx.selectFrom('plans').select('wave_id').where('id', '=', planId).executeTakeFirstOrThrow();
    await trx.updateTable('dispatch_waves').set({ status: 'split', status_changed_at: sql<Date>`now()` }).where('id', '=', plan.wave_id).execute();
    return inserted !== undefined;
  });
}

export async function findCostSplit(db: Db, planId: string) {
  const row = await db.selectFrom('cost_splits').select(['document']).where('plan_id', '=', planId).executeTakeFirst();
  return row ? (row.document as CostSplitDocument) : undefined;
}
