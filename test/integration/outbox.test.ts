import request from 'supertest';
import { createTestContext, waitFor, type TestContext } from '../helpers/test-context';
import { orderBurst, seedCountyWithStream, type SeededStream } from '../helpers/factories';

describe('outbox: an accepted order is stored even when nothing moves it to the queue yet', () => {
  let ctx: TestContext;
  let seeded: SeededStream;

  beforeAll(async () => {
    ctx = await createTestContext();
    seeded = await seedCountyWithStream(ctx);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('holds the work while the relay is stopped and queues it exactly once when the relay starts', async () => {
    const host = ctx.startWorkers({ startRelay: false });
    const res = await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).send({ streamId: seeded.streamId, orders: orderBurst(seeded, 40) }).expect(202);
    expect(res.body.accepted).toHaveLength(40);

    const pending = await ctx.db.selectFrom('outbox').selectAll().where('relayed_at', 'is', null).execute();
    expect(pending).toHaveLength(1);
    expect(pending[0]!.queue).toBe('match-orders');
    const counts = await ctx.queues['match-orders'].getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed');
    expect(Object.values(counts).reduce((s, n) => s + n, 0)).toBe(0);
    const received = await ctx.db.selectFrom('orders').select('id').where('status', '=', 'received').execute();
    expect(received).toHaveLength(40);

    host.relay.start();
    await waitFor(async () => (await ctx.db.selectFrom('orders').select('id').where('status', '=', 'received').execute()).length === 0,
      'the relayed job to match every order');
    expect(await host.relay.relayOnce()).toBe(0);
    const after = await ctx.queues['match-orders'].getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed');
    expect(after.completed).toBe(1);
    expect(after.failed).toBe(0);
    const relayed = await ctx.db.selectFrom('outbox').selectAll().where('relayed_at', 'is not', null).execute();
    expect(relayed).toHaveLength(1);
  });
});
