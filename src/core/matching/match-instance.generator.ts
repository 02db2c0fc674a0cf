import { createRandom, type Random } from '../shared/random';
import type { MatchCooperative, MatchLot, MatchOrder, MatchProblem, MatchSku } from './match-problem';

export interface MatchInstanceOptions {
  seed: number;
  lines: number;
  lots: number;
  /** Default: about one SKU per 125 lots, at least 3. */
  skus?: number;
  /** Default: about one cooperative per 100 lots, 4 … 60. */
  cooperatives?: number;
  /** Share of SKUs whose supply falls short of demand (default 0.2). */
  scarceShare?: number;
  /** Share of orders bound to a stream's few cooperatives (default 0.3). */
  boundShare?: number;
}

const HANDOVER = '2026-11-22T18:00:00Z';
const HOUR_MS = 3_600_000;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function pickWeighted(random: Random, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = random.next() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i];
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/**
 * A seeded livestream burst: most lines 1–3 units, SKU popularity skewed, some SKUs scarce, some
 * lots near (or past) their minimum remaining shelf life, a share of orders bound to a stream's
 * few cooperatives, multi-line orders whose SKUs sit at different cooperatives, a few unknown SKUs.
 */
export function generateMatchInstance(options: MatchInstanceOptions): MatchProblem {
  const random = createRandom(options.seed);
  const nSku = options.skus ?? Math.max(3, Math.round(options.lots / 125));
  const nCoop = options.cooperatives ?? Math.min(60, Math.max(4, Math.round(options.lots / 100)));
  const scarceShare = options.scarceShare ?? 0.2;
  const boundShare = options.boundShare ?? 0.3;
  const handoverMs = Date.parse(HANDOVER);

  const cooperatives: MatchCooperative[] = [];
  for (let c = 0; c < nCoop; c++) {
    cooperatives.push({
      id: `coop-${pad(c + 1, 3)}`,
      costPerKg: Math.round((0.2 + random.next() * 0.8) * 100) / 100,
      hoursToHub: Math.round((1 + random.next() * 7) * 10) / 10,
    });
  }

  const skus: MatchSku[] = [];
  const skuCoops: number[][] = [];
  const popularity: number[] = [];
  const scarce: boolean[] = [];
  for (let s = 0; s < nSku; s++) {
    const shelf = [72, 168, 240, 480, 720][random.int(5)];
    skus.push({
      id: `sku-${pad(s + 1, 3)}`,
      weightKg: [0.5, 1, 2.5, 3, 5][random.int(5)],
      shelfLifeHours: shelf,
      minRemainingHours: Math.round(shelf * 0.35),
    });
    // Each product sits at a few cooperatives (a county grows kiwis in some villages, tea in others).
    const count = Math.min(nCoop, 2 + random.int(Math.max(1, Math.min(7, nCoop - 1))));
    skuCoops.push(random.shuffle(Array.from({ length: nCoop }, (_, i) => i)).slice(0, count).sort((a, b) => a - b));
    popularity.push(1 / (s + 1) ** 0.6);
  }
  random.shuffle(popularity);
  // A fixed share of the SKUs is scarce (at least one when the share is positive).
  const scarceCount = scarceShare > 0 ? Math.max(1, Math.round(scarceShare * nSku)) : 0;
  const scarceSkus = new Set(random.shuffle(Array.from({ length: nSku }, (_, i) => i)).slice(0, scarceCount));
  for (let s = 0; s < nSku; s++) scarce.push(scarceSkus.has(s));

  // Streams bound to a few cooperatives.
  const streams: number[][] = [];
  for (let t = 0; t < 3; t++) {
    const size = Math.min(nCoop, 3 + random.int(3));
    streams.push(random.shuffle(Array.from({ length: nCoop }, (_, i) => i)).slice(0, size).sort((a, b) => a - b));
  }
  const streamSkus = streams.map((coops) => {
    const list: number[] = [];
    for (let s = 0; s < nSku; s++) if (skuCoops[s].some((c) => coops.includes(c))) list.push(s);
    return list;
  });

  const orders: MatchOrder[] = [];
  const demand = new Array<number>(nSku).fill(0);
  let lineCount = 0;
  while (lineCount < options.lines) {
    const nLines = Math.min(options.lines - lineCount, [1, 1, 1, 1, 1, 1, 2, 2, 2, 3][random.int(10)]);
    const bound = random.next() < boundShare ? random.int(streams.length) : -1;
    const order: MatchOrder = { id: `order-${pad(orders.length + 1, 6)}`, lines: [] };
    if (bound >= 0) order.cooperatives = streams[bound].map((c) => cooperatives[c].id);
    const chosen = new Set<number>();
    for (let j = 0; j < nLines; j++) {
      const quantity = [1, 1, 1, 1, 1, 1, 2, 2, 2, 3][random.int(10)];
      const minGrade = [1, 2, 2, 2, 2, 3, 3, 3, 3, 3][random.int(10)];
      if (random.next() < 0.002) {
        order.lines.push({ sku: `sku-unknown-${random.int(5)}`, quantity, minGrade });
        continue;
      }
      const pool = bound >= 0 && random.next() < 0.95 && streamSkus[bound].length > 0 ? streamSkus[bound] : null;
      let s = pool ? pool[random.int(pool.length)] : pickWeighted(random, popularity);
      for (let tries = 0; chosen.has(s) && tries < 5; tries++) s = pool ? pool[random.int(pool.length)] : pickWeighted(random, popularity);
      chosen.add(s);
      demand[s] += quantity;
      order.lines.push({ sku: skus[s].id, quantity, minGrade });
    }
    orders.push(order);
    lineCount += nLines;
  }

  // Lots per SKU in proportion to demand; supply 1.1–1.5 × demand, scarce SKUs 0.5–0.9 ×.
  const totalDemand = demand.reduce((x, y) => x + y, 0) || 1;
  const lotsPerSku = demand.map((d) => Math.max(1, Math.round((options.lots * d) / totalDemand)));
  const lots: MatchLot[] = [];
  let lotNo = 0;
  for (let s = 0; s < nSku && lotNo < options.lots; s++) {
    const sku = skus[s];
    const ratio = scarce[s] ? 0.5 + random.next() * 0.4 : 1.1 + random.next() * 0.4;
    const count = Math.min(lotsPerSku[s], options.lots - lotNo);
    const supply = Math.max(count, Math.round(demand[s] * ratio));
    const shares = Array.from({ length: count }, () => 0.2 + random.next());
    const shareSum = shares.reduce((x, y) => x + y, 0);
    for (let i = 0; i < count; i++) {
      const coop = skuCoops[s][random.int(skuCoops[s].length)];
      // Most lots fresh; one in ten close to the minimum remaining shelf life, some just past it.
      const r =
        random.next() < 0.1
          ? sku.minRemainingHours * (0.9 + random.next() * 0.2)
          : sku.minRemainingHours + random.next() * (sku.shelfLifeHours - sku.minRemainingHours);
      const packedMs = handoverMs - Math.round(sku.shelfLifeHours - r) * HOUR_MS;
      lots.push({
        id: `lot-${pad(++lotNo, 5)}`,
        cooperative: cooperatives[coop].id,
        farmer: `farmer-${pad(1 + random.int(nCoop * 20), 4)}`,
        sku: sku.id,
        grade: [1, 1, 2, 2, 2, 2, 3, 3, 3, 3][random.int(10)],
        quantity: Math.max(0, Math.round((supply * shares[i]) / shareSum)),
        packedAt: new Date(packedMs).toISOString().replace('.000Z', 'Z'),
      });
    }
  }
  return {
    handoverAt: HANDOVER,
    skus,
    cooperatives,
    lots,
    orders,
    weights: { freshness: 0.5, split: 8.0, gradeOver: 0.3, unfilled: 1000.0 },
  };
}
