import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Db } from './connection';
import type { Database, Role } from './database.types';

export const WEBHOOK_EVENTS = ['order.status', 'plan.ready', 'wave.failed', 'excursion'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface OutgoingEvent { type: WebhookEvent; role: Role; scopeId: string; data: unknown }

export async function createSubscription(db: Db, input: { role: Role; scopeId: string; url: string; events: string[] }) {
  // Standard Webhooks secret: whsec_ + base64 of 32 random bytes; the signing key is the decoded bytes.
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  return db.insertInto('webhook_subscriptions').values({ role: input.role, scope_id: input.scopeId, url: input.url, secret, events: input.events })
    .returning(['id', 'url', 'events', 'secret', 'created_at']).executeTakeFirstOrThrow();
}

export async function listSubscriptions(db: Db, role: Role, scopeId: string, page: { limit: number; startingAfter?: string }) {
  let q = db.selectFrom('webhook_subscriptions').select(['id', 'url', 'events', 'created_at']).where('role', '=', role).where('scope_id', '=', scopeId)
    .where('deleted_at', 'is', null).orderBy('id').limit(page.limit + 1);
  if (page.startingAfter) q = q.where('id', '>', page.startingAfter);
  return q.execute();
}

export async function deleteSubscription(db: Db, id: string, role: Role, scopeId: string): Promise<boolean> {
  const r = await db.updateTable('webhook_subscriptions').set({ deleted_at: sql<Date>`now()` }).where('id', '=', id).where('role', '=', role)
    .where('scope_id', '=', scopeId).where('deleted_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Records events for every subscriber that asked for them, in the caller's transaction, and queues their
 * delivery through the outbox: an event exists exactly when the state change it announces does.
 */
export async function emitWebhookEvents(trx: Transaction<Database>, events: OutgoingEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const scopes = [...new Set(events.map((e) => `${e.role}|${e.scopeId}`))];
  const subscriptions = await trx.selectFrom('webhook_subscriptions').select(['id', 'role', 'scope_id', 'events'])
    .where('deleted_at', 'is', null)
    .where(sql<boolean>`(role || '|' || scope_id) = any(${sql.val(scopes)}::text[])`)
    .execute();
  if (subscriptions.length === 0) return 0;
  const rows: { subscription_id: string; event_type: string; payload: string }[] = [];
  const timestamp = new Date().toISOString();
  for (const event of events) {
    for (const s of subscriptions) {
      if (s.role !== event.role || s.scope_id !== event.scopeId || !s.events.includes(event.type)) continue;
      rows.push({ subscription_id: s.id, event_type: event.type, payload: JSON.stringify({ type: event.type, timestamp, data: event.data }) });
    }
  }
  for (let i = 0; i < rows.length; i += 1000) {
    const inserted = await trx.insertInto('webhook_deliveries').values(rows.slice(i, i + 1000)).returning('id').execute();
    await trx.insertInto('outbox').values(inserted.map((d) => ({ queue: 'deliver-webhook', job_id: `deliver-webhook-${d.id}`,
      payload: JSON.stringify({ deliveryId: d.id }) }))).execute();
  }
  return rows.length;
}

export async function findDelivery(db: Db, id: string) {
  return db.selectFrom('webhook_deliveries').innerJoin('webhook_subscriptions', 'webhook_subscriptions.id', 'webhook_deliveries.subscription_id')
    .select(['webhook_deliveries.id', 'webhook_deliveries.status', 'webhook_deliveries.payload', 'webhook_deliveries.event_type',
      'webhook_subscriptions.url', 'webhook_subscriptions.secret', 'webhook_subscriptions.deleted_at'])
    .where('webhook_deliveries.id', '=', id).executeTakeFirst();
}

export async function recordDeliveryAttempt(db: Db, id: string, outcome: { delivered: boolean; responseStatus: number | null; final: boolean }) {
  await db.updateTable('webhook_deliveries').set((eb) => ({
    attempts: eb('attempts', '+', 1),
    last_response_status: outcome.responseStatus,
    status: outcome.delivered ? 'delivered' : outcome.final ? 'failed' : 'pending',
    delivered_at: outcome.delivered ? sql<Date>`now()` : null,
  })).where('id', '=', id).execute();
}
