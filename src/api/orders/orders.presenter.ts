import type { StoredOrderRef } from '../../db/order.repository';
import type { findOrderWithDetail } from '../../db/order.repository';

export function presentOrderRef(ref: StoredOrderRef) {
  return { id: ref.id, externalId: ref.externalId, status: ref.status, statusUrl: `/v1/orders/${ref.id}` };
}

type OrderDetail = NonNullable<Awaited<ReturnType<typeof findOrderWithDetail>>>;

export function presentOrder({ order, lines, allocations }: OrderDetail) {
  return {
    id: order.id,
    externalId: order.external_id,
    streamId: order.stream_id,
    status: order.status,
    paidCents: Number(order.paid_cents),
    shipBy: order.ship_by.toISOString(),
    buyer: order.buyer,
    planId: order.plan_id,
    receivedAt: order.received_at.toISOString(),
    statusChangedAt: order.status_changed_at.toISOString(),
    lines: lines.map((l) => ({
      line: l.line_no,
      sku: l.sku,
      quantity: l.quantity,
      minGrade: l.min_grade,
      filledQuantity: l.filled_quantity,
      unfilledReason: l.unfilled_reason,
    })),
    allocations: allocations.map((a) => ({
      id: a.id,
      line: a.line_no,
      lotId: a.lot_id,
      cooperativeId: a.cooperative_id,
      farmerId: a.farmer_id,
      grade: a.grade,
      quantity: a.quantity,
      status: a.status,
      matcher: a.matcher,
    })),
  };
}
