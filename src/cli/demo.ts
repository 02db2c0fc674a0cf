import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import Table from 'cli-table3';
import { loadConfig } from '../../config/load-config';
import { loadDefaultCostPolicy } from '../../config/load-policy';
import { FIXTURE_DATE, generateCounty, generateOrderBurst, HANDOVER_MINUTES } from '../../fixtures/county';
import { createApp } from '../api/app';
import type { CostSplitDocument } from '../core/cost-split/cost-split.types';
import type { PlanDocument } from '../core/plan/plan.types';
import { createApiKey } from '../db/api-key.repository';
import { replaceCountyData, upsertOperator, upsertStream } from '../db/county.repository';
import { countOrdersByStatus, countUnfilledByReason } from '../db/order.repository';
import { openRuntime } from '../runtime';
import { startWorkerHost } from '../../workers/worker-host';
import { planToGeoJson } from './plan-geojson';
import { formatPlanSummary, formatSplitSummary } from './plan-summary';
import { createProgress } from './progress';

/**
 * `npm run demo`: a flash sale on the generated fixture county, end to end through the HTTP API, the
 * outbox, BullMQ workers and Postgres — the same code paths a deployment runs, in one process.
 */
const ORDER_COUNT = 5000;
const BATCH_SIZE = 500;
const CLIENTS = 4;
const pad2 = (n: number) => String(n).padStart(2, '0');

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig(process.env, { LOG_LEVEL: (process.env.LOG_LEVEL as 'info' | undefined) ?? 'warn' });
  console.log(`coldlink demo — database ${new URL(config.DATABASE_URL).pathname.slice(1)}, queue prefix ${config.QUEUE_PREFIX}`);
  const runtime = await openRuntime(config);
  const { db, log } = runtime;

  const county = generateCounty();
  await replaceCountyData(db, county);
  const operatorId = 'operator-demo-mcn';
  const streamId = `stream-${FIXTURE_DATE}-flash-sale`;
  await upsertOperator(db, { id: operatorId, name: 'Demo MCN livestream studio' });
  await upsertStream(db, { id: streamId, operatorId, countyId: county.county.id, title: `${county.county.name} harvest flash sale`,
    boundCooperativeIds: null, startsAt: `${FIXTURE_DATE}T10:00:00+08:00` });
  console.log(`loaded ${county.county.name}: ${county.sites.length} sites, ${county.cooperatives.length} cooperatives, ` +
    `${county.farmers.length} farmers, ${county.products.length} products, ${county.lots.length} lots, ` +
    `${county.fleets.reduce((s, f) => s + f.count, 0)} vehicles, ${county.roads.features.length} road segments`);

  // The demo issues itself one key per client role, as the county platform would.
  const operatorKey = (await createApiKey(db, { role: 'operator', scopeId: operatorId, label: 'demo operator' })).key;
  const platformKey = (await createApiKey(db, { role: 'platform', scopeId: county.county.id, label: 'demo platform' })).key;
  const asOperator = { 'content-type': 'application/json', authorization: `Bearer ${operatorKey}` };
  const asPlatform = { 'content-type': 'application/json', authorization: `Bearer ${platformKey}` };
  const host = startWorkerHost({ db, connection: runtime.workerRedis, queues: runtime.queues, prefix: config.QUEUE_PREFIX, log,
    policy: loadDefaultCostPolicy(), concurrency: config.WORKER_CONCURRENCY, outboxPollMs: config.OUTBOX_POLL_MS,
    sweepIntervalMs: config.SWEEP_INTERVAL_MS, sweepStaleAfterMs: config.SWEEP_STALE_AFTER_MS, matchBatchSize: config.MATCH_BATCH_SIZE,
    match: { iterations: config.MATCH_ITERATIONS, timeLimitSeconds: config.MATCH_TIME_LIMIT_S }, planIterations: config.PLAN_ITERATIONS });
  const app = createApp({ db, redis: runtime.producerRedis, log, bodyLimitBytes: config.BODY_LIMIT_BYTES,
    maxOrdersPerBatch: config.MAX_ORDERS_PER_BATCH, queues: runtime.queues, rateLimitRedis: runtime.rateLimitRedis,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE, rateLimitPrefix: config.QUEUE_PREFIX, onOutboxWritten: () => host.relay.wake() });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((ok) => server.once('listening', () => ok()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  try {
    const network = await fetch(`${base}/v1/counties/${county.county.id}/network`, { method: 'PUT', headers: asPlatform, body: JSON.stringify(county.roads) });
    if (network.status !== 200) throw new Error(`demo: uploading the road network answered ${network.status}: ${await network.text()}`);
    const uploaded = (await network.json()) as { version: string; sitesChecked: number; report: { nodes: number; totalKm: number } };
    console.log(`road network ${uploaded.version}: ${uploaded.report.nodes} junctions, ${uploaded.report.totalKm.toFixed(0)} km, ` +
      `all ${uploaded.sitesChecked} sites reachable`);
    const orders = generateOrderBurst({ seed: 7, county, streamId, count: ORDER_COUNT });
    const bars = createProgress();
    const posted = bars.bar('posted over HTTP', orders.length, 'orders');
    const matched = bars.bar('matched to lots', orders.length, 'orders');

    const batches: (typeof orders)[] = [];
    for (let i = 0; i < orders.length; i += BATCH_SIZE) batches.push(orders.slice(i, i + BATCH_SIZE));
    let next = 0;
    let accepted = 0;
    const client = async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const res = await fetch(`${base}/v1/orders`, { method: 'POST', headers: asOperator,
          body: JSON.stringify({ streamId, orders: batch }) });
        if (res.status !== 202) throw new Error(`demo: POST /v1/orders answered ${res.status}: ${await res.text()}`);
        const body = (await res.json()) as { accepted: unknown[]; duplicates: unknown[] };
        accepted += body.accepted.length;
        posted.increment(batch.length);
      }
    };
    const polling = (async () => {
      for (;;) {
        const counts = await countOrdersByStatus(db, { streamId });
        const total = Object.values(counts).reduce((s, n) => s + n, 0);
        const done = total - (counts.received ?? 0);
        matched.update(done);
        if (accepted === orders.length && done === orders.length) return;
        await new Promise((ok) => setTimeout(ok, 200));
      }
    })();
    await Promise.all(Array.from({ length: CLIENTS }, client));
    await polling;

    const waveBar = bars.bar('wave: plan → split', 3, 'stages');
    const cutoffAt = `${FIXTURE_DATE}T${pad2(Math.floor(HANDOVER_MINUTES / 60))}:${pad2(HANDOVER_MINUTES % 60)}:00+08:00`;
    const waveRes = await fetch(`${base}/v1/counties/${county.county.id}/waves`, { method: 'POST',
      headers: asPlatform, body: JSON.stringify({ cutoffAt, direction: 'upstream' }) });
    if (waveRes.status !== 202) throw new Error(`demo: starting the wave answered ${waveRes.status}: ${await waveRes.text()}`);
    const wave = (await waveRes.json()) as { id: string; statusUrl: string };
    waveBar.update(1);
    let status: { status: string; planId: string | null; error: string | null };
    for (;;) {
      status = (await (await fetch(`${base}${wave.statusUrl}`, { headers: asPlatform })).json()) as typeof status;
      if (status.status === 'planned') waveBar.update(2);
      if (status.status === 'split' || status.status === 'failed') break;
      await new Promise((ok) => setTimeout(ok, 200));
    }
    waveBar.update(status.status === 'split' ? 3 : 2);
    bars.stop();
    if (status.status === 'failed' || !status.planId) throw new Error(`demo: the wave failed: ${status.error ?? 'no plan'}`);

    const plan = (await (await fetch(`${base}/v1/plans/${status.planId}`, { headers: asPlatform })).json()) as PlanDocument & { id: string };
    const split = (await (await fetch(`${base}/v1/plans/${status.planId}/cost-split`, { headers: asPlatform })).json()) as CostSplitDocument;
    const counts = await countOrdersByStatus(db, { streamId });
    const reasons = await countUnfilledByReason(db, streamId);
    printSummary({ counts, reasons, plan, split, seconds: (performance.now() - started) / 1000 });

    const outDir = resolve(process.cwd(), 'out');
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, `plan-${FIXTURE_DATE}.geojson`);
    writeFileSync(file, JSON.stringify(planToGeoJson(plan, county.sites), null, 1));
    console.log(`\nplan ${plan.id} written as GeoJSON to ${file}`);
  } finally {
    await new Promise<void>((ok) => server.close(() => ok()));
    await host.stop();
    await runtime.close();
  }
}

function printSummary(s: { counts: Record<string, number>; reasons: Record<string, { lines: number; units: number }>; plan: PlanDocument;
  split: CostSplitDocument; seconds: number }): void {
  const { plan, split } = s;
  const orders = new Table({ head: ['orders', 'count'] });
  for (const [status, n] of Object.entries(s.counts).sort()) orders.push([status, n]);
  for (const [reason, r] of Object.entries(s.reasons).sort()) orders.push([`  unfilled line: ${reason}`, `${r.lines} lines, ${r.units} units`]);
  console.log('\n' + orders.toString());

  console.log(formatPlanSummary(plan));
  console.log(formatSplitSummary(split, loadDefaultCostPolicy().cooperatives.capShareOfSales));
  console.log(`demo finished in ${s.seconds.toFixed(1)} s`);
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
