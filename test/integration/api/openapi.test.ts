import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-context';

const validator = join(__dirname, '..', '..', '..', 'node_modules', '@seriousme', 'openapi-schema-validator', 'bin', 'validate-api-cli.js');

function validate(document: unknown): { valid: boolean; errors?: unknown } {
  const file = join(mkdtempSync(join(tmpdir(), 'coldlink-openapi-')), 'openapi.json');
  writeFileSync(file, JSON.stringify(document));
  const run = spawnSync(process.execPath, [validator, file], { encoding: 'utf8' });
  return JSON.parse(run.stdout) as { valid: boolean; errors?: unknown };
}

/** Every method + path the Express app routes under /v1, read from the router itself. */
function servedRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }[]) => {
    for (const layer of stack) {
      if (layer.route) for (const m of Object.keys(layer.route.methods)) out.push(`${m} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack as typeof stack);
    }
  };
  walk((app as unknown as { router: { stack: [] } }).router.stack);
  return out;
}

describe('the OpenAPI document', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('is served at /openapi.json and validates as OpenAPI 3.1 (and the validator does reject a broken one)', async () => {
    const res = await request(ctx.app).get('/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(validate(res.body)).toEqual({ valid: true });
    expect(validate({ ...res.body, info: undefined }).valid).toBe(false);
    expect(Object.keys(res.body.webhooks)).toEqual(expect.arrayContaining(['order.status', 'plan.ready', 'wave.failed']));
  });

  it('describes every /v1 route the app serves, and no route it does not serve', async () => {
    const doc = (await request(ctx.app).get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p.replace(/^\/v1/, '').replace(/\{(\w+)\}/g, ':$1')}`));
    const served = servedRoutes(ctx.app).filter((r) => !/ \/(healthz|readyz|openapi\.json|metrics|init\.js|)$/.test(r));
    expect(served.length).toBeGreaterThan(30);
    expect([...new Set(served)].sort()).toEqual([...documented].sort());
  });

  it('generates request bodies from the validating schemas (a field the schema requires is required in the document)', async () => {
    const doc = (await request(ctx.app).get('/openapi.json')).body;
    const submit = doc.paths['/v1/orders'].post.requestBody.content['application/json'].schema;
    expect(submit.required).toEqual(expect.arrayContaining(['streamId', 'orders']));
    expect(submit.properties.orders.items.properties.lines.items.required).toEqual(expect.arrayContaining(['sku', 'quantity', 'minGrade']));
    expect(submit.additionalProperties).toBe(false);
  });

  it('has an interactive page at /docs that loads locally served assets', async () => {
    const page = await request(ctx.app).get('/docs/').expect(200);
    expect(page.text).toContain('/docs/assets/swagger-ui-bundle.js');
    await request(ctx.app).get('/docs/assets/swagger-ui-bundle.js').expect(200);
    const init = await request(ctx.app).get('/docs/init.js').expect(200);
    expect(init.text).toContain('/openapi.json');
  });
});
