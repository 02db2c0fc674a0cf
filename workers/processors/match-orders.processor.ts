import { UnrecoverableError, type Job } from 'bullmq';
import { estimateCostPerKgBaseline } from '../../src/core/matching/cost-per-kg.baseline';
import { GREEDY_MATCHER, matchOrdersGreedy } from '../../src/core/matching/greedy-matcher.baseline';
import type { MatchProblem } from '../../src/core/matching/match-problem';
import type { Db } from '../../src/db/connection';
import type { OrderStatus } from '../../src/db/database.types';
import { localMidnightUtc } from '../../src/db/local-time';
import {
  applyMatch, claimReceivedOrders, findFreeLots, loadCooperativeGeography, loadFleetCapacities, loadProducts,
} from '../../src/db/match.repository';
import { emitWebhookEvents } from '../../src/db/webhook.repository';
import type { JobPayloads } from '../../src/queue/queue-names';
import type { Logger } from '../../src/observability/logger';

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

export interface MatchOutcome { matched: number; skipped: number; attempts: number }

/**
 * Matches a batch of received orders against live stock and reserves it, in one transaction. Another
 * worker may reserve the same lots meanwhile: Postgres then refuses our write (reserved ≤ quantity) and we
 * match again against the fresh stock.
 */
export async function matchOrderBatch(db: Db, payload: JobPayloads['match-orders'], log?: Logger): Promise<MatchOutcome> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const orders = await claimReceivedOrders(trx, payload.orderIds);
        if (orders.length === 0) return { matched: 0, skipped: payload.orderIds.length, attempts: attempt };
        const skus = [...new Set(orders.flatMap((o) => o.lines.map((l) => l.sku)))].sort();
        const [products, lots, geography, fleets] = await Promise.all([
          loadProducts(trx, skus), findFreeLots(trx, payload.countyId, skus),
          loadCooperativeGeography(trx, payload.countyId), loadFleetCapacities(trx, payload.countyId),
        ]);
        const problem = buildProblem(orders, products, lots, geography, fleets);
        const result = matchOrdersGreedy(problem);
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
          lines, statuses, matcher: GREEDY_MATCHER,
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
  geography: Awaited<ReturnType<typeof loadCooperativeGeography>>,
  fleets: Awaited<ReturnType<typeof loadFleetCapacities>>,
): MatchProblem {
  const capacityKg = (compartments: unknown) => (compartments as { capacityKg: number }[]).reduce((s, c) => s + c.capacityKg, 0);
  const biggestAt = new Map<string, { costPerKmCents: number; capacityKg: number }>();
  for (const f of fleets) {
    const v = { costPerKmCents: Number(f.cost_per_km_cents), capacityKg: capacityKg(f.compartments) };
    const best = biggestAt.get(f.site_id);
    if (!best || v.capacityKg > best.capacityKg) biggestAt.set(f.site_id, v);
  }
  return {
    handoverAt: handoverAt(orders).toISOString(),
    skus: products.map((p) => ({ id: p.sku, weightKg: p.unit_weight_grams / 1000, shelfLifeHours: p.shelf_life_hours, minRemainingHours: p.min_remaining_hours })),
    cooperatives: geography.map((g) => {
      const trunkVehicle = g.hubId ? biggestAt.get(g.hubId) : undefined;
      const villageVehicle = biggestAt.get(g.stationId);
      const hub = g.hubLon === null || g.hubLat === null ? null : { lon: g.hubLon, lat: g.hubLat };
      // A cooperative with no vehicle at its station or at the hub cannot ship: its lines become no_route.
      const costPerKg = villageVehicle && trunkVehicle
        ? estimateCostPerKgBaseline({ village: { lon: g.villageLon, lat: g.villageLat }, station: { lon: g.stationLon, lat: g.stationLat },
          hub, villageVehicle, trunkVehicle })
        : null;
      return { id: g.id, costPerKg };
    }),
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

export function createMatchOrdersProcessor(deps: { db: Db; log: Logger }) {
  return async (job: Job<JobPayloads['match-orders']>) => {
    const payload = job.data;
    if (!payload || typeof payload.countyId !== 'string' || !Array.isArray(payload.orderIds)) {
      throw new UnrecoverableError('match-orders: payload must carry countyId and orderIds');
    }
    const outcome = await matchOrderBatch(deps.db, payload, deps.log);
    deps.log.info({ jobId: job.id, ...outcome }, 'match-orders done');
    return outcome;
  };
}
