import { sql } from 'kysely';
import type { Db } from './connection';

export interface StoredResponse { status: number; headers: Record<string, string>; body: string }

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in_flight' }
  | { kind: 'mismatch' };

/** How long a request may stay in flight before another with the same key may take it over (a crashed API process). */
const ABANDONED_AFTER = '2 minutes';

/**
 * Claims an idempotency key for a request, or says what to do instead: replay the stored answer (same key,
 * same request), 409 (same key still in flight), 422 (same key, another request).
 */
export async function claimIdempotencyKey(db: Db, apiKeyId: string, key: string, requestHash: string, ttlHours: number): Promise<IdempotencyClaim> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('idempotency_keys').where('api_key_id', '=', apiKeyId).where('idempotency_key', '=', key)
      .where((eb) => eb.or([eb('expires_at', '<', sql<Date>`now()`),
        eb.and([eb('state', '=', 'in_flight'), eb('created_at', '<', sql<Date>`now() - ${ABANDONED_AFTER}::interval`)])]))
      .execute();
    const inserted = await trx.insertInto('idempotency_keys')
      .values({ api_key_id: apiKeyId, idempotency_key: key, request_hash: requestHash, state: 'in_flight',
        expires_at: sql<Date>`now() + ${`${ttlHours} hours`}::interval` })
      .onConflict((oc) => oc.columns(['api_key_id', 'idempotency_key']).doNothing())
      .returning('idempotency_key')
      .executeTakeFirst();
    if (inserted) return { kind: 'claimed' };
    const existing = await trx.selectFrom('idempotency_keys').selectAll().where('api_key_id', '=', apiKeyId).where('idempotency_key', '=', key)
      .executeTakeFirstOrThrow();
    if (existing.request_hash !== requestHash) return { kind: 'mismatch' };
    if (existing.state === 'in_flight') return { kind: 'in_flight' };
    return { kind: 'replay', response: { status: existing.response_status!, headers: (existing.response_headers ?? {}) as Record<string, string>,
      body: existing.response_body ?? '' } };
  });
}

export async function completeIdempotencyKey(db: Db, apiKeyId: string, key: string, response: StoredResponse): Promise<void> {
  await db.updateTable('idempotency_keys')
    .set({ state: 'done', response_status: response.status, response_headers: JSON.stringify(response.headers), response_body: response.body })
    .where('api_key_id', '=', apiKeyId).where('idempotency_key', '=', key).execute();
}

/** A request that failed on our side (5xx) releases its key so the client can retry. */
export async function releaseIdempotencyKey(db: Db, apiKeyId: string, key: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('api_key_id', '=', apiKeyId).where('idempotency_key', '=', key).where('state', '=', 'in_flight').execute();
}

/** Forgets idempotency records past their keeping time (the sweeper calls this). */
export async function deleteExpiredIdempotencyKeys(db: Db): Promise<number> {
  const r = await db.deleteFrom('idempotency_keys').where('expires_at', '<', sql<Date>`now()`).executeTakeFirst();
  return Number(r.numDeletedRows);
}
