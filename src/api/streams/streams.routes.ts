import { z } from 'zod';
import type { Db } from '../../db/connection';
import { cooperativesExist, findCounty, findStream, listStreams, upsertOperator, upsertStream } from '../../db/county.repository';
import { idText, isoDateTime, name, pageQuery } from '../http/common.schema';
import { DEFAULT_PAGE_SIZE, toPage } from '../http/paginate';
import { defineRoute } from '../http/route-definition';
import { assertOwns } from '../http/scope';
import { conflict, validationProblem } from '../problem';

type StreamRow = NonNullable<Awaited<ReturnType<typeof findStream>>>;
const present = (s: StreamRow) => ({ id: s.id, countyId: s.county_id, title: s.title, boundCooperativeIds: s.bound_cooperative_ids,
  startsAt: s.starts_at.toISOString(), ordersUrl: `/v1/orders?streamId=${encodeURIComponent(s.id)}` });

export function streamRoutes(deps: { db: Db }) {
  const { db } = deps;
  return [
    defineRoute({
      method: 'post', path: '/streams', operationId: 'createStream', tag: 'streams', roles: ['operator'],
      summary: 'Open a live stream selling a county\'s products (optionally bound to some cooperatives)',
      body: z.strictObject({
        id: idText(), countyId: idText(), title: name(), startsAt: isoDateTime(),
        boundCooperativeIds: z.array(idText()).min(1, 'must name at least one cooperative, or be left out').max(200).optional(),
      }),
      responses: { 201: { description: 'Created' }, 409: { description: 'The id is taken' } },
      handler: async ({ body, principal }) => {
        const existing = await findStream(db, body.id);
        if (existing) throw conflict(`stream id '${body.id}' is taken`);
        const errors = [];
        if (!(await findCounty(db, body.countyId))) errors.push({ pointer: '/countyId', detail: `unknown county '${body.countyId}'` });
        else if (body.boundCooperativeIds) {
          const known = await cooperativesExist(db, body.countyId, body.boundCooperativeIds);
          body.boundCooperativeIds.forEach((id, i) => { if (!known.has(id)) errors.push({ pointer: `/boundCooperativeIds/${i}`, detail: `unknown cooperative '${id}'` }); });
        }
        if (errors.length > 0) throw validationProblem(errors);
        await upsertOperator(db, { id: principal.scopeId, name: principal.scopeId });
        await upsertStream(db, { id: body.id, operatorId: principal.scopeId, countyId: body.countyId, title: body.title,
          boundCooperativeIds: body.boundCooperativeIds ?? null, startsAt: body.startsAt });
        return { status: 201, headers: { Location: `/v1/streams/${body.id}` }, body: present((await findStream(db, body.id))!) };
      },
    }),
    defineRoute({
      method: 'get', path: '/streams', operationId: 'listStreams', tag: 'streams', roles: ['operator'],
      summary: 'Your streams', query: z.strictObject(pageQuery), responses: { 200: { description: 'A page of streams' } },
      handler: async ({ query, principal }) => {
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        return { status: 200, body: toPage(await listStreams(db, principal.scopeId, { limit, startingAfter: query.starting_after }), limit, (s) => s.id, present) };
      },
    }),
    defineRoute({
      method: 'get', path: '/streams/:streamId', operationId: 'getStream', tag: 'streams', roles: ['operator'],
      summary: 'One of your streams', params: z.strictObject({ streamId: idText() }),
      responses: { 200: { description: 'The stream' }, 404: { description: 'Not one of your streams' } },
      handler: async ({ params, principal }) => {
        const s = await findStream(db, params.streamId);
        assertOwns(s !== undefined && s.operator_id === principal.scopeId, `stream '${params.streamId}'`);
        return { status: 200, body: present(s!) };
      },
    }),
  ];
}
