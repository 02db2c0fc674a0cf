import { z } from 'zod';
import { idText, isoDateTime, name, positiveInt, temperatureClass } from '../http/common.schema';

export const MAX_DELIVERIES_PER_WAVE = 5000;

/**
 * One delivery item of a downstream wave: what goes from the hub to a cooperative. Either a product of the
 * master data (`sku`: its temperature class, weight and volume per unit and shelf life apply) or goods
 * described in words (farm inputs, parcels) that bring their own `kg`, `litres` and `temperatureClass`.
 */
export const deliverySchema = z.strictObject({
  reference: idText().optional().describe('Your id for the item; unique within the wave'),
  destinationCooperativeId: idText().describe('The cooperative the item is delivered to (at its village site)'),
  sku: idText().optional().describe('A product of the master data; its temperature class, unit weight and volume apply'),
  description: name().optional().describe('What the goods are; required without a sku'),
  units: positiveInt('a positive whole number of parcels').max(100_000, 'must be at most 100000'),
  kg: z.number({ error: 'must be a number of kilograms' }).min(0.001, 'must be at least 0.001 kg').max(100_000, 'must be at most 100000 kg').optional()
    .describe('Total weight; with a sku it replaces units × the product\'s unit weight (packaging, ice packs)'),
  litres: z.number({ error: 'must be a number of litres' }).min(0.001, 'must be at least 0.001 litres').max(1_000_000, 'must be at most 1000000 litres').optional()
    .describe('Total volume; with a sku it replaces units × the product\'s unit volume'),
  temperatureClass: temperatureClass().optional().describe('Required without a sku; with one it must be the product\'s class'),
  maxTransitHours: z.number({ error: 'must be a number of hours' }).min(0, 'must not be negative').max(720, 'must be at most 720 hours').optional()
    .describe('Most hours from leaving the hub to arrival; default: the product\'s shelf life less its minimum remaining hours, or no limit without a sku'),
}).superRefine((d, ctx) => {
  if (d.sku !== undefined) return;
  if (d.description === undefined) ctx.addIssue({ code: 'custom', path: ['sku'], message: 'give a sku of the product list, or a description with kg, litres and temperatureClass' });
  for (const field of ['kg', 'litres', 'temperatureClass'] as const) {
    if (d[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'is required for goods without a sku' });
  }
});

export const startWaveSchema = z.strictObject({
  cutoffAt: isoDateTime().describe('Upstream: the handover cut-off at the hub. Downstream: the delivery deadline at the cooperatives'),
  direction: z.enum(['upstream', 'downstream'], { error: "must be 'upstream' or 'downstream'" }).default('upstream'),
  releaseAt: isoDateTime().optional().describe('Downstream only: when the goods are ready at the hub (default: the hub\'s opening)'),
  deliveries: z.array(deliverySchema).min(1, 'must have at least one delivery')
    .max(MAX_DELIVERIES_PER_WAVE, `must have at most ${MAX_DELIVERIES_PER_WAVE} deliveries`).optional()
    .describe('Downstream only (and required there): the items to deliver'),
}).superRefine((body, ctx) => {
  if (body.direction === 'upstream') {
    if (body.deliveries !== undefined) ctx.addIssue({ code: 'custom', path: ['deliveries'], message: 'only a downstream wave carries deliveries; an upstream wave covers the matched orders' });
    if (body.releaseAt !== undefined) ctx.addIssue({ code: 'custom', path: ['releaseAt'], message: 'only a downstream wave has a release time' });
    return;
  }
  if (body.deliveries === undefined) ctx.addIssue({ code: 'custom', path: ['deliveries'], message: 'is required for a downstream wave' });
  if (body.releaseAt !== undefined && Date.parse(body.releaseAt) >= Date.parse(body.cutoffAt)) {
    ctx.addIssue({ code: 'custom', path: ['releaseAt'], message: 'must be before cutoffAt' });
  }
  const firstIndex = new Map<string, number>();
  body.deliveries?.forEach((d, index) => {
    if (d.reference === undefined) return;
    const seen = firstIndex.get(d.reference);
    if (seen !== undefined) ctx.addIssue({ code: 'custom', path: ['deliveries', index, 'reference'], message: `repeats /deliveries/${seen}/reference` });
    else firstIndex.set(d.reference, index);
  });
});

export type StartWaveBody = z.infer<typeof startWaveSchema>;
export type DeliveryBody = z.infer<typeof deliverySchema>;
