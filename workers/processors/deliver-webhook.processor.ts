import { createHmac } from 'node:crypto';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Db } from '../../src/db/connection';
import { findDelivery, recordDeliveryAttempt } from '../../src/db/webhook.repository';
import type { Logger } from '../../src/observability/logger';
import type { JobPayloads } from '../../src/queue/queue-names';

/** Standard Webhooks signature: v1,base64(HMAC-SHA256(base64-decoded secret, `${id}.${timestamp}.${body}`)). */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export function createDeliverWebhookProcessor(deps: { db: Db; log: Logger; timeoutMs?: number }) {
  return async (job: Job<JobPayloads['deliver-webhook']>) => {
    const deliveryId = job.data?.deliveryId;
    if (typeof deliveryId !== 'string') throw new UnrecoverableError('deliver-webhook: payload must carry deliveryId');
    const delivery = await findDelivery(deps.db, deliveryId);
    if (!delivery) throw new UnrecoverableError(`deliver-webhook: delivery '${deliveryId}' does not exist`);
    if (delivery.status !== 'pending' || delivery.deleted_at) return { skipped: true };
    const body = JSON.stringify(delivery.payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    let status: number | null = null;
    try {
      const res = await fetch(delivery.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'coldlink-webhooks/1', 'webhook-id': delivery.id,
          'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(delivery.secret, delivery.id, timestamp, body) },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (error) {
      await recordDeliveryAttempt(deps.db, delivery.id, { delivered: false, responseStatus: null, final: finalAttempt });
      throw new Error(`deliver-webhook: ${delivery.url} unreachable: ${(error as Error).message}`);
    }
    const delivered = status >= 200 && status < 300;
    await recordDeliveryAttempt(deps.db, delivery.id, { delivered, responseStatus: status, final: finalAttempt });
    if (!delivered) throw new Error(`deliver-webhook: ${delivery.url} answered ${status}; will retry with backoff`);
    deps.log.debug({ deliveryId, event: delivery.event_type }, 'webhook delivered');
    return { delivered: true, status };
  };
}
