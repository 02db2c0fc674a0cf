import { sql } from 'kysely';
import type { Db } from './connection';
import type { OrderStatus } from './database.types';
import { emitWebhookEvents, type OutgoingEvent } from './webhook.repository';

export async function listWaves(db: Db, countyId: string, page: { limit: number; startingAfter?: string }) {
  let q = db.selectFrom('dispatch_waves').selectAll().where('county_id', '=', countyId).orderBy('id').limit(page.limit + 1);
  if (page.startingAfter) q = q.where('id', '>', page.startingAfter);
  return q.execute();
}

export async function listPlans(db: Db, where: { countyId?: string; firmId?: string; cutoffFrom?: string; cutoffTo?: string }, page: { limit: number; startingAfter?: string }) {
  let q = db.selectFrom('plans').innerJoin('dispatch_waves', 'dispatch_waves.id', 'plans.wave_id')
    .select(['plans.id', 'plans.wave_id', 'plans.county_id', 'plans.planner', 'plans.total_cost_cents', 'plans.distance_m', 'plans.co2e_grams',
      'plans.created_at', 'dispatch_waves.cutoff_at'])
    .orderBy('plans.id').limit(page.limit + 1);
  if (where.countyId) q = q.where('plans.county_id', '=', where.countyId);
  if (where.firmId) q = q.where((eb) => eb.exists(eb.selectFrom('routes').select('routes.id').whereRef('routes.plan_id', '=', 'plans.id').where('routes.firm_id', '=', where.firmId!)));
  if (where.cutoffFrom) q = q.where('dispatch_waves.cutoff_at', '>=', new Date(where.cutoffFrom));
  if (where.cutoffTo) q = q.where('dispatch_waves.cutoff_at', '<', new Date(where.cutoffTo));
  if (page.startingAfter) q = q.where('plans.id', '>', page.startingAfter);
  return q.execute();
}

export async function findPlanMeta(db: Db, planId: string) {
  return db.selectFrom('plans').select(['id', 'county_id', 'wave_id']).where('id', '=', planId).executeTakeFirst();
}

export async function listPlanRoutes(db: Db, planId: string, firmId?: string) {
  let q = db.selectFrom('routes').selectAll().where('plan_id', '=', planId).orderBy('route_no');
  if (firmId) q = q.where('firm_id', '=', firmId);
  const routes = await q.execute();
  if (routes.length === 0) return [];
  const stops = await db.selectFrom('stops').selectAll().where('route_id', 'in', routes.map((r) => r.id)).orderBy('route_id').orderBy('seq').execute();
  return routes.map((r) => ({ route: r, stops: stops.filter((s) => s.route_id === r.id) }));
}

export async function findRoute(db: Db, routeId: string) {
  const route = await db.selectFrom('routes').innerJoin('plans', 'plans.id', 'routes.plan_id').selectAll('routes').select(['plans.county_id'])
    .where('routes.id', '=', routeId).executeTakeFirst();
  if (!route) return undefined;
  const stops = await db.selectFrom('stops').selectAll().where('route_id', '=', routeId).orderBy('seq').execute();
  return { route, stops };
}

const PROGRESS: OrderStatus[] = ['planned', 'picked_up', 'at_station', 'at_hub', 'handed_over'];

/**
 * Records a stop event a firm reports and moves the affected orders on: picked up at a cooperative, at the
 * station when a village route arrives home, at the hub when a trunk arrives, handed over when delivered
 * there. Status only moves forward. Returns how many orders moved.
 */
export async function recordStopEvent(db: Db, input: { routeId: string; stopSeq: number; kind: 'arrived' | 'picked_up' | 'departed' | 'delivered';
  occurredAt: string; firmId: string }): Promise<{ moved: number; status: OrderStatus | null }> {
  return db.transaction().execute(async (trx) => {
    const route = await trx.selectFrom('routes').select(['id', 'tier']).where('id', '=', input.routeId).executeTakeFirstOrThrow();
    const stop = await trx.selectFrom('stops').selectAll().where('route_id', '=', input.routeId).where('seq', '=', input.stopSeq).executeTakeFirstOrThrow();
    await trx.insertInto('route_events').values({ route_id: input.routeId, stop_seq: input.stopSeq, kind: input.kind, occurred_at: input.occurredAt,
      firm_id: input.firmId }).execute();
    let target: OrderStatus | null = null;
    if (route.tier === 'village' && stop.kind === 'pickup' && input.kind === 'picked_up') target = 'picked_up';
    if (route.tier === 'village' && stop.kind === 'end' && input.kind === 'arrived') target = 'at_station';
    if (route.tier === 'township' && stop.kind === 'end' && input.kind === 'arrived') target = 'at_hub';
    if (route.tier === 'township' && stop.kind === 'end' && input.kind === 'delivered') target = 'handed_over';
    const allocationIds = stop.allocation_ids as unknown as string[];
    if (!target || allocationIds.length === 0) return { moved: 0, status: target };
    const earlier = PROGRESS.slice(0, PROGRESS.indexOf(target));
    const moved = await trx.updateTable('orders').set({ status: target, status_changed_at: sql<Date>`now()` })
      .where('id', 'in', trx.selectFrom('allocations').select('order_id').where('id', 'in', allocationIds))
      .where('status', 'in', earlier)
      .returning(['id', 'external_id', 'operator_id']).execute();
    const events: OutgoingEvent[] = moved.map((o) => ({ type: 'order.status', role: 'operator', scopeId: o.operator_id,
      data: { orderId: o.id, externalId: o.external_id, status: target } }));
    await emitWebhookEvents(trx, events);
    return { moved: moved.length, status: target };
  });
}
