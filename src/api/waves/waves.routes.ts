import { z } from 'zod';
import type { Db } from '../../db/connection';
import { cooperativesExist, findCounty } from '../../db/county.repository';
import { findProductsBySku } from '../../db/master-data.repository';
import { listWaves } from '../../db/plan.repository';
import { createWave, findWave, listWaveDeliveries, type NewDelivery } from '../../db/wave.repository';
import { idText, pageQueryUuid, uuid } from '../http/common.schema';
import { DEFAULT_PAGE_SIZE, toPage } from '../http/paginate';
import { defineRoute } from '../http/route-definition';
import { assertCountyScope, assertOwns } from '../http/scope';
import { notFound, validationProblem, type FieldError } from '../problem';
import { waveScheduleRoutes } from './wave-schedule.routes';
import { startWaveSchema, type DeliveryBody } from './waves.schema';

function presentWave(found: NonNullable<Awaited<ReturnType<typeof findWave>>>) {
  const { wave, planId, orderCount, deliveryCount } = found;
  return {
    id: wave.id, countyId: wave.county_id, status: wave.status, direction: wave.direction, startedBy: wave.started_by,
    cutoffAt: wave.cutoff_at.toISOString(), releaseAt: wave.release_at?.toISOString() ?? null,
    orderCount, deliveryCount, deliveriesUrl: wave.direction === 'downstream' ? `/v1/waves/${wave.id}/deliveries` : null,
    error: wave.error, planId, planUrl: planId ? `/v1/plans/${planId}` : null,
    costSplitUrl: planId && wave.status === 'split' ? `/v1/plans/${planId}/cost-split` : null,
    createdAt: wave.created_at.toISOString(), statusChangedAt: wave.status_changed_at.toISOString(),
  };
}

/**
 * Downstream delivery items checked against the county's master data (every fault named by its pointer) and
 * resolved to what is stored: weight, volume and class from the product unless the item gives its own.
 */
async function resolveDeliveries(db: Db, countyId: string, deliveries: DeliveryBody[]): Promise<NewDelivery[]> {
  const [coops, products] = await Promise.all([
    cooperativesExist(db, countyId, [...new Set(deliveries.map((d) => d.destinationCooperativeId))]),
    findProductsBySku(db, [...new Set(deliveries.flatMap((d) => (d.sku === undefined ? [] : [d.sku])))]),
  ]);
  const bySku = new Map(products.map((p) => [p.sku, p]));
  const errors: FieldError[] = [];
  const resolved = deliveries.map((d, i): NewDelivery => {
    if (!coops.has(d.destinationCooperativeId)) {
      errors.push({ pointer: `/deliveries/${i}/destinationCooperativeId`, detail: `unknown cooperative '${d.destinationCooperativeId}' in this county` });
    }
    const product = d.sku === undefined ? undefined : bySku.get(d.sku);
    if (d.sku !== undefined && !product) errors.push({ pointer: `/deliveries/${i}/sku`, detail: `unknown product '${d.sku}'` });
    if (product && d.temperatureClass !== undefined && d.temperatureClass !== product.temperature_class) {
      errors.push({ pointer: `/deliveries/${i}/temperatureClass`, detail: `product '${product.sku}' travels ${product.temperature_class}` });
    }
    return {
      reference: d.reference ?? null, cooperativeId: d.destinationCooperativeId, sku: d.sku ?? null, description: d.description ?? null, units: d.units,
      grams: d.kg !== undefined ? Math.round(d.kg * 1000) : d.units * (product?.unit_weight_grams ?? 0),
      volumeMl: d.litres !== undefined ? Math.round(d.litres * 1000) : d.units * (product?.unit_volume_ml ?? 0),
      temperatureClass: product?.temperature_class ?? d.temperatureClass!,
      maxTransitHours: d.maxTransitHours ?? (product ? product.shelf_life_hours - product.min_remaining_hours : null),
    };
  });
  if (errors.length > 0) throw validationProblem(errors);
  return resolved;
}

export function waveRoutes(deps: { db: Db; onOutboxWritten?: () => void }) {
  const countyParams = z.strictObject({ countyId: idText() });
  return [
    defineRoute({
      method: 'post', path: '/counties/:countyId/waves', operationId: 'startWave', tag: 'waves', roles: ['platform'],
      summary: 'Start a dispatch wave: upstream over every matched order of the county not yet in a wave, downstream over the delivery items sent',
      params: countyParams, body: startWaveSchema,
      responses: { 202: { description: 'Queued; follow Location' }, 404: { description: 'No such county in your scope' } },
      handler: async ({ params, body, principal }) => {
        assertCountyScope(principal, params.countyId, `county '${params.countyId}'`);
        const county = await findCounty(deps.db, params.countyId);
        if (!county) throw notFound(`county '${params.countyId}'`);
        const wave = body.direction === 'downstream'
          ? await createWave(deps.db, { countyId: county.id, cutoffAt: body.cutoffAt, direction: 'downstream', releaseAt: body.releaseAt ?? null,
            deliveries: await resolveDeliveries(deps.db, county.id, body.deliveries!) })
          : await createWave(deps.db, { countyId: county.id, cutoffAt: body.cutoffAt, direction: 'upstream' });
        deps.onOutboxWritten?.();
        const statusUrl = `/v1/waves/${wave.id}`;
        return { status: 202, headers: { Location: statusUrl },
          body: { id: wave.id, status: wave.status, direction: wave.direction, orderCount: wave.orderCount, deliveryCount: wave.deliveryCount, statusUrl } };
      },
    }),
    defineRoute({
      method: 'get', path: '/counties/:countyId/waves', operationId: 'listWaves', tag: 'waves', roles: ['platform'],
      summary: 'The county\'s waves', params: countyParams, query: z.strictObject(pageQueryUuid),
      responses: { 200: { description: 'A page of waves' } },
      handler: async ({ params, query, principal }) => {
        assertCountyScope(principal, params.countyId, `county '${params.countyId}'`);
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        const rows = await listWaves(deps.db, params.countyId, { limit, startingAfter: query.starting_after });
        return { status: 200, body: toPage(rows, limit, (w) => w.id, (w) => ({ id: w.id, status: w.status, direction: w.direction, startedBy: w.started_by,
          cutoffAt: w.cutoff_at.toISOString(), statusUrl: `/v1/waves/${w.id}` })) };
      },
    }),
    defineRoute({
      method: 'get', path: '/waves/:waveId', operationId: 'getWave', tag: 'waves', roles: ['platform'],
      summary: 'A wave\'s status, with links to its plan and cost split when ready', params: z.strictObject({ waveId: uuid() }),
      responses: { 200: { description: 'The wave' }, 404: { description: 'No such wave in your scope' } },
      handler: async ({ params, principal }) => {
        const found = await findWave(deps.db, params.waveId);
        assertOwns(found !== undefined && found.wave.county_id === principal.scopeId, `wave '${params.waveId}'`);
        return { status: 200, body: presentWave(found!) };
      },
    }),
    defineRoute({
      method: 'get', path: '/waves/:waveId/deliveries', operationId: 'listWaveDeliveries', tag: 'waves', roles: ['platform'],
      summary: 'A downstream wave\'s delivery items as stored, in the order they were sent', params: z.strictObject({ waveId: uuid() }),
      query: z.strictObject(pageQueryUuid),
      responses: { 200: { description: 'A page of delivery items' }, 404: { description: 'No such wave in your scope' } },
      handler: async ({ params, query, principal }) => {
        const found = await findWave(deps.db, params.waveId);
        assertOwns(found !== undefined && found.wave.county_id === principal.scopeId, `wave '${params.waveId}'`);
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        const rows = await listWaveDeliveries(deps.db, params.waveId, { limit, startingAfter: query.starting_after });
        return { status: 200, body: toPage(rows, limit, (d) => d.id, (d) => ({
          id: d.id, reference: d.reference, destinationCooperativeId: d.cooperative_id, sku: d.sku, description: d.description, units: d.units,
          kg: Number(d.grams) / 1000, litres: Number(d.volume_ml) / 1000, temperatureClass: d.temperature_class, maxTransitHours: d.max_transit_hours,
        })) };
      },
    }),
    ...waveScheduleRoutes(deps),
  ];
}
