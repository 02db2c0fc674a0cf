import { sql, type Transaction } from 'kysely';
import type { Database, OrderStatus } from './database.types';
import type { Db } from './connection';
import { emitWebhookEvents } from './webhook.repository';

export interface NewOrder {
  externalId: string;
  paidCents: number;
  shipBy: string;
  buyer: unknown;
  lines: { sku: string; quantity: number; minGrade: number }[];
}

export interface StoredOrderRef { id: string; externalId: string; status: OrderStatus }

export async function findStreamById(db: Db | Transaction<Database>, streamId: string) {
  return db.selectFrom('streams').selectAll().where('id', '=', streamId).executeTakeFirst();
}

export async function findOrdersByExternalIds(trx: Db | Transaction<Database>, operatorId: string, externalIds: string[]): Promise<StoredOrderRef[]> {
  if (externalIds.length === 0) return [];
  const rows = await trx
    .selectFrom('orders')
    .select(['id', 'external_id', 'status'])
    .where('operator_id', '=', operatorId)
    .where('external_id', 'in', externalIds)
    .execute();
  return rows.map((r) => ({ id: r.id, externalId: r.external_id, status: r.status }));
}

/**
 * Inserts the orders that are new; an external id that already exists (even one inserted by a concurrent
 * request a moment ago) is skipped by ON CONFLICT and reported back as a duplicate by the caller.
 */
export async function insertNewOrders(
  trx: Transaction<Database>,
  stream: { id: string; operator_id: string; county_id: string },
  orders: NewOrder[],
): Promise<StoredOrderRef[]> {
  if (orders.length === 0) return [];
  const inserted = await trx
    .insertInto('orders')
    .values(orders.map((o) => ({
      operator_id: stream.operator_id,
      stream_id: stream.id,
      county_id: stream.county_id,
      external_id: o.externalId,
      status: 'received' as const,
      paid_cents: o.paidCents,
      ship_by: o.shipBy,
      buyer: JSON.stringify(o.buyer),
    })))
    .onConflict((oc) => oc.columns(['operator_id', 'external_id']).doNothing())
    .returning(['id', 'external_id', 'status'])
    .execute();
  const idByExternal = new Map(inserted.map((r) => [r.external_id, r.id]));
  const lines = orders.flatMap((o) => {
    const orderId = idByExternal.get(o.externalId);
    if (!orderId) return [];
    return o.lines.map((l, lineNo) => ({ order_id: orderId, line_no: lineNo, sku: l.sku, quantity: l.quantity, min_grade: l.minGrade }));
  });
  if (lines.length > 0) await trx.insertInto('order_lines').values(lines).execute();
  return inserted.map((r) => ({ id: r.id, externalId: r.external_id, status: r.status }));
}

export async function findOrderWithDetail(db: Db, id: string) {
  const order = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!order) return undefined;
  const [lines, allocations] = await Promise.all([
    db.selectFrom('order_lines').selectAll().where('order_id', '=', id).orderBy('line_no').execute(),
    db
      .selectFrom('allocations')
      .innerJoin('inventory_lots', 'inventory_lots.id', 'allocations.lot_id')
      .select(['allocations.id', 'allocations.line_no', 'allocations.lot_id', 'allocations.quantity', 'allocations.status',
        'allocations.matcher', 'inventory_lots.cooperative_id', 'inventory_lots.farmer_id', 'inventory_lots.grade'])
      .where('allocations.order_id', '=', id)
      .orderBy('allocations.line_no')
      .orderBy('allocations.lot_id')
      .execute(),
  ]);
  return { order, lines, allocations };
}

export async function countOrdersByStatus(db: Db, where: { countyId?: string; streamId?: string }): Promise<Record<string, number>> {
  let query = db.selectFrom('orders').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('status');
  if (where.countyId) query = query.where('county_id', '=', where.countyId);
  if (where.streamId) query = query.where('stream_id', '=', where.streamId);
  const rows = await query.execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Orders still `received` whose state has not moved on since `staleBefore`, oldest first. */
export async function findStaleReceivedOrders(db: Db, staleBefore: Date, limit: number) {
  return db
    .selectFrom('orders')
    .select(['id', 'county_id', 'status_changed_at'])
    .where('status', '=', 'received')
    .where('status_changed_at', '<', staleBefore)
    .orderBy('status_changed_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function touchOrders(trx: Db | Transaction<Database>, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('orders').set({ status_changed_at: sql<Date>`now()` }).where('id', 'in', ids).execute();
}

/** Unfilled units per reason, for a stream (the demo's and the operator's summary). */
export async function countUnfilledByReason(db: Db, streamId: string): Promise<Record<string, { lines: number; units: number }>> {
  const rows = await db
    .selectFrom('order_lines')
    .innerJoin('orders', 'orders.id', 'order_lines.order_id')
    .select(['order_lines.unfilled_reason', (eb) => eb.fn.countAll<string>().as('lines'),
      sql<string>`sum(order_lines.quantity - order_lines.filled_quantity)`.as('units')])
    .where('orders.stream_id', '=', streamId)
    .where('order_lines.unfilled_reason', 'is not', null)
    .groupBy('order_lines.unfilled_reason')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.unfilled_reason!, { lines: Number(r.lines), units: Number(r.units) }]));
}

export async function listOrders(db: Db, where: { operatorId?: string; countyId?: string; streamId?: string; status?: OrderStatus },
  page: { limit: number; startingAfter?: string }) {
  let q = db.selectFrom('orders').select(['id', 'external_id', 'stream_id', 'status', 'received_at', 'status_changed_at']).orderBy('id').limit(page.limit + 1);
  if (where.operatorId) q = q.where('operator_id', '=', where.operatorId);
  if (where.countyId) q = q.where('county_id', '=', where.countyId);
  if (where.streamId) q = q.where('stream_id', '=', where.streamId);
  if (where.status) q = q.where('status', '=', where.status);
  if (page.startingAfter) q = q.where('id', '>', page.startingAfter);
  return q.execute();
}

const CANCELLABLE: OrderStatus[] = ['received', 'matched', 'partially_matched', 'unfilled'];

/**
 * Cancels an order that is not yet planned and releases its reservations, in one transaction.
 * Returns the order's status before the call, or undefined if it does not exist.
 */
export async function cancelOrder(db: Db, orderId: string): Promise<{ before: OrderStatus; cancelled: boolean; operatorId: string; externalId: string } | undefined> {
  return db.transaction().execute(async (trx) => {
    const order = await trx.selectFrom('orders').select(['id', 'status', 'operator_id', 'external_id']).where('id', '=', orderId).forUpdate().executeTakeFirst();
    if (!order) return undefined;
    const result = { before: order.status, operatorId: order.operator_id, externalId: order.external_id };
    if (!CANCELLABLE.includes(order.status)) return { ...result, cancelled: false };
    const released = await trx.updateTable('allocations').set({ status: 'released' }).where('order_id', '=', orderId).where('status', '=', 'reserved')
      .returning(['lot_id', 'quantity']).execute();
    const perLot = new Map<string, number>();
    for (const a of released) perLot.set(a.lot_id, (perLot.get(a.lot_id) ?? 0) + a.quantity);
    for (const [lotId, quantity] of [...perLot.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      await trx.updateTable('inventory_lots').set({ reserved: sql<number>`reserved - ${quantity}`, updated_at: sql<Date>`now()` }).where('id', '=', lotId).execute();
    }
    await trx.updateTable('orders').set({ status: 'cancelled', status_changed_at: sql<Date>`now()` }).where('id', '=', orderId).execute();
    await emitWebhookEvents(trx, [{ type: 'order.status', role: 'operator', scopeId: order.operator_id,
      data: { orderId, externalId: order.external_id, status: 'cancelled' } }]);
    return { ...result, cancelled: true };
  });
}
