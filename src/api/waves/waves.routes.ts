import { z } from 'zod';
import type { Db } from '../../db/connection';
import { findCounty } from '../../db/county.repository';
import { listWaves } from '../../db/plan.repository';
import { createWave, findWave } from '../../db/wave.repository';
import { idText, pageQueryUuid, uuid } from '../http/common.schema';
import { DEFAULT_PAGE_SIZE, toPage } from '../http/paginate';
import { defineRoute } from '../http/route-definition';
import { assertCountyScope, assertOwns } from '../http/scope';
import { HttpProblem, notFound } from '../problem';
import { startWaveSchema } from './waves.schema';

function presentWave(found: NonNullable<Awaited<ReturnType<typeof findWave>>>) {
  const { wave, planId, orderCount } = found;
  return {
    id: wave.id, countyId: wave.county_id, status: wave.status, direction: wave.direction, cutoffAt: wave.cutoff_at.toISOString(),
    orderCount, error: wave.error, planId, planUrl: planId ? `/v1/plans/${planId}` : null,
    costSplitUrl: planId && wave.status === 'split' ? `/v1/plans/${planId}/cost-split` : null,
    createdAt: wave.created_at.toISOString(), statusChangedAt: wave.status_changed_at.toISOString(),
  };
}

export function waveRoutes(deps: { db: Db; onOutboxWritten?: () => void }) {
  const countyParams = z.strictObject({ countyId: idText() });
  return [
    defineRoute({
      method: 'post', path: '/counties/:countyId/waves', operationId: 'startWave', tag: 'waves', roles: ['platform'],
      summary: 'Start a dispatch wave over every matched order of the county not yet in a wave',
      params: countyParams, body: startWaveSchema,
      responses: { 202: { description: 'Queued; follow Location' }, 404: { description: 'No such county in your scope' } },
      handler: async ({ params, body, principal }) => {
        assertCountyScope(principal, params.countyId, `county '${params.countyId}'`);
        const county = await findCounty(deps.db, params.countyId);
        if (!county) throw notFound(`county '${params.countyId}'`);
        if (body.direction === 'downstream') {
          throw new HttpProblem(422, 'not-supported', 'Not supported yet', 'downstream waves arrive with the three-tier planner',
            [{ pointer: '/direction', detail: "only 'upstream' is supported for now" }]);
        }
        const wave = await createWave(deps.db, { countyId: county.id, cutoffAt: body.cutoffAt, direction: body.direction });
        deps.onOutboxWritten?.();
        const statusUrl = `/v1/waves/${wave.id}`;
        return { status: 202, headers: { Location: statusUrl }, body: { id: wave.id, status: wave.status, orderCount: wave.orderCount, statusUrl } };
      },
    }),
    defineRoute({
      method: 'get', path: '/counties/:countyId/waves', operationId: 'listWaves', tag: 'waves', roles: ['platform'],
      summary: 'The county\'s waves', params: countyParams, query: z.strictObject(pageQueryUuid),
      responses: { 200: { description: 'A page of waves' } },
      handler: async ({ params, query, principal }) => {
        assertCountyScope(principal, params.countyId, `county '${params.countyId}'`);
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        const rows = await listWaves(deps.db, params.countyId, { limit, startingAfter: query.starting_after });
        return { status: 200, body: toPage(rows, limit, (w) => w.id, (w) => ({ id: w.id, status: w.status, direction: w.direction,
          cutoffAt: w.cutoff_at.toISOString(), statusUrl: `/v1/waves/${w.id}` })) };
      },
    }),
    defineRoute({
      method: 'get', path: '/waves/:waveId', operationId: 'getWave', tag: 'waves', roles: ['platform'],
      summary: 'A wave\'s status, with links to its plan and cost split when ready', params: z.strictObject({ waveId: uuid() }),
      responses: { 200: { description: 'The wave' }, 404: { description: 'No such wave in your scope' } },
      handler: async ({ params, principal }) => {
        const found = await findWave(deps.db, params.waveId);
        assertOwns(found !== undefined && found.wave.county_id === principal.scopeId, `wave '${params.waveId}'`);
        return { status: 200, body: presentWave(found!) };
      },
    }),
  ];
}
