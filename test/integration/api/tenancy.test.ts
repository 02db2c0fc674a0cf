import request from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-context';
import { orderBurst, seedCountyWithStream, seedPlannedWave, type SeededStream } from '../../helpers/factories';
import { upsertOperator, upsertStream } from '../../../src/db/county.repository';

describe('auth and scope: nobody reads or writes outside their scope', () => {
  let ctx: TestContext;
  let seeded: SeededStream;
  let planId: string;
  let firms: string[];

  beforeAll(async () => {
    ctx = await createTestContext();
    seeded = await seedCountyWithStream(ctx);
    ctx.startWorkers();
    planId = await seedPlannedWave(ctx, seeded);
    firms = (await ctx.db.selectFrom('routes').select('firm_id').distinct().where('plan_id', '=', planId).execute()).map((r) => r.firm_id).sort();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('refuses a missing, unknown or revoked key with 401 problem+json', async () => {
    const none = await request(ctx.app).get('/v1/orders').expect(401);
    expect(none.headers['content-type']).toMatch(/problem\+json/);
    expect(none.headers['www-authenticate']).toMatch(/Bearer/);
    await request(ctx.app).get('/v1/orders').set('authorization', 'Bearer ck_oper_not-a-real-key').expect(401);

    const issued = await request(ctx.app).post('/v1/api-keys').set('authorization', seeded.auth.platform)
      .send({ role: 'operator', scopeId: seeded.operatorId, label: 'short-lived' }).expect(201);
    expect(issued.body.key).toMatch(/^ck_/);
    await request(ctx.app).get('/v1/orders').set('authorization', `Bearer ${issued.body.key}`).expect(200);
    await request(ctx.app).delete(`/v1/api-keys/${issued.body.id}`).set('authorization', seeded.auth.platform).expect(200);
    await request(ctx.app).get('/v1/orders').set('authorization', `Bearer ${issued.body.key}`).expect(401);
    // Only the hash is stored.
    const row = await ctx.db.selectFrom('api_keys').selectAll().where('id', '=', issued.body.id).executeTakeFirstOrThrow();
    expect(row.key_hash).not.toContain(issued.body.key);
    expect(JSON.stringify(row)).not.toContain(issued.body.key);
  });

  it('an operator cannot read, list or cancel another operator\'s orders, nor post to its stream', async () => {
    await upsertOperator(ctx.db, { id: 'operator-rival', name: 'Rival' });
    await upsertStream(ctx.db, { id: 'stream-rival', operatorId: 'operator-rival', countyId: seeded.county.county.id, title: 'rival',
      boundCooperativeIds: null, startsAt: '2026-11-22T10:00:00+08:00' });
    const rival = `Bearer ${await ctx.issueKey('operator', 'operator-rival')}`;
    const own = await request(ctx.app).get('/v1/orders?limit=1').set('authorization', seeded.auth.operator).expect(200);
    const orderId = own.body.data[0].id;
    await request(ctx.app).get(`/v1/orders/${orderId}`).set('authorization', rival).expect(404);
    await request(ctx.app).post(`/v1/orders/${orderId}/cancel`).set('authorization', rival).expect(404);
    const listed = await request(ctx.app).get('/v1/orders').set('authorization', rival).expect(200);
    expect(listed.body.data).toEqual([]);
    const post = await request(ctx.app).post('/v1/orders').set('authorization', rival).send({ streamId: seeded.streamId, orders: orderBurst(seeded, 1, 77, 'RIV-') }).expect(422);
    expect(post.body.errors[0]).toEqual({ pointer: '/streamId', detail: `unknown stream '${seeded.streamId}'` });
    await request(ctx.app).get(`/v1/streams/${seeded.streamId}`).set('authorization', rival).expect(404);
  });

  it('a firm sees only its own routes and cannot post another firm\'s stop events', async () => {
    expect(firms.length).toBeGreaterThanOrEqual(1);
    const mine = `Bearer ${await ctx.issueKey('logistics', firms[0]!)}`;
    const stranger = `Bearer ${await ctx.issueKey('logistics', 'firm-nobody')}`;
    const routes = await request(ctx.app).get(`/v1/plans/${planId}/routes`).set('authorization', mine).expect(200);
    expect(routes.body.data.length).toBeGreaterThan(0);
    for (const r of routes.body.data) expect(r.firmId).toBe(firms[0]);
    const plan = await request(ctx.app).get(`/v1/plans/${planId}`).set('authorization', mine).expect(200);
    for (const r of plan.body.routes) expect(r.firmId).toBe(firms[0]);
    const routeId = routes.body.data[0].id;
    await request(ctx.app).get(`/v1/plans/${planId}`).set('authorization', stranger).expect(404);
    await request(ctx.app).get(`/v1/routes/${routeId}`).set('authorization', stranger).expect(404);
    await request(ctx.app).post(`/v1/routes/${routeId}/events`).set('authorization', stranger)
      .send({ stopSeq: 1, kind: 'picked_up', at: '2026-11-22T11:00:00+08:00' }).expect(404);
    const before = await ctx.db.selectFrom('route_events').select('id').execute();
    expect(before).toHaveLength(0);
    if (firms[1]) {
      const other = `Bearer ${await ctx.issueKey('logistics', firms[1])}`;
      const otherRoutes = await request(ctx.app).get(`/v1/plans/${planId}/routes`).set('authorization', other).expect(200);
      await request(ctx.app).get(`/v1/routes/${otherRoutes.body.data[0].id}`).set('authorization', mine).expect(404);
    }
  });

  it('stop events move the affected orders on', async () => {
    const key = `Bearer ${await ctx.issueKey('logistics', firms[0]!)}`;
    const routes = await request(ctx.app).get(`/v1/plans/${planId}/routes`).set('authorization', key).expect(200);
    const village = routes.body.data.find((r: { tier: string }) => r.tier === 'village');
    const pickup = village.stops.find((s: { kind: string }) => s.kind === 'pickup');
    const event = await request(ctx.app).post(`/v1/routes/${village.id}/events`).set('authorization', key)
      .send({ stopSeq: pickup.seq, kind: 'picked_up', at: pickup.departureAt }).expect(201);
    expect(event.body.orderStatus).toBe('picked_up');
    expect(event.body.ordersMoved).toBeGreaterThan(0);
    const orderId = (await ctx.db.selectFrom('allocations').select('order_id').where('id', '=', pickup.allocationIds[0]).executeTakeFirstOrThrow()).order_id;
    const order = await request(ctx.app).get(`/v1/orders/${orderId}`).set('authorization', seeded.auth.operator).expect(200);
    expect(order.body.status).toBe('picked_up');
    const bad = await request(ctx.app).post(`/v1/routes/${village.id}/events`).set('authorization', key)
      .send({ stopSeq: 999, kind: 'arrived', at: pickup.departureAt }).expect(422);
    expect(bad.body.errors[0].pointer).toBe('/stopSeq');
  });

  it('roles: an operator may not start waves, a firm may not submit orders, a platform cannot see another county', async () => {
    await request(ctx.app).post(`/v1/counties/${seeded.county.county.id}/waves`).set('authorization', seeded.auth.operator)
      .send({ cutoffAt: '2026-11-22T18:00:00+08:00' }).expect(403);
    const firm = `Bearer ${await ctx.issueKey('logistics', firms[0]!)}`;
    await request(ctx.app).post('/v1/orders').set('authorization', firm).send({ streamId: seeded.streamId, orders: orderBurst(seeded, 1) }).expect(403);
    const otherCounty = `Bearer ${await ctx.issueKey('platform', 'another-county')}`;
    await request(ctx.app).get(`/v1/counties/${seeded.county.county.id}`).set('authorization', otherCounty).expect(404);
    await request(ctx.app).get(`/v1/plans/${planId}`).set('authorization', otherCounty).expect(404);
    await request(ctx.app).get(`/v1/plans/${planId}/cost-split`).set('authorization', otherCounty).expect(404);
    const csv = await request(ctx.app).get(`/v1/plans/${planId}/cost-split`).set('authorization', seeded.auth.platform).set('accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toMatch(/^party,/);
  });
});
