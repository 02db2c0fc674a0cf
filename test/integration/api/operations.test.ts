import request from 'supertest';
import { createApp } from '../../../src/api/app';
import { createMetrics } from '../../../src/observability/metrics';
import { queueDepths } from '../../../src/queue/queues';
import { createRateLimitConnection } from '../../../src/queue/connections';
import { createTestContext, type TestContext } from '../../helpers/test-context';
import { seedCountyWithStream, type SeededStream } from '../../helpers/factories';

describe('operations: rate limits, metrics, queue dashboard, headers, request ids', () => {
  let ctx: TestContext;
  let seeded: SeededStream;

  beforeAll(async () => {
    ctx = await createTestContext();
    seeded = await seedCountyWithStream(ctx);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('limits each key per minute with 429 problem+json and Retry-After, counted in Redis, other keys unaffected', async () => {
    const redis = createRateLimitConnection(ctx.redisUrl);
    try {
      const app = createApp({ db: ctx.db, redis: ctx.producerRedis, log: ctx.log, bodyLimitBytes: 1024, maxOrdersPerBatch: 10,
        rateLimitRedis: redis, rateLimitPerMinute: 3, rateLimitPrefix: `${ctx.prefix}-limited` });
      for (let i = 0; i < 3; i++) await request(app).get('/v1/streams').set('authorization', seeded.auth.operator).expect(200);
      const limited = await request(app).get('/v1/streams').set('authorization', seeded.auth.operator).expect(429);
      expect(limited.headers['content-type']).toMatch(/problem\+json/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      await request(app).get('/v1/products').set('authorization', seeded.auth.platform).expect(200);
      expect((await redis.keys(`${ctx.prefix}-limited:rl:*`)).length).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });

  it('serves Prometheus metrics: requests by route pattern, queue depths', async () => {
    const metrics = createMetrics({ queueDepths: () => queueDepths(ctx.queues) });
    const app = createApp({ db: ctx.db, redis: ctx.producerRedis, log: ctx.log, bodyLimitBytes: 1024, maxOrdersPerBatch: 10, metrics });
    await request(app).get(`/v1/streams/${seeded.streamId}`).set('authorization', seeded.auth.operator).expect(200);
    const text = (await request(app).get('/metrics').expect(200)).text;
    expect(text).toMatch(/coldlink_http_requests_total\{method="GET",route="\/v1\/streams\/:streamId",status="200"\} 1/);
    expect(text).toMatch(/coldlink_queue_jobs\{queue="match-orders",state="waiting"\} \d+/);
    expect(text).toContain('coldlink_job_duration_seconds');
  });

  it('shows the BullMQ dashboard to the platform role only', async () => {
    await request(ctx.app).get('/admin/queues').expect(401);
    await request(ctx.app).get('/admin/queues').set('authorization', seeded.auth.operator).expect(403);
    const platformKey = seeded.auth.platform.slice('Bearer '.length);
    const basic = `Basic ${Buffer.from(`platform:${platformKey}`).toString('base64')}`;
    const page = await request(ctx.app).get('/admin/queues').set('authorization', basic).expect(200);
    expect(page.text).toMatch(/<html/i);
  });

  it('sets security headers, echoes a request id, and never shows a stack trace', async () => {
    const res = await request(ctx.app).get('/healthz').set('x-request-id', 'req-123').expect(200);
    expect(res.headers['x-request-id']).toBe('req-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    const generated = await request(ctx.app).get('/healthz').expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
