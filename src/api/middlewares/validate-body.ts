import type { z } from 'zod';
import { toPointer, validationProblem } from '../problem';

/** Parses a whole body at once; every issue becomes a field error with its JSON pointer. No coercion. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw validationProblem(result.error.issues.map((issue) => ({
      pointer: toPointer(issue.path) || '/',
      detail: issue.message,
    })));
  }
  return result.data;
}
