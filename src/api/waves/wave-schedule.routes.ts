import { z } from 'zod';
import type { Db } from '../../db/connection';
import { findCounty } from '../../db/county.repository';
import { upcomingCutoffs } from '../../db/cutoff-schedule';
import { deleteWaveSchedule, findWaveSchedule, replaceWaveSchedule, type StoredWaveSchedule } from '../../db/wave-schedule.repository';
import { idText } from '../http/common.schema';
import { defineRoute, type Principal } from '../http/route-definition';
import { assertCountyScope } from '../http/scope';
import { notFound } from '../problem';
import { waveScheduleSchema } from './wave-schedule.schema';

function presentSchedule(s: StoredWaveSchedule, now: Date) {
  return {
    countyId: s.countyId, timezone: s.timezone, cutoffs: s.cutoffs, updatedAt: s.updatedAt.toISOString(),
    upcoming: upcomingCutoffs(s, now).map((c) => ({ cutoffAt: c.cutoffAt.toISOString(), direction: c.direction, startsAt: c.startsAt.toISOString() })),
  };
}

async function countyInScope(db: Db, principal: Principal, countyId: string) {
  assertCountyScope(principal, countyId, `county '${countyId}'`);
  const county = await findCounty(db, countyId);
  if (!county) throw notFound(`county '${countyId}'`);
  return county;
}

/** The county's cut-off schedule: the worker's scheduler starts a wave at each cut-off minus its lead. */
export function waveScheduleRoutes(deps: { db: Db }) {
  const params = z.strictObject({ countyId: idText() });
  return [
    defineRoute({
      method: 'put', path: '/counties/:countyId/wave-schedule', operationId: 'putWaveSchedule', tag: 'waves', roles: ['platform'],
      summary: 'Set the county\'s daily cut-offs; each starts an upstream wave its lead time before (exactly once per cut-off)',
      params, body: waveScheduleSchema,
      responses: { 200: { description: 'The schedule as stored, with the next start of each cut-off' }, 404: { description: 'No such county in your scope' } },
      handler: async ({ params, body, principal }) => {
        const county = await countyInScope(deps.db, principal, params.countyId);
        const stored = await replaceWaveSchedule(deps.db, county.id, { timezone: body.timezone ?? county.timezone, cutoffs: body.cutoffs });
        return { status: 200, body: presentSchedule(stored, new Date()) };
      },
    }),
    defineRoute({
      method: 'get', path: '/counties/:countyId/wave-schedule', operationId: 'getWaveSchedule', tag: 'waves', roles: ['platform'],
      summary: 'The county\'s cut-off schedule and the next start of each cut-off', params,
      responses: { 200: { description: 'The schedule' }, 404: { description: 'No such county in your scope, or it has no schedule' } },
      handler: async ({ params, principal }) => {
        await countyInScope(deps.db, principal, params.countyId);
        const stored = await findWaveSchedule(deps.db, params.countyId);
        if (!stored) throw notFound(`wave schedule of county '${params.countyId}'`);
        return { status: 200, body: presentSchedule(stored, new Date()) };
      },
    }),
    defineRoute({
      method: 'delete', path: '/counties/:countyId/wave-schedule', operationId: 'deleteWaveSchedule', tag: 'waves', roles: ['platform'],
      summary: 'Stop scheduled waves for the county (waves already started go on)', params,
      responses: { 204: { description: 'Deleted' }, 404: { description: 'No such county in your scope, or it has no schedule' } },
      handler: async ({ params, principal }) => {
        await countyInScope(deps.db, principal, params.countyId);
        if (!(await deleteWaveSchedule(deps.db, params.countyId))) throw notFound(`wave schedule of county '${params.countyId}'`);
        return { status: 204 };
      },
    }),
  ];
}
