import { Router } from 'express';
import type { Db } from '../../db/connection';
import { findOrdersByExternalIds, findOrderWithDetail, findStreamById, insertNewOrders } from '../../db/order.repository';
import { insertOutbox } from '../../db/outbox.repository';
import { jobIdFor } from '../../queue/queue-names';
import { parseBody } from '../middlewares/validate-body';
import { notFound, validationProblem } from '../problem';
import { presentOrder, presentOrderRef } from './orders.presenter';
import { createSubmitOrdersSchema } from './orders.schema';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createOrdersRouter(deps: { db: Db; maxOrdersPerBatch: number; onOutboxWritten?: () => void }): Router {
  const router = Router();
  const submitSchema = createSubmitOrdersSchema(deps.maxOrdersPerBatch);

  router.post('/', async (req, res) => {
    const body = parseBody(submitSchema, req.body);
    const result = await deps.db.transaction().execute(async (trx) => {
      const stream = await findStreamById(trx, body.streamId);
      if (!stream) throw validationProblem([{ pointer: '/streamId', detail: `unknown stream '${body.streamId}'` }]);
      const externalIds = body.orders.map((o) => o.externalId);
      const existing = await findOrdersByExternalIds(trx, stream.operator_id, externalIds);
      const existingIds = new Set(existing.map((e) => e.externalId));
      const fresh = body.orders.filter((o) => !existingIds.has(o.externalId));
      const accepted = await insertNewOrders(trx, stream, fresh);
      // A concurrent request may have inserted some of `fresh` first: those are duplicates too.
      const acceptedIds = new Set(accepted.map((a) => a.externalId));
      const raced = fresh.filter((o) => !acceptedIds.has(o.externalId)).map((o) => o.externalId);
      const duplicates = existing.concat(await findOrdersByExternalIds(trx, stream.operator_id, raced));
      if (accepted.length > 0) {
        await insertOutbox(trx, 'match-orders', jobIdFor('match-orders', accepted[0]!.id), {
          countyId: stream.county_id,
          orderIds: accepted.map((a) => a.id),
        });
      }
      return { accepted, duplicates };
    });
    if (result.accepted.length > 0) deps.onOutboxWritten?.();
    const order = new Map(body.orders.map((o, i) => [o.externalId, i]));
    const byInput = <T extends { externalId: string }>(a: T, b: T) => order.get(a.externalId)! - order.get(b.externalId)!;
    res.status(202).json({
      accepted: result.accepted.sort(byInput).map(presentOrderRef),
      duplicates: result.duplicates.sort(byInput).map(presentOrderRef),
    });
  });

  router.get('/:id', async (req, res) => {
    if (!UUID.test(req.params.id)) throw notFound(`order '${req.params.id}'`);
    const detail = await findOrderWithDetail(deps.db, req.params.id);
    if (!detail) throw notFound(`order '${req.params.id}'`);
    res.json(presentOrder(detail));
  });

  return router;
}
