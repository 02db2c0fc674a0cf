import { Queue } from 'bullmq';
import request from 'supertest';
import { createWave } from '../../src/db/wave.repository';
import { SOLVE_WAVE_QUEUE } from '../../workers/processors/solve-wave.codec';
import type { WorkerHost } from '../../workers/worker-host';
import { orderBurst, seedCountyWithStream, type SeededStream } from '../helpers/factories';
import { createTestContext, waitFor, type TestContext } from '../helpers/test-context';

describe('plan-wave solves in a sandboxed child process', () => {
  let ctx: TestContext;
  let seeded: SeededStream;
  let solveQueue: Queue;

  beforeAll(async () => {
    ctx = await createTestContext();
    seeded = await seedCountyWithStream(ctx);
    solveQueue = new Queue(SOLVE_WAVE_QUEUE, { connection: ctx.workerRedis, prefix: ctx.prefix });
  });
  afterAll(async () => {
    await solveQueue.close();
    await ctx.close();
  });

  const matchAll = async (externalIdPrefix: string, count: number, seed: number) => {
    await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator)
      .send({ streamId: seeded.streamId, orders: orderBurst(seeded, count, seed, externalIdPrefix) }).expect(202);
    await waitFor(async () => (await ctx.db.selectFrom('orders').select('id').where('status', '=', 'received').execute()).length === 0, 'matching');
  };
  const startWave = async () => (await request(ctx.app).post(`/v1/counties/${seeded.county.county.id}/waves`).set('authorization', seeded.auth.platform)
    .send({ cutoffAt: '2026-11-22T18:00:00+08:00' }).expect(202)).body as { id: string; statusUrl: string };
  const waveStatus = async (waveId: string) => (await ctx.db.selectFrom('dispatch_waves').select('status').where('id', '=', waveId).executeTakeFirstOrThrow()).status;

  it('runs the solve in another process and writes the plan from the worker process', async () => {
    const host: WorkerHost = ctx.startWorkers();
    try {
      await matchAll('SBX-A-', 120, 21);
      const wave = await startWave();
      await waitFor(async () => ['planned', 'split'].includes(await waveStatus(wave.id)), 'the wave to be planned');
      const job = await ctx.queues['plan-wave'].getJob(`plan-wave-${wave.id}`);
      const result = job!.returnvalue as { planId: string; created: boolean; solverPid: number };
      expect(result.created).toBe(true);
      expect(Number.isInteger(result.solverPid)).toBe(true);
      expect(result.solverPid).not.toBe(process.pid);
      // The child only solved: the plan row was written here, with its routes, in the same transaction.
      const plan = await ctx.db.selectFrom('plans').select(['id']).where('wave_id', '=', wave.id).executeTakeFirstOrThrow();
      expect(plan.id).toBe(result.planId);
      expect((await ctx.db.selectFrom('routes').select('id').where('plan_id', '=', plan.id).execute()).length).toBeGreaterThan(0);
      // The solve-wave child job is gone (its result lives on in the parent), and nothing is left waiting.
      expect(await solveQueue.getJobCounts('active', 'waiting', 'failed', 'completed')).toMatchObject({ active: 0, waiting: 0, failed: 0, completed: 0 });
    } finally {
      await host.stop();
    }
  });

  it('marks the wave failed, with the core\'s reason, when the solver refuses its data (no retry)', async () => {
    // A county without a hub: the planner has nowhere to bring anything.
    await ctx.db.insertInto('counties').values({ id: 'hubless', name: 'Hubless', timezone: 'Asia/Shanghai', lon: 108, lat: 34 }).execute();
    await ctx.db.insertInto('sites').values({ id: 'hubless-v', county_id: 'hubless', name: 'V', tier: 'village', lon: 108, lat: 34, parent_id: null,
      opens_at: '07:00', closes_at: '20:00', handling_seconds: 0, cold_capacity_frozen_grams: 0, cold_capacity_chilled_grams: 0,
      cold_capacity_cool_grams: 0, cold_capacity_ambient_grams: 0 }).execute();
    const wave = await createWave(ctx.db, { countyId: 'hubless', cutoffAt: '2026-11-22T18:00:00+08:00', direction: 'upstream' });
    const host = ctx.startWorkers();
    try {
      const failed = await waitFor(async () => (await ctx.db.selectFrom('dispatch_waves').select(['status', 'error']).where('id', '=', wave.id)
        .where('status', '=', 'failed').executeTakeFirst()), 'the wave to fail');
      expect(failed.error).toMatch(/hub/i);
      const job = await waitFor(async () => {
        const j = await ctx.queues['plan-wave'].getJob(`plan-wave-${wave.id}`);
        return j && (await j.getState()) === 'failed' ? j : undefined;
      }, 'the plan-wave job to fail');
      expect(job.attemptsMade).toBe(1);
      expect(await ctx.db.selectFrom('plans').select('id').where('wave_id', '=', wave.id).execute()).toEqual([]);
    } finally {
      await host.stop();
    }
  });

  it('keeps working on other jobs while a long solve runs', async () => {
    // A big iteration budget: the solve outlasts the matching of a small burst by a wide margin.
    const host = ctx.startWorkers({ planIterations: 250_000 });
    await matchAll('SBX-B-', 200, 22);
    const longWave = await startWave();
    const solving = await waitFor(async () => (await solveQueue.getActive())[0], 'the long solve to start');
    expect(solving.id).toBe(`solve-wave-plan-wave-${longWave.id}`);

    // While the child computes, this process matches a new burst of orders (match-orders jobs complete).
    await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator)
      .send({ streamId: seeded.streamId, orders: orderBurst(seeded, 30, 23, 'SBX-C-') }).expect(202);
    await waitFor(async () => (await ctx.db.selectFrom('orders').select('id').where('status', '=', 'received').execute()).length === 0, 'matching during the solve');
    const burst = await ctx.db.selectFrom('orders').select('status').where('external_id', 'like', 'SBX-C-%').execute();
    expect(burst).toHaveLength(30);
    expect(burst.every((o) => ['matched', 'partially_matched', 'unfilled'].includes(o.status))).toBe(true);
    expect(await solveQueue.getJobState(solving.id!)).toBe('active');
    expect(await waveStatus(longWave.id)).toBe('queued');
    // The parent plan-wave job waits for its child without holding a worker slot.
    expect(await ctx.queues['plan-wave'].getJobState(`plan-wave-${longWave.id}`)).toBe('waiting-children');
    // A sweep that finds the wave unmoved for long does not start a second solve of it.
    const swept = await host.sweeper.sweepOnce(new Date(Date.now() + 10 * 60_000));
    expect(swept.waves).toBe(0);
    expect((await ctx.queues['plan-wave'].getJobs(['waiting', 'active', 'waiting-children', 'delayed'])).map((j) => j.id)).toEqual([`plan-wave-${longWave.id}`]);

    await waitFor(async () => ['planned', 'split'].includes(await waveStatus(longWave.id)), 'the long solve to finish', 170_000);
    const plan = await ctx.db.selectFrom('plans').select('document').where('wave_id', '=', longWave.id).executeTakeFirstOrThrow();
    expect((plan.document as { items: unknown[] }).items.length).toBeGreaterThan(0);
  }, 200_000);
});
