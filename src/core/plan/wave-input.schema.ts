import { z } from 'zod';
import type { WaveInput } from './wave-input.types';

/** Validates a wave scenario (the planner's input as a file); faults come back with their JSON path. */
const temperatureClass = z.enum(['frozen', 'chilled', 'cool', 'ambient']);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM');
const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });
const nonNegative = z.number().min(0);

export const waveScenarioSchema = z.strictObject({
  countyId: z.string().min(1),
  direction: z.enum(['upstream', 'downstream']),
  cutoffAt: instant,
  dayStartAt: instant,
  releaseAt: instant.optional(),
  sites: z.array(z.strictObject({
    id: z.string().min(1), name: z.string(), tier: z.enum(['hub', 'station', 'village']), lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90),
    parentId: z.string().nullable(), opensAt: clock, closesAt: clock, handlingSeconds: z.number().int().min(0),
  })).min(1),
  cooperatives: z.array(z.strictObject({ id: z.string().min(1), siteId: z.string(), stationId: z.string(), readyAt: clock })),
  items: z.array(z.strictObject({
    allocationId: z.string().min(1), orderId: z.string(), cooperativeId: z.string(), farmerId: z.string(), sku: z.string(), temperatureClass,
    units: z.number().int().positive(), grams: z.number().int().min(0), volumeMl: z.number().int().min(0), salesCents: z.number().int().min(0),
    destinationProvince: z.string(), maxHoursToHub: nonNegative, latestAtHubAt: instant.optional(),
  })),
  vehicleTypes: z.array(z.strictObject({
    id: z.string().min(1), name: z.string(), profile: z.string().min(1),
    compartments: z.array(z.strictObject({ id: z.string(), temperatureClass, capacityKg: z.number().positive(), capacityLitres: z.number().positive() })).min(1),
    fixedCostCents: z.number().int().min(0), costPerKmCents: z.number().int().min(0), costPerHourCents: z.number().int().min(0),
    reeferCostPerHourCents: z.number().int().min(0), co2ePerKmGrams: z.number().int().min(0), reeferUpliftShare: nonNegative,
  })).min(1),
  fleets: z.array(z.strictObject({ id: z.string().min(1), siteId: z.string(), vehicleTypeId: z.string(), count: z.number().int().min(0), firmId: z.string() })),
}).superRefine((wave, ctx) => {
  const sites = new Set(wave.sites.map((s) => s.id));
  const coops = new Set(wave.cooperatives.map((c) => c.id));
  const types = new Set(wave.vehicleTypes.map((t) => t.id));
  wave.cooperatives.forEach((c, i) => {
    if (!sites.has(c.siteId)) ctx.addIssue({ code: 'custom', path: ['cooperatives', i, 'siteId'], message: `unknown site '${c.siteId}'` });
    if (!sites.has(c.stationId)) ctx.addIssue({ code: 'custom', path: ['cooperatives', i, 'stationId'], message: `unknown site '${c.stationId}'` });
  });
  wave.items.forEach((item, i) => {
    if (!coops.has(item.cooperativeId)) ctx.addIssue({ code: 'custom', path: ['items', i, 'cooperativeId'], message: `unknown cooperative '${item.cooperativeId}'` });
  });
  wave.fleets.forEach((f, i) => {
    if (!sites.has(f.siteId)) ctx.addIssue({ code: 'custom', path: ['fleets', i, 'siteId'], message: `unknown site '${f.siteId}'` });
    if (!types.has(f.vehicleTypeId)) ctx.addIssue({ code: 'custom', path: ['fleets', i, 'vehicleTypeId'], message: `unknown vehicle type '${f.vehicleTypeId}'` });
  });
  if (!wave.sites.some((s) => s.tier === 'hub')) ctx.addIssue({ code: 'custom', path: ['sites'], message: 'must include a hub' });
});

export function parseWaveScenario(input: unknown): WaveInput {
  const result = waveScenarioSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path.map((p) => `/${String(p)}`).join('') || '/';
    throw new Error(`core/plan: scenario${path}: ${issue.message}${result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : ''}`);
  }
  return result.data;
}
