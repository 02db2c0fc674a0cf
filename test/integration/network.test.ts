import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { loadVehicleProfiles } from '../../config/load-profiles';
import { upsertSite } from '../../src/db/master-data.repository';
import { countTravelMatrices } from '../../src/db/road-network.repository';
import { RoadNetworkService } from '../../src/services/road-network.service';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { seedCountyWithStream, seedPlannedWave, type SeededStream } from '../helpers/factories';
import type { PlanDocument } from '../../src/core/plan/plan.types';

const andorra = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'shared', 'networks', 'andorra.geojson'), 'utf8'));

describe('road networks: upload, versions, cached travel matrices', () => {
  let ctx: TestContext;
  let seeded: SeededStream;
  const networks = () => ctx.db.selectFrom('road_networks').selectAll().execute();

  beforeAll(async () => {
    ctx = await createTestContext();
    seeded = await seedCountyWithStream(ctx);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('refuses a network with a broken feature, naming its index, and stores nothing', async () => {
    const roads = structuredClone(seeded.county.roads) as { features: { geometry: { coordinates: unknown[] } }[] };
    // NaN cannot travel in JSON: it arrives as null, a non-finite coordinate.
    roads.features[7]!.geometry.coordinates[1] = [Number.NaN, 34];
    const res = await request(ctx.app).put(`/v1/counties/${seeded.county.county.id}/network`).set('authorization', seeded.auth.platform)
      .send(roads).expect(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('/features/7');
    expect(await networks()).toHaveLength(0);
  });

  it('refuses a network that leaves a site unreachable, naming the site', async () => {
    await upsertSite(ctx.db, { id: 'site-in-the-sea', county_id: seeded.county.county.id, name: 'Bohai Sea Point', tier: 'village', lon: 120.5, lat: 38.5,
      parent_id: null, opens_at: '07:00', closes_at: '20:00', handling_seconds: 0, cold_capacity_frozen_grams: 0, cold_capacity_chilled_grams: 0,
      cold_capacity_cool_grams: 0, cold_capacity_ambient_grams: 0 });
    const res = await request(ctx.app).put(`/v1/counties/${seeded.county.county.id}/network`).set('authorization', seeded.auth.platform)
      .send(seeded.county.roads).expect(422);
    expect(JSON.stringify(res.body.errors)).toContain("site 'Bohai Sea Point'");
    expect(await networks()).toHaveLength(0);
    await ctx.db.deleteFrom('sites').where('id', '=', 'site-in-the-sea').execute();
  });

  it('stores the fixture county\'s roads with every site reachable, and reports the version', async () => {
    const res = await request(ctx.app).put(`/v1/counties/${seeded.county.county.id}/network`).set('authorization', seeded.auth.platform)
      .send(seeded.county.roads).expect(200);
    expect(res.body.version).toMatch(/^[0-9a-f]{16}$/);
    expect(res.body.sitesChecked).toBe(seeded.county.sites.length);
    expect(res.body.report.dropped).toEqual([]);
    const current = await request(ctx.app).get(`/v1/counties/${seeded.county.county.id}/network`).set('authorization', seeded.auth.platform).expect(200);
    expect(current.body.version).toBe(res.body.version);
    // Uploading the same content again is the same version, stored once.
    await request(ctx.app).put(`/v1/counties/${seeded.county.county.id}/network`).set('authorization', seeded.auth.platform).send(seeded.county.roads).expect(200);
    expect(await networks()).toHaveLength(1);
  });

  it('accepts a real OpenStreetMap network (Andorra, 1 MB) through the API', async () => {
    const key = `Bearer ${await ctx.issueKey('platform', 'andorra')}`;
    await ctx.db.insertInto('counties').values({ id: 'andorra', name: 'Andorra', timezone: 'Europe/Andorra', lon: 1.52, lat: 42.5 }).execute();
    const res = await request(ctx.app).put('/v1/counties/andorra/network').set('authorization', key).send(andorra).expect(200);
    expect(res.body.report.nodes).toBeGreaterThan(1000);
    expect(res.body.report.places).toBe(59);
  });

  it('computes a travel matrix once and serves it from memory, then from Postgres in another process', async () => {
    const sites = seeded.county.sites.filter((s) => s.tier !== 'village').map((s) => ({ id: s.id, name: s.name, lon: s.lon, lat: s.lat }));
    const service = new RoadNetworkService({ db: ctx.db, profiles: loadVehicleProfiles() });
    const first = await service.travelMatrix(seeded.county.county.id, 'reefer-truck-5t', sites);
    expect(first.source).toBe('computed');
    expect(first.siteIds).toEqual(sites.map((s) => s.id));
    const n = sites.length;
    for (let i = 0; i < n; i++) {
      expect(first.time[i * n + i]).toBe(0);
      for (let j = 0; j < n; j++) if (i !== j) expect(Number.isFinite(first.time[i * n + j]!) && first.time[i * n + j]! > 0).toBe(true);
    }
    expect((await service.travelMatrix(seeded.county.county.id, 'reefer-truck-5t', sites)).source).toBe('memory');
    const elsewhere = new RoadNetworkService({ db: ctx.db, profiles: loadVehicleProfiles() });
    const again = await elsewhere.travelMatrix(seeded.county.county.id, 'reefer-truck-5t', sites);
    expect(again.source).toBe('database');
    expect([...again.time]).toEqual([...first.time]);
    expect([...again.distance]).toEqual([...first.distance]);
    expect(await countTravelMatrices(ctx.db)).toBe(1);
    expect((await elsewhere.travelMatrix(seeded.county.county.id, 'reefer-van', sites)).source).toBe('computed');
    expect(await countTravelMatrices(ctx.db)).toBe(2);
  });

  it('plans a wave on road distances once the county has a network, each vehicle only where its profile may drive', async () => {
    ctx.startWorkers();
    const planId = await seedPlannedWave(ctx, seeded, 150);
    const plan = (await request(ctx.app).get(`/v1/plans/${planId}`).set('authorization', seeded.auth.platform).expect(200)).body as PlanDocument;
    expect(plan.distanceSource).toBe('road-network');
    expect(plan.planner).toBe('three-tier-hgs');
    // Routes are drawn along the roads, not as straight lines between stops.
    expect(plan.routes.some((r) => r.geometry.coordinates.length > r.stops.length)).toBe(true);
    // …starting where the route starts: at the road point its base snaps to, within the 500 m snap limit.
    for (const r of plan.routes) {
      const [lon, lat] = r.geometry.coordinates[0]!;
      expect(Math.hypot((lon - r.stops[0]!.lon) * 92_000, (lat - r.stops[0]!.lat) * 111_000)).toBeLessThan(500);
    }
    const profileOf = new Map(seeded.county.vehicleTypes.map((t) => [t.id, t.profile]));
    const service = new RoadNetworkService({ db: ctx.db, profiles: loadVehicleProfiles() });
    const sites = new Map(seeded.county.sites.map((s) => [s.id, s]));
    for (const route of plan.routes) {
      const stops = route.stops.map((st) => sites.get(st.siteId)!);
      const m = await service.travelMatrix(seeded.county.county.id, profileOf.get(route.vehicleTypeId)!, [...new Map(stops.map((x) => [x.id, x])).values()]);
      for (const v of m.time) expect(Number.isFinite(v)).toBe(true);
    }
  });
});
