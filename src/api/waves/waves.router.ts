import { Router } from 'express';
import type { Db } from '../../db/connection';
import { findCounty } from '../../db/county.repository';
import { createWave, findCostSplit, findPlanDocument, findWave } from '../../db/wave.repository';
import { parseBody } from '../middlewares/validate-body';
import { notFound, HttpProblem } from '../problem';
import { startWaveSchema } from './waves.schema';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createWavesRouter(deps: { db: Db; onOutboxWritten?: () => void }): Router {
  const router = Router();

  router.post('/counties/:countyId/waves', async (req, res) => {
    const county = await findCounty(deps.db, req.params.countyId);
    if (!county) throw notFound(`county '${req.params.countyId}'`);
    const body = parseBody(startWaveSchema, req.body);
    if (body.direction === 'downstream') {
      throw new HttpProblem(422, 'not-supported', 'Not supported yet', 'downstream waves arrive with the three-tier planner',
        [{ pointer: '/direction', detail: "only 'upstream' is supported for now" }]);
    }
    const wave = await createWave(deps.db, { countyId: county.id, cutoffAt: body.cutoffAt, direction: body.direction });
    deps.onOutboxWritten?.();
    const statusUrl = `/v1/waves/${wave.id}`;
    res.status(202).location(statusUrl).json({ id: wave.id, status: wave.status, orderCount: wave.orderCount, statusUrl });
  });

  router.get('/waves/:id', async (req, res) => {
    const found = UUID.test(req.params.id) ? await findWave(deps.db, req.params.id) : undefined;
    if (!found) throw notFound(`wave '${req.params.id}'`);
    const { wave, planId, orderCount } = found;
    res.json({
      id: wave.id, countyId: wave.county_id, status: wave.status, direction: wave.direction, cutoffAt: wave.cutoff_at.toISOString(),
      orderCount, error: wave.error, planId, planUrl: planId ? `/v1/plans/${planId}` : null,
      costSplitUrl: planId && wave.status === 'split' ? `/v1/plans/${planId}/cost-split` : null,
    });
  });

  router.get('/plans/:id', async (req, res) => {
    const plan = UUID.test(req.params.id) ? await findPlanDocument(deps.db, req.params.id) : undefined;
    if (!plan) throw notFound(`plan '${req.params.id}'`);
    res.json({ id: plan.id, waveId: plan.waveId, createdAt: plan.createdAt.toISOString(), ...plan.document });
  });

  router.get('/plans/:id/cost-split', async (req, res) => {
    const split = UUID.test(req.params.id) ? await findCostSplit(deps.db, req.params.id) : undefined;
    if (!split) throw notFound(`cost split of plan '${req.params.id}'`);
    res.json({ planId: req.params.id, ...split });
  });

  return router;
}
