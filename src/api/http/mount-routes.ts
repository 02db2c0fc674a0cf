import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { Db } from '../../db/connection';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from '../../db/idempotency.repository';
import { requireRole } from '../middlewares/authenticate';
import { HttpProblem, toPointer, validationProblem, type FieldError } from '../problem';
import type { RouteDefinition, RouteResult } from './route-definition';

function parsePart(schema: z.ZodType | undefined, value: unknown, where: 'body' | 'query' | 'path'): { data: unknown; errors: FieldError[] } {
  if (!schema) return { data: value, errors: [] };
  const result = schema.safeParse(value);
  if (result.success) return { data: result.data, errors: [] };
  return {
    data: undefined,
    errors: result.error.issues.map((issue) => where === 'body'
      ? { pointer: toPointer(issue.path) || '/', detail: issue.message }
      : { parameter: String(issue.path[0] ?? (issue.code === 'unrecognized_keys' ? (issue as { keys?: string[] }).keys?.join(', ') : '')), detail: issue.message }),
  };
}

function send(res: Response, result: RouteResult): void {
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  if (result.text !== undefined) {
    res.status(result.status).type(result.contentType ?? 'text/plain').send(result.text);
  } else if (result.body === undefined) {
    res.status(result.status).end();
  } else {
    res.status(result.status).type(result.contentType ?? 'application/json').send(JSON.stringify(result.body));
  }
}

function serialise(result: RouteResult): { status: number; headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = { ...(result.headers ?? {}), 'content-type': result.contentType ?? (result.text !== undefined ? 'text/plain' : 'application/json') };
  return { status: result.status, headers, body: result.text ?? (result.body === undefined ? '' : JSON.stringify(result.body)) };
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Mounts declared routes: role check, validation of path, query and body (all at once, every fault named),
 * `Idempotency-Key` on every POST (same key and request → the stored answer; same key, other request → 422;
 * still in flight → 409), then the handler.
 */
export function mountRoutes(routes: RouteDefinition[], deps: { db: Db; idempotencyTtlHours: number }): Router {
  const router = Router();
  for (const route of routes) {
    router[route.method](route.path, requireRole(route.roles), async (req: Request, res: Response) => {
      const params = parsePart(route.params, req.params, 'path');
      const query = parsePart(route.query, req.query, 'query');
      const body = parsePart(route.body, route.body ? req.body : undefined, 'body');
      const errors = [...params.errors, ...query.errors, ...body.errors];
      if (errors.length > 0) throw validationProblem(errors);
      const ctx = { params: params.data, query: query.data, body: body.data, principal: req.principal!, req, res };

      const idempotencyKey = req.method === 'POST' ? req.get('idempotency-key') : undefined;
      if (idempotencyKey === undefined) return send(res, await route.handler(ctx));
      if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
        throw new HttpProblem(400, 'bad-idempotency-key', 'Bad Idempotency-Key', 'Idempotency-Key must be 1 to 255 printable ASCII characters',
          [{ parameter: 'Idempotency-Key', detail: 'must be 1 to 255 printable ASCII characters' }]);
      }
      const requestHash = createHash('sha256').update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`).digest('hex');
      const claim = await claimIdempotencyKey(deps.db, ctx.principal.keyId, idempotencyKey, requestHash, deps.idempotencyTtlHours);
      if (claim.kind === 'mismatch') {
        throw new HttpProblem(422, 'idempotency-key-reused', 'Idempotency-Key reused', 'this Idempotency-Key was used with a different request',
          [{ parameter: 'Idempotency-Key', detail: 'already used with a different request' }]);
      }
      if (claim.kind === 'in_flight') {
        throw new HttpProblem(409, 'idempotency-key-in-flight', 'Request in progress', 'a request with this Idempotency-Key is still being processed; retry later');
      }
      if (claim.kind === 'replay') {
        res.setHeader('Idempotent-Replayed', 'true');
        const { status, headers, body: text } = claim.response;
        const { 'content-type': contentType, ...rest } = headers;
        return send(res, { status, headers: rest, contentType, text });
      }
      let result: RouteResult;
      try {
        result = await route.handler(ctx);
      } catch (error) {
        if (error instanceof HttpProblem && error.status < 500) {
          // A refusal is an answer too: the same request with the same key gets the same refusal.
          await completeIdempotencyKey(deps.db, ctx.principal.keyId, idempotencyKey,
            { status: error.status, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify(error.toBody(req.originalUrl)) });
        } else {
          await releaseIdempotencyKey(deps.db, ctx.principal.keyId, idempotencyKey);
        }
        throw error;
      }
      await completeIdempotencyKey(deps.db, ctx.principal.keyId, idempotencyKey, serialise(result));
      send(res, result);
    });
  }
  return router;
}
