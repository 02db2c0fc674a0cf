import { sql } from 'kysely';
import request from 'supertest';
import { loadDefaultCostPolicy } from '../../config/load-policy';
import { createDb, type Db } from '../../src/db/connection';
import { createWorkerConnection } from '../../src/queue/connections';
import { startWorkerHost, type WorkerHost } from '../../workers/worker-host';
import { createTestContext, waitFor, type TestContext } from '../helpers/test-context';
import { orderBurst, seedCountyWithStream, type SeededStream } from '../helpers/factories';
import type { Redis } from 'ioredis';

describe('four workers match overlapping bursts against the same scarce lots', () => {
  let ctx: TestContext;
  let seeded: SeededStream;
  const pools: Db[] = [];
  const connections: Redis[] = [];
  const hosts: WorkerHost[] = [];

  beforeAll(async () => {
    ctx = await createTestContext();
    seeded = await seedCountyWithStream(ctx);
    // Make stock scarce: a fifth of every lot, so the workers fight over the same units.
    await sql`update inventory_lots set quantity = greatest(1, quantity / 5)`.execute(ctx.db);
  });
  afterAll(async () => {
    for (const h of hosts) await h.stop();
    for (const c of connections) c.disconnect();
    for (const p of pools) await p.destroy();
    await ctx.close();
  });

  it('never oversells, and every order ends allocated or unfilled with a reason', async () => {
    // Four worker processes' worth: each its own Postgres pool and Redis connection.
    for (let i = 0; i < 4; i++) {
      const db = createDb(ctx.databaseUrl, { max: 3 });
      const connection = createWorkerConnection(ctx.redisUrl);
      pools.push(db);
      connections.push(connection);
      hosts.push(startWorkerHost({ db, connection, queues: ctx.queues, prefix: ctx.prefix, log: ctx.log, policy: loadDefaultCostPolicy(),
        concurrency: 1, outboxPollMs: 20, sweepIntervalMs: 500, sweepStaleAfterMs: 2000, queuesToRun: ['match-orders'] }));
    }
    const orders = orderBurst(seeded, 1600, 61);
    const batches = Array.from({ length: 16 }, (_, i) => orders.slice(i * 100, i * 100 + 100));
    await Promise.all(batches.map((batch) =>
      request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).send({ streamId: seeded.streamId, orders: batch }).expect(202)));
    // Overlap: the sweeper of every worker also re-queues whatever sits unmatched, so batches are contended twice.
    await waitFor(async () => (await ctx.db.selectFrom('orders').select('id').where('status', '=', 'received').execute()).length === 0,
      'every order matched', 90_000);

    const lots = await sql<{ id: string; quantity: number; reserved: number; allocated: string | null }>`
      select l.id, l.quantity, l.reserved, (select sum(a.quantity) from allocations a where a.lot_id = l.id and a.status = 'reserved') as allocated
      from inventory_lots l`.execute(ctx.db);
    for (const lot of lots.rows) {
      expect(lot.reserved).toBeLessThanOrEqual(lot.quantity);
      expect(lot.reserved).toBe(Number(lot.allocated ?? 0));
    }
    expect(lots.rows.some((l) => l.reserved === l.quantity)).toBe(true);

    const lines = await sql<{ quantity: number; filled_quantity: number; unfilled_reason: string | null; allocated: string | null }>`
      select ol.quantity, ol.filled_quantity, ol.unfilled_reason,
        (select sum(a.quantity) from allocations a where a.order_id = ol.order_id and a.line_no = ol.line_no) as allocated
      from order_lines ol`.execute(ctx.db);
    let unfilledLines = 0;
    for (const line of lines.rows) {
      expect(Number(line.allocated ?? 0)).toBe(line.filled_quantity);
      if (line.filled_quantity < line.quantity) {
        unfilledLines++;
        expect(['unknown_sku', 'grade_unavailable', 'no_fresh_stock', 'out_of_stock', 'no_route']).toContain(line.unfilled_reason);
      } else {
        expect(line.unfilled_reason).toBeNull();
      }
    }
    // Scarce stock really was contended: some worker lost a race for stock and matched again.
    expect(unfilledLines).toBeGreaterThan(0);
    const jobs = await ctx.queues['match-orders'].getCompleted(0, 1000);
    const attempts = jobs.map((j) => (j.returnvalue as { attempts: number }).attempts);
    expect(Math.max(...attempts)).toBeGreaterThan(1);
  });
});
