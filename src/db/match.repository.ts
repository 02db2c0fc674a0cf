import { sql, type Transaction } from 'kysely';
import type { Db } from './connection';
import type { Database, OrderStatus } from './database.types';

export interface ClaimedOrder {
  id: string;
  operatorId: string;
  externalId: string;
  streamBoundCooperatives: string[] | null;
  streamStartsAt: Date;
  timezone: string;
  lines: { lineNo: number; sku: string; quantity: number; minGrade: number }[];
}

/**
 * Locks the given orders that are still `received`. SKIP LOCKED: an order another worker is matching
 * right now is left to that worker, so no order is matched twice.
 */
export async function claimReceivedOrders(trx: Transaction<Database>, orderIds: string[]): Promise<ClaimedOrder[]> {
  if (orderIds.length === 0) return [];
  const orders = await trx
    .selectFrom('orders')
    .innerJoin('streams', 'streams.id', 'orders.stream_id')
    .innerJoin('counties', 'counties.id', 'streams.county_id')
    .select(['orders.id', 'orders.operator_id', 'orders.external_id', 'streams.bound_cooperative_ids', 'streams.starts_at', 'counties.timezone'])
    .where('orders.id', 'in', orderIds)
    .where('orders.status', '=', 'received')
    .orderBy('orders.id')
    .forUpdate('orders')
    .skipLocked()
    .execute();
  if (orders.length === 0) return [];
  const lines = await trx.selectFrom('order_lines').selectAll().where('order_id', 'in', orders.map((o) => o.id)).orderBy('order_id').orderBy('line_no').execute();
  const byOrder = new Map<string, ClaimedOrder['lines']>();
  for (const l of lines) byOrder.set(l.order_id, [...(byOrder.get(l.order_id) ?? []), { lineNo: l.line_no, sku: l.sku, quantity: l.quantity, minGrade: l.min_grade }]);
  return orders.map((o) => ({ id: o.id, operatorId: o.operator_id, externalId: o.external_id, streamBoundCooperatives: o.bound_cooperative_ids, streamStartsAt: o.starts_at, timezone: o.timezone, lines: byOrder.get(o.id) ?? [] }));
}

/** Lots of the county with free units for the given SKUs (a snapshot; the CHECK constraint guards the write). */
export async function findFreeLots(trx: Transaction<Database>, countyId: string, skus: string[]) {
  if (skus.length === 0) return [];
  return trx
    .selectFrom('inventory_lots')
    .innerJoin('cooperatives', 'cooperatives.id', 'inventory_lots.cooperative_id')
    .select(['inventory_lots.id', 'inventory_lots.cooperative_id', 'inventory_lots.farmer_id', 'inventory_lots.sku', 'inventory_lots.grade',
      'inventory_lots.packed_at', sql<number>`inventory_lots.quantity - inventory_lots.reserved`.as('free')])
    .where('cooperatives.county_id', '=', countyId)
    .where('inventory_lots.sku', 'in', skus)
    .where(sql<boolean>`inventory_lots.quantity > inventory_lots.reserved`)
    .orderBy('inventory_lots.id')
    .execute();
}

export interface MatchWrite {
  allocations: { orderId: string; lineNo: number; lotId: string; quantity: number }[];
  lines: { orderId: string; lineNo: number; filled: number; unfilledReason: string | null }[];
  statuses: { orderId: string; status: OrderStatus }[];
  matcher: string;
}

/** Reserves stock and records the match. Throws a 23514 check violation if another worker took the stock first. */
export async function applyMatch(trx: Transaction<Database>, write: MatchWrite): Promise<void> {
  const perLot = new Map<string, number>();
  for (const a of write.allocations) perLot.set(a.lotId, (perLot.get(a.lotId) ?? 0) + a.quantity);
  // Sorted updates: two workers lock lots in the same order, so they cannot deadlock.
  for (const [lotId, quantity] of [...perLot.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    await trx.updateTable('inventory_lots')
      .set({ reserved: sql<number>`reserved + ${quantity}`, updated_at: sql<Date>`now()` })
      .where('id', '=', lotId)
      .execute();
  }
  for (let i = 0; i < write.allocations.length; i += 1000) {
    await trx.insertInto('allocations').values(write.allocations.slice(i, i + 1000).map((a) => ({
      order_id: a.orderId, line_no: a.lineNo, lot_id: a.lotId, quantity: a.quantity, matcher: write.matcher,
    }))).execute();
  }
  if (write.lines.length > 0) {
    const values = sql.join(write.lines.map((l) => sql`(${l.orderId}::uuid, ${l.lineNo}::int, ${l.filled}::int, ${l.unfilledReason}::text)`));
    await sql`update order_lines as ol set filled_quantity = v.filled, unfilled_reason = v.reason
      from (values ${values}) as v(order_id, line_no, filled, reason)
      where ol.order_id = v.order_id and ol.line_no = v.line_no`.execute(trx);
  }
  const byStatus = new Map<OrderStatus, string[]>();
  for (const s of write.statuses) byStatus.set(s.status, [...(byStatus.get(s.status) ?? []), s.orderId]);
  for (const [status, ids] of byStatus) {
    await trx.updateTable('orders').set({ status, status_changed_at: sql<Date>`now()` }).where('id', 'in', ids).execute();
  }
}

export async function loadProducts(trx: Transaction<Database>, skus: string[]) {
  if (skus.length === 0) return [];
  return trx.selectFrom('products').selectAll().where('sku', 'in', skus).execute();
}

/** Where each cooperative of the county ships from: its village, its station, and the station's hub. */
export async function loadCooperativeGeography(trx: Transaction<Database> | Db, countyId: string) {
  return trx
    .selectFrom('cooperatives')
    .innerJoin('sites as village', 'village.id', 'cooperatives.site_id')
    .innerJoin('sites as station', 'station.id', 'cooperatives.station_id')
    .leftJoin('sites as hub', 'hub.id', 'station.parent_id')
    .select(['cooperatives.id', 'cooperatives.station_id as stationId', 'station.parent_id as hubId', 'village.lon as villageLon', 'village.lat as villageLat', 'station.lon as stationLon', 'station.lat as stationLat',
      'hub.lon as hubLon', 'hub.lat as hubLat'])
    .where('cooperatives.county_id', '=', countyId)
    .orderBy('cooperatives.id')
    .execute();
}

/** Per site, the per-km cost and total kg capacity of each vehicle type based there. */
export async function loadFleetCapacities(trx: Transaction<Database> | Db, countyId: string) {
  return trx
    .selectFrom('fleets')
    .innerJoin('sites', 'sites.id', 'fleets.site_id')
    .innerJoin('vehicle_types', 'vehicle_types.id', 'fleets.vehicle_type_id')
    .select(['fleets.site_id', 'vehicle_types.id as vehicleTypeId', 'vehicle_types.profile', 'vehicle_types.cost_per_km_cents', 'vehicle_types.compartments'])
    .where('sites.county_id', '=', countyId)
    .where('fleets.count', '>', 0)
    .orderBy('fleets.id')
    .execute();
}
