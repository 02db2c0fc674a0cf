import request from 'supertest';
import { createTestContext, waitFor, type TestContext } from '../helpers/test-context';
import { orderBurst, seedCountyWithStream, type SeededStream } from '../helpers/factories';

describe('a dispatch wave end to end: orders → match → plan-wave → split-costs', () => {
  let ctx: TestContext;
  let seeded: SeededStream;

  beforeAll(async () => {
    ctx = await createTestContext();
    seeded = await seedCountyWithStream(ctx);
    ctx.startWorkers();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('plans the matched orders, stores routes and stops, and splits the cost to the cent', async () => {
    await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).send({ streamId: seeded.streamId, orders: orderBurst(seeded, 300) }).expect(202);
    await waitFor(async () => (await ctx.db.selectFrom('orders').select('id').where('status', '=', 'received').execute()).length === 0, 'matching');

    const started = await request(ctx.app).post(`/v1/counties/${seeded.county.county.id}/waves`).set('authorization', seeded.auth.platform)
      .send({ cutoffAt: '2026-11-22T18:00:00+08:00' }).expect(202);
    expect(started.headers.location).toBe(`/v1/waves/${started.body.id}`);
    expect(started.body.orderCount).toBeGreaterThan(0);

    const wave = await waitFor(async () => {
      const res = await request(ctx.app).get(started.body.statusUrl).set('authorization', seeded.auth.platform).expect(200);
      return res.body.status === 'split' ? res.body : undefined;
    }, 'the wave to be planned and split');
    const plan = (await request(ctx.app).get(wave.planUrl).set('authorization', seeded.auth.platform).expect(200)).body;
    expect(plan.routes.length).toBeGreaterThan(0);
    expect(plan.distanceSource).toBe('straight-line');
    const routes = await ctx.db.selectFrom('routes').select(['id']).where('plan_id', '=', plan.id).execute();
    expect(routes).toHaveLength(plan.routes.length);
    const stops = await ctx.db.selectFrom('stops').select(['id']).where('route_id', 'in', routes.map((r) => r.id)).execute();
    expect(stops).toHaveLength(plan.routes.reduce((s: number, r: { stops: unknown[] }) => s + r.stops.length, 0));

    const split = (await request(ctx.app).get(wave.costSplitUrl).set('authorization', seeded.auth.platform).expect(200)).body;
    expect(split.parties.government + split.parties.logisticsFirm + split.parties.cooperatives).toBe(split.totalCents);

    const planned = await ctx.db.selectFrom('orders').select('id').where('status', '=', 'planned').execute();
    expect(planned.length).toBeGreaterThan(0);
    // A second wave finds nothing new to cover.
    const second = await request(ctx.app).post(`/v1/counties/${seeded.county.county.id}/waves`).set('authorization', seeded.auth.platform).send({ cutoffAt: '2026-11-22T18:00:00+08:00' }).expect(202);
    expect(second.body.orderCount).toBe(0);
  });

  it('refuses a bad wave request naming the field', async () => {
    const res = await request(ctx.app).post(`/v1/counties/${seeded.county.county.id}/waves`).set('authorization', seeded.auth.platform).send({ cutoffAt: 'soon' }).expect(422);
    expect(res.body.errors[0].pointer).toBe('/cutoffAt');
    await request(ctx.app).post('/v1/counties/nowhere/waves').set('authorization', seeded.auth.platform).send({ cutoffAt: '2026-11-22T18:00:00+08:00' }).expect(404);
    await request(ctx.app).get('/v1/waves/00000000-0000-4000-8000-000000000000').set('authorization', seeded.auth.platform).expect(404);
  });
});
