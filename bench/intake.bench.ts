/**
 * `npm run bench:intake` — how many orders per second POST /v1/orders stores durably (batches of 500,
 * several concurrent clients on loopback, the API in its own process), with p50/p99 latency per batch,
 * and Postgres's own ceiling for the same rows (COPY through psql), so the figure reads as a share of
 * what the database can take. Writes bench/results/intake.json.
 *
 * Options: --orders N (default 20000), --clients N (default 4), --batch N (default 500).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../config/load-config';
import { FIXTURE_DATE, generateCounty, generateOrderBurst, type OrderInput } from '../fixtures/county';
import { createApiKey } from '../src/db/api-key.repository';
import { createDb, dropDatabase, ensureDatabase } from '../src/db/connection';
import { replaceCountyData, upsertOperator, upsertStream } from '../src/db/county.repository';
import { migrateToLatest } from '../src/db/migrate';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`bench:intake: --${name} must be a positive integer`);
  return value;
}

const ORDERS = arg('orders', 20_000);
const CLIENTS = arg('clients', 4);
const BATCH = arg('batch', 500);

async function main(): Promise<void> {
  const base = loadConfig();
  const url = new URL(base.DATABASE_URL);
  url.pathname = '/coldlink_bench_intake';
  const databaseUrl = url.toString();
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  const db = createDb(databaseUrl, { max: 4 });
  await migrateToLatest(db);
  const county = generateCounty();
  await replaceCountyData(db, county);
  const streamId = `stream-${FIXTURE_DATE}-bench`;
  await upsertOperator(db, { id: 'operator-bench', name: 'Bench operator' });
  await upsertStream(db, { id: streamId, operatorId: 'operator-bench', countyId: county.county.id, title: 'bench', boundCooperativeIds: null,
    startsAt: `${FIXTURE_DATE}T10:00:00+08:00` });

  const key = (await createApiKey(db, { role: 'operator', scopeId: 'operator-bench', label: 'bench' })).key;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
  const orders = generateOrderBurst({ seed: 99, county, streamId, count: ORDERS + 2 * BATCH, externalIdPrefix: 'BENCH-' });
  const warmup = orders.slice(0, 2 * BATCH);
  const measured = orders.slice(2 * BATCH);
  const batches: OrderInput[][] = [];
  for (let i = 0; i < measured.length; i += BATCH) batches.push(measured.slice(i, i + BATCH));

  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/api/server.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'warn', BODY_LIMIT_BYTES: String(8 * 1024 * 1024),
      RATE_LIMIT_PER_MINUTE: '1000000' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    const origin = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const ok = await fetch(`${origin}/readyz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (i > 200) throw new Error('bench:intake: the API did not become ready');
      await new Promise((r) => setTimeout(r, 100));
    }
    for (let i = 0; i < warmup.length; i += BATCH) {
      const res = await fetch(`${origin}/v1/orders`, { method: 'POST', headers,
        body: JSON.stringify({ streamId, orders: warmup.slice(i, i + BATCH) }) });
      if (res.status !== 202) throw new Error(`bench:intake: warm-up answered ${res.status}`);
    }

    let next = 0;
    const bodies = batches.map((b) => JSON.stringify({ streamId, orders: b }));
    const started = performance.now();
    const result = await autocannon({
      url: origin,
      connections: CLIENTS,
      amount: batches.length,
      timeout: 60,
      requests: [{
        method: 'POST', path: '/v1/orders', headers,
        setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }),
      }],
    });
    const seconds = (performance.now() - started) / 1000;
    const stored = Number((await db.selectFrom('orders').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('external_id', 'like', 'BENCH-%').executeTakeFirstOrThrow()).n) - warmup.length;
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`bench:intake: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    if (stored !== measured.length) throw new Error(`bench:intake: ${stored} orders stored, expected ${measured.length}`);
    const apiRate = measured.length / seconds;

    // Postgres's ceiling: COPY the same rows (fresh external ids) into the same tables, in one transaction.
    const dir = mkdtempSync(join(tmpdir(), 'coldlink-copy-'));
    const orderRows: string[] = [];
    const lineRows: string[] = [];
    const csv = (v: string) => `"${v.replace(/"/g, '""')}"`;
    for (const o of measured) {
      const id = randomUUID();
      orderRows.push([id, 'operator-bench', streamId, county.county.id, csv(`COPY-${o.externalId}`), 'received', o.paidCents, o.shipBy,
        csv(JSON.stringify(o.buyer))].join(','));
      o.lines.forEach((l, n) => lineRows.push([id, n, csv(l.sku), l.quantity, l.minGrade].join(',')));
    }
    writeFileSync(join(dir, 'orders.csv'), orderRows.join('\n') + '\n');
    writeFileSync(join(dir, 'lines.csv'), lineRows.join('\n') + '\n');
    writeFileSync(join(dir, 'copy.sql'), [
      `\\copy orders (id, operator_id, stream_id, county_id, external_id, status, paid_cents, ship_by, buyer) from '${join(dir, 'orders.csv')}' with (format csv)`,
      `\\copy order_lines (order_id, line_no, sku, quantity, min_grade) from '${join(dir, 'lines.csv')}' with (format csv)`,
    ].join('\n') + '\n');
    const copyStarted = performance.now();
    const copy = spawnSync('psql', ['--single-transaction', '-v', 'ON_ERROR_STOP=1', '-q', '-f', join(dir, 'copy.sql'), databaseUrl], { encoding: 'utf8' });
    const copySeconds = (performance.now() - copyStarted) / 1000;
    if (copy.status !== 0) throw new Error(`bench:intake: COPY failed: ${copy.stderr}`);
    const copyRate = measured.length / copySeconds;

    const figures = {
      benchmark: 'intake',
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
      orders: measured.length,
      lines: lineRows.length,
      batchSize: BATCH,
      clients: CLIENTS,
      api: {
        seconds: round(seconds, 3),
        ordersPerSecond: Math.round(apiRate),
        batchLatencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
      },
      postgresCopy: { seconds: round(copySeconds, 3), ordersPerSecond: Math.round(copyRate) },
      shareOfPostgresCeiling: round(apiRate / copyRate, 3),
      notes: 'API and benchmark client on one 2-core machine with Postgres; each order is stored with its lines and one outbox row per batch in one transaction before the 202.',
    };
    console.log(`\nintake: ${figures.orders} orders (${figures.lines} lines) in batches of ${BATCH}, ${CLIENTS} clients`);
    console.log(`  POST /v1/orders : ${figures.api.ordersPerSecond} orders/s, batch latency p50 ${figures.api.batchLatencyMs.p50} ms, p99 ${figures.api.batchLatencyMs.p99} ms`);
    console.log(`  Postgres COPY   : ${figures.postgresCopy.ordersPerSecond} orders/s (same rows, one transaction)`);
    console.log(`  API / COPY      : ${(figures.shareOfPostgresCeiling * 100).toFixed(1)} % of the database's own ceiling`);
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', 'intake.json'), JSON.stringify(figures, null, 2) + '\n');
    console.log('  written to bench/results/intake.json');
  } finally {
    // Let the API close its pool before the database goes away.
    const exited = new Promise<void>((ok) => server.once('exit', () => ok()));
    server.kill('SIGTERM');
    await exited;
    await db.destroy();
  }
  await dropDatabase(databaseUrl);
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
