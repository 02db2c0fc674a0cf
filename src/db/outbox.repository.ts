import { sql, type Transaction } from 'kysely';
import type { Database } from './database.types';
import type { Db } from './connection';

export interface OutboxEntry { id: string; queue: string; jobId: string; payload: unknown }

export async function insertOutbox(trx: Transaction<Database> | Db, queue: string, jobId: string, payload: unknown): Promise<void> {
  await trx.insertInto('outbox').values({ queue, job_id: jobId, payload: JSON.stringify(payload) }).execute();
}

/** Locks up to `limit` unrelayed rows; SKIP LOCKED lets several relays run side by side. */
export async function claimPendingOutbox(trx: Transaction<Database>, limit: number): Promise<OutboxEntry[]> {
  const rows = await trx
    .selectFrom('outbox')
    .select(['id', 'queue', 'job_id', 'payload'])
    .where('relayed_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((r) => ({ id: r.id, queue: r.queue, jobId: r.job_id, payload: r.payload }));
}

export async function markOutboxRelayed(trx: Transaction<Database>, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('outbox').set({ relayed_at: sql<Date>`now()` }).where('id', 'in', ids).execute();
}

export async function countPendingOutbox(db: Db): Promise<number> {
  const row = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n')).where('relayed_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}
