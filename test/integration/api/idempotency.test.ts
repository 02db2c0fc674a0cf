import request from 'supertest';
import { claimIdempotencyKey } from '../../../src/db/idempotency.repository';
import { createTestContext, type TestContext } from '../../helpers/test-context';
import { orderBurst, seedCountyWithStream, type SeededStream } from '../../helpers/factories';

describe('Idempotency-Key on POST', () => {
  let ctx: TestContext;
  let seeded: SeededStream;
  const count = async () => Number((await ctx.db.selectFrom('orders').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    ctx = await createTestContext();
    seeded = await seedCountyWithStream(ctx);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('replays the stored answer for the same key and body, without touching the data again', async () => {
    const body = { streamId: seeded.streamId, orders: orderBurst(seeded, 5, 3, 'IDEM-A-') };
    const first = await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).set('idempotency-key', 'batch-001').send(body).expect(202);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).set('idempotency-key', 'batch-001').send(body).expect(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    // The stored answer, byte for byte: the orders are still "accepted", not turned into duplicates.
    expect(again.body).toEqual(first.body);
    expect(await count()).toBe(5);
  });

  it('refuses the same key with another body (422) and does nothing', async () => {
    const before = await count();
    const other = { streamId: seeded.streamId, orders: orderBurst(seeded, 2, 4, 'IDEM-B-') };
    const res = await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).set('idempotency-key', 'batch-001').send(other).expect(422);
    expect(res.body.type).toBe('https://coldlink.dev/problems/idempotency-key-reused');
    expect(res.body.errors[0].parameter).toBe('Idempotency-Key');
    expect(await count()).toBe(before);
  });

  it('answers 409 while a request with the same key is still in flight', async () => {
    const body = { streamId: seeded.streamId, orders: orderBurst(seeded, 1, 5, 'IDEM-C-') };
    const keyId = (await ctx.db.selectFrom('api_keys').select('id').where('role', '=', 'operator').where('scope_id', '=', seeded.operatorId).executeTakeFirstOrThrow()).id;
    // Another API process has claimed the key and not answered yet: reproduce its claim with the same request hash.
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(`POST /v1/orders\n${JSON.stringify(body)}`).digest('hex');
    expect(await claimIdempotencyKey(ctx.db, keyId, 'batch-in-flight', hash, 24)).toEqual({ kind: 'claimed' });
    const res = await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).set('idempotency-key', 'batch-in-flight').send(body).expect(409);
    expect(res.body.type).toBe('https://coldlink.dev/problems/idempotency-key-in-flight');
  });

  it('stores refusals too: the same invalid request with the same key gets the same 422', async () => {
    const bad = { streamId: seeded.streamId, orders: [{ ...orderBurst(seeded, 1, 6, 'IDEM-D-')[0]!, paidCents: -5 }] };
    const a = await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).set('idempotency-key', 'bad-1').send(bad).expect(422);
    const b = await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).set('idempotency-key', 'bad-1').send(bad).expect(422);
    expect(b.body).toEqual(a.body);
  });

  it('keeps keys per API key: another client may use the same key string', async () => {
    const otherKey = `Bearer ${await ctx.issueKey('platform', seeded.county.county.id)}`;
    await request(ctx.app).post('/v1/webhooks').set('authorization', otherKey).set('idempotency-key', 'batch-001')
      .send({ url: 'http://127.0.0.1:9/hook', events: ['plan.ready'] }).expect(201);
  });

  it('refuses a malformed Idempotency-Key', async () => {
    const res = await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).set('idempotency-key', 'x'.repeat(300))
      .send({ streamId: seeded.streamId, orders: orderBurst(seeded, 1, 8, 'IDEM-E-') }).expect(400);
    expect(res.body.errors[0].parameter).toBe('Idempotency-Key');
  });
});
