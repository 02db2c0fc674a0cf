import { z } from 'zod';
import { parseCostPolicy } from '../../core/cost-split/cost-policy';
import type { Db } from '../../db/connection';
import { findCounty } from '../../db/county.repository';
import {
  farmersOf, findCooperative, findFleet, findSite, findVehicleType, freeStock, insertPolicy, listCooperatives, listFleets, listLots, listPolicies,
  listProducts, listSites, listVehicleTypes, upsertCooperative, upsertFleet, upsertLots, upsertProduct, upsertSite, upsertVehicleType,
} from '../../db/master-data.repository';
import {
  clock, idText, isoDateTime, name, nonNegativeInt, pageQuery, positiveInt, temperatureClass,
} from '../http/common.schema';
import { DEFAULT_PAGE_SIZE, toPage } from '../http/paginate';
import { defineRoute, type Principal } from '../http/route-definition';
import { assertCountyScope, assertOwns } from '../http/scope';
import { HttpProblem, notFound, validationProblem } from '../problem';

const countyParams = z.strictObject({ countyId: idText() });
const hhmm = (t: string) => t.slice(0, 5);

const siteBody = z.strictObject({
  countyId: idText(), name: name(), tier: z.enum(['hub', 'station', 'village'], { error: 'must be hub, station or village' }),
  lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90), parentId: idText().nullable(),
  opensAt: clock(), closesAt: clock(), handlingMinutes: nonNegativeInt().max(24 * 60),
  coldCapacityKg: z.strictObject({ frozen: z.number().min(0), chilled: z.number().min(0), cool: z.number().min(0), ambient: z.number().min(0) }),
});

const cooperativeBody = z.strictObject({
  countyId: idText(), name: name(), siteId: idText(), stationId: idText(), readyAt: clock(),
  farmers: z.array(z.strictObject({ id: idText(), name: name() })).max(1000).default([]),
});

const lotsBody = z.strictObject({
  lots: z.array(z.strictObject({
    id: idText(), farmerId: idText(), sku: idText(), grade: positiveInt('a grade from 1 (best)').max(9, 'must be a grade from 1 to 9'),
    quantity: nonNegativeInt('a non-negative whole number of units'), packedAt: isoDateTime(), unitSupplyPriceCents: nonNegativeInt('a whole number of cents'),
  })).min(1, 'must have at least one lot').max(5000, 'must have at most 5000 lots'),
});

const productBody = z.strictObject({
  name: name(), temperatureClass: temperatureClass(), unitWeightGrams: positiveInt(), unitVolumeMl: positiveInt(),
  shelfLifeHours: positiveInt(), minRemainingHours: nonNegativeInt(), priceCents: nonNegativeInt('a whole number of cents'),
});

const vehicleTypeBody = z.strictObject({
  name: name(), profile: idText(),
  compartments: z.array(z.strictObject({ id: idText(), temperatureClass: temperatureClass(), capacityKg: z.number().positive(), capacityLitres: z.number().positive() }))
    .min(1, 'must have at least one compartment').max(8),
  fixedCostCents: nonNegativeInt(), costPerKmCents: nonNegativeInt(), costPerHourCents: nonNegativeInt(), reeferCostPerHourCents: nonNegativeInt(),
  co2ePerKmGrams: nonNegativeInt(), reeferUpliftShare: z.number().min(0).max(5),
});

const fleetBody = z.strictObject({ siteId: idText(), vehicleTypeId: idText(), firmId: idText(), count: nonNegativeInt().max(1000) });

function presentSite(s: Awaited<ReturnType<typeof listSites>>[number]) {
  return { id: s.id, countyId: s.county_id, name: s.name, tier: s.tier, lon: s.lon, lat: s.lat, parentId: s.parent_id, opensAt: hhmm(s.opens_at),
    closesAt: hhmm(s.closes_at), handlingMinutes: s.handling_seconds / 60, coldCapacityKg: { frozen: Number(s.cold_capacity_frozen_grams) / 1000,
      chilled: Number(s.cold_capacity_chilled_grams) / 1000, cool: Number(s.cold_capacity_cool_grams) / 1000, ambient: Number(s.cold_capacity_ambient_grams) / 1000 } };
}

function presentLot(l: Awaited<ReturnType<typeof listLots>>[number]) {
  return { id: l.id, cooperativeId: l.cooperative_id, farmerId: l.farmer_id, sku: l.sku, grade: l.grade, quantity: l.quantity, reserved: l.reserved,
    free: l.quantity - l.reserved, packedAt: l.packed_at.toISOString(), unitSupplyPriceCents: Number(l.unit_supply_price_cents) };
}

async function countyInScope(db: Db, principal: Principal, countyId: string) {
  assertCountyScope(principal, countyId, `county '${countyId}'`);
  const county = await findCounty(db, countyId);
  if (!county) throw notFound(`county '${countyId}'`);
  return county;
}

export function countyRoutes(deps: { db: Db }) {
  const { db } = deps;
  const list = <R>(rows: R[], limit: number, idOf: (r: R) => string, present: (r: R) => unknown) => ({ status: 200, body: toPage(rows, limit, idOf, present) });
  return [
    defineRoute({
      method: 'get', path: '/counties/:countyId', operationId: 'getCounty', tag: 'counties', roles: ['platform'],
      summary: 'Your county', params: countyParams, responses: { 200: { description: 'The county' }, 404: { description: 'Not your county' } },
      handler: async ({ params, principal }) => {
        const c = await countyInScope(db, principal, params.countyId);
        return { status: 200, body: { id: c.id, name: c.name, timezone: c.timezone, lon: c.lon, lat: c.lat } };
      },
    }),
    defineRoute({
      method: 'get', path: '/counties/:countyId/sites', operationId: 'listSites', tag: 'counties', roles: ['platform'],
      summary: 'The county\'s hub, stations and village points', params: countyParams, query: z.strictObject(pageQuery),
      responses: { 200: { description: 'A page of sites' } },
      handler: async ({ params, query, principal }) => {
        await countyInScope(db, principal, params.countyId);
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        return list(await listSites(db, params.countyId, { limit, startingAfter: query.starting_after }), limit, (s) => s.id, presentSite);
      },
    }),
    defineRoute({
      method: 'put', path: '/sites/:siteId', operationId: 'putSite', tag: 'counties', roles: ['platform'],
      summary: 'Create or replace a site of your county', params: z.strictObject({ siteId: idText() }), body: siteBody,
      responses: { 200: { description: 'The site' } },
      handler: async ({ params, body, principal }) => {
        await countyInScope(db, principal, body.countyId);
        const existing = await findSite(db, params.siteId);
        if (existing && existing.county_id !== body.countyId) throw notFound(`site '${params.siteId}'`);
        if (body.parentId) {
          const parent = await findSite(db, body.parentId);
          if (!parent || parent.county_id !== body.countyId) throw validationProblem([{ pointer: '/parentId', detail: `unknown site '${body.parentId}'` }]);
        }
        const row = await upsertSite(db, { id: params.siteId, county_id: body.countyId, name: body.name, tier: body.tier, lon: body.lon, lat: body.lat,
          parent_id: body.parentId, opens_at: body.opensAt, closes_at: body.closesAt, handling_seconds: body.handlingMinutes * 60,
          cold_capacity_frozen_grams: Math.round(body.coldCapacityKg.frozen * 1000), cold_capacity_chilled_grams: Math.round(body.coldCapacityKg.chilled * 1000),
          cold_capacity_cool_grams: Math.round(body.coldCapacityKg.cool * 1000), cold_capacity_ambient_grams: Math.round(body.coldCapacityKg.ambient * 1000) });
        return { status: 200, body: presentSite(row) };
      },
    }),
    defineRoute({
      method: 'get', path: '/counties/:countyId/cooperatives', operationId: 'listCooperatives', tag: 'counties', roles: ['platform'],
      summary: 'The county\'s cooperatives', params: countyParams, query: z.strictObject(pageQuery),
      responses: { 200: { description: 'A page of cooperatives' } },
      handler: async ({ params, query, principal }) => {
        await countyInScope(db, principal, params.countyId);
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        return list(await listCooperatives(db, params.countyId, { limit, startingAfter: query.starting_after }), limit, (c) => c.id,
          (c) => ({ id: c.id, countyId: c.county_id, name: c.name, siteId: c.site_id, stationId: c.station_id, readyAt: hhmm(c.ready_at) }));
      },
    }),
    defineRoute({
      method: 'put', path: '/cooperatives/:cooperativeId', operationId: 'putCooperative', tag: 'counties', roles: ['platform'],
      summary: 'Create or replace a cooperative and its member farmers', params: z.strictObject({ cooperativeId: idText() }), body: cooperativeBody,
      responses: { 200: { description: 'The cooperative' } },
      handler: async ({ params, body, principal }) => {
        await countyInScope(db, principal, body.countyId);
        const existing = await findCooperative(db, params.cooperativeId);
        if (existing && existing.county_id !== body.countyId) throw notFound(`cooperative '${params.cooperativeId}'`);
        const [village, station] = await Promise.all([findSite(db, body.siteId), findSite(db, body.stationId)]);
        const errors = [];
        if (!village || village.county_id !== body.countyId) errors.push({ pointer: '/siteId', detail: `unknown site '${body.siteId}'` });
        if (!station || station.county_id !== body.countyId || station.tier !== 'station') errors.push({ pointer: '/stationId', detail: `unknown station '${body.stationId}'` });
        if (errors.length > 0) throw validationProblem(errors);
        const coop = await upsertCooperative(db, { id: params.cooperativeId, county_id: body.countyId, name: body.name, site_id: body.siteId,
          station_id: body.stationId, ready_at: body.readyAt }, body.farmers);
        return { status: 200, body: { id: coop.id, countyId: coop.county_id, name: coop.name, siteId: coop.site_id, stationId: coop.station_id,
          readyAt: hhmm(coop.ready_at), farmers: await farmersOf(db, coop.id) } };
      },
    }),
    defineRoute({
      method: 'put', path: '/cooperatives/:cooperativeId/lots', operationId: 'putLots', tag: 'stock', roles: ['platform'],
      summary: 'Upsert a cooperative\'s inventory lots (quantity may not drop below what is reserved)',
      params: z.strictObject({ cooperativeId: idText() }), body: lotsBody,
      responses: { 200: { description: 'The lots as stored' }, 409: { description: 'A lot would drop below its reserved units' } },
      handler: async ({ params, body, principal }) => {
        const coop = await findCooperative(db, params.cooperativeId);
        assertOwns(coop !== undefined && coop.county_id === principal.scopeId, `cooperative '${params.cooperativeId}'`);
        const farmers = new Set((await farmersOf(db, params.cooperativeId)).map((f) => f.id));
        const skus = new Set((await listProducts(db, { limit: 10_000 })).map((p) => p.sku));
        const errors = body.lots.flatMap((l, i) => [
          ...(farmers.has(l.farmerId) ? [] : [{ pointer: `/lots/${i}/farmerId`, detail: `'${l.farmerId}' is not a member of ${params.cooperativeId}` }]),
          ...(skus.has(l.sku) ? [] : [{ pointer: `/lots/${i}/sku`, detail: `unknown SKU '${l.sku}'` }]),
        ]);
        const seen = new Map<string, number>();
        body.lots.forEach((l, i) => { if (seen.has(l.id)) errors.push({ pointer: `/lots/${i}/id`, detail: `repeats /lots/${seen.get(l.id)}/id` }); else seen.set(l.id, i); });
        if (errors.length > 0) throw validationProblem(errors);
        try {
          const rows = await upsertLots(db, params.cooperativeId, body.lots.map((l) => ({ id: l.id, farmer_id: l.farmerId, sku: l.sku, grade: l.grade,
            quantity: l.quantity, packed_at: l.packedAt, unit_supply_price_cents: l.unitSupplyPriceCents })));
          if (rows.length !== body.lots.length) {
            const stored = new Set(rows.filter((r) => r.cooperative_id === params.cooperativeId).map((r) => r.id));
            const i = body.lots.findIndex((l) => !stored.has(l.id));
            throw validationProblem([{ pointer: `/lots/${i}/id`, detail: `lot '${body.lots[i]!.id}' belongs to another cooperative` }]);
          }
          return { status: 200, body: { data: rows.map(presentLot) } };
        } catch (error) {
          if ((error as { code?: string }).code === '23514') {
            throw new HttpProblem(409, 'below-reserved', 'Quantity below reserved', 'a lot\'s quantity may not drop below the units already reserved for orders');
          }
          throw error;
        }
      },
    }),
    defineRoute({
      method: 'get', path: '/counties/:countyId/lots', operationId: 'listLots', tag: 'stock', roles: ['platform'],
      summary: 'Every lot of the county with its reserved and free units', params: countyParams, query: z.strictObject(pageQuery),
      responses: { 200: { description: 'A page of lots' } },
      handler: async ({ params, query, principal }) => {
        await countyInScope(db, principal, params.countyId);
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        return list(await listLots(db, params.countyId, { limit, startingAfter: query.starting_after }), limit, (l) => l.id, presentLot);
      },
    }),
    defineRoute({
      method: 'get', path: '/stock', operationId: 'getStock', tag: 'stock', roles: ['operator', 'platform'],
      summary: 'Free stock per SKU and grade in a county, for planning a stream (a platform key defaults to its county)',
      query: z.strictObject({ countyId: idText().optional(), sku: idText().optional() }),
      responses: { 200: { description: 'Free units per SKU and grade' } },
      handler: async ({ query, principal }) => {
        const countyId = query.countyId ?? (principal.role === 'platform' ? principal.scopeId : undefined);
        if (!countyId) throw validationProblem([{ parameter: 'countyId', detail: 'is required for an operator key' }]);
        assertCountyScope(principal, countyId, `county '${countyId}'`);
        if (!(await findCounty(db, countyId))) throw notFound(`county '${countyId}'`);
        const rows = await freeStock(db, countyId, query.sku);
        return { status: 200, body: { countyId, data: rows.map((r) => ({ sku: r.sku, grade: r.grade, free: Number(r.free), quantity: Number(r.quantity), lots: Number(r.lots) })) } };
      },
    }),
    defineRoute({
      method: 'get', path: '/products', operationId: 'listProducts', tag: 'products', roles: ['operator', 'platform'],
      summary: 'Products (SKUs) with temperature class, weights and shelf life', query: z.strictObject(pageQuery),
      responses: { 200: { description: 'A page of products' } },
      handler: async ({ query }) => {
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        return list(await listProducts(db, { limit, startingAfter: query.starting_after }), limit, (p) => p.sku, (p) => ({ sku: p.sku, name: p.name,
          temperatureClass: p.temperature_class, unitWeightGrams: p.unit_weight_grams, unitVolumeMl: p.unit_volume_ml, shelfLifeHours: p.shelf_life_hours,
          minRemainingHours: p.min_remaining_hours, priceCents: Number(p.price_cents) }));
      },
    }),
    defineRoute({
      method: 'put', path: '/products/:sku', operationId: 'putProduct', tag: 'products', roles: ['platform'],
      summary: 'Create or replace a product', params: z.strictObject({ sku: idText() }), body: productBody,
      responses: { 200: { description: 'The product' } },
      handler: async ({ params, body }) => {
        if (body.minRemainingHours >= body.shelfLifeHours) throw validationProblem([{ pointer: '/minRemainingHours', detail: 'must be below shelfLifeHours' }]);
        const p = await upsertProduct(db, { sku: params.sku, name: body.name, temperature_class: body.temperatureClass, unit_weight_grams: body.unitWeightGrams,
          unit_volume_ml: body.unitVolumeMl, shelf_life_hours: body.shelfLifeHours, min_remaining_hours: body.minRemainingHours, price_cents: body.priceCents });
        return { status: 200, body: { sku: p.sku, name: p.name, temperatureClass: p.temperature_class } };
      },
    }),
    defineRoute({
      method: 'get', path: '/vehicle-types', operationId: 'listVehicleTypes', tag: 'fleets', roles: ['platform', 'logistics'],
      summary: 'Vehicle types: compartments, road profile, costs and emission factors', query: z.strictObject(pageQuery),
      responses: { 200: { description: 'A page of vehicle types' } },
      handler: async ({ query }) => {
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        return list(await listVehicleTypes(db, { limit, startingAfter: query.starting_after }), limit, (v) => v.id, (v) => ({ id: v.id, name: v.name,
          profile: v.profile, compartments: v.compartments, fixedCostCents: Number(v.fixed_cost_cents), costPerKmCents: Number(v.cost_per_km_cents),
          costPerHourCents: Number(v.cost_per_hour_cents), reeferCostPerHourCents: Number(v.reefer_cost_per_hour_cents), co2ePerKmGrams: v.co2e_per_km_grams,
          reeferUpliftShare: v.reefer_uplift_share }));
      },
    }),
    defineRoute({
      method: 'put', path: '/vehicle-types/:vehicleTypeId', operationId: 'putVehicleType', tag: 'fleets', roles: ['platform'],
      summary: 'Create or replace a vehicle type', params: z.strictObject({ vehicleTypeId: idText() }), body: vehicleTypeBody,
      responses: { 200: { description: 'The vehicle type' } },
      handler: async ({ params, body }) => {
        const v = await upsertVehicleType(db, { id: params.vehicleTypeId, name: body.name, profile: body.profile, compartments: JSON.stringify(body.compartments),
          fixed_cost_cents: body.fixedCostCents, cost_per_km_cents: body.costPerKmCents, cost_per_hour_cents: body.costPerHourCents,
          reefer_cost_per_hour_cents: body.reeferCostPerHourCents, co2e_per_km_grams: body.co2ePerKmGrams, reefer_uplift_share: body.reeferUpliftShare });
        return { status: 200, body: { id: v.id, name: v.name, profile: v.profile } };
      },
    }),
    defineRoute({
      method: 'get', path: '/counties/:countyId/fleets', operationId: 'listFleets', tag: 'fleets', roles: ['platform'],
      summary: 'Fleets based at the county\'s sites', params: countyParams, query: z.strictObject(pageQuery),
      responses: { 200: { description: 'A page of fleets' } },
      handler: async ({ params, query, principal }) => {
        await countyInScope(db, principal, params.countyId);
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        return list(await listFleets(db, params.countyId, { limit, startingAfter: query.starting_after }), limit, (f) => f.id,
          (f) => ({ id: f.id, siteId: f.site_id, vehicleTypeId: f.vehicle_type_id, firmId: f.firm_id, count: f.count }));
      },
    }),
    defineRoute({
      method: 'put', path: '/fleets/:fleetId', operationId: 'putFleet', tag: 'fleets', roles: ['platform'],
      summary: 'Create or replace a fleet (vehicles of one type, of one firm, based at one site)', params: z.strictObject({ fleetId: idText() }), body: fleetBody,
      responses: { 200: { description: 'The fleet' } },
      handler: async ({ params, body, principal }) => {
        const existing = await findFleet(db, params.fleetId);
        if (existing && existing.county_id !== principal.scopeId) throw notFound(`fleet '${params.fleetId}'`);
        const [site, type] = await Promise.all([findSite(db, body.siteId), findVehicleType(db, body.vehicleTypeId)]);
        const errors = [];
        if (!site || site.county_id !== principal.scopeId) errors.push({ pointer: '/siteId', detail: `unknown site '${body.siteId}'` });
        if (!type) errors.push({ pointer: '/vehicleTypeId', detail: `unknown vehicle type '${body.vehicleTypeId}'` });
        if (errors.length > 0) throw validationProblem(errors);
        const f = await upsertFleet(db, { id: params.fleetId, site_id: body.siteId, vehicle_type_id: body.vehicleTypeId, firm_id: body.firmId, count: body.count });
        return { status: 200, body: { id: f.id, siteId: f.site_id, vehicleTypeId: f.vehicle_type_id, firmId: f.firm_id, count: f.count } };
      },
    }),
    defineRoute({
      method: 'get', path: '/counties/:countyId/policies', operationId: 'listPolicies', tag: 'policies', roles: ['platform'],
      summary: 'The county\'s cost-policy versions, newest first (without one, the default policy applies)', params: countyParams,
      responses: { 200: { description: 'Policy versions' } },
      handler: async ({ params, principal }) => {
        await countyInScope(db, principal, params.countyId);
        const rows = await listPolicies(db, params.countyId);
        return { status: 200, body: { data: rows.map((r) => ({ version: r.version, createdAt: r.created_at.toISOString(), policy: r.document })) } };
      },
    }),
    defineRoute({
      method: 'post', path: '/counties/:countyId/policies', operationId: 'createPolicy', tag: 'policies', roles: ['platform'],
      summary: 'Add a cost-policy version; it applies to plans split from now on', params: countyParams,
      body: z.record(z.string(), z.unknown()),
      responses: { 201: { description: 'Stored' }, 409: { description: 'That version exists already' } },
      handler: async ({ params, body, principal }) => {
        await countyInScope(db, principal, params.countyId);
        let policy;
        try {
          policy = parseCostPolicy(body);
        } catch (error) {
          // "core/cost-split: policy/cooperatives/capShareOfSales: must be ≤ 1" → pointer and detail.
          const match = /policy(\/[^:]*)?: (.*)$/.exec((error as Error).message);
          throw validationProblem([{ pointer: match?.[1] ?? '/', detail: match?.[2] ?? (error as Error).message }]);
        }
        if (!(await insertPolicy(db, params.countyId, policy.version, policy))) {
          throw new HttpProblem(409, 'conflict', 'Conflict', `policy version '${policy.version}' exists already; versions are immutable`);
        }
        return { status: 201, headers: { Location: `/v1/counties/${params.countyId}/policies` }, body: { version: policy.version, policy } };
      },
    }),
  ];
}
