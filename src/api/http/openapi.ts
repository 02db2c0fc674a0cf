import { z } from 'zod';
import type { RouteDefinition } from './route-definition';

export interface WebhookSpec { event: string; summary: string; payload: z.ZodType }

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return rest;
}

/** Express `/orders/:orderId` → OpenAPI `/orders/{orderId}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name, in: location, required: location === 'path' || (json.required ?? []).includes(name), schema: s,
  }));
}

/**
 * The OpenAPI 3.1 document, generated from the route declarations and their zod schemas — the same
 * schemas that validate requests.
 */
export function buildOpenApiDocument(routes: RouteDefinition[], webhooks: WebhookSpec[], info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const p = `/v1${toOpenApiPath(route.path)}`;
    const responses: Record<string, unknown> = {};
    for (const [status, spec] of Object.entries(route.responses)) {
      const types = spec.contentTypes ?? (spec.schema ? ['application/json'] : []);
      responses[status] = {
        description: spec.description,
        ...(types.length > 0 ? { content: Object.fromEntries(types.map((t) => [t, spec.schema && t.includes('json') ? { schema: jsonSchema(spec.schema, 'output') } : {}])) } : {}),
      };
    }
    for (const [status, description] of [['401', 'No valid API key'], ['403', 'The key\'s role may not call this operation'], ['422', 'Invalid request'], ['429', 'Rate limit exceeded']] as const) {
      responses[status] ??= { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    }
    paths[p] ??= {};
    paths[p][route.method] = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [route.tag],
      'x-roles': route.roles,
      parameters: [
        ...parametersOf(route.params, 'path'),
        ...parametersOf(route.query, 'query'),
        ...(route.method === 'post' ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 },
          description: 'Same key and body → the stored answer; same key, other body → 422; still in flight → 409. Kept 24 h.' }] : []),
      ],
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'coldlink API',
      version: info.version,
      description: 'Livestream orders to filled orders, three-tier cold-chain routes and a fair four-party cost split. ' +
        'Errors are RFC 9457 problem+json. Lists are cursor-paginated (`limit`, `starting_after`, `has_more`). ' +
        'Webhooks are signed Standard-Webhooks style: `webhook-signature` = v1,base64(HMAC-SHA256(secret, id.timestamp.body)).',
    },
    servers: [{ url: '/' }],
    security: [{ apiKey: [] }],
    paths,
    webhooks: Object.fromEntries(webhooks.map((w) => [w.event, {
      post: {
        summary: w.summary,
        parameters: ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => ({ name, in: 'header', required: true, schema: { type: 'string' } })),
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(w.payload, 'output') } } },
        responses: { '2XX': { description: 'Delivered; any other answer is retried with backoff' } },
      },
    }])),
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: `Authorization: Bearer ck_…`' } },
      schemas: { Problem: jsonSchema(z.object({
        type: z.string(), title: z.string(), status: z.number().int(), detail: z.string(),
        errors: z.array(z.object({ pointer: z.string().optional(), parameter: z.string().optional(), detail: z.string() })).optional(),
        instance: z.string().optional(),
      }), 'output') },
    },
  };
}
