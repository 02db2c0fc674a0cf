import { sql, type Transaction } from 'kysely';
import type { PlanDocument } from '../core/plan/plan.types';
import type { WaveInput } from '../core/plan/wave-input.types';
import type { CostSplitDocument } from '../core/cost-split/cost-split.types';
import type { Db } from './connection';
import type { TemperatureClass } from '../core/plan/plan.types';
import type { Database, WaveDirection, WaveStatus } from './database.types';
import { localMidnightUtc } from './local-time';
import { insertOutbox } from './outbox.repository';
import { emitWebhookEvents, type OutgoingEvent } from './webhook.repository';

export interface NewDelivery {
  reference: string | null;
  /** The destination. */
  cooperativeId: string;
  sku: string | null;
  description: string | null;
  units: number;
  grams: number;
  volumeMl: number;
  temperatureClass: TemperatureClass;
  /** Most hours from leaving the hub to arrival; null: no limit but the wave's deadline. */
  maxTransitHours: number | null;
}

export type NewWave =
  | { countyId: string; cutoffAt: string | Date; direction: 'upstream' }
  | { countyId: string; cutoffAt: string | Date; direction: 'downstream'; releaseAt: string | null; deliveries: NewDelivery[] };

type WaveRow = { id: string; status: WaveStatus; cutoff_at: Date; direction: WaveDirection; created_at: Date };

/**
 * What a wave covers, written with it: upstream, every matched order of the county not yet in a wave;
 * downstream, the delivery items it was started with. Its planning is queued through the outbox.
 */
async function fillWave(trx: Transaction<Database>, wave: WaveRow, input: NewWave) {
  let orderCount = 0;
  let deliveryCount = 0;
  if (input.direction === 'upstream') {
    const covered = await trx.updateTable('orders')
      .set({ wave_id: wave.id })
      .where('county_id', '=', input.countyId)
      .where('status', 'in', ['matched', 'partially_matched'])
      .where('wave_id', 'is', null)
      .executeTakeFirst();
    orderCount = Number(covered.numUpdatedRows);
  } else {
    const rows = input.deliveries.map((d, lineNo) => ({
      wave_id: wave.id, line_no: lineNo, reference: d.reference, cooperative_id: d.cooperativeId, sku: d.sku, description: d.description,
      units: d.units, grams: d.grams, volume_ml: d.volumeMl, temperature_class: d.temperatureClass, max_transit_hours: d.maxTransitHours,
    }));
    for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('wave_deliveries').values(rows.slice(i, i + 1000)).execute();
    deliveryCount = rows.length;
  }
  await insertOutbox(trx, 'plan-wave', `plan-wave-${wave.id}`, { waveId: wave.id });
  return { ...wave, orderCount, deliveryCount };
}

/** Opens a wave started through the API, with what it covers, in one transaction. */
export async function createWave(db: Db, input: NewWave) {
  return db.transaction().execute(async (trx) => {
    const wave = await trx.insertInto('dispatch_waves')
      .values({ county_id: input.countyId, cutoff_at: input.cutoffAt, direction: input.direction, status: 'queued', started_by: 'api',
        release_at: input.direction === 'downstream' ? input.releaseAt : null })
      .returning(['id', 'status', 'cutoff_at', 'direction', 'created_at'])
      .executeTakeFirstOrThrow();
    return fillWave(trx, wave, input);
  });
}

/**
 * Opens the wave of a scheduled cut-off unless one was already opened for it: the partial unique index on
 * (county, cut-off, direction) of scheduled waves makes it once, whichever scheduler gets there first (the
 * loser's insert waits for the winner's commit, then does nothing). Undefined when it already existed.
 */
export async function createScheduledWave(db: Db, input: { countyId: string; cutoffAt: Date; direction: 'upstream' }) {
  return db.transaction().execute(async (trx) => {
    const wave = await trx.insertInto('dispatch_waves')
      .values({ county_id: input.countyId, cutoff_at: input.cutoffAt, direction: input.direction, status: 'queued', started_by: 'schedule' })
      .onConflict((oc) => oc.columns(['county_id', 'cutoff_at', 'direction']).where('started_by', '=', 'schedule').doNothing())
      .returning(['id', 'status', 'cutoff_at', 'direction', 'created_at'])
      .executeTakeFirst();
    return wave ? fillWave(trx, wave, input) : undefined;
  });
}

export async function findWave(db: Db, waveId: string) {
  const wave = await db.selectFrom('dispatch_waves').selectAll().where('id', '=', waveId).executeTakeFirst();
  if (!wave) return undefined;
  const plan = await db.selectFrom('plans').select(['id']).where('wave_id', '=', waveId).executeTakeFirst();
  const [orders, deliveries] = await Promise.all([
    db.selectFrom('orders').select((eb) => eb.fn.countAll<string>().as('n')).where('wave_id', '=', waveId).executeTakeFirstOrThrow(),
    db.selectFrom('wave_deliveries').select((eb) => eb.fn.countAll<string>().as('n')).where('wave_id', '=', waveId).executeTakeFirstOrThrow(),
  ]);
  return { wave, planId: plan?.id ?? null, orderCount: Number(orders.n), deliveryCount: Number(deliveries.n) };
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
    .select(['dispatch_waves.id', 'dispatch_waves.county_id', 'dispatch_waves.cutoff_at', 'dispatch_waves.direction', 'dispatch_waves.release_at', 'counties.timezone'])
    .where('dispatch_waves.id', '=', waveId).executeTakeFirst();
  if (!wave) return undefined;
  const dayStart = localMidnightUtc(wave.cutoff_at, wave.timezone);
  const [sites, cooperatives, rows, deliveries, vehicleTypes, fleets] = await Promise.all([
    db.selectFrom('sites').selectAll().where('county_id', '=', wave.county_id).orderBy('id').execute(),
    db.selectFrom('cooperatives').selectAll().where('county_id', '=', wave.county_id).orderBy('id').execute(),
    wave.direction === 'downstream' ? [] : db.selectFrom('allocations')
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
    wave.direction === 'downstream' ? db.selectFrom('wave_deliveries').selectAll().where('wave_id', '=', waveId).orderBy('line_no').execute() : [],
    db.selectFrom('vehicle_types').selectAll().orderBy('id').execute(),
    db.selectFrom('fleets').innerJoin('sites', 'sites.id', 'fleets.site_id').selectAll('fleets').where('sites.county_id', '=', wave.county_id).orderBy('fleets.id').execute(),
  ]);
  const hhmm = (t: string) => t.slice(0, 5);
  // Downstream: without its own limit an item may travel as long as the wave lasts, which binds nothing.
  const wholeWaveHours = Math.max(0, (wave.cutoff_at.getTime() - dayStart.getTime()) / 3_600_000);
  const deliveryItems: WaveInput['items'] = deliveries.map((d) => ({
    // A delivery item is its own unit of work: it plays the allocation and the order of an upstream item.
    allocationId: d.id, orderId: d.id, cooperativeId: d.cooperative_id, farmerId: '', sku: d.sku ?? '', temperatureClass: d.temperature_class,
    units: d.units, grams: Number(d.grams), volumeMl: Number(d.volume_ml), salesCents: 0, destinationProvince: 'local',
    maxHoursToHub: d.max_transit_hours ?? wholeWaveHours,
  }));
  return {
    countyId: wave.county_id,
    direction: wave.direction,
    cutoffAt: wave.cutoff_at.toISOString(),
    ...(wave.release_at ? { releaseAt: wave.release_at.toISOString() } : {}),
    dayStartAt: dayStart.toISOString(),
    sites: sites.map((s) => ({ id: s.id, name: s.name, tier: s.tier, lon: s.lon, lat: s.lat, parentId: s.parent_id,
      opensAt: hhmm(s.opens_at), closesAt: hhmm(s.closes_at), handlingSeconds: s.handling_seconds })),
    cooperatives: cooperatives.map((c) => ({ id: c.id, siteId: c.site_id, stationId: c.station_id, readyAt: hhmm(c.ready_at) })),
    items: wave.direction === 'downstream' ? deliveryItems : rows.map((r) => {
      const buyer = r.buyer as { province?: string };
      // The latest the item may reach the hub and still leave with its minimum remaining shelf life.
      const mustReachHubBy = r.packed_at.getTime() + (r.shelf_life_hours - r.min_remaining_hours) * 3_600_000;
      return {
        allocationId: r.id, orderId: r.order_id, cooperativeId: r.cooperative_id, farmerId: r.farmer_id, sku: r.sku,
        temperatureClass: r.temperature_class, units: r.quantity, grams: r.quantity * r.unit_weight_grams, volumeMl: r.quantity * r.unit_volume_ml,
        salesCents: r.quantity * Number(r.unit_supply_price_cents), destinationProvince: buyer.province ?? 'local',
        // The limit is absolute (from packing); hours from pickup can only be fewer than the hours from packing.
        maxHoursToHub: Math.max(0, r.shelf_life_hours - r.min_remaining_hours),
        latestAtHubAt: new Date(mustReachHubBy).toISOString(),
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
        load_grams_after: s.loadAfter.grams, // What changes hands there: picked up at a pickup or start, dropped at a delivery or the end.
        allocation_ids: JSON.stringify(s.kind === 'end' || s.kind === 'delivery' ? s.dropped : s.pickedUp),
      }))).execute();
    }
    const unassigned = new Set(plan.unassigned.flatMap((u) => u.allocationIds));
    // Downstream items are delivery items, not livestream orders: no order changes status.
    const servedOrders = plan.direction === 'downstream' ? [] : [...new Set(plan.items.filter((i) => !unassigned.has(i.allocationId)).map((i) => i.orderId))];
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

/** Vehicle type id → road profile, to draw a plan's routes on the roads each vehicle may use. */
export async function vehicleProfiles(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('vehicle_types').select(['id', 'profile']).execute();
  return new Map(rows.map((r) => [r.id, r.profile]));
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

/** A downstream wave's delivery items in the order they were sent; the cursor is the id of the last item seen. */
export async function listWaveDeliveries(db: Db, waveId: string, page: { limit: number; startingAfter?: string }) {
  let q = db.selectFrom('wave_deliveries').selectAll().where('wave_id', '=', waveId).orderBy('line_no').limit(page.limit + 1);
  if (page.startingAfter) {
    const after = page.startingAfter;
    q = q.where('line_no', '>', (eb) => eb.selectFrom('wave_deliveries').select('line_no').where('id', '=', after).where('wave_id', '=', waveId));
  }
  return q.execute();
}
