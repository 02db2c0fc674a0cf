import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { orderBurst, seedCountyWithStream, type SeededStream } from '../helpers/factories';

describe('order intake refuses bad input with problem+json naming the field, and writes nothing', () => {
  let ctx: TestContext;
  let seeded: SeededStream;
  const counts = async () => {
    const [orders, lines, outbox] = await Promise.all(['orders', 'order_lines', 'outbox'].map((t) =>
      ctx.db.selectFrom(t as 'orders').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()));
    return [Number(orders!.n), Number(lines!.n), Number(outbox!.n)];
  };

  beforeAll(async () => {
    ctx = await createTestContext();
    seeded = await seedCountyWithStream(ctx);
  });
  afterAll(async () => {
    await ctx.close();
  });

  const valid = () => ({ streamId: seeded.streamId, orders: orderBurst(seeded, 5) });

  type Case = [name: string, body: () => unknown, status: number, pointer: string];
  const cases: Case[] = [
    ['a fractional quantity deep in the batch', () => { const b = valid(); (b.orders[3]!.lines[0] as { quantity: number }).quantity = 1.5; return b; }, 422, '/orders/3/lines/0/quantity'],
    ['a negative quantity', () => { const b = valid(); (b.orders[1]!.lines[0] as { quantity: number }).quantity = -2; return b; }, 422, '/orders/1/lines/0/quantity'],
    ['a zero quantity', () => { const b = valid(); (b.orders[0]!.lines[0] as { quantity: number }).quantity = 0; return b; }, 422, '/orders/0/lines/0/quantity'],
    ['a quantity given as a string (no coercion)', () => { const b = valid(); (b.orders[0]!.lines[0] as unknown as { quantity: string }).quantity = '2'; return b; }, 422, '/orders/0/lines/0/quantity'],
    ['a missing externalId', () => { const b = valid(); delete (b.orders[2] as Partial<(typeof b.orders)[number]>).externalId; return b; }, 422, '/orders/2/externalId'],
    ['missing lines', () => { const b = valid(); delete (b.orders[4] as Partial<(typeof b.orders)[number]>).lines; return b; }, 422, '/orders/4/lines'],
    ['an empty orders array', () => ({ streamId: seeded.streamId, orders: [] }), 422, '/orders'],
    ['a missing streamId', () => { const b = valid() as Partial<ReturnType<typeof valid>>; delete b.streamId; return b; }, 422, '/streamId'],
    ['an unknown stream', () => ({ ...valid(), streamId: 'stream-nobody' }), 422, '/streamId'],
    ['an unknown field', () => ({ ...valid(), priority: 'high' }), 422, '/'],
    ['a shipBy that is not a date-time', () => { const b = valid(); (b.orders[0] as { shipBy: string }).shipBy = 'tomorrow'; return b; }, 422, '/orders/0/shipBy'],
    ['a buyer without province or coordinates', () => { const b = valid(); (b.orders[0] as { buyer: unknown }).buyer = { name: 'x' }; return b; }, 422, '/orders/0/buyer'],
    ['the same externalId twice in a batch', () => { const b = valid(); b.orders[4]!.externalId = b.orders[1]!.externalId; return b; }, 422, '/orders/4/externalId'],
    ['a minGrade of 0', () => { const b = valid(); (b.orders[0]!.lines[0] as { minGrade: number }).minGrade = 0; return b; }, 422, '/orders/0/lines/0/minGrade'],
    ['negative paidCents', () => { const b = valid(); (b.orders[0] as { paidCents: number }).paidCents = -1; return b; }, 422, '/orders/0/paidCents'],
    ['a body that is an array', () => [valid()], 422, '/'],
  ];

  it.each(cases.map(([name, body, status, pointer]) => [name, status, pointer, body] as const))('%s → %i naming %s', async (_name, status, pointer, body) => {
    const before = await counts();
    const res = await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).send(body() as object).expect(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'https://coldlink.dev/problems/validation', status, title: 'Invalid request' });
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    expect(await counts()).toEqual(before);
  });

  it('lists every invalid field at once', async () => {
    const b = valid();
    (b.orders[0]!.lines[0] as { quantity: number }).quantity = -1;
    (b.orders[2]!.lines[0] as { quantity: number }).quantity = 0.5;
    const res = await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).send(b).expect(422);
    expect(res.body.detail).toBe('2 fields are invalid');
    expect(res.body.errors).toEqual([
      { pointer: '/orders/0/lines/0/quantity', detail: 'must be a positive integer' },
      { pointer: '/orders/2/lines/0/quantity', detail: 'must be a positive integer' },
    ]);
  });

  it('malformed JSON → 400 problem+json', async () => {
    const before = await counts();
    const res = await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).set('content-type', 'application/json').send('{"streamId": "x", "orders": [').expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, errors: [{ pointer: '/' }] });
    expect(await counts()).toEqual(before);
  });

  it('an oversized body → 413 problem+json', async () => {
    const before = await counts();
    const huge = { streamId: seeded.streamId, orders: orderBurst(seeded, 1), padding: 'x'.repeat(300 * 1024) };
    const res = await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).send(huge).expect(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it('a wrong content type → 415 problem+json', async () => {
    const before = await counts();
    const res = await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).set('content-type', 'text/plain').send(JSON.stringify(valid())).expect(415);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await counts()).toEqual(before);
  });

  it('an unknown route → 404 problem+json', async () => {
    const res = await request(ctx.app).get('/v1/nothing-here').set('authorization', seeded.auth.operator).expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
