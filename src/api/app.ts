import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express, { type Express, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { pinoHttp } from 'pino-http';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { loadVehicleProfiles } from '../../config/load-profiles';
import type { Db } from '../db/connection';
import { RoadNetworkService } from '../services/road-network.service';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { MONITORED_QUEUES } from '../queue/queue-names';
import type { Queues } from '../queue/queues';
import { countyRoutes } from './counties/counties.routes';
import { createDocsRouter } from './docs/docs.router';
import { createHealthRouter } from './health/health.router';
import { mountRoutes } from './http/mount-routes';
import { buildOpenApiDocument } from './http/openapi';
import type { RouteDefinition } from './http/route-definition';
import { keyRoutes } from './keys/keys.routes';
import { networkRoutes } from './networks/networks.routes';
import { authenticate, requireRole } from './middlewares/authenticate';
import { errorHandler, notFoundHandler } from './middlewares/error-handler';
import { requireJson } from './middlewares/require-json';
import { orderRoutes } from './orders/orders.routes';
import { planRoutes } from './plans/plans.routes';
import { HttpProblem } from './problem';
import { streamRoutes } from './streams/streams.routes';
import { waveRoutes } from './waves/waves.routes';
import { webhookPayloads, webhookRoutes } from './webhooks/webhooks.routes';

export interface AppDeps {
  db: Db;
  redis: Redis;
  log: Logger;
  bodyLimitBytes: number;
  maxOrdersPerBatch: number;
  metrics?: Metrics;
  /** Queues shown on the dashboard; without them /admin/queues is not mounted. */
  queues?: Queues;
  /** Where per-key request counts live (shared by every API process); without it they are counted in memory. */
  rateLimitRedis?: Redis;
  rateLimitPerMinute?: number;
  /** Separates the rate-limit counters of test runs and deployments sharing one Redis. */
  rateLimitPrefix?: string;
  idempotencyTtlHours?: number;
  /** Road networks are uploaded as one (large) GeoJSON body. */
  networkBodyLimitBytes?: number;
  /** Imports and caches road networks; created from `db` when not given. */
  networks?: RoadNetworkService;
  /** Called after a transaction wrote outbox rows, so an in-process relay can move them at once. */
  onOutboxWritten?: () => void;
}

export function apiRoutes(deps: AppDeps): RouteDefinition[] {
  const networks = deps.networks ?? new RoadNetworkService({ db: deps.db, profiles: loadVehicleProfiles() });
  return [
    ...networkRoutes({ db: deps.db, networks }),
    ...orderRoutes(deps),
    ...streamRoutes(deps),
    ...countyRoutes(deps),
    ...waveRoutes(deps),
    ...planRoutes(deps),
    ...keyRoutes(deps),
    ...webhookRoutes(deps),
  ];
}

export function openApiDocument(deps: AppDeps) {
  return buildOpenApiDocument(apiRoutes(deps), [
    { event: 'order.status', summary: 'An order\'s status changed (sent to the order\'s operator)', payload: webhookPayloads['order.status'] },
    { event: 'plan.ready', summary: 'A wave\'s plan is stored (sent to the county platform and to each firm with routes in it)', payload: webhookPayloads['plan.ready'] },
    { event: 'wave.failed', summary: 'A wave could not be planned (sent to the county platform)', payload: webhookPayloads['wave.failed'] },
  ], { version: require('../../package.json').version as string });
}

function measure(metrics: Metrics | undefined): RequestHandler {
  return (req, res, next) => {
    if (!metrics) return next();
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      // The route pattern, not the URL: ids must not explode the label set.
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      end({ method: req.method, route });
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}

/** Builds the HTTP app without listening, so tests and the demo mount it as they need. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(helmet());
  app.use(pinoHttp({
    logger: deps.log,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w-]{1,100}$/.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    customProps: (req) => ({ keyId: (req as express.Request).principal?.keyId }),
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics' },
  }));
  app.use(measure(deps.metrics));
  app.use(createHealthRouter(deps));
  const document = openApiDocument(deps);
  app.get('/openapi.json', (_req, res) => { res.json(document); });
  app.use('/docs', createDocsRouter());
  if (deps.metrics) {
    const registry = deps.metrics.registry;
    app.get('/metrics', async (_req, res) => { res.type(registry.contentType).send(await registry.metrics()); });
  }
  if (deps.queues) {
    const board = new ExpressAdapter();
    board.setBasePath('/admin/queues');
    createBullBoard({ queues: MONITORED_QUEUES.map((name) => new BullMQAdapter(deps.queues![name])), serverAdapter: board });
    app.use('/admin/queues', authenticate(deps.db), requireRole(['platform']), board.getRouter());
  }

  const limiter = rateLimit({
    windowMs: 60_000,
    limit: deps.rateLimitPerMinute ?? 1200,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => req.principal?.keyId ?? 'anonymous',
    // The queue's Redis also counts requests, so every API process shares one budget per key.
    ...(deps.rateLimitRedis ? { store: new RedisStore({
      prefix: `${deps.rateLimitPrefix ?? 'coldlink'}:rl:`,
      sendCommand: (command: string, ...args: string[]) => deps.rateLimitRedis!.call(command, ...args) as Promise<RedisReply>,
    }) } : {}),
    // Intake must not stop because Redis does: orders are durable in Postgres without it.
    passOnStoreError: true,
    handler: (_req, _res, next, options) => {
      next(new HttpProblem(429, 'rate-limited', 'Too many requests', `this key may make ${options.limit} requests a minute; retry after the Retry-After delay`));
    },
  });
  const json = express.json({ limit: deps.bodyLimitBytes, strict: true, type: 'application/json' });
  const networkJson = express.json({ limit: deps.networkBodyLimitBytes ?? 64 * 1024 * 1024, strict: true, type: 'application/json' });
  const parseBody: RequestHandler = (req, res, next) => (req.method === 'PUT' && /^\/counties\/[^/]+\/network$/.test(req.path) ? networkJson : json)(req, res, next);
  app.use('/v1', authenticate(deps.db), limiter, requireJson, parseBody,
    mountRoutes(apiRoutes(deps), { db: deps.db, idempotencyTtlHours: deps.idempotencyTtlHours ?? 24 }));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.log));
  return app;
}
