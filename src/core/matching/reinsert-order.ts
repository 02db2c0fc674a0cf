import { lineFilled, orderCost, type LotUnits, type MatchAssignment } from './match-assignment';
import { unitCostOf, type MatchModel } from './match-model';
import { allowedCoop, setLine, type SearchContext } from './search-context';

const EPS = 1e-9;

/**
 * Takes up to `want` units for `line` from coop `c`'s cheapest eligible lots, honouring `taken`
 * (units this plan already holds). Returns units taken; appends to `out`; adds cost to `acc`.
 */
function drawFromCoop(
  m: MatchModel,
  a: MatchAssignment,
  taken: Float64Array,
  touched: number[],
  line: number,
  c: number,
  want: number,
  out: LotUnits[],
  acc: { cost: number },
): number {
  const lots = m.usableLots[m.lineSku[line] * m.nCoop + c];
  const g = m.lineMinGrade[line];
  let got = 0;
  for (let i = 0; i < lots.length && got < want; i++) {
    const lot = lots[i];
    if (m.lotGrade[lot] > g) continue;
    const free = a.lotFree[lot] - taken[lot];
    if (free <= 0) continue;
    const n = Math.min(free, want - got);
    if (taken[lot] === 0) touched.push(lot);
    taken[lot] += n;
    got += n;
    out.push({ lot, qty: n });
    acc.cost += n * unitCostOf(m, lot, line);
  }
  return got;
}

/** Units coop `c` could give `line` and their cost, without taking them. */
function coverCost(m: MatchModel, a: MatchAssignment, taken: Float64Array, line: number, c: number, want: number): number {
  const lots = m.usableLots[m.lineSku[line] * m.nCoop + c];
  const g = m.lineMinGrade[line];
  let got = 0;
  let cost = 0;
  for (let i = 0; i < lots.length && got < want; i++) {
    const lot = lots[i];
    if (m.lotGrade[lot] > g) continue;
    const free = a.lotFree[lot] - taken[lot];
    if (free <= 0) continue;
    const n = Math.min(free, want - got);
    got += n;
    cost += n * unitCostOf(m, lot, line);
  }
  return got >= want ? cost : Infinity;
}

/**
 * Re-serves a split order from free stock: takes its units back, then for each cooperative as the
 * primary source builds a plan (primary first, the rest from the cheapest cooperative that covers
 * a line whole, a new source charged the split penalty) with each line's fill unchanged, and keeps
 * the best plan if it beats the current one.
 */
export function reinsertOrder(ctx: SearchContext, o: number): boolean {
  const { m, a, taken } = ctx;
  const first = m.orderLineStart[o];
  const end = m.orderLineStart[o + 1];
  const before = orderCost(m, a, o);
  const need: number[] = [];
  const old: LotUnits[][] = [];
  for (let l = first; l < end; l++) {
    need.push(lineFilled(a, l));
    old.push(a.lineAlloc[l]);
  }
  // Release the order's units: its plan may re-use them.
  for (let l = first; l < end; l++) setLine(ctx, l, []);

  // Primary sources worth trying: the order's current cooperatives and those holding every SKU it
  // has filled (only they can bring it down to one source).
  const candidates = new Set<number>();
  for (const alloc of old) for (const u of alloc) candidates.add(m.lotCoop[u.lot]);
  for (let c = 0; c < m.nCoop; c++) {
    if (candidates.has(c) || !m.coopReachable[c] || !allowedCoop(m, o, c)) continue;
    let all = true;
    for (let l = first; l < end && all; l++) {
      if (need[l - first] > 0 && m.usableLots[m.lineSku[l] * m.nCoop + c].length === 0) all = false;
    }
    if (all) candidates.add(c);
  }
  let bestCost = before - EPS;
  let bestPlan: LotUnits[][] | null = null;
  const touched: number[] = [];
  for (const primary of [...candidates].sort((x, y) => x - y)) {
    const plan: LotUnits[][] = [];
    const used: number[] = [];
    const acc = { cost: 0 };
    let feasible = true;
    for (let l = first; l < end && feasible; l++) {
      const out: LotUnits[] = [];
      plan.push(out);
      let rem = need[l - first];
      if (rem === 0) continue;
      const sku = m.lineSku[l];
      if (m.usableLots[sku * m.nCoop + primary].length > 0) {
        const got = drawFromCoop(m, a, taken, touched, l, primary, rem, out, acc);
        if (got > 0 && !used.includes(primary)) used.push(primary);
        rem -= got;
      }
      while (rem > 0) {
        // Cheapest whole cover among used cooperatives, else among all (a new source costs a split).
        let pick = -1;
        let pickCost = Infinity;
        for (const c of m.skuCoops[sku]) {
          if (!allowedCoop(m, o, c)) continue;
          const cost = coverCost(m, a, taken, l, c, rem) + (used.includes(c) ? 0 : m.split);
          if (cost < pickCost) [pick, pickCost] = [c, cost];
        }
        if (pick < 0) {
          // No single cooperative covers the rest: take what the cheapest-to-reach one has.
          for (const c of m.skuCoops[sku]) {
            if (!allowedCoop(m, o, c)) continue;
            const got = drawFromCoop(m, a, taken, touched, l, c, rem, out, acc);
            if (got > 0 && !used.includes(c)) used.push(c);
            rem -= got;
            if (rem === 0) break;
          }
          if (rem > 0) feasible = false;
          break;
        }
        rem -= drawFromCoop(m, a, taken, touched, l, pick, rem, out, acc);
        if (!used.includes(pick)) used.push(pick);
      }
    }
    for (const lot of touched) taken[lot] = 0;
    touched.length = 0;
    if (!feasible) continue;
    const cost = acc.cost + m.split * Math.max(0, used.length - 1);
    if (cost < bestCost) [bestCost, bestPlan] = [cost, plan];
  }
  const plan = bestPlan ?? old;
  for (let l = first; l < end; l++) setLine(ctx, l, plan[l - first]);
  return bestPlan !== null;
}
