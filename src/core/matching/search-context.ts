import { orderCost, type LotUnits, type MatchAssignment } from './match-assignment';
import type { MatchModel } from './match-model';

/**
 * The plan plus the indexes the local-search moves need: the lines drawing on each lot and, per
 * SKU, the lines with unfilled units. Every change to a line goes through setLine so they stay true.
 */
export interface SearchContext {
  m: MatchModel;
  a: MatchAssignment;
  lotUsers: Set<number>[];
  /** Lines with unfilled units per SKU (only lines that some usable lot could serve). */
  unfilledBySku: Set<number>[];
  /** Scratch: units a plan under construction holds per lot (always reset to 0 after use). */
  taken: Float64Array;
  /** Whether relocations may chain into the orders they split (costly; small bursts only). */
  chains: boolean;
}

/** Up to this many lines, relocations chain into the orders they split. */
const CHAIN_LINES = 3_000;

export function createSearchContext(m: MatchModel, a: MatchAssignment, lineClass: Int32Array): SearchContext {
  const lotUsers = Array.from({ length: m.nLot }, () => new Set<number>());
  const unfilledBySku = Array.from({ length: m.nSku }, () => new Set<number>());
  for (let l = 0; l < m.nLine; l++) {
    let filled = 0;
    for (const u of a.lineAlloc[l]) {
      lotUsers[u.lot].add(l);
      filled += u.qty;
    }
    if (lineClass[l] >= 0 && filled < m.lineQty[l]) unfilledBySku[m.lineSku[l]].add(l);
  }
  return { m, a, lotUsers, unfilledBySku, taken: new Float64Array(m.nLot), chains: m.nLine <= CHAIN_LINES };
}

export function setLine(ctx: SearchContext, line: number, alloc: LotUnits[]): void {
  const { a, lotUsers } = ctx;
  for (const u of a.lineAlloc[line]) {
    a.lotFree[u.lot] += u.qty;
    lotUsers[u.lot].delete(line);
  }
  let filled = 0;
  const kept: LotUnits[] = [];
  for (const u of alloc) {
    if (u.qty <= 0) continue;
    kept.push(u);
    a.lotFree[u.lot] -= u.qty;
    lotUsers[u.lot].add(line);
    filled += u.qty;
  }
  a.lineAlloc[line] = kept;
  const s = ctx.m.lineSku[line];
  if (s < 0) return;
  // Lines that never had an eligible lot stay out of the index (they cannot take units anyway).
  if (filled < ctx.m.lineQty[line]) {
    if (ctx.m.skuCoops[s].length > 0) ctx.unfilledBySku[s].add(line);
  } else {
    ctx.unfilledBySku[s].delete(line);
  }
}

export function allowedCoop(m: MatchModel, order: number, coop: number): boolean {
  const mask = m.orderAllowed[order];
  return mask === null || mask[coop] === 1;
}

/** Cooperatives currently serving an order, ascending. */
export function orderCoops(m: MatchModel, a: MatchAssignment, order: number): number[] {
  const coops: number[] = [];
  for (let l = m.orderLineStart[order]; l < m.orderLineStart[order + 1]; l++) {
    for (const u of a.lineAlloc[l]) if (!coops.includes(m.lotCoop[u.lot])) coops.push(m.lotCoop[u.lot]);
  }
  return coops.sort((x, y) => x - y);
}

/**
 * Records lines before a compound move changes them, with the cost of every order involved, so the
 * move can be judged on exact order costs and undone, wholly or back to a checkpoint.
 */
export class MoveJournal {
  private readonly log: { line: number; alloc: LotUnits[] }[] = [];
  private readonly orders = new Set<number>();
  private before = 0;

  constructor(private readonly ctx: SearchContext) {}

  /** Call before every change to `line`. */
  touch(line: number): void {
    const { m, a } = this.ctx;
    const o = m.lineOrder[line];
    if (!this.orders.has(o)) {
      this.orders.add(o);
      this.before += orderCost(m, a, o);
    }
    this.log.push({ line, alloc: a.lineAlloc[line].map((u) => ({ ...u })) });
  }

  /** Orders the move has touched so far. */
  touchedOrders(): number[] {
    return [...this.orders];
  }

  /** Cost change of the move so far (negative = better). */
  delta(): number {
    let after = 0;
    for (const o of this.orders) after += orderCost(this.ctx.m, this.ctx.a, o);
    return after - this.before;
  }

  checkpoint(): number {
    return this.log.length;
  }

  /** Restores every line changed since `checkpoint` (orders stay counted: their cost is back). */
  rollback(checkpoint: number): void {
    while (this.log.length > checkpoint) {
      const { line, alloc } = this.log.pop()!;
      setLine(this.ctx, line, alloc);
    }
  }

  undo(): void {
    this.rollback(0);
    this.orders.clear();
    this.before = 0;
  }
}
