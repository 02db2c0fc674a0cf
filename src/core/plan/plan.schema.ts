import { z } from 'zod';
import type { PlanDocument } from './plan.types';

/**
 * The plan document's JSON Schema source: the CLI, the worker and the API all produce this shape, and the
 * cost split reads it. `npm run schemas` writes docs/plan.schema.json from it; a test keeps the two equal
 * and checks real plans against it.
 */
const temperatureClass = z.enum(['frozen', 'chilled', 'cool', 'ambient']);
const int = () => z.number().int();
const nonNegative = () => z.number().int().min(0);
const instant = () => z.string().describe('ISO 8601 instant');
const costParts = z.object({
  fixedCents: nonNegative().describe('vehicle-day: the amortised vehicle, once per vehicle used in the wave'),
  fuelCents: nonNegative(), driverCents: nonNegative(), refrigerationCents: nonNegative(),
  totalCents: nonNegative().describe('the sum of the four parts'),
});
const load = z.object({ grams: nonNegative(), byClass: z.object({ frozen: nonNegative(), chilled: nonNegative(), cool: nonNegative(), ambient: nonNegative() }) });

export const planItemSchema = z.object({
  allocationId: z.string(), orderId: z.string(), cooperativeId: z.string(), farmerId: z.string(), sku: z.string(),
  temperatureClass, units: z.number().int().positive(), grams: nonNegative(), volumeMl: nonNegative(),
  salesCents: nonNegative().describe("what the cooperative receives: units × the lot's unit supply price"),
  destinationProvince: z.string(),
});

export const planStopSchema = z.object({
  seq: nonNegative(), siteId: z.string(), kind: z.enum(['start', 'pickup', 'delivery', 'end']).describe('upstream: pickups load and the end unloads; downstream: the start loads and deliveries unload'), lon: z.number(), lat: z.number(),
  arrivalAt: instant(), departureAt: instant(),
  pickedUp: z.array(z.string()).describe('allocation ids loaded here'), dropped: z.array(z.string()).describe('allocation ids unloaded here'),
  loadAfter: load,
});

export const planRouteSchema = z.object({
  routeNo: z.number().int().positive(), tier: z.enum(['village', 'township']), vehicleTypeId: z.string(),
  vehicleId: z.string().describe('fleetId#n: the same vehicle may run several trips'), trip: z.number().int().positive(),
  firmId: z.string(), baseSiteId: z.string(),
  compartments: z.record(z.string(), temperatureClass).optional().describe('the class each compartment runs at on this trip'),
  stops: z.array(planStopSchema).min(2),
  distanceM: nonNegative(), durationS: nonNegative(), refrigerationS: nonNegative(), co2eGrams: nonNegative(), cost: costParts,
  geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(z.tuple([z.number(), z.number()])) }),
});

export const planDocumentSchema = z.object({
  schemaVersion: z.literal(1),
  planner: z.string(),
  distanceSource: z.enum(['straight-line', 'road-network']),
  countyId: z.string(),
  direction: z.enum(['upstream', 'downstream']),
  cutoffAt: instant(),
  items: z.array(planItemSchema),
  routes: z.array(planRouteSchema),
  unassigned: z.array(z.object({
    allocationIds: z.array(z.string()).min(1), cooperativeId: z.string(),
    reason: z.enum(['capacity', 'time_window', 'shift', 'no_compatible_vehicle', 'unreachable', 'cutoff', 'shelf_life']), detail: z.string(),
  })),
  totals: z.object({
    routes: nonNegative(), routesByTier: z.object({ village: nonNegative(), township: nonNegative() }), distanceM: nonNegative(), durationS: nonNegative(),
    refrigerationS: nonNegative(), co2eGrams: nonNegative(), gramsCollected: nonNegative().describe('grams handed over at the hub (upstream) or delivered to their cooperatives (downstream)'), cost: costParts,
  }),
  naiveBaseline: z.object({
    description: z.string(), distanceM: nonNegative(), co2eGrams: nonNegative(), costCents: nonNegative(),
    saving: z.object({ costCents: int(), distanceM: int(), co2eGrams: int(), costShare: z.number() }),
  }),
  handover: z.array(z.object({ carrier: z.string(), province: z.string(), parcels: nonNegative(), grams: nonNegative() }))
    .describe('the hub handover manifest by express carrier and destination province (upstream); always empty downstream, which ends at the cooperatives'),
}).meta({ title: 'coldlink plan', description: 'One dispatch wave\'s plan: routes per tier with stops, loads, costs and CO2e; unassigned work with reasons; the naive baseline; the hub manifest. Units: grams, millilitres, metres, seconds, integer cents (fen).' });

/** Compile-time guard: the schema and the TypeScript type describe the same document. */
export type PlanDocumentFromSchema = z.infer<typeof planDocumentSchema>;
const _sameShape: (p: PlanDocument) => PlanDocumentFromSchema = (p) => p;
void _sameShape;

export function planJsonSchema(): Record<string, unknown> {
  return { $id: 'https://coldlink.dev/schemas/plan.schema.json', ...(z.toJSONSchema(planDocumentSchema, { target: 'draft-2020-12' }) as Record<string, unknown>) };
}
