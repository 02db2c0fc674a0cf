import request from 'supertest';
import type { PlanDocument } from '../../src/core/plan/plan.types';
import { seedCountyWithStream, type SeededStream } from '../helpers/factories';
import { createTestContext, waitFor, type TestContext } from '../helpers/test-context';

describe('downstream waves: delivery items in the request → stored → planned by the worker', () => {
  let ctx: TestContext;
  let seeded: SeededStream;
  let wavesUrl: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    seeded = await seedCountyWithStream(ctx);
    wavesUrl = `/v1/counties/${seeded.county.county.id}/waves`;
  });
  afterAll(async () => {
    await ctx.close();
  });

  const post = (body: unknown) => request(ctx.app).post(wavesUrl).set('authorization', seeded.auth.platform).send(body as object);
  const cutoffAt = '2026-11-22T17:00:00+08:00';

  it('refuses bad delivery items naming the field, and stores nothing', async () => {
    const coop = seeded.county.cooperatives[0]!.id;
    const product = seeded.county.products[0]!;
    const otherClass = (['frozen', 'chilled', 'cool', 'ambient'] as const).find((c) => c !== product.temperatureClass)!;
    const bad: [unknown, string][] = [
      [{ cutoffAt, direction: 'downstream' }, '/deliveries'],
      [{ cutoffAt, direction: 'downstream', deliveries: [] }, '/deliveries'],
      [{ cutoffAt, deliveries: [{ destinationCooperativeId: coop, sku: product.sku, units: 1 }] }, '/deliveries'],
      [{ cutoffAt, releaseAt: '2026-11-22T08:00:00+08:00' }, '/releaseAt'],
      [{ cutoffAt, direction: 'downstream', releaseAt: '2026-11-22T17:30:00+08:00', deliveries: [{ destinationCooperativeId: coop, sku: product.sku, units: 1 }] }, '/releaseAt'],
      [{ cutoffAt, direction: 'downstream', deliveries: [{ destinationCooperativeId: 'coop-nowhere', sku: product.sku, units: 1 }] }, '/deliveries/0/destinationCooperativeId'],
      [{ cutoffAt, direction: 'downstream', deliveries: [{ destinationCooperativeId: coop, sku: product.sku, units: 1 }, { destinationCooperativeId: coop, sku: 'no-such-sku', units: 1 }] }, '/deliveries/1/sku'],
      [{ cutoffAt, direction: 'downstream', deliveries: [{ destinationCooperativeId: coop, units: 2 }] }, '/deliveries/0/sku'],
      [{ cutoffAt, direction: 'downstream', deliveries: [{ destinationCooperativeId: coop, description: 'Fertiliser', units: 2, litres: 40, temperatureClass: 'ambient' }] }, '/deliveries/0/kg'],
      [{ cutoffAt, direction: 'downstream', deliveries: [{ destinationCooperativeId: coop, description: 'Fertiliser', units: 2, kg: 50, litres: 40 }] }, '/deliveries/0/temperatureClass'],
      [{ cutoffAt, direction: 'downstream', deliveries: [{ destinationCooperativeId: coop, sku: product.sku, units: 1, temperatureClass: otherClass }] }, '/deliveries/0/temperatureClass'],
      [{ cutoffAt, direction: 'downstream', deliveries: [{ destinationCooperativeId: coop, sku: product.sku, units: 0 }] }, '/deliveries/0/units'],
      [{ cutoffAt, direction: 'downstream', deliveries: [{ destinationCooperativeId: coop, sku: product.sku, units: 1, kg: -1 }] }, '/deliveries/0/kg'],
      [{ cutoffAt, direction: 'downstream', deliveries: [{ destinationCooperativeId: coop, sku: product.sku, units: 1, colour: 'red' }] }, '/deliveries/0'],
      [{ cutoffAt, direction: 'downstream', deliveries: [{ reference: 'r1', destinationCooperativeId: coop, sku: product.sku, units: 1 },
        { reference: 'r1', destinationCooperativeId: coop, sku: product.sku, units: 2 }] }, '/deliveries/1/reference'],
    ];
    for (const [body, pointer] of bad) {
      const res = await post(body).expect(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    }
    expect(await ctx.db.selectFrom('dispatch_waves').select('id').execute()).toEqual([]);
    expect(await ctx.db.selectFrom('wave_deliveries').select('id').execute()).toEqual([]);
  });

  it('stores the items, resolves them from the product list, and the worker plans every one (routed or unassigned with a reason)', async () => {
    const coops = seeded.county.cooperatives.slice(0, 12);
    const products = seeded.county.products;
    const deliveries = coops.map((c, i) => {
      const p = products[i % products.length]!;
      return i % 4 === 3
        // Goods that are not products: farm inputs with their own weight, volume and class.
        ? { reference: `dl-${i}`, destinationCooperativeId: c.id, description: 'Organic fertiliser, 25 kg bags', units: 2, kg: 50, litres: 45, temperatureClass: 'ambient' }
        : { reference: `dl-${i}`, destinationCooperativeId: c.id, sku: p.sku, units: 1 + (i % 3) };
    });
    const started = await post({ cutoffAt, direction: 'downstream', releaseAt: '2026-11-22T08:00:00+08:00', deliveries }).expect(202);
    expect(started.body).toMatchObject({ direction: 'downstream', orderCount: 0, deliveryCount: deliveries.length });
    expect(started.headers.location).toBe(started.body.statusUrl);

    const wave = (await request(ctx.app).get(started.body.statusUrl).set('authorization', seeded.auth.platform).expect(200)).body;
    expect(wave).toMatchObject({ direction: 'downstream', startedBy: 'api', releaseAt: '2026-11-22T00:00:00.000Z', deliveryCount: deliveries.length });
    const stored = (await request(ctx.app).get(wave.deliveriesUrl).query({ limit: '5' }).set('authorization', seeded.auth.platform).expect(200)).body;
    expect(stored.has_more).toBe(true);
    const rest = (await request(ctx.app).get(wave.deliveriesUrl).query({ starting_after: stored.next_starting_after, limit: '100' })
      .set('authorization', seeded.auth.platform).expect(200)).body;
    const items = [...stored.data, ...rest.data];
    expect(items.map((d: { reference: string }) => d.reference)).toEqual(deliveries.map((d) => d.reference));
    items.forEach((d: { sku: string | null; kg: number; litres: number; temperatureClass: string; maxTransitHours: number | null }, i: number) => {
      const sent = deliveries[i]!;
      if ('sku' in sent) {
        const p = products.find((x) => x.sku === sent.sku)!;
        expect(d).toMatchObject({ sku: p.sku, temperatureClass: p.temperatureClass, kg: (sent.units * p.unitWeightGrams) / 1000,
          litres: (sent.units * p.unitVolumeMl) / 1000, maxTransitHours: p.shelfLifeHours - p.minRemainingHours });
      } else {
        expect(d).toMatchObject({ sku: null, temperatureClass: 'ambient', kg: 50, litres: 45, maxTransitHours: null });
      }
    });

    ctx.startWorkers();
    const done = await waitFor(async () => {
      const res = await request(ctx.app).get(started.body.statusUrl).set('authorization', seeded.auth.platform).expect(200);
      return ['planned', 'split', 'failed'].includes(res.body.status) ? res.body : undefined;
    }, 'the downstream wave to be planned');
    expect(done.error).toBeNull();
    const plan = (await request(ctx.app).get(done.planUrl).set('authorization', seeded.auth.platform).expect(200)).body as PlanDocument & { id: string };
    expect(plan.direction).toBe('downstream');
    // The loader turned each stored item into one plan item bound for its destination cooperative.
    const ids = items.map((d: { id: string }) => d.id).sort();
    expect(plan.items.map((i) => i.allocationId).sort()).toEqual(ids);
    const destination = new Map(items.map((d: { id: string; destinationCooperativeId: string }) => [d.id, d.destinationCooperativeId]));
    for (const item of plan.items) expect(item.cooperativeId).toBe(destination.get(item.allocationId));
    // Every item is on a route or unassigned with a reason: none silently dropped, none unassigned twice.
    const onRoutes = new Set(plan.routes.flatMap((r) => r.stops.flatMap((s) => [...s.pickedUp, ...s.dropped])));
    const unassigned = plan.unassigned.flatMap((u) => u.allocationIds);
    for (const u of plan.unassigned) expect(u.reason).toMatch(/^[a-z_]+$/);
    expect(new Set(unassigned).size).toBe(unassigned.length);
    for (const id of ids) expect(onRoutes.has(id) || unassigned.includes(id)).toBe(true);
    // Stored with its routes and stops in one transaction, like an upstream plan; no livestream order moved.
    const routes = await ctx.db.selectFrom('routes').select('id').where('plan_id', '=', plan.id).execute();
    expect(routes).toHaveLength(plan.routes.length);
    expect(await ctx.db.selectFrom('orders').select('id').where('plan_id', '=', plan.id).execute()).toEqual([]);
  });
});
