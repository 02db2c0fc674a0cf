/**
 * Our JSON problem format: the Problem type as JSON (matrices as nested arrays or flat arrays),
 * with profiles, optional tasks (penalty), temperature classes, compartments, working-time limits,
 * a latest arrival, multi-trip vehicle types (`multiTrip`) and paired pickup-and-delivery
 * (`deliveryOf`). Documented by docs/routing-problem.schema.json; example in
 * fixtures/routing/cold-chain-example.json. Malformed input is refused with the JSON path of the
 * fault (unknown fields too, so a misspelt constraint is not silently ignored).
 */
import { z } from 'zod';
import type { Problem } from './problem';
import { TEMPERATURE_CLASSES, validateProblem } from './problem';

const num = z.number().finite();
const matrix = z.union([z.array(num), z.array(z.array(num))]);
const temperatureClass = z.enum(TEMPERATURE_CLASSES as unknown as ['frozen', 'chilled', 'cool', 'ambient']);

const schema = z.object({
  name: z.string().default(''),
  dimensions: z.number().int().min(1).default(1),
  locations: z.number().int().min(1),
  precision: z.number().positive().optional(),
  profiles: z.array(z.object({ id: z.string(), distance: matrix, duration: matrix }).strict()).min(1),
  tasks: z.array(z.object({
    id: z.union([z.string(), z.number()]).transform(String),
    location: z.number().int().min(0),
    demand: z.array(num).default([0]),
    serviceTime: num.min(0).default(0),
    timeWindows: z.array(z.tuple([num, num])).default([]),
    x: num.optional(),
    y: num.optional(),
    penalty: num.min(0).optional(),
    kind: z.enum(['delivery', 'pickup']).optional(),
    maxRideTime: num.min(0).optional(),
    temperatureClass: temperatureClass.optional(),
    deliveryOf: z.union([z.string(), z.number()]).transform(String).optional(),
  }).strict()),
  vehicles: z.array(z.object({
    id: z.union([z.string(), z.number()]).transform(String),
    count: z.number().int().min(0).optional(),
    profile: z.number().int().min(0).default(0),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    shift: z.tuple([num, num]),
    capacity: z.array(num),
    fixedCost: num.min(0).default(0),
    costPerDistance: num.min(0).default(1),
    costPerTime: num.min(0).default(0),
    maxDuration: num.min(0).optional(),
    maxDistance: num.min(0).optional(),
    latestArrival: num.optional(),
    multiTrip: z.object({
      handlingTime: num.min(0),
      maxTrips: z.number().int().min(1).optional(),
    }).strict().optional(),
    compartments: z.array(z.object({
      id: z.string().optional(),
      capacity: z.array(num.min(0)),
      temperatureClasses: z.array(temperatureClass).min(1),
    }).strict()).optional(),
  }).strict()).min(1),
}).strict();

export function parseJsonProblem(text: string): Problem {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`core/routing/json: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length > 0 ? `$.${issue.path.join('.')}` : '$';
    const keys = 'keys' in issue && Array.isArray(issue.keys) ? `.${String(issue.keys[0])}` : '';
    throw new Error(`core/routing/json: ${path}${keys}: ${issue.message}`);
  }
  const data = parsed.data;
  const flat = (m: number[] | number[][]): number[] => (Array.isArray(m[0]) ? (m as number[][]).flat() : (m as number[]));
  const problem: Problem = {
    ...data,
    profiles: data.profiles.map((p) => ({ id: p.id, distance: flat(p.distance), duration: flat(p.duration) })),
  };
  try {
    return validateProblem(problem);
  } catch (error) {
    throw new Error(`core/routing/json: ${toJsonPath((error as Error).message.replace(/^core\/routing: /, ''))}`);
  }
}

/** Rewrites the validator's "task 3 ("a"): …", "vehicle type 1: compartment 0: …", "profile 2: …" as JSON paths. */
function toJsonPath(message: string): string {
  const rules: Array<[RegExp, (...m: string[]) => string]> = [
    [/^task (\d+) \("[^"]*"\): (?=deliveryOf )/, (_, i) => `$.tasks.${i}.deliveryOf: `],
    [/^task (\d+) \("[^"]*"\): (?=demand must equal)/, (_, i) => `$.tasks.${i}.demand: `],
    [/^task (\d+) \("[^"]*"\): /, (_, i) => `$.tasks.${i}: `],
    [/^vehicle type (\d+): compartment (\d+): /, (_, k, c) => `$.vehicles.${k}.compartments.${c}: `],
    [/^vehicle type (\d+): multiTrip: /, (_, k) => `$.vehicles.${k}.multiTrip: `],
    [/^vehicle type (\d+): /, (_, k) => `$.vehicles.${k}: `],
    [/^profile (\d+): /, (_, p) => `$.profiles.${p}: `],
  ];
  for (const [re, to] of rules) {
    const m = re.exec(message);
    if (m) return to(...m) + message.slice(m[0].length);
  }
  return `$: ${message}`;
}
