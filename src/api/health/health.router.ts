import { Router } from 'express';
import { sql } from 'kysely';
import type { Redis } from 'ioredis';
import type { Db } from '../../db/connection';

async function check(name: string, probe: () => Promise<unknown>, timeoutMs: number) {
  const started = performance.now();
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
    return { name, ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { name, ok: false, ms: Math.round(performance.now() - started), error: (error as Error).message };
  }
}

export function createHealthRouter(deps: { db: Db; redis: Redis }): Router {
  const router = Router();
  // Liveness: the process answers. It never touches dependencies, so a Redis outage does not restart us.
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Readiness: we can store orders (Postgres) and queue work (Redis).
  router.get('/readyz', async (_req, res) => {
    const checks = await Promise.all([
      check('postgres', () => sql`select 1`.execute(deps.db), 2000),
      check('redis', () => deps.redis.ping(), 2000),
    ]);
    const ready = checks.every((c) => c.ok);
    if (ready) {
      res.json({ status: 'ready', checks });
    } else {
      res.status(503).type('application/problem+json').send(JSON.stringify({
        type: 'https://coldlink.dev/problems/not-ready', title: 'Not ready', status: 503,
        detail: `unavailable: ${checks.filter((c) => !c.ok).map((c) => c.name).join(', ')}`, checks,
      }));
    }
  });
  return router;
}
