import type { LotUnits } from './match-assignment';
import { lotServesLine, unitCostOf } from './match-model';
import { allowedCoop, MoveJournal, orderCoops, setLine, type SearchContext } from './search-context';

const EPS = 1e-9;
/** Partner lines examined per lot or per SKU: bounds a move's cost on large bursts. */
const PARTNER_SCAN = 24;
const MAX_CHUNKS = 64;

type Option =
  | { kind: 'transfer'; to: number; n: number; delta: number }
  | { kind: 'exchange'; to: number; partner: number; n: number; delta: number }
  | { kind: 'handover'; partner: number; n: number; delta: number };

function withUnits(alloc: LotUnits[], lot: number, n: number): LotUnits[] {
  const out = alloc.map((u) => ({ ...u }));
  const hit = out.find((u) => u.lot === lot);
  if (hit) hit.qty += n;
  else out.push({ lot, qty: n });
  return out.filter((u) => u.qty > 0);
}

/**
 * Moves every unit of order `o` that comes from a cooperative outside `keep` either into `keep`
 * (free stock: transfer; stock another order holds, which takes the released lot instead:
 * exchange) or hands it to another order's unfilled line that the lot may serve (the total fill
 * does not change, only which line stays short). Each chunk takes the option with the best
 * estimated change; the whole move is kept only if the exact cost of all orders involved drops.
 */
export function relocateOrder(ctx: SearchContext, o: number, keep: readonly number[]): boolean {
  const { m, a } = ctx;
  const journal = new MoveJournal(ctx);
  const frozen = new Set<number>([o]);
  if (!moveOut(ctx, journal, o, keep, frozen)) {
    journal.undo();
    return false;
  }
  if (journal.delta() < -EPS) return true;
  if (!ctx.chains) {
    journal.undo();
    return false;
  }
  // Depth-2 chain: an order the move split tries dropping each of its sources, fewest units first.
  for (const po of journal.touchedOrders()) {
    if (frozen.has(po)) continue;
    const coops = orderCoops(m, a, po);
    if (coops.length < 2) continue;
    const units = new Map(coops.map((c) => [c, coopUnits(ctx, po, c)]));
    frozen.add(po);
    for (const drop of [...coops].sort((x, y) => units.get(x)! - units.get(y)! || x - y)) {
      const mark = journal.checkpoint();
      if (moveOut(ctx, journal, po, coops.filter((c) => c !== drop), frozen) && journal.delta() < -EPS) return true;
      journal.rollback(mark);
    }
    frozen.delete(po);
  }
  if (journal.delta() < -EPS) return true;
  journal.undo();
  return false;
}

function coopUnits(ctx: SearchContext, order: number, coop: number): number {
  const { m, a } = ctx;
  let units = 0;
  for (let l = m.orderLineStart[order]; l < m.orderLineStart[order + 1]; l++) {
    for (const u of a.lineAlloc[l]) if (m.lotCoop[u.lot] === coop) units += u.qty;
  }
  return units;
}

/**
 * Moves order `o`'s units from outside `keep` into it chunk by chunk (see relocateOrder), never
 * touching the lines of `frozen` orders. Returns false when some chunk finds no option (the
 * chunks done so far stay, recorded in the journal).
 */
function moveOut(ctx: SearchContext, journal: MoveJournal, o: number, keep: readonly number[], frozen: Set<number>): boolean {
  const { m, a } = ctx;
  const inKeep = (c: number): boolean => keep.includes(c);
  const splitIfNew = (order: number, c: number): number => (orderCoops(m, a, order).includes(c) ? 0 : m.split);
  let chunks = 0;

  for (let l = m.orderLineStart[o]; l < m.orderLineStart[o + 1]; l++) {
    for (;;) {
      const u = a.lineAlloc[l].find((x) => !inKeep(m.lotCoop[x.lot]));
      if (!u) break;
      if (++chunks > MAX_CHUNKS) return false;
      const from = u.lot;
      const sku = m.lineSku[l];
      const here = unitCostOf(m, from, l);
      let best: Option | null = null;
      for (const c of keep) {
        if (!allowedCoop(m, o, c)) continue;
        const lots = m.usableLots[sku * m.nCoop + c];
        for (let i = 0; i < lots.length; i++) {
          const to = lots[i];
          if (m.lotGrade[to] > m.lineMinGrade[l]) continue;
          const gain = unitCostOf(m, to, l) - here;
          if (a.lotFree[to] > 0) {
            const delta = gain;
            if (!best || delta < best.delta) best = { kind: 'transfer', to, n: Math.min(u.qty, a.lotFree[to]), delta };
          }
          let scanned = 0;
          for (const p of ctx.lotUsers[to]) {
            if (++scanned > PARTNER_SCAN) break;
            const po = m.lineOrder[p];
            if (frozen.has(po) || !lotServesLine(m, from, p)) continue;
            const base = gain + unitCostOf(m, from, p) - unitCostOf(m, to, p);
            if (best && base >= best.delta) continue; // the split term is never negative
            const delta = base + splitIfNew(po, m.lotCoop[from]);
            if (!best || delta < best.delta) {
              const held = a.lineAlloc[p].find((x) => x.lot === to)!.qty;
              best = { kind: 'exchange', to, partner: p, n: Math.min(u.qty, held), delta };
            }
          }
        }
      }
      let scanned = 0;
      for (const p of ctx.unfilledBySku[sku]) {
        if (++scanned > PARTNER_SCAN) break;
        const po = m.lineOrder[p];
        if (frozen.has(po) || !lotServesLine(m, from, p)) continue;
        const base = unitCostOf(m, from, p) - here;
        if (best && base >= best.delta) continue;
        const delta = base + splitIfNew(po, m.lotCoop[from]);
        if (!best || delta < best.delta) {
          let filled = 0;
          for (const x of a.lineAlloc[p]) filled += x.qty;
          best = { kind: 'handover', partner: p, n: Math.min(u.qty, m.lineQty[p] - filled), delta };
        }
      }
      if (!best || best.n <= 0) return false;
      journal.touch(l);
      if (best.kind === 'transfer') {
        setLine(ctx, l, withUnits(withUnits(a.lineAlloc[l], from, -best.n), best.to, best.n));
      } else if (best.kind === 'exchange') {
        const p = best.partner;
        journal.touch(p);
        setLine(ctx, l, withUnits(withUnits(a.lineAlloc[l], from, -best.n), best.to, best.n));
        setLine(ctx, p, withUnits(withUnits(a.lineAlloc[p], best.to, -best.n), from, best.n));
      } else {
        const p = best.partner;
        journal.touch(p);
        setLine(ctx, l, withUnits(a.lineAlloc[l], from, -best.n));
        setLine(ctx, p, withUnits(a.lineAlloc[p], from, best.n));
      }
    }
  }
  return true;
}
