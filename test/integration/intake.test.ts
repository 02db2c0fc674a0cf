import request from 'supertest';
import { sql } from 'kysely';
import { createTestContext, waitFor, type TestContext } from '../helpers/test-context';
import { orderBurst, seedCountyWithStream, type SeededStream } from '../helpers/factories';

describe('order intake end to end (HTTP → Postgres → outbox → BullMQ worker)', () => {
  let ctx: TestContext;
  let seeded: SeededStream;

  beforeAll(async () => {
    ctx = await createTestContext();
    seeded = await seedCountyWithStream(ctx);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('stores a batch, a real worker matches it, and a second post of the same batch stores nothing new', async () => {
    ctx.startWorkers();
    const orders = orderBurst(seeded, 120);
    const first = await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).send({ streamId: seeded.streamId, orders }).expect(202);
    expect(first.body.accepted).toHaveLength(120);
    expect(first.body.duplicates).toHaveLength(0);
    expect(first.body.accepted[0]).toMatchObject({ externalId: orders[0]!.externalId, status: 'received' });
    expect(first.body.accepted[0].statusUrl).toBe(`/v1/orders/${first.body.accepted[0].id}`);

    const stored = await ctx.db.selectFrom('orders').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(120);
    const lines = await ctx.db.selectFrom('order_lines').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(lines.n)).toBe(orders.reduce((s, o) => s + o.lines.length, 0));

    await waitFor(async () => {
      const left = await ctx.db.selectFrom('orders').select('id').where('status', '=', 'received').execute();
      return left.length === 0;
    }, 'every order to leave `received`');

    const detail = await request(ctx.app).get(first.body.accepted[0].statusUrl).set('authorization', seeded.auth.operator).expect(200);
    expect(['matched', 'partially_matched', 'unfilled']).toContain(detail.body.status);
    expect(detail.body.lines).toHaveLength(orders[0]!.lines.length);
    if (detail.body.status === 'matched') {
      const allocated = detail.body.allocations.reduce((s: number, a: { quantity: number }) => s + a.quantity, 0);
      expect(allocated).toBe(orders[0]!.lines.reduce((s, l) => s + l.quantity, 0));
    }

    const again = await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).send({ streamId: seeded.streamId, orders }).expect(202);
    expect(again.body.accepted).toHaveLength(0);
    expect(again.body.duplicates).toHaveLength(120);
    expect(again.body.duplicates[0].id).toBe(first.body.accepted[0].id);
    expect(again.body.duplicates[0].status).not.toBe('received');
    const after = await ctx.db.selectFrom('orders').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(120);
    const outbox = await ctx.db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(outbox.n)).toBe(1);

    // No lot is reserved beyond its quantity, and reservations equal what allocations hold.
    const lots = await sql<{ id: string; reserved: number; allocated: string | null; quantity: number }>`
      select l.id, l.reserved, l.quantity, (select sum(a.quantity) from allocations a where a.lot_id = l.id and a.status = 'reserved') as allocated
      from inventory_lots l`.execute(ctx.db);
    for (const lot of lots.rows) {
      expect(lot.reserved).toBeLessThanOrEqual(lot.quantity);
      expect(lot.reserved).toBe(Number(lot.allocated ?? 0));
    }
  });

  it('mixes new and already accepted orders in one batch', async () => {
    const orders = orderBurst(seeded, 130);
    const res = await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).send({ streamId: seeded.streamId, orders }).expect(202);
    expect(res.body.duplicates).toHaveLength(120);
    expect(res.body.accepted).toHaveLength(10);
    expect(res.body.accepted.map((a: { externalId: string }) => a.externalId)).toEqual(orders.slice(120).map((o) => o.externalId));
  });

  it('answers 404 problem+json for an unknown order', async () => {
    const res = await request(ctx.app).get('/v1/orders/00000000-0000-4000-8000-000000000000').set('authorization', seeded.auth.operator).expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, title: 'Not found' });
    const malformed = await request(ctx.app).get('/v1/orders/not-a-uuid').set('authorization', seeded.auth.operator).expect(422);
    expect(malformed.body.errors).toEqual([{ parameter: 'orderId', detail: 'must be a UUID' }]);
  });

  it('reports liveness and readiness', async () => {
    await request(ctx.app).get('/healthz').expect(200, { status: 'ok' });
    const ready = await request(ctx.app).get('/readyz').expect(200);
    expect(ready.body.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([['postgres', true], ['redis', true]]);
  });
});
