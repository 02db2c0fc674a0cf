import { FIXTURE_DATE, generateCounty, generateOrderBurst, type CountyFixture, type OrderInput } from '../../fixtures/county';
import { replaceCountyData, upsertOperator, upsertStream } from '../../src/db/county.repository';
import type { Db } from '../../src/db/connection';
import type { Role } from '../../src/db/database.types';

let cachedCounty: CountyFixture | undefined;

/** The generated fixture county (generated once per test file: it is deterministic). */
export function fixtureCounty(): CountyFixture {
  cachedCounty ??= generateCounty();
  return cachedCounty;
}

export interface SeededStream {
  county: CountyFixture;
  streamId: string;
  operatorId: string;
  /** `Authorization` header values for the stream's operator and the county's platform. */
  auth: { operator: string; platform: string };
}

/** Loads the fixture county into the database with one operator and one stream. */
export async function seedCountyWithStream(ctx: { db: Db; issueKey: (role: Role, scopeId: string) => Promise<string> }, streamSuffix = 'test'): Promise<SeededStream> {
  const { db } = ctx;
  const county = fixtureCounty();
  await replaceCountyData(db, county);
  const operatorId = 'operator-test';
  const streamId = `stream-${FIXTURE_DATE}-${streamSuffix}`;
  await upsertOperator(db, { id: operatorId, name: 'Test operator' });
  await upsertStream(db, { id: streamId, operatorId, countyId: county.county.id, title: 'Test stream', boundCooperativeIds: null,
    startsAt: `${FIXTURE_DATE}T10:00:00+08:00` });
  const auth = { operator: `Bearer ${await ctx.issueKey('operator', operatorId)}`, platform: `Bearer ${await ctx.issueKey('platform', county.county.id)}` };
  return { county, streamId, operatorId, auth };
}

export function orderBurst(seeded: SeededStream, count: number, seed = 11, externalIdPrefix?: string): OrderInput[] {
  return generateOrderBurst({ seed, county: seeded.county, streamId: seeded.streamId, count, ...(externalIdPrefix ? { externalIdPrefix } : {}) });
}

/** Posts orders through the API, lets the workers match them, runs a wave to a split plan; returns the plan id. */
export async function seedPlannedWave(ctx: { app: import('express').Express; db: Db }, seeded: SeededStream, count = 200): Promise<string> {
  const request = (await import('supertest')).default;
  const { waitFor } = await import('./test-context');
  await request(ctx.app).post('/v1/orders').set('authorization', seeded.auth.operator).send({ streamId: seeded.streamId, orders: orderBurst(seeded, count, 31) }).expect(202);
  await waitFor(async () => (await ctx.db.selectFrom('orders').select('id').where('status', '=', 'received').execute()).length === 0, 'matching');
  const wave = await request(ctx.app).post(`/v1/counties/${seeded.county.county.id}/waves`).set('authorization', seeded.auth.platform)
    .send({ cutoffAt: '2026-11-22T18:00:00+08:00' }).expect(202);
  const done = await waitFor(async () => {
    const res = await request(ctx.app).get(wave.body.statusUrl).set('authorization', seeded.auth.platform);
    return res.body.status === 'split' ? res.body : undefined;
  }, 'the wave to be split');
  return done.planId as string;
}
