import { z } from 'zod';
import type { Db } from '../../db/connection';
import { createApiKey, findApiKey, listApiKeys, revokeApiKey } from '../../db/api-key.repository';
import { idText, name, pageQueryUuid, uuid } from '../http/common.schema';
import { DEFAULT_PAGE_SIZE, toPage } from '../http/paginate';
import { defineRoute } from '../http/route-definition';
import { assertOwns } from '../http/scope';
import { validationProblem } from '../problem';

type KeyRow = NonNullable<Awaited<ReturnType<typeof findApiKey>>>;
const present = (k: KeyRow) => ({ id: k.id, role: k.role, scopeId: k.scope_id, label: k.label, prefix: k.key_prefix,
  createdAt: k.created_at.toISOString(), revokedAt: k.revoked_at?.toISOString() ?? null });

/**
 * The county platform issues keys: operator keys (scope: an operator id), logistics keys (scope: a firm id)
 * and further platform keys for its own county. Keys are shown once and stored hashed.
 */
export function keyRoutes(deps: { db: Db }) {
  const { db } = deps;
  return [
    defineRoute({
      method: 'post', path: '/api-keys', operationId: 'createApiKey', tag: 'access', roles: ['platform'],
      summary: 'Issue an API key (the key is in this answer only)',
      body: z.strictObject({ role: z.enum(['operator', 'logistics', 'platform'], { error: 'must be operator, logistics or platform' }), scopeId: idText(), label: name() }),
      responses: { 201: { description: 'The new key, shown once' } },
      handler: async ({ body, principal }) => {
        if (body.role === 'platform' && body.scopeId !== principal.scopeId) {
          throw validationProblem([{ pointer: '/scopeId', detail: 'a platform key can only be issued for your own county' }]);
        }
        const created = await createApiKey(db, { role: body.role, scopeId: body.scopeId, label: body.label });
        return { status: 201, headers: { Location: `/v1/api-keys/${created.id}` }, body: { ...present({ ...created, revoked_at: null }), key: created.key } };
      },
    }),
    defineRoute({
      method: 'get', path: '/api-keys', operationId: 'listApiKeys', tag: 'access', roles: ['platform'],
      summary: 'Keys (without their secrets)', query: z.strictObject({ ...pageQueryUuid, role: z.enum(['operator', 'logistics', 'platform']).optional() }),
      responses: { 200: { description: 'A page of keys' } },
      handler: async ({ query }) => {
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        return { status: 200, body: toPage(await listApiKeys(db, { role: query.role }, { limit, startingAfter: query.starting_after }), limit, (k) => k.id, present) };
      },
    }),
    defineRoute({
      method: 'delete', path: '/api-keys/:keyId', operationId: 'revokeApiKey', tag: 'access', roles: ['platform'],
      summary: 'Revoke a key; it is refused from the next request on', params: z.strictObject({ keyId: uuid() }),
      responses: { 200: { description: 'Revoked' }, 404: { description: 'No such key' } },
      handler: async ({ params, principal }) => {
        const key = await findApiKey(db, params.keyId);
        // Platform keys of other counties are not this platform's to see or revoke.
        assertOwns(key !== undefined && (key.role !== 'platform' || key.scope_id === principal.scopeId), `API key '${params.keyId}'`);
        await revokeApiKey(db, params.keyId);
        return { status: 200, body: present((await findApiKey(db, params.keyId))!) };
      },
    }),
  ];
}

