import request from 'supertest';
import { createDb, type Db } from '../../src/db/connection';
import { cutoffsAround, dueCutoffs } from '../../src/db/cutoff-schedule';
import { localDateTimeToUtc } from '../../src/db/local-time';
import { WaveScheduler } from '../../workers/wave-scheduler';
import { orderBurst, seedCountyWithStream, type SeededStream } from '../helpers/factories';
import { createTestContext, waitFor, type TestContext } from '../helpers/test-context';

describe('per-county cut-off schedules start waves', () => {
  let ctx: TestContext;
  let seeded: SeededStream;
  let countyId: string;
  // A second pool: two schedulers as two worker processes would run them.
  let otherDb: Db;
  const schedulerOn = (db: Db) => new WaveScheduler({ db, log: ctx.log, intervalMs: 60_000 });

  beforeAll(async () => {
    ctx = await createTestContext();
    seeded = await seedCountyWithStream(ctx);
    countyId = seeded.county.county.id;
    otherDb = createDb(ctx.databaseUrl, { max: 2 });
  });
  afterAll(async () => {
    await otherDb.destroy();
    await ctx.close();
  });

  const put = (body: unknown, county = countyId) =>
    request(ctx.app).put(`/v1/counties/${county}/wave-schedule`).set('authorization', seeded.auth.platform).send(body as object);
  const scheduledWaves = () => ctx.db.selectFrom('dispatch_waves').select(['id', 'cutoff_at', 'direction', 'status'])
    .where('started_by', '=', 'schedule').orderBy('cutoff_at').execute();

  it('stores a schedule, reads it back with the next starts, and refuses bad ones naming the field', async () => {
    const res = await put({ timezone: 'Asia/Shanghai', cutoffs: [{ at: '18:00', direction: 'upstream', leadMinutes: 240 }, { at: '11:30', leadMinutes: 90 }] }).expect(200);
    expect(res.body.cutoffs).toEqual([{ at: '11:30', direction: 'upstream', leadMinutes: 90 }, { at: '18:00', direction: 'upstream', leadMinutes: 240 }]);
    const got = (await request(ctx.app).get(`/v1/counties/${countyId}/wave-schedule`).set('authorization', seeded.auth.platform).expect(200)).body;
    expect(got.timezone).toBe('Asia/Shanghai');
    expect(got.upcoming).toHaveLength(2);
    for (const u of got.upcoming) {
      expect(Date.parse(u.cutoffAt)).toBeGreaterThan(Date.now());
      // 18:00 and 11:30 in Shanghai are 10:00 and 03:30 UTC.
      expect(['10:00', '03:30']).toContain(u.cutoffAt.slice(11, 16));
    }
    // The county's zone is the default.
    expect((await put({ cutoffs: [{ at: '18:00', leadMinutes: 0 }] }).expect(200)).body.timezone).toBe(seeded.county.county.timezone);

    const bad: [unknown, string][] = [
      [{ timezone: 'Mars/Olympus', cutoffs: [{ at: '18:00', leadMinutes: 60 }] }, '/timezone'],
      [{ cutoffs: [{ at: '24:00', leadMinutes: 60 }] }, '/cutoffs/0/at'],
      [{ cutoffs: [{ at: '6:00', leadMinutes: 60 }] }, '/cutoffs/0/at'],
      [{ cutoffs: [{ at: '18:00', leadMinutes: -5 }] }, '/cutoffs/0/leadMinutes'],
      [{ cutoffs: [{ at: '18:00', leadMinutes: 1441 }] }, '/cutoffs/0/leadMinutes'],
      [{ cutoffs: [{ at: '18:00', leadMinutes: 1.5 }] }, '/cutoffs/0/leadMinutes'],
      [{ cutoffs: [{ at: '18:00', leadMinutes: 60, direction: 'downstream' }] }, '/cutoffs/0/direction'],
      [{ cutoffs: [{ at: '18:00', leadMinutes: 60 }, { at: '18:00', leadMinutes: 30 }] }, '/cutoffs/1/at'],
      [{ cutoffs: [] }, '/cutoffs'],
      [{ cutoffs: [{ at: '18:00', leadMinutes: 60, extra: 1 }] }, '/cutoffs/0'],
    ];
    for (const [body, pointer] of bad) {
      const r = await put(body).expect(422);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    }
    // A refused schedule leaves the stored one as it was.
    expect((await request(ctx.app).get(`/v1/counties/${countyId}/wave-schedule`).set('authorization', seeded.auth.platform)).body.cutoffs)
      .toEqual([{ at: '18:00', direction: 'upstream', leadMinutes: 0 }]);
    await put({ cutoffs: [{ at: '18:00', leadMinutes: 60 }] }, 'nowhere').expect(404);
  });

  it('reads local cut-offs in the zone, across a daylight-saving change too', () => {
    expect(localDateTimeToUtc({ year: 2026, month: 11, day: 22 }, '18:00', 'Asia/Shanghai').toISOString()).toBe('2026-11-22T10:00:00.000Z');
    // New York: EDT (UTC-4) until 1 November 2026, EST (UTC-5) after.
    expect(localDateTimeToUtc({ year: 2026, month: 10, day: 31 }, '18:00', 'America/New_York').toISOString()).toBe('2026-10-31T22:00:00.000Z');
    expect(localDateTimeToUtc({ year: 2026, month: 11, day: 1 }, '18:00', 'America/New_York').toISOString()).toBe('2026-11-01T23:00:00.000Z');
    // 02:30 does not exist on 8 March 2026 in New York (02:00 → 03:00): it moves forward to 03:30 EDT.
    expect(localDateTimeToUtc({ year: 2026, month: 3, day: 8 }, '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(localDateTimeToUtc({ year: 2026, month: 3, day: 8 }, '03:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // 01:30 happens twice on 1 November 2026: the first (EDT) one.
    expect(localDateTimeToUtc({ year: 2026, month: 11, day: 1 }, '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
    // A cut-off just after local midnight with a long lead starts the evening before.
    const schedule = { timezone: 'Asia/Shanghai', cutoffs: [{ at: '02:00', direction: 'upstream' as const, leadMinutes: 300 }] };
    const due = dueCutoffs(schedule, new Date('2026-11-22T15:30:00Z')); // 23:30 on the 22nd in Shanghai
    expect(due.map((d) => d.cutoffAt.toISOString())).toEqual(['2026-11-22T18:00:00.000Z']);
    expect(cutoffsAround(schedule, new Date('2026-11-22T15:30:00Z'), 1)).toHaveLength(2);
  });

  it('starts exactly one wave for a due cut-off, even with two schedulers ticking at once; none before it is due or after it', async () => {
    await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator)
      .send({ streamId: seeded.streamId, orders: orderBurst(seeded, 80, 41, 'SCH-') }).expect(202);
    await put({ timezone: 'Asia/Shanghai', cutoffs: [{ at: '18:00', leadMinutes: 240 }] }).expect(200);
    const a = schedulerOn(ctx.db);
    const b = schedulerOn(otherDb);

    // 13:59 local: the 18:00 cut-off starts at 14:00, not yet.
    const early = new Date('2026-11-22T05:59:00Z');
    expect([...(await a.tickOnce(early)), ...(await b.tickOnce(early))]).toEqual([]);
    expect(await scheduledWaves()).toEqual([]);

    // Match the orders now so the wave has something to cover (the matcher runs in the workers).
    const host = ctx.startWorkers();
    await waitFor(async () => (await ctx.db.selectFrom('orders').select('id').where('status', '=', 'received').execute()).length === 0, 'matching');
    await host.stop();

    // 14:00 local, two schedulers at the same moment, then again a little later.
    const due = new Date('2026-11-22T06:00:00Z');
    const [fromA, fromB] = await Promise.all([a.tickOnce(due), b.tickOnce(due)]);
    expect([...fromA, ...fromB]).toHaveLength(1);
    const started = [...fromA, ...fromB][0]!;
    expect(started.cutoffAt).toBe('2026-11-22T10:00:00.000Z');
    expect(started.orderCount).toBeGreaterThan(0);
    expect([...(await a.tickOnce(new Date('2026-11-22T09:59:00Z'))), ...(await b.tickOnce(new Date('2026-11-22T07:00:00Z')))]).toEqual([]);
    const waves = await scheduledWaves();
    expect(waves).toHaveLength(1);
    expect(waves[0]!.cutoff_at.toISOString()).toBe('2026-11-22T10:00:00.000Z');
    const outbox = await ctx.db.selectFrom('outbox').select('job_id').where('job_id', '=', `plan-wave-${waves[0]!.id}`).execute();
    expect(outbox).toHaveLength(1);
    // At or after the cut-off nothing starts late.
    expect(await a.tickOnce(new Date('2026-11-22T10:00:00Z'))).toEqual([]);

    // The scheduled wave is an ordinary wave: the workers plan it.
    ctx.startWorkers();
    await waitFor(async () => ['planned', 'split'].includes((await scheduledWaves())[0]!.status), 'the scheduled wave to be planned');
    const listed = (await request(ctx.app).get(`/v1/waves/${waves[0]!.id}`).set('authorization', seeded.auth.platform).expect(200)).body;
    expect(listed.startedBy).toBe('schedule');
  });

  it('follows a changed schedule and stops with a deleted one', async () => {
    const a = schedulerOn(ctx.db);
    // Moved to 20:00 with a 60-minute lead: 18:00 on the 23rd no longer starts anything, 19:00 does.
    await put({ timezone: 'Asia/Shanghai', cutoffs: [{ at: '20:00', leadMinutes: 60 }] }).expect(200);
    expect(await a.tickOnce(new Date('2026-11-23T06:30:00Z'))).toEqual([]);
    const moved = await a.tickOnce(new Date('2026-11-23T11:00:00Z'));
    expect(moved.map((w) => w.cutoffAt)).toEqual(['2026-11-23T12:00:00.000Z']);

    await request(ctx.app).delete(`/v1/counties/${countyId}/wave-schedule`).set('authorization', seeded.auth.platform).expect(204);
    await request(ctx.app).get(`/v1/counties/${countyId}/wave-schedule`).set('authorization', seeded.auth.platform).expect(404);
    await request(ctx.app).delete(`/v1/counties/${countyId}/wave-schedule`).set('authorization', seeded.auth.platform).expect(404);
    expect(await a.tickOnce(new Date('2026-11-24T11:00:00Z'))).toEqual([]);
    expect((await scheduledWaves()).map((w) => w.cutoff_at.toISOString())).toEqual(['2026-11-22T10:00:00.000Z', '2026-11-23T12:00:00.000Z']);
  });
});
