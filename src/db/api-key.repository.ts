import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './connection';
import type { Role } from './database.types';

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** Creates a key and returns it in clear text: the only time it is ever shown. */
export async function createApiKey(db: Db, input: { role: Role; scopeId: string; label: string }) {
  const key = `ck_${input.role.slice(0, 4)}_${randomBytes(24).toString('base64url')}`;
  const row = await db.insertInto('api_keys')
    .values({ key_hash: hashApiKey(key), key_prefix: key.slice(0, 12), role: input.role, scope_id: input.scopeId, label: input.label })
    .returning(['id', 'role', 'scope_id', 'label', 'key_prefix', 'created_at'])
    .executeTakeFirstOrThrow();
  return { ...row, key };
}

export async function findActiveApiKey(db: Db, key: string) {
  return db.selectFrom('api_keys').select(['id', 'role', 'scope_id']).where('key_hash', '=', hashApiKey(key)).where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function findApiKey(db: Db, id: string) {
  return db.selectFrom('api_keys').select(['id', 'role', 'scope_id', 'label', 'key_prefix', 'created_at', 'revoked_at']).where('id', '=', id)
    .executeTakeFirst();
}

export async function listApiKeys(db: Db, where: { role?: Role; scopeId?: string }, page: { limit: number; startingAfter?: string }) {
  let q = db.selectFrom('api_keys').select(['id', 'role', 'scope_id', 'label', 'key_prefix', 'created_at', 'revoked_at']).orderBy('id').limit(page.limit + 1);
  if (where.role) q = q.where('role', '=', where.role);
  if (where.scopeId) q = q.where('scope_id', '=', where.scopeId);
  if (page.startingAfter) q = q.where('id', '>', page.startingAfter);
  return q.execute();
}

export async function revokeApiKey(db: Db, id: string): Promise<boolean> {
  const r = await db.updateTable('api_keys').set({ revoked_at: sql<Date>`now()` }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
