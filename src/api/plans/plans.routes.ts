import { z } from 'zod';
import { costSplitToCsv } from '../../core/cost-split';
import type { Db } from '../../db/connection';
import { findPlanMeta, findRoute, listPlanRoutes, listPlans, recordStopEvent } from '../../db/plan.repository';
import { findCostSplit, findPlanDocument } from '../../db/wave.repository';
import { idText, isoDateTime, nonNegativeInt, pageQueryUuid, uuid } from '../http/common.schema';
import { DEFAULT_PAGE_SIZE, toPage } from '../http/paginate';
import { defineRoute, type Principal } from '../http/route-definition';
import { assertOwns } from '../http/scope';
import { notFound, validationProblem } from '../problem';

type RouteWithStops = Awaited<ReturnType<typeof listPlanRoutes>>[number];

function presentRoute({ route, stops }: RouteWithStops) {
  return {
    id: route.id, planId: route.plan_id, routeNo: route.route_no, tier: route.tier, vehicleTypeId: route.vehicle_type_id, firmId: route.firm_id,
    baseSiteId: route.base_site_id, distanceM: Number(route.distance_m), durationS: Number(route.duration_s), costCents: Number(route.cost_cents),
    co2eGrams: Number(route.co2e_grams), geojsonUrl: `/v1/routes/${route.id}/geojson`, eventsUrl: `/v1/routes/${route.id}/events`,
    stops: stops.map((s) => ({ seq: s.seq, siteId: s.site_id, kind: s.kind, arrivalAt: s.arrival_at.toISOString(), departureAt: s.departure_at.toISOString(),
      loadGramsAfter: Number(s.load_grams_after), allocationIds: s.allocation_ids })),
  };
}

/** Platform keys see their county's plans; a firm sees a plan only if it drives in it, and only its own routes. */
async function planInScope(db: Db, planId: string, principal: Principal) {
  const meta = await findPlanMeta(db, planId);
  if (!meta) throw notFound(`plan '${planId}'`);
  if (principal.role === 'platform') assertOwns(meta.county_id === principal.scopeId, `plan '${planId}'`);
  if (principal.role === 'logistics') assertOwns((await listPlanRoutes(db, planId, principal.scopeId)).length > 0, `plan '${planId}'`);
  return meta;
}

export function planRoutes(deps: { db: Db; onOutboxWritten?: () => void }) {
  const planParams = z.strictObject({ planId: uuid() });
  const routeParams = z.strictObject({ routeId: uuid() });
  return [
    defineRoute({
      method: 'get', path: '/plans', operationId: 'listPlans', tag: 'plans', roles: ['platform', 'logistics'],
      summary: 'Plans of your county (platform) or plans you drive in (firm), filtered by cut-off time',
      query: z.strictObject({ ...pageQueryUuid, cutoffFrom: isoDateTime().optional(), cutoffTo: isoDateTime().optional() }),
      responses: { 200: { description: 'A page of plans' } },
      handler: async ({ query, principal }) => {
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        const rows = await listPlans(deps.db, {
          ...(principal.role === 'platform' ? { countyId: principal.scopeId } : { firmId: principal.scopeId }),
          cutoffFrom: query.cutoffFrom, cutoffTo: query.cutoffTo,
        }, { limit, startingAfter: query.starting_after });
        return { status: 200, body: toPage(rows, limit, (p) => p.id, (p) => ({ id: p.id, waveId: p.wave_id, countyId: p.county_id, planner: p.planner,
          cutoffAt: p.cutoff_at.toISOString(), totalCostCents: Number(p.total_cost_cents), distanceM: Number(p.distance_m), co2eGrams: Number(p.co2e_grams),
          createdAt: p.created_at.toISOString(), url: `/v1/plans/${p.id}` })) };
      },
    }),
    defineRoute({
      method: 'get', path: '/plans/:planId', operationId: 'getPlan', tag: 'plans', roles: ['platform', 'logistics'],
      summary: 'The plan document (a firm gets only its own routes)', params: planParams,
      responses: { 200: { description: 'The plan' }, 404: { description: 'No such plan in your scope' } },
      handler: async ({ params, principal }) => {
        await planInScope(deps.db, params.planId, principal);
        const plan = (await findPlanDocument(deps.db, params.planId))!;
        const document = principal.role === 'logistics'
          ? { ...plan.document, routes: plan.document.routes.filter((r) => r.firmId === principal.scopeId) }
          : plan.document;
        return { status: 200, body: { id: plan.id, waveId: plan.waveId, createdAt: plan.createdAt.toISOString(), ...document } };
      },
    }),
    defineRoute({
      method: 'get', path: '/plans/:planId/routes', operationId: 'listPlanRoutes', tag: 'plans', roles: ['platform', 'logistics'],
      summary: 'The plan\'s routes with their stops (a firm sees only its own; the platform may filter by firm)', params: planParams,
      query: z.strictObject({ firm: idText().optional() }),
      responses: { 200: { description: 'Routes' }, 404: { description: 'No such plan in your scope' } },
      handler: async ({ params, query, principal }) => {
        await planInScope(deps.db, params.planId, principal);
        const firm = principal.role === 'logistics' ? principal.scopeId : query.firm;
        if (principal.role === 'logistics' && query.firm !== undefined && query.firm !== principal.scopeId) throw notFound(`firm '${query.firm}'`);
        const routes = await listPlanRoutes(deps.db, params.planId, firm);
        return { status: 200, body: { data: routes.map(presentRoute) } };
      },
    }),
    defineRoute({
      method: 'get', path: '/routes/:routeId', operationId: 'getRoute', tag: 'plans', roles: ['platform', 'logistics'],
      summary: 'One route with its stops', params: routeParams,
      responses: { 200: { description: 'The route' }, 404: { description: 'No such route in your scope' } },
      handler: async ({ params, principal }) => {
        const found = await findRoute(deps.db, params.routeId);
        assertOwns(found !== undefined && (principal.role === 'platform' ? found.route.county_id === principal.scopeId : found.route.firm_id === principal.scopeId),
          `route '${params.routeId}'`);
        return { status: 200, body: presentRoute(found!) };
      },
    }),
    defineRoute({
      method: 'get', path: '/routes/:routeId/geojson', operationId: 'getRouteGeoJson', tag: 'plans', roles: ['platform', 'logistics'],
      summary: 'One route as a GeoJSON Feature (LineString) with its stops in the properties', params: routeParams,
      responses: { 200: { description: 'GeoJSON Feature', contentTypes: ['application/geo+json'] }, 404: { description: 'No such route in your scope' } },
      handler: async ({ params, principal }) => {
        const found = await findRoute(deps.db, params.routeId);
        assertOwns(found !== undefined && (principal.role === 'platform' ? found.route.county_id === principal.scopeId : found.route.firm_id === principal.scopeId),
          `route '${params.routeId}'`);
        const r = presentRoute(found!);
        const { stops, ...properties } = r;
        return { status: 200, contentType: 'application/geo+json',
          text: JSON.stringify({ type: 'Feature', geometry: found!.route.geometry, properties: { ...properties, stops } }) };
      },
    }),
    defineRoute({
      method: 'post', path: '/routes/:routeId/events', operationId: 'postStopEvent', tag: 'plans', roles: ['logistics'],
      summary: 'Report a stop event (arrived, picked_up, departed, delivered); the affected orders move on and fire order.status',
      params: routeParams,
      body: z.strictObject({
        stopSeq: nonNegativeInt('a stop sequence number'),
        kind: z.enum(['arrived', 'picked_up', 'departed', 'delivered'], { error: 'must be arrived, picked_up, departed or delivered' }),
        at: isoDateTime(),
      }),
      responses: { 201: { description: 'Recorded' }, 404: { description: 'No such route for your firm' } },
      handler: async ({ params, body, principal }) => {
        const found = await findRoute(deps.db, params.routeId);
        assertOwns(found !== undefined && found.route.firm_id === principal.scopeId, `route '${params.routeId}'`);
        if (!found!.stops.some((s) => s.seq === body.stopSeq)) {
          throw validationProblem([{ pointer: '/stopSeq', detail: `route has no stop ${body.stopSeq} (stops 0–${found!.stops.length - 1})` }]);
        }
        const outcome = await recordStopEvent(deps.db, { routeId: params.routeId, stopSeq: body.stopSeq, kind: body.kind, occurredAt: body.at, firmId: principal.scopeId });
        deps.onOutboxWritten?.();
        return { status: 201, body: { routeId: params.routeId, stopSeq: body.stopSeq, kind: body.kind, ordersMoved: outcome.moved, orderStatus: outcome.status } };
      },
    }),
    defineRoute({
      method: 'get', path: '/plans/:planId/cost-split', operationId: 'getCostSplit', tag: 'plans', roles: ['platform'],
      summary: 'Who pays what of the plan\'s cold-chain cost, to the cent (JSON, or CSV for accountants with Accept: text/csv)', params: planParams,
      responses: { 200: { description: 'The cost split', contentTypes: ['application/json', 'text/csv'] },
        404: { description: 'Not split yet, or no such plan in your scope' } },
      handler: async ({ params, principal, req }) => {
        await planInScope(deps.db, params.planId, principal);
        const split = await findCostSplit(deps.db, params.planId);
        if (!split) throw notFound(`cost split of plan '${params.planId}'`);
        if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
          return { status: 200, contentType: 'text/csv; charset=utf-8', headers: { 'Content-Disposition': `attachment; filename="cost-split-${params.planId}.csv"` },
            text: costSplitToCsv(split) };
        }
        return { status: 200, body: { planId: params.planId, ...split } };
      },
    }),
  ];
}
