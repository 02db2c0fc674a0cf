import { z } from 'zod';

/** Text id chosen by clients (sites, SKUs, lots…): printable, no spaces, no path separators. */
export const idText = (max = 100) =>
  z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ., _ or -');

export const uuid = () => z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID');

export const name = (max = 200) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`)
  // Names end up in CSV exports and HTML pages: refuse control characters and markup delimiters.
  .refine((v) => ![...v].some((ch) => ch.charCodeAt(0) < 0x20 || ch === '<' || ch === '>'), 'must not contain control characters or < >');

export const clock = () => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM');

export const isoDateTime = () => z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with offset' });

export const temperatureClass = () => z.enum(['frozen', 'chilled', 'cool', 'ambient'], { error: 'must be frozen, chilled, cool or ambient' });

export const nonNegativeInt = (what = 'a non-negative integer') =>
  z.number({ error: `must be ${what}` }).int(`must be ${what}`).min(0, `must be ${what}`).max(Number.MAX_SAFE_INTEGER, 'is too large');

export const positiveInt = (what = 'a positive integer') =>
  z.number({ error: `must be ${what}` }).int(`must be ${what}`).positive(`must be ${what}`).max(Number.MAX_SAFE_INTEGER, 'is too large');

/** Query strings are text: numbers are parsed explicitly, never coerced from anything else. */
export const queryInt = (min: number, max: number) =>
  z.string().regex(/^\d{1,9}$/, `must be an integer from ${min} to ${max}`).transform(Number)
    .refine((n) => n >= min && n <= max, `must be an integer from ${min} to ${max}`);

/** Cursor pagination (Stripe style): `limit` and the id of the last item seen, in the list's own id format. */
export const pageQuery = {
  limit: queryInt(1, 500).optional(),
  starting_after: idText().optional(),
};

export const pageQueryUuid = {
  limit: queryInt(1, 500).optional(),
  starting_after: uuid().optional(),
};

export const problemSchema = z.object({
  type: z.string(), title: z.string(), status: z.number().int(), detail: z.string(),
  errors: z.array(z.object({ pointer: z.string().optional(), parameter: z.string().optional(), detail: z.string() })).optional(),
  instance: z.string().optional(),
}).meta({ id: 'Problem' });

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), has_more: z.boolean(), next_starting_after: z.string().nullable() });
}
