import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createTestContext, waitFor, type TestContext } from '../../helpers/test-context';
import { orderBurst, seedCountyWithStream, type SeededStream } from '../../helpers/factories';

interface Received { headers: Record<string, string | string[] | undefined>; body: string; status: number }

/** Verifies a Standard-Webhooks signature the way a receiver would, with no code shared with the sender. */
function verify(secret: string, r: Received): boolean {
  const id = String(r.headers['webhook-id']);
  const timestamp = String(r.headers['webhook-timestamp']);
  const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(`${id}.${timestamp}.${r.body}`).digest();
  return String(r.headers['webhook-signature']).split(' ').some((sig) => {
    const [version, value] = sig.split(',');
    const given = Buffer.from(value ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

describe('webhooks: signed, delivered by a BullMQ worker, retried after a failure', () => {
  let ctx: TestContext;
  let seeded: SeededStream;
  let server: Server;
  const received: Received[] = [];
  let failuresLeft = 1;

  beforeAll(async () => {
    ctx = await createTestContext({ webhookBackoffMs: 200 });
    seeded = await seedCountyWithStream(ctx);
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        const status = failuresLeft-- > 0 ? 500 : 204;
        received.push({ headers: req.headers, body, status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    ctx.startWorkers();
  });
  afterAll(async () => {
    await ctx.close();
    await new Promise<void>((ok) => server.close(() => ok()));
  });

  it('delivers order.status to the operator, signed, and retries after a 500', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/coldlink`;
    const sub = await request(ctx.app).post('/v1/webhooks').set('authorization', seeded.auth.operator).send({ url, events: ['order.status'] }).expect(201);
    expect(sub.body.secret).toMatch(/^whsec_/);
    const listed = await request(ctx.app).get('/v1/webhooks').set('authorization', seeded.auth.operator).expect(200);
    expect(listed.body.data.map((s: { id: string }) => s.id)).toEqual([sub.body.id]);
    expect(JSON.stringify(listed.body)).not.toContain(sub.body.secret);

    const orders = orderBurst(seeded, 3, 41, 'HOOK-');
    await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).send({ streamId: seeded.streamId, orders }).expect(202);
    await waitFor(async () => received.filter((r) => r.status === 204).length >= 3 && received, 'three delivered webhooks', 30_000);

    expect(received[0]!.status).toBe(500);
    const retried = received.filter((r) => r.headers['webhook-id'] === received[0]!.headers['webhook-id']);
    expect(retried.map((r) => r.status)).toEqual([500, 204]);
    for (const r of received) {
      expect(verify(sub.body.secret, r)).toBe(true);
      expect(verify(sub.body.secret, { ...r, body: r.body.replace('order', 'ORDER') })).toBe(false);
      const payload = JSON.parse(r.body);
      expect(payload.type).toBe('order.status');
      expect(orders.map((o) => o.externalId)).toContain(payload.data.externalId);
      expect(['matched', 'partially_matched', 'unfilled']).toContain(payload.data.status);
    }
    await waitFor(async () => {
      const rows = await ctx.db.selectFrom('webhook_deliveries').select(['status', 'attempts']).execute();
      return rows.length === 3 && rows.every((r) => r.status === 'delivered') && rows;
    }, 'deliveries recorded as delivered');
    const attempts = (await ctx.db.selectFrom('webhook_deliveries').select('attempts').execute()).map((r) => r.attempts).sort();
    expect(attempts).toEqual([1, 1, 2]);
  });

  it('sends nothing to a deleted subscription and nothing across tenants', async () => {
    const subs = await request(ctx.app).get('/v1/webhooks').set('authorization', seeded.auth.operator).expect(200);
    await request(ctx.app).delete(`/v1/webhooks/${subs.body.data[0].id}`).set('authorization', seeded.auth.operator).expect(204);
    const rival = `Bearer ${await ctx.issueKey('operator', 'someone-else')}`;
    await request(ctx.app).delete(`/v1/webhooks/${subs.body.data[0].id}`).set('authorization', rival).expect(404);
    const before = received.length;
    await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).send({ streamId: seeded.streamId, orders: orderBurst(seeded, 2, 42, 'HOOK2-') }).expect(202);
    await waitFor(async () => (await ctx.db.selectFrom('orders').select('id').where('status', '=', 'received').execute()).length === 0, 'matching');
    await new Promise((ok) => setTimeout(ok, 300));
    expect(received.length).toBe(before);
  });
});
