import IORedis from 'ioredis';
import { sql } from 'kysely';
import request from 'supertest';
import { createTestContext, waitFor, type TestContext } from '../helpers/test-context';
import { orderBurst, seedCountyWithStream, type SeededStream } from '../helpers/factories';
import { startSpareRedis } from '../helpers/spare-redis';

describe('Redis loses everything in the middle of a burst', () => {
  let redis: Awaited<ReturnType<typeof startSpareRedis>>;
  let ctx: TestContext;
  let seeded: SeededStream;

  beforeAll(async () => {
    redis = await startSpareRedis();
    ctx = await createTestContext({ redisUrl: redis.url });
    seeded = await seedCountyWithStream(ctx);
  });
  afterAll(async () => {
    await ctx.close();
    await redis.stop();
  });

  it('every accepted order still ends matched once: the sweeper re-drives what the flush dropped', async () => {
    ctx.startWorkers({ sweepIntervalMs: 250, sweepStaleAfterMs: 1000 });
    const orders = orderBurst(seeded, 1200, 23);
    const admin = new IORedis(redis.url);
    const acceptedIds: string[] = [];
    try {
      for (let i = 0; i < orders.length; i += 100) {
        const res = await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).send({ streamId: seeded.streamId, orders: orders.slice(i, i + 100) }).expect(202);
        acceptedIds.push(...res.body.accepted.map((a: { id: string }) => a.id));
        if (i === 500) await admin.flushall();
      }
    } finally {
      admin.disconnect();
    }
    expect(acceptedIds).toHaveLength(1200);

    await waitFor(async () => (await ctx.db.selectFrom('orders').select('id').where('status', '=', 'received').execute()).length === 0,
      'every accepted order to be matched', 60_000);

    // Matched once: no line holds more than it asked for, each line's filled count equals its allocations,
    // and every lot's reservation equals what its allocations hold.
    const lines = await sql<{ quantity: number; filled_quantity: number; allocated: string | null }>`
      select ol.quantity, ol.filled_quantity,
        (select sum(a.quantity) from allocations a where a.order_id = ol.order_id and a.line_no = ol.line_no) as allocated
      from order_lines ol`.execute(ctx.db);
    for (const line of lines.rows) {
      expect(Number(line.allocated ?? 0)).toBe(line.filled_quantity);
      expect(line.filled_quantity).toBeLessThanOrEqual(line.quantity);
    }
    const lots = await sql<{ reserved: number; quantity: number; allocated: string | null }>`
      select l.reserved, l.quantity, (select sum(a.quantity) from allocations a where a.lot_id = l.id) as allocated from inventory_lots l`.execute(ctx.db);
    for (const lot of lots.rows) {
      expect(lot.reserved).toBe(Number(lot.allocated ?? 0));
      expect(lot.reserved).toBeLessThanOrEqual(lot.quantity);
    }
    const statuses = await ctx.db.selectFrom('orders').select(['status']).execute();
    expect(statuses).toHaveLength(1200);
    for (const s of statuses) expect(['matched', 'partially_matched', 'unfilled']).toContain(s.status);
  });
});
