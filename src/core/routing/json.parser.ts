/**
 * Our JSON problem format: the Problem type as JSON (matrices as nested arrays or flat arrays).
 * Minimal for now (issue 5 extends it with compartments, profiles and optional tasks); malformed
 * input is refused with the JSON path of the fault.
 */
import { z } from 'zod';
import type { Problem } from './problem';
import { validateProblem } from './problem';

const num = z.number().finite();
const matrix = z.union([z.array(num), z.array(z.array(num))]);

const schema = z.object({
  name: z.string().default(''),
  dimensions: z.number().int().min(1).default(1),
  locations: z.number().int().min(1),
  precision: z.number().positive().optional(),
  profiles: z.array(z.object({ id: z.string(), distance: matrix, duration: matrix })).min(1),
  tasks: z.array(z.object({
    id: z.union([z.string(), z.number()]).transform(String),
    location: z.number().int().min(0),
    demand: z.array(num).default([0]),
    serviceTime: num.min(0).default(0),
    timeWindows: z.array(z.tuple([num, num])).default([]),
    x: num.optional(),
    y: num.optional(),
  })),
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
  })).min(1),
});

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
    throw new Error(`core/routing/json: ${path}: ${issue.message}`);
  }
  const data = parsed.data;
  const flat = (m: number[] | number[][]): number[] => (Array.isArray(m[0]) ? (m as number[][]).flat() : (m as number[]));
  const problem: Problem = {
    ...data,
    profiles: data.profiles.map((p) => ({ id: p.id, distance: flat(p.distance), duration: flat(p.duration) })),
  };
  return validateProblem(problem);
}
