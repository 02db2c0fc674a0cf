import { remainingHours } from './match-cost';
import type { MatchProblem, UnfilledReason } from './match-problem';

/**
 * The problem in canonical order (everything sorted by id, so a shuffled input gives the same
 * plan) and flat typed arrays, indexed by integers, that the flow and the local search work on.
 */
export interface MatchModel {
  nSku: number;
  nCoop: number;
  nLot: number;
  nLine: number;
  nOrder: number;
  coopIds: string[];
  coopReachable: Uint8Array;
  lotIds: string[];
  lotSku: Int32Array;
  lotCoop: Int32Array;
  lotGrade: Int32Array;
  lotQty: Float64Array;
  lotFresh: Uint8Array;
  /** freshness × r / shelfLife: the FEFO part of a lot's unit cost. */
  lotFreshCost: Float64Array;
  /** weightKg × costPerKg + freshness part − gradeOver × grade; unit cost = base + gradeOver × minGrade. */
  lotBase: Float64Array;
  orderIds: string[];
  /** Lines of order o are lineStart[o] … lineStart[o + 1] − 1, in the order's own line order. */
  orderLineStart: Int32Array;
  /** Per order: allowed cooperatives as a 0/1 mask, or null when the order may use any. */
  orderAllowed: (Uint8Array | null)[];
  lineOrder: Int32Array;
  lineIndex: Int32Array;
  /** −1 for a SKU that is not in `skus`. */
  lineSku: Int32Array;
  lineQty: Float64Array;
  lineMinGrade: Int32Array;
  gradeOver: number;
  split: number;
  /** Fresh lots of reachable cooperatives per (sku × nCoop + coop), cheapest first. */
  usableLots: Int32Array[];
  /** Cooperatives holding usable lots, per SKU, ascending. */
  skuCoops: number[][];
  /** All lots per SKU (any freshness, any cooperative). */
  skuLots: Int32Array[];
}

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function buildMatchModel(problem: MatchProblem): MatchModel {
  const skus = [...problem.skus].sort(byId);
  const coops = [...problem.cooperatives].sort(byId);
  const lots = [...problem.lots].sort(byId);
  const orders = [...problem.orders].sort(byId);
  const skuIndex = new Map(skus.map((s, i) => [s.id, i]));
  const coopIndex = new Map(coops.map((c, i) => [c.id, i]));
  const handoverMs = Date.parse(problem.handoverAt);
  const { gradeOver, freshness } = problem.weights;

  const nSku = skus.length;
  const nCoop = coops.length;
  const nLot = lots.length;
  const coopReachable = new Uint8Array(nCoop);
  coops.forEach((c, i) => {
    coopReachable[i] = c.costPerKg !== null && c.reachable !== false ? 1 : 0;
  });

  const lotSku = new Int32Array(nLot);
  const lotCoop = new Int32Array(nLot);
  const lotGrade = new Int32Array(nLot);
  const lotQty = new Float64Array(nLot);
  const lotFresh = new Uint8Array(nLot);
  const lotFreshCost = new Float64Array(nLot);
  const lotBase = new Float64Array(nLot);
  lots.forEach((lot, i) => {
    const s = skuIndex.get(lot.sku);
    const c = coopIndex.get(lot.cooperative);
    if (s === undefined || c === undefined) throw new Error(`core/matching: lot '${lot.id}': unknown SKU or cooperative`);
    const sku = skus[s];
    const r = remainingHours(sku, Date.parse(lot.packedAt), handoverMs);
    lotSku[i] = s;
    lotCoop[i] = c;
    lotGrade[i] = lot.grade;
    lotQty[i] = lot.quantity;
    lotFresh[i] = r >= sku.minRemainingHours ? 1 : 0;
    lotFreshCost[i] = (freshness * r) / sku.shelfLifeHours;
    const perKg = coops[c].costPerKg ?? 0;
    lotBase[i] = sku.weightKg * perKg + lotFreshCost[i] - gradeOver * lot.grade;
  });

  const buckets: number[][] = Array.from({ length: nSku * nCoop }, () => []);
  for (let i = 0; i < nLot; i++) {
    if (lotFresh[i] && coopReachable[lotCoop[i]]) buckets[lotSku[i] * nCoop + lotCoop[i]].push(i);
  }
  const usableLots = buckets.map((b) => Int32Array.from(b.sort((x, y) => lotBase[x] - lotBase[y] || x - y)));
  const skuCoops: number[][] = [];
  for (let s = 0; s < nSku; s++) {
    const list: number[] = [];
    for (let c = 0; c < nCoop; c++) if (usableLots[s * nCoop + c].length > 0) list.push(c);
    skuCoops.push(list);
  }

  const skuLotLists: number[][] = Array.from({ length: nSku }, () => []);
  for (let i = 0; i < nLot; i++) skuLotLists[lotSku[i]].push(i);
  const skuLots = skuLotLists.map((list) => Int32Array.from(list));

  const nOrder = orders.length;
  const orderLineStart = new Int32Array(nOrder + 1);
  orders.forEach((o, i) => {
    orderLineStart[i + 1] = orderLineStart[i] + o.lines.length;
  });
  const nLine = orderLineStart[nOrder];
  const lineOrder = new Int32Array(nLine);
  const lineIndex = new Int32Array(nLine);
  const lineSku = new Int32Array(nLine);
  const lineQty = new Float64Array(nLine);
  const lineMinGrade = new Int32Array(nLine);
  const orderAllowed: (Uint8Array | null)[] = orders.map((o, oi) => {
    o.lines.forEach((line, j) => {
      const l = orderLineStart[oi] + j;
      lineOrder[l] = oi;
      lineIndex[l] = j;
      lineSku[l] = skuIndex.get(line.sku) ?? -1;
      lineQty[l] = line.quantity;
      lineMinGrade[l] = line.minGrade;
    });
    if (!o.cooperatives) return null;
    const mask = new Uint8Array(nCoop);
    for (const id of o.cooperatives) {
      const c = coopIndex.get(id);
      if (c === undefined) throw new Error(`core/matching: order '${o.id}': unknown cooperative '${id}'`);
      mask[c] = 1;
    }
    return mask;
  });

  return {
    nSku,
    nCoop,
    nLot,
    nLine,
    nOrder,
    coopIds: coops.map((c) => c.id),
    coopReachable,
    lotIds: lots.map((l) => l.id),
    lotSku,
    lotCoop,
    lotGrade,
    lotQty,
    lotFresh,
    lotFreshCost,
    lotBase,
    orderIds: orders.map((o) => o.id),
    orderLineStart,
    orderAllowed,
    lineOrder,
    lineIndex,
    lineSku,
    lineQty,
    lineMinGrade,
    gradeOver,
    split: problem.weights.split,
    usableLots,
    skuCoops,
    skuLots,
  };
}

/** Whether lot `lot` may serve line `line` (SKU, grade, freshness, bound and reachable cooperative). */
export function lotServesLine(m: MatchModel, lot: number, line: number): boolean {
  if (m.lineSku[line] !== m.lotSku[lot] || m.lotGrade[lot] > m.lineMinGrade[line] || !m.lotFresh[lot]) return false;
  const c = m.lotCoop[lot];
  const allowed = m.orderAllowed[m.lineOrder[line]];
  return m.coopReachable[c] === 1 && (allowed === null || allowed[c] === 1);
}

/** Unit cost of serving `line` from `lot` (the per-unit term). */
export function unitCostOf(m: MatchModel, lot: number, line: number): number {
  return m.lotBase[lot] + m.gradeOver * m.lineMinGrade[line];
}

/**
 * Why a line (partly) stays unfilled: the first reason of the issue that applies. Lots count by
 * existence, whatever their free quantity: a lot whose stock went elsewhere is `out_of_stock`.
 */
export function unfilledReason(m: MatchModel, line: number): UnfilledReason {
  const s = m.lineSku[line];
  if (s < 0) return 'unknown_sku';
  const allowed = m.orderAllowed[m.lineOrder[line]];
  const g = m.lineMinGrade[line];
  let graded = false;
  let fresh = false;
  let reachable = false;
  for (const lot of m.skuLots[s]) {
    if (m.lotGrade[lot] > g) continue;
    const c = m.lotCoop[lot];
    if (allowed !== null && allowed[c] !== 1) continue;
    graded = true;
    if (!m.lotFresh[lot]) continue;
    fresh = true;
    if (m.coopReachable[c]) {
      reachable = true;
      break;
    }
  }
  if (!graded) return 'grade_unavailable';
  if (!fresh) return 'no_fresh_stock';
  // Fresh, graded lots exist; if none is at a reachable cooperative they are not eligible at all.
  if (!reachable) return 'no_route';
  return 'out_of_stock';
}
