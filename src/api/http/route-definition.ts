import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Role } from '../../db/database.types';

export type { Role };

/** Who is calling: resolved from the API key by the auth middleware. */
export interface Principal { keyId: string; role: Role; scopeId: string }

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Non-JSON answers (CSV, GeoJSON) set their content type and send `text`. */
  contentType?: string;
  text?: string;
}

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal;
  req: Request;
  res: Response;
}

export interface ResponseSpec { description: string; schema?: z.ZodType; contentTypes?: string[] }

/**
 * One HTTP operation: the same zod schemas validate the request and generate the OpenAPI document, so the
 * two never drift. Every route the app serves is declared this way.
 */
export interface RouteDefinition<P = unknown, Q = unknown, B = unknown> {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Express-style path under /v1, e.g. `/orders/:orderId`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Roles allowed to call it; scope checks happen in the handler (outside scope → 404, never a leak). */
  roles: Role[];
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  responses: Record<number, ResponseSpec>;
  handler(ctx: RouteContext<P, Q, B>): Promise<RouteResult>;
}

/** Keeps type inference per route while collecting them in one list. */
export function defineRoute<P, Q, B>(route: RouteDefinition<P, Q, B>): RouteDefinition<unknown, unknown, unknown> {
  return route as unknown as RouteDefinition<unknown, unknown, unknown>;
}
