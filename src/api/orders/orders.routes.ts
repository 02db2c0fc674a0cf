import { z } from 'zod';
import type { Db } from '../../db/connection';
import {
  cancelOrder, findOrdersByExternalIds, findOrderWithDetail, findStreamById, insertNewOrders, listOrders,
} from '../../db/order.repository';
import { insertOutbox } from '../../db/outbox.repository';
import { jobIdFor } from '../../queue/queue-names';
import { pageQueryUuid, uuid, idText } from '../http/common.schema';
import { DEFAULT_PAGE_SIZE, toPage } from '../http/paginate';
import { defineRoute } from '../http/route-definition';
import { assertOwns } from '../http/scope';
import { conflict, notFound, validationProblem } from '../problem';
import { presentOrder, presentOrderRef } from './orders.presenter';
import { createSubmitOrdersSchema } from './orders.schema';

const ORDER_STATUSES = ['received', 'matched', 'partially_matched', 'unfilled', 'planned', 'picked_up', 'at_station', 'at_hub', 'handed_over', 'cancelled'] as const;
const orderRef = z.object({ id: z.string(), externalId: z.string(), status: z.enum(ORDER_STATUSES), statusUrl: z.string() });

export function orderRoutes(deps: { db: Db; maxOrdersPerBatch: number; onOutboxWritten?: () => void }) {
  const orderParams = z.strictObject({ orderId: uuid() });
  return [
    defineRoute({
      method: 'post', path: '/orders', operationId: 'submitOrders', tag: 'orders', roles: ['operator'],
      summary: 'Submit a batch of orders for one of your streams',
      description: 'Validated whole: one invalid order → 422 and nothing stored. Answers 202 once every order is durably stored; ' +
        'an external id already accepted comes back under `duplicates`, not stored twice.',
      body: createSubmitOrdersSchema(deps.maxOrdersPerBatch),
      responses: { 202: { description: 'Stored; matching is queued', schema: z.object({ accepted: z.array(orderRef), duplicates: z.array(orderRef) }) } },
      handler: async ({ body, principal }) => {
        const result = await deps.db.transaction().execute(async (trx) => {
          const stream = await findStreamById(trx, body.streamId);
          // Another operator's stream is as unknown to this key as a stream that does not exist.
          if (!stream || stream.operator_id !== principal.scopeId) {
            throw validationProblem([{ pointer: '/streamId', detail: `unknown stream '${body.streamId}'` }]);
          }
          const existing = await findOrdersByExternalIds(trx, stream.operator_id, body.orders.map((o) => o.externalId));
          const existingIds = new Set(existing.map((e) => e.externalId));
          const fresh = body.orders.filter((o) => !existingIds.has(o.externalId));
          const accepted = await insertNewOrders(trx, stream, fresh);
          // A concurrent request may have inserted some of `fresh` first: those are duplicates too.
          const acceptedIds = new Set(accepted.map((a) => a.externalId));
          const raced = fresh.filter((o) => !acceptedIds.has(o.externalId)).map((o) => o.externalId);
          const duplicates = existing.concat(await findOrdersByExternalIds(trx, stream.operator_id, raced));
          if (accepted.length > 0) {
            await insertOutbox(trx, 'match-orders', jobIdFor('match-orders', accepted[0]!.id), { countyId: stream.county_id, orderIds: accepted.map((a) => a.id) });
          }
          return { accepted, duplicates };
        });
        if (result.accepted.length > 0) deps.onOutboxWritten?.();
        const position = new Map(body.orders.map((o, i) => [o.externalId, i]));
        const byInput = <T extends { externalId: string }>(a: T, b: T) => position.get(a.externalId)! - position.get(b.externalId)!;
        return { status: 202, headers: { Location: `/v1/orders?streamId=${encodeURIComponent(body.streamId)}` }, body: { accepted: result.accepted.sort(byInput).map(presentOrderRef), duplicates: result.duplicates.sort(byInput).map(presentOrderRef) } };
      },
    }),
    defineRoute({
      method: 'get', path: '/orders', operationId: 'listOrders', tag: 'orders', roles: ['operator', 'platform'],
      summary: 'List orders (an operator sees its own; the platform its county\'s), filtered by stream and status',
      query: z.strictObject({ ...pageQueryUuid, streamId: idText().optional(), status: z.enum(ORDER_STATUSES).optional() }),
      responses: { 200: { description: 'A page of orders' } },
      handler: async ({ query, principal }) => {
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        const rows = await listOrders(deps.db, {
          ...(principal.role === 'operator' ? { operatorId: principal.scopeId } : { countyId: principal.scopeId }),
          streamId: query.streamId, status: query.status,
        }, { limit, startingAfter: query.starting_after });
        return { status: 200, body: toPage(rows, limit, (r) => r.id, (r) => ({ id: r.id, externalId: r.external_id, streamId: r.stream_id, status: r.status,
          receivedAt: r.received_at.toISOString(), statusChangedAt: r.status_changed_at.toISOString(), statusUrl: `/v1/orders/${r.id}` })) };
      },
    }),
    defineRoute({
      method: 'get', path: '/orders/:orderId', operationId: 'getOrder', tag: 'orders', roles: ['operator', 'platform'],
      summary: 'An order with its lines, status and allocations', params: orderParams,
      responses: { 200: { description: 'The order' }, 404: { description: 'No such order in your scope' } },
      handler: async ({ params, principal }) => {
        const detail = await findOrderWithDetail(deps.db, params.orderId);
        if (!detail) throw notFound(`order '${params.orderId}'`);
        assertOwns(principal.role === 'operator' ? detail.order.operator_id === principal.scopeId : detail.order.county_id === principal.scopeId,
          `order '${params.orderId}'`);
        return { status: 200, body: presentOrder(detail) };
      },
    }),
    defineRoute({
      method: 'post', path: '/orders/:orderId/cancel', operationId: 'cancelOrder', tag: 'orders', roles: ['operator'],
      summary: 'Cancel an order that is not yet planned; its reserved stock is released', params: orderParams,
      responses: { 200: { description: 'Cancelled (or already cancelled)' }, 404: { description: 'No such order' }, 409: { description: 'Already planned' } },
      handler: async ({ params, principal }) => {
        const detail = await findOrderWithDetail(deps.db, params.orderId);
        assertOwns(detail !== undefined && detail.order.operator_id === principal.scopeId, `order '${params.orderId}'`);
        const outcome = await cancelOrder(deps.db, params.orderId);
        if (!outcome) throw notFound(`order '${params.orderId}'`);
        if (!outcome.cancelled && outcome.before !== 'cancelled') throw conflict(`order '${params.orderId}' is ${outcome.before} and can no longer be cancelled`);
        if (outcome.cancelled) deps.onOutboxWritten?.();
        return { status: 200, body: presentOrder((await findOrderWithDetail(deps.db, params.orderId))!) };
      },
    }),
  ];
}
