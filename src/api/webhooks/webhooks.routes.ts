import { z } from 'zod';
import type { Db } from '../../db/connection';
import { createSubscription, deleteSubscription, listSubscriptions, WEBHOOK_EVENTS } from '../../db/webhook.repository';
import { pageQueryUuid, uuid } from '../http/common.schema';
import { DEFAULT_PAGE_SIZE, toPage } from '../http/paginate';
import { defineRoute } from '../http/route-definition';
import { notFound } from '../problem';

export const webhookUrl = () => z.string().max(2000, 'must be at most 2000 characters').refine((v) => {
  try {
    const u = new URL(v);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}, 'must be an http(s) URL without credentials');

/** Each client manages its own subscriptions; events reach only the subscriptions of the scope they concern. */
export function webhookRoutes(deps: { db: Db }) {
  const { db } = deps;
  return [
    defineRoute({
      method: 'post', path: '/webhooks', operationId: 'createWebhook', tag: 'webhooks', roles: ['operator', 'logistics', 'platform'],
      summary: 'Subscribe a URL to events; the signing secret is in this answer only',
      body: z.strictObject({ url: webhookUrl(), events: z.array(z.enum(WEBHOOK_EVENTS, { error: `must be one of ${WEBHOOK_EVENTS.join(', ')}` })).min(1).max(10) }),
      responses: { 201: { description: 'Subscribed' } },
      handler: async ({ body, principal }) => {
        const s = await createSubscription(db, { role: principal.role, scopeId: principal.scopeId, url: body.url, events: [...new Set(body.events)] });
        return { status: 201, body: { id: s.id, url: s.url, events: s.events, secret: s.secret, createdAt: s.created_at.toISOString() } };
      },
    }),
    defineRoute({
      method: 'get', path: '/webhooks', operationId: 'listWebhooks', tag: 'webhooks', roles: ['operator', 'logistics', 'platform'],
      summary: 'Your subscriptions', query: z.strictObject(pageQueryUuid), responses: { 200: { description: 'A page of subscriptions' } },
      handler: async ({ query, principal }) => {
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        const rows = await listSubscriptions(db, principal.role, principal.scopeId, { limit, startingAfter: query.starting_after });
        return { status: 200, body: toPage(rows, limit, (s) => s.id, (s) => ({ id: s.id, url: s.url, events: s.events, createdAt: s.created_at.toISOString() })) };
      },
    }),
    defineRoute({
      method: 'delete', path: '/webhooks/:webhookId', operationId: 'deleteWebhook', tag: 'webhooks', roles: ['operator', 'logistics', 'platform'],
      summary: 'Stop a subscription', params: z.strictObject({ webhookId: uuid() }),
      responses: { 204: { description: 'Deleted' }, 404: { description: 'Not one of your subscriptions' } },
      handler: async ({ params, principal }) => {
        if (!(await deleteSubscription(db, params.webhookId, principal.role, principal.scopeId))) throw notFound(`webhook '${params.webhookId}'`);
        return { status: 204 };
      },
    }),
  ];
}

export const webhookPayloads = {
  'order.status': z.object({ type: z.literal('order.status'), timestamp: z.string(), data: z.object({ orderId: z.string(), externalId: z.string(), status: z.string() }) }),
  'plan.ready': z.object({ type: z.literal('plan.ready'), timestamp: z.string(), data: z.object({ planId: z.string(), waveId: z.string(), countyId: z.string(),
    routes: z.number().int(), costCents: z.number().int(), unassigned: z.number().int() }) }),
  'wave.failed': z.object({ type: z.literal('wave.failed'), timestamp: z.string(), data: z.object({ waveId: z.string(), error: z.string() }) }),
};
