import request from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-context';
import { FIXTURE_DATE } from '../../../fixtures/county';
import { fixtureCounty, orderBurst, seedCountyWithStream, type SeededStream } from '../../helpers/factories';

type Who = 'operator' | 'platform' | 'logistics' | 'none';
interface BadRequest {
  name: string;
  who: Who;
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  body?: unknown;
  raw?: { text: string; type: string };
  headers?: Record<string, string>;
  status: number;
  /** The field the answer must name: a JSON pointer into the body, or a parameter name. */
  pointer?: string;
  parameter?: string;
}

const TABLES = ['orders', 'order_lines', 'outbox', 'streams', 'sites', 'cooperatives', 'inventory_lots', 'products', 'webhook_subscriptions',
  'api_keys', 'cost_policies', 'fleets', 'vehicle_types', 'dispatch_waves', 'route_events'] as const;

describe('a table of bad requests: each the right 4xx problem+json naming the field, and nothing written', () => {
  let ctx: TestContext;
  let seeded: SeededStream;
  let keys: Record<Who, string | undefined>;

  beforeAll(async () => {
    ctx = await createTestContext();
    seeded = await seedCountyWithStream(ctx);
    keys = { operator: seeded.auth.operator, platform: seeded.auth.platform, logistics: `Bearer ${await ctx.issueKey('logistics', 'firm-x')}`, none: undefined };
  });
  afterAll(async () => {
    await ctx.close();
  });

  const counts = async () => Promise.all(TABLES.map(async (t) =>
    Number((await ctx.db.selectFrom(t).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)));

  // Case bodies are built before the database is seeded; the fixture county is deterministic, so build them from it.
  const fx = { county: fixtureCounty(), streamId: `stream-${FIXTURE_DATE}-test`, operatorId: 'operator-test', auth: { operator: '', platform: '' } };
  const order = () => orderBurst(fx, 1, 5, 'BAD-')[0]!;
  const withLine = (patch: Record<string, unknown>) => { const o = order(); return { streamId: fx.streamId, orders: [{ ...o, lines: [{ ...o.lines[0]!, ...patch }] }] }; };
  const withOrder = (patch: Record<string, unknown>) => ({ streamId: fx.streamId, orders: [{ ...order(), ...patch }] });
  const county = () => fx.county.county.id;
  const coop = () => fx.county.cooperatives[0]!;
  const farmer = () => fx.county.farmers.find((f) => f.cooperativeId === coop().id)!.id;
  const lot = (patch: Record<string, unknown>) => ({ lots: [{ id: 'lot-new-1', farmerId: farmer(), sku: fx.county.products[0]!.sku, grade: 1, quantity: 10,
    packedAt: '2026-11-22T08:00:00+08:00', unitSupplyPriceCents: 1200, ...patch }] });
  const site = (patch: Record<string, unknown>) => ({ countyId: county(), name: 'New point', tier: 'village', lon: 108.2, lat: 34.1, parentId: null,
    opensAt: '07:00', closesAt: '20:00', handlingMinutes: 10, coldCapacityKg: { frozen: 0, chilled: 0, cool: 0, ambient: 0 }, ...patch });
  const stream = (patch: Record<string, unknown>) => ({ id: 'stream-new', countyId: county(), title: 'Kiwi night', startsAt: '2026-11-23T19:00:00+08:00', ...patch });
  const product = (patch: Record<string, unknown>) => ({ name: 'Pear', temperatureClass: 'cool', unitWeightGrams: 2000, unitVolumeMl: 3000, shelfLifeHours: 300,
    minRemainingHours: 100, priceCents: 3990, ...patch });
  const uuid = '00000000-0000-4000-8000-000000000000';

  const cases: BadRequest[] = [
    { name: 'quantity as a string', who: 'operator', method: 'post', path: '/v1/orders', body: withLine({ quantity: '2' }), status: 422, pointer: '/orders/0/lines/0/quantity' },
    { name: 'negative quantity', who: 'operator', method: 'post', path: '/v1/orders', body: withLine({ quantity: -1 }), status: 422, pointer: '/orders/0/lines/0/quantity' },
    { name: 'fractional quantity', who: 'operator', method: 'post', path: '/v1/orders', body: withLine({ quantity: 2.5 }), status: 422, pointer: '/orders/0/lines/0/quantity' },
    { name: 'grade as a letter', who: 'operator', method: 'post', path: '/v1/orders', body: withLine({ minGrade: 'A' }), status: 422, pointer: '/orders/0/lines/0/minGrade' },
    { name: 'SQL injection in externalId', who: 'operator', method: 'post', path: '/v1/orders', body: withOrder({ externalId: "1' OR '1'='1" }), status: 422, pointer: '/orders/0/externalId' },
    { name: 'script injection in a SKU', who: 'operator', method: 'post', path: '/v1/orders', body: withLine({ sku: '<script>alert(1)</script>' }), status: 422, pointer: '/orders/0/lines/0/sku' },
    { name: 'script injection in the buyer city', who: 'operator', method: 'post', path: '/v1/orders', body: withOrder({ buyer: { province: 'Guangdong', city: '<img src=x onerror=alert(1)>' } }), status: 422, pointer: '/orders/0/buyer/city' },
    { name: 'SQL injection as stream id', who: 'operator', method: 'post', path: '/v1/orders', body: { streamId: "'; DELETE FROM streams; --", orders: [order()] }, status: 422, pointer: '/streamId' },
    { name: 'an oversized batch (1,001 orders)', who: 'operator', method: 'post', path: '/v1/orders', body: { streamId: fx.streamId, orders: Array.from({ length: 1001 }, () => order()) }, status: 422, pointer: '/orders' },
    { name: 'a body over the size limit', who: 'operator', method: 'post', path: '/v1/orders', raw: { text: JSON.stringify({ pad: 'x'.repeat(300 * 1024) }), type: 'application/json' }, status: 413 },
    { name: 'wrong content type', who: 'operator', method: 'post', path: '/v1/orders', raw: { text: 'streamId=x', type: 'application/x-www-form-urlencoded' }, status: 415 },
    { name: 'malformed JSON', who: 'operator', method: 'post', path: '/v1/orders', raw: { text: '{"streamId":', type: 'application/json' }, status: 400, pointer: '/' },
    { name: 'an unknown field in an order', who: 'operator', method: 'post', path: '/v1/orders', body: withOrder({ coupon: 'FREE' }), status: 422, pointer: '/orders/0' },
    { name: 'shipBy as a number', who: 'operator', method: 'post', path: '/v1/orders', body: withOrder({ shipBy: 1795392000 }), status: 422, pointer: '/orders/0/shipBy' },
    { name: 'paidCents as a string', who: 'operator', method: 'post', path: '/v1/orders', body: withOrder({ paidCents: '5980' }), status: 422, pointer: '/orders/0/paidCents' },
    { name: 'an order without lines', who: 'operator', method: 'post', path: '/v1/orders', body: withOrder({ lines: [] }), status: 422, pointer: '/orders/0/lines' },
    { name: 'a too long Idempotency-Key', who: 'operator', method: 'post', path: '/v1/orders', body: withOrder({}), headers: { 'idempotency-key': 'k'.repeat(256) }, status: 400, parameter: 'Idempotency-Key' },
    { name: 'limit 0', who: 'operator', method: 'get', path: '/v1/orders?limit=0', status: 422, parameter: 'limit' },
    { name: 'limit not a number', who: 'operator', method: 'get', path: '/v1/orders?limit=ten', status: 422, parameter: 'limit' },
    { name: 'limit above 500', who: 'operator', method: 'get', path: '/v1/orders?limit=501', status: 422, parameter: 'limit' },
    { name: 'a malformed cursor', who: 'operator', method: 'get', path: '/v1/orders?starting_after=not-a-cursor', status: 422, parameter: 'starting_after' },
    { name: 'a cursor with SQL in it', who: 'platform', method: 'get', path: `/v1/counties/${'zhouzhi'}/sites?starting_after=${encodeURIComponent("a' OR 1=1 --")}`, status: 422, parameter: 'starting_after' },
    { name: 'an unknown status filter', who: 'operator', method: 'get', path: '/v1/orders?status=shipped', status: 422, parameter: 'status' },
    { name: 'an unknown query parameter', who: 'operator', method: 'get', path: '/v1/orders?sort=desc', status: 422, parameter: 'sort' },
    { name: 'SQL injection as an order id', who: 'operator', method: 'get', path: `/v1/orders/${encodeURIComponent("1' OR '1'='1")}`, status: 422, parameter: 'orderId' },
    { name: 'an unknown order', who: 'operator', method: 'get', path: `/v1/orders/${uuid}`, status: 404 },
    { name: 'cancelling an unknown order', who: 'operator', method: 'post', path: `/v1/orders/${uuid}/cancel`, status: 404 },
    { name: 'a stream id with spaces', who: 'operator', method: 'post', path: '/v1/streams', body: stream({ id: 'my stream' }), status: 422, pointer: '/id' },
    { name: 'script injection in a stream title', who: 'operator', method: 'post', path: '/v1/streams', body: stream({ title: '<script>alert(1)</script>' }), status: 422, pointer: '/title' },
    { name: 'a stream in an unknown county', who: 'operator', method: 'post', path: '/v1/streams', body: stream({ countyId: 'atlantis' }), status: 422, pointer: '/countyId' },
    { name: 'a stream bound to an unknown cooperative', who: 'operator', method: 'post', path: '/v1/streams', body: stream({ boundCooperativeIds: ['coop-nope'] }), status: 422, pointer: '/boundCooperativeIds/0' },
    { name: 'a stream start that is not a date', who: 'operator', method: 'post', path: '/v1/streams', body: stream({ startsAt: 'tonight' }), status: 422, pointer: '/startsAt' },
    { name: 'a site at latitude 200', who: 'platform', method: 'put', path: '/v1/sites/site-new', body: site({ lat: 200 }), status: 422, pointer: '/lat' },
    { name: 'a site of an unknown tier', who: 'platform', method: 'put', path: '/v1/sites/site-new', body: site({ tier: 'city' }), status: 422, pointer: '/tier' },
    { name: 'a site opening at 25:00', who: 'platform', method: 'put', path: '/v1/sites/site-new', body: site({ opensAt: '25:00' }), status: 422, pointer: '/opensAt' },
    { name: 'a site under an unknown parent', who: 'platform', method: 'put', path: '/v1/sites/site-new', body: site({ parentId: 'station-nowhere' }), status: 422, pointer: '/parentId' },
    { name: 'a lot with negative quantity', who: 'platform', method: 'put', path: 'COOP_LOTS', body: lot({ quantity: -5 }), status: 422, pointer: '/lots/0/quantity' },
    { name: 'a lot of an unknown SKU', who: 'platform', method: 'put', path: 'COOP_LOTS', body: lot({ sku: 'durian-1kg' }), status: 422, pointer: '/lots/0/sku' },
    { name: 'a lot of a farmer of another cooperative', who: 'platform', method: 'put', path: 'COOP_LOTS', body: lot({ farmerId: 'farmer-of-nobody' }), status: 422, pointer: '/lots/0/farmerId' },
    { name: 'a lot packed at no valid time', who: 'platform', method: 'put', path: 'COOP_LOTS', body: lot({ packedAt: '2026-13-45' }), status: 422, pointer: '/lots/0/packedAt' },
    { name: 'lots of an unknown cooperative', who: 'platform', method: 'put', path: '/v1/cooperatives/coop-nowhere/lots', body: lot({}), status: 404 },
    { name: 'a product that expires before its minimum', who: 'platform', method: 'put', path: '/v1/products/pear-2kg', body: product({ minRemainingHours: 400 }), status: 422, pointer: '/minRemainingHours' },
    { name: 'a product of an unknown temperature class', who: 'platform', method: 'put', path: '/v1/products/pear-2kg', body: product({ temperatureClass: 'hot' }), status: 422, pointer: '/temperatureClass' },
    { name: 'a wave with a bad cut-off', who: 'platform', method: 'post', path: 'WAVES', body: { cutoffAt: '18:00' }, status: 422, pointer: '/cutoffAt' },
    { name: 'a wave going sideways', who: 'platform', method: 'post', path: 'WAVES', body: { cutoffAt: '2026-11-22T18:00:00+08:00', direction: 'sideways' }, status: 422, pointer: '/direction' },
    { name: 'a wave in another county', who: 'platform', method: 'post', path: '/v1/counties/other-county/waves', body: { cutoffAt: '2026-11-22T18:00:00+08:00' }, status: 404 },
    { name: 'a malformed wave id', who: 'platform', method: 'get', path: '/v1/waves/42', status: 422, parameter: 'waveId' },
    { name: 'a webhook to an ftp URL', who: 'operator', method: 'post', path: '/v1/webhooks', body: { url: 'ftp://example.test/x', events: ['order.status'] }, status: 422, pointer: '/url' },
    { name: 'a webhook to a javascript: URL', who: 'operator', method: 'post', path: '/v1/webhooks', body: { url: 'javascript:alert(1)', events: ['order.status'] }, status: 422, pointer: '/url' },
    { name: 'a webhook for an unknown event', who: 'operator', method: 'post', path: '/v1/webhooks', body: { url: 'https://example.test/h', events: ['order.shipped'] }, status: 422, pointer: '/events/0' },
    { name: 'a key with an unknown role', who: 'platform', method: 'post', path: '/v1/api-keys', body: { role: 'admin', scopeId: 'x', label: 'x' }, status: 422, pointer: '/role' },
    { name: 'a platform key for another county', who: 'platform', method: 'post', path: '/v1/api-keys', body: { role: 'platform', scopeId: 'other-county', label: 'x' }, status: 422, pointer: '/scopeId' },
    { name: 'a policy with a cap above 100 %', who: 'platform', method: 'post', path: 'POLICIES', body: 'POLICY_CAP_2', status: 422, pointer: '/cooperatives/capShareOfSales' },
    { name: 'a fleet of -1 vehicles', who: 'platform', method: 'put', path: '/v1/fleets/fleet-new', body: { siteId: 'x', vehicleTypeId: 'y', firmId: 'z', count: -1 }, status: 422, pointer: '/count' },
    { name: 'a vehicle type without compartments', who: 'platform', method: 'put', path: '/v1/vehicle-types/van-x', body: { name: 'Van', profile: 'reefer-van', compartments: [],
      fixedCostCents: 1, costPerKmCents: 1, costPerHourCents: 1, reeferCostPerHourCents: 1, co2ePerKmGrams: 1, reeferUpliftShare: 0.2 }, status: 422, pointer: '/compartments' },
    { name: 'a plan filter that is not a date', who: 'platform', method: 'get', path: '/v1/plans?cutoffFrom=yesterday', status: 422, parameter: 'cutoffFrom' },
    { name: 'revoking a malformed key id', who: 'platform', method: 'delete', path: '/v1/api-keys/abc', status: 422, parameter: 'keyId' },
    { name: 'no API key', who: 'none', method: 'get', path: '/v1/products', status: 401 },
    { name: 'a firm opening a stream (wrong role)', who: 'logistics', method: 'post', path: '/v1/streams', body: stream({}), status: 403 },
    { name: 'an operator reading the county\'s lots (wrong role)', who: 'operator', method: 'get', path: '/v1/counties/zhouzhi/lots', status: 403 },
  ];

  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const path = c.path === 'COOP_LOTS' ? `/v1/cooperatives/${coop().id}/lots` : c.path === 'WAVES' ? `/v1/counties/${county()}/waves`
      : c.path === 'POLICIES' ? `/v1/counties/${county()}/policies` : c.path;
    let body = c.body;
    if (body === 'POLICY_CAP_2') body = { ...require('../../../config/cost-policy.json'), version: 'v-bad', cooperatives: { capShareOfSales: 2, targetShareOfSales: 0.05, excessPaidBy: 'government' } };
    const before = await counts();
    let req = request(ctx.app)[c.method](path);
    if (keys[c.who]) req = req.set('authorization', keys[c.who]!);
    for (const [h, v] of Object.entries(c.headers ?? {})) req = req.set(h, v);
    const res = c.raw ? await req.set('content-type', c.raw.type).send(c.raw.text) : body !== undefined ? await req.send(body as object) : await req;
    expect({ status: res.status, body: res.body }).toMatchObject({ status: c.status });
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: c.status, type: expect.stringMatching(/^https:\/\/coldlink\.dev\/problems\//), title: expect.any(String), detail: expect.any(String) });
    if (c.pointer) expect(res.body.errors.map((e: { pointer?: string }) => e.pointer)).toContain(c.pointer);
    if (c.parameter) expect(res.body.errors.map((e: { parameter?: string }) => e.parameter)).toContain(c.parameter);
    expect(res.text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    expect(await counts()).toEqual(before);
  });
});
