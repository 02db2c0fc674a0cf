import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connection';
import type { Logger } from '../observability/logger';
import { createHealthRouter } from './health/health.router';
import { errorHandler, notFoundHandler } from './middlewares/error-handler';
import { requireJson } from './middlewares/require-json';
import { createOrdersRouter } from './orders/orders.router';
import { createWavesRouter } from './waves/waves.router';

export interface AppDeps {
  db: Db;
  redis: Redis;
  log: Logger;
  bodyLimitBytes: number;
  maxOrdersPerBatch: number;
  /** Called after a transaction wrote outbox rows, so an in-process relay can move them at once. */
  onOutboxWritten?: () => void;
}

/** Builds the HTTP app without listening, so tests and the demo mount it as they need. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(helmet());
  app.use(pinoHttp({
    logger: deps.log,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w-]{1,100}$/.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
  }));
  app.use(createHealthRouter(deps));
  app.use('/v1', requireJson, express.json({ limit: deps.bodyLimitBytes, strict: true, type: 'application/json' }));
  app.use('/v1/orders', createOrdersRouter(deps));
  app.use('/v1', createWavesRouter(deps));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.log));
  return app;
}
