import { UnrecoverableError, type Job } from 'bullmq';
import { matchOrders } from '../../src/core/matching';
import type { MatchProblem } from '../../src/core/matching/match-problem';
import type { Db } from '../../src/db/connection';
import type { OrderStatus } from '../../src/db/database.types';
import { localMidnightUtc } from '../../src/db/local-time';
import { applyMatch, claimReceivedOrders, findFreeLots, loadProducts } from '../../src/db/match.repository';
import { emitWebhookEvents } from '../../src/db/webhook.repository';
import type { JobPayloads } from '../../src/queue/queue-names';
import type { Logger } from '../../src/observability/logger';
import { cooperativeCostsPerKg } from '../../src/services/cooperative-cost.service';
import type { RoadNetworkService } from '../../src/services/road-network.service';

const HANDOVER_LOCAL_HOUR = 18;

/**
 * Freshness is judged at the express handover the orders will make: the first 18:00 in the county's zone
 * after the latest stream in the batch started. Never the wall clock: a re-driven job sees the same problem.
 */
function handoverAt(orders: { streamStartsAt: Date; timezone: string }[]): Date {
  const latest = orders.reduce((a, b) => (b.streamStartsAt > a.streamStartsAt ? b : a));
  const sameDay = localMidnightUtc(latest.streamStartsAt, latest.timezone).getTime() + HANDOVER_LOCAL_HOUR * 3_600_000;
  return new Date(sameDay > latest.streamStartsAt.getTime() ? sameDay : sameDay + 86_400_000);
}

// Matching weights of the service (the defaults); money is yuan here and fen in Postgres.
const WEIGHTS = { freshness: 0.5, split: 8, gradeOver: 0.3, unfilled: 1000 };
const MAX_ATTEMPTS = 8;
/** Search budget per batch: the flow part is exact; these bound the split-parcel local search. */
export const DEFAULT_MATCH_SETTINGS = { iterations: 20_000, timeLimitSeconds: 2 };

export interface MatchOutcome { matched: number; skipped: number; attempts: number }

/**
 * Matches a batch of received orders against live stock and reserves it, in one transaction. Another
 * worker may reserve the same lots meanwhile: Postgres then refuses our write (reserved ≤ quantity) and we
 * match again against the fresh stock.
 */
export interface MatchSettings { iterations: number; timeLimitSeconds: number; networks?: RoadNetworkService }

/** The matcher's name in allocations rows: which algorithm filled an order. */
export const MATCHER = 'min-cost-flow';

export async function matchOrderBatch(db: Db, payload: JobPayloads['match-orders'], settings: MatchSettings, log?: Logger): Promise<MatchOutcome> {
  // Outside the transaction: road matrices are cached, and no lock needs to wait for them.
  const costs = await cooperativeCostsPerKg(db, settings.networks, payload.countyId);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const orders = await claimReceivedOrders(trx, payload.orderIds);
        if (orders.length === 0) return { matched: 0, skipped: payload.orderIds.length, attempts: attempt };
        const skus = [...new Set(orders.flatMap((o) => o.lines.map((l) => l.sku)))].sort();
        const [products, lots] = await Promise.all([loadProducts(trx, skus), findFreeLots(trx, payload.countyId, skus)]);
        const problem = buildProblem(orders, products, lots, costs);
        // Seeded by the batch's first order: a re-driven job solves the same problem the same way.
        const seed = parseInt(orders[0]!.id.replace(/-/g, '').slice(0, 8), 16);
        const result = matchOrders(problem, { seed, iterations: settings.iterations, timeLimitSeconds: settings.timeLimitSeconds });
        const filledPerLine = new Map<string, number>();
        for (const a of result.allocations) filledPerLine.set(`${a.order}/${a.line}`, (filledPerLine.get(`${a.order}/${a.line}`) ?? 0) + a.quantity);
        const reasonPerLine = new Map(result.unfilled.map((u) => [`${u.order}/${u.line}`, u.reason]));
        const lines = orders.flatMap((o) => o.lines.map((l) => ({
          orderId: o.id, lineNo: l.lineNo, filled: filledPerLine.get(`${o.id}/${l.lineNo}`) ?? 0,
          unfilledReason: reasonPerLine.get(`${o.id}/${l.lineNo}`) ?? null,
        })));
        const statuses = orders.map((o) => {
          const own = lines.filter((l) => l.orderId === o.id);
          const filled = own.reduce((s, l) => s + l.filled, 0);
          const wanted = o.lines.reduce((s, l) => s + l.quantity, 0);
          const status: OrderStatus = filled === 0 ? 'unfilled' : filled === wanted ? 'matched' : 'partially_matched';
          return { orderId: o.id, status };
        });
        await applyMatch(trx, {
          allocations: result.allocations.map((a) => ({ orderId: a.order, lineNo: a.line, lotId: a.lot, quantity: a.quantity })),
          lines, statuses, matcher: MATCHER,
        });
        const byId = new Map(orders.map((o) => [o.id, o]));
        await emitWebhookEvents(trx, statuses.map((s) => {
          const order = byId.get(s.orderId)!;
          return { type: 'order.status', role: 'operator', scopeId: order.operatorId, data: { orderId: order.id, externalId: order.externalId, status: s.status } };
        }));
        return { matched: orders.length, skipped: payload.orderIds.length - orders.length, attempts: attempt };
      });
    } catch (error) {
      // 23514: our reservation would exceed a lot's quantity — another worker won the race. 40P01: deadlock.
      const code = (error as { code?: string }).code;
      if ((code === '23514' || code === '40P01') && attempt < MAX_ATTEMPTS) {
        log?.debug({ attempt, code }, 'match-orders: lost a stock race, matching again');
        continue;
      }
      throw error;
    }
  }
  throw new Error('match-orders: gave up after repeated stock races');
}

function buildProblem(
  orders: Awaited<ReturnType<typeof claimReceivedOrders>>,
  products: Awaited<ReturnType<typeof loadProducts>>,
  lots: Awaited<ReturnType<typeof findFreeLots>>,
  costs: Map<string, number | null>,
): MatchProblem {
  return {
    handoverAt: handoverAt(orders).toISOString(),
    skus: products.map((p) => ({ id: p.sku, weightKg: p.unit_weight_grams / 1000, shelfLifeHours: p.shelf_life_hours, minRemainingHours: p.min_remaining_hours })),
    cooperatives: [...costs.entries()].map(([id, costPerKg]) => ({ id, costPerKg })),
    lots: lots.map((l) => ({ id: l.id, cooperative: l.cooperative_id, farmer: l.farmer_id, sku: l.sku, grade: l.grade, quantity: Number(l.free),
      packedAt: l.packed_at.toISOString() })),
    orders: orders.map((o) => ({
      id: o.id,
      lines: o.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, minGrade: l.minGrade })),
      ...(o.streamBoundCooperatives ? { cooperatives: o.streamBoundCooperatives } : {}),
    })),
    weights: WEIGHTS,
  };
}

export function createMatchOrdersProcessor(deps: { db: Db; log: Logger; networks?: RoadNetworkService; match?: { iterations: number; timeLimitSeconds: number } }) {
  return async (job: Job<JobPayloads['match-orders']>) => {
    const payload = job.data;
    if (!payload || typeof payload.countyId !== 'string' || !Array.isArray(payload.orderIds)) {
      throw new UnrecoverableError('match-orders: payload must carry countyId and orderIds');
    }
    const outcome = await matchOrderBatch(deps.db, payload, { ...(deps.match ?? DEFAULT_MATCH_SETTINGS), networks: deps.networks }, deps.log);
    deps.log.info({ jobId: job.id, ...outcome }, 'match-orders done');
    return outcome;
  };
}
