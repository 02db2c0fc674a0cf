import type { MatchFlow } from './match-flow';
import { unitCostOf, type MatchModel } from './match-model';

export interface LotUnits {
  lot: number;
  qty: number;
}

/** The mutable plan: units per (line, lot) and the free units left on every lot. */
export interface MatchAssignment {
  lineAlloc: LotUnits[][];
  lotFree: Float64Array;
}

export function lineFilled(a: MatchAssignment, line: number): number {
  let sum = 0;
  for (const u of a.lineAlloc[line]) sum += u.qty;
  return sum;
}

/** Unit costs of an order's lines plus its split penalty. */
export function orderCost(m: MatchModel, a: MatchAssignment, order: number): number {
  let cost = 0;
  const coops: number[] = [];
  for (let l = m.orderLineStart[order]; l < m.orderLineStart[order + 1]; l++) {
    for (const u of a.lineAlloc[l]) {
      cost += u.qty * unitCostOf(m, u.lot, l);
      const c = m.lotCoop[u.lot];
      if (!coops.includes(c)) coops.push(c);
    }
  }
  return cost + m.split * Math.max(0, coops.length - 1);
}

export function orderSplits(m: MatchModel, a: MatchAssignment, order: number): number {
  const coops: number[] = [];
  for (let l = m.orderLineStart[order]; l < m.orderLineStart[order + 1]; l++) {
    for (const u of a.lineAlloc[l]) {
      const c = m.lotCoop[u.lot];
      if (!coops.includes(c)) coops.push(c);
    }
  }
  return Math.max(0, coops.length - 1);
}

/**
 * Hands the flow's per-class lot budgets to concrete lines. Any hand-out has the flow's unit cost,
 * so this only decides splits: multi-line orders go first and take the cooperative that covers most
 * of their units; a line then prefers a cooperative its order already uses, else the smallest
 * budget that covers it whole (keeps large budgets for large lines), else the largest, repeatedly.
 * Every budget unit is handed out, so the fill stays the flow's (maximal) fill.
 */
export function assignFromFlow(m: MatchModel, flow: MatchFlow, home?: Int32Array): MatchAssignment {
  const lineAlloc: LotUnits[][] = Array.from({ length: m.nLine }, () => []);
  const lotFree = Float64Array.from(m.lotQty);

  // Remaining budget per class, per cooperative: lots with units left (consumed from `head`).
  interface Budget {
    entries: LotUnits[];
    head: number;
    total: number;
  }
  const budgets: Map<number, Budget>[] = flow.classBudgets.map((list) => {
    const byCoop = new Map<number, Budget>();
    for (const b of list) {
      const c = m.lotCoop[b.lot];
      let budget = byCoop.get(c);
      if (!budget) byCoop.set(c, (budget = { entries: [], head: 0, total: 0 }));
      budget.entries.push({ lot: b.lot, qty: b.units });
      budget.total += b.units;
    }
    return byCoop;
  });
  const coopBudget = (k: number, c: number): number => budgets[k].get(c)?.total ?? 0;
  const take = (line: number, k: number, c: number, want: number): number => {
    const budget = budgets[k].get(c);
    if (!budget) return 0;
    let got = 0;
    while (got < want && budget.head < budget.entries.length) {
      const e = budget.entries[budget.head];
      const n = Math.min(want - got, e.qty);
      e.qty -= n;
      got += n;
      lotFree[e.lot] -= n;
      const existing = lineAlloc[line].find((u) => u.lot === e.lot);
      if (existing) existing.qty += n;
      else lineAlloc[line].push({ lot: e.lot, qty: n });
      if (e.qty === 0) budget.head++;
    }
    budget.total -= got;
    if (budget.total === 0) budgets[k].delete(c);
    return got;
  };

  const orderRank: number[] = [];
  const classLines = new Int32Array(m.nOrder);
  for (let o = 0; o < m.nOrder; o++) {
    orderRank.push(o);
    for (let l = m.orderLineStart[o]; l < m.orderLineStart[o + 1]; l++) if (flow.lineClass[l] >= 0) classLines[o]++;
  }
  orderRank.sort((x, y) => classLines[y] - classLines[x] || x - y);

  const score = new Float64Array(m.nCoop);
  const touched: number[] = [];
  for (const o of orderRank) {
    if (classLines[o] === 0) continue;
    const first = m.orderLineStart[o];
    const end = m.orderLineStart[o + 1];
    const used: number[] = [];
    if (classLines[o] > 1) {
      // The cooperative covering most of the order's units becomes its primary source.
      touched.length = 0;
      for (let l = first; l < end; l++) {
        const k = flow.lineClass[l];
        if (k < 0) continue;
        for (const [c, budget] of budgets[k]) {
          if (score[c] === 0) touched.push(c);
          score[c] += Math.min(m.lineQty[l], budget.total);
        }
      }
      let best = -1;
      let bestScore = 0;
      for (const c of touched) if (score[c] > bestScore || (score[c] === bestScore && c < best)) [best, bestScore] = [c, score[c]];
      // The flow routed the order's home-class budgets to its home: take them there.
      if (home && home[o] >= 0 && score[home[o]] > 0) best = home[o];
      for (const c of touched) score[c] = 0;
      if (best >= 0) {
        used.push(best);
        for (let l = first; l < end; l++) if (flow.lineClass[l] >= 0) take(l, flow.lineClass[l], best, m.lineQty[l]);
      }
    }
    for (let l = first; l < end; l++) {
      const k = flow.lineClass[l];
      if (k < 0) continue;
      let need = m.lineQty[l];
      for (const u of lineAlloc[l]) need -= u.qty;
      while (need > 0 && budgets[k].size > 0) {
        let pick = used.find((c) => coopBudget(k, c) >= need) ?? -1;
        if (pick < 0) {
          let fit = Infinity;
          let largest = -1;
          let largestBudget = 0;
          for (const [c, budget] of budgets[k]) {
            const b = budget.total;
            if (b >= need && (b < fit || (b === fit && c < pick))) [pick, fit] = [c, b];
            if (largest < 0 || b > largestBudget || (b === largestBudget && c < largest)) [largest, largestBudget] = [c, b];
          }
          if (pick < 0) pick = largest;
        }
        need -= take(l, k, pick, need);
        if (!used.includes(pick)) used.push(pick);
      }
    }
  }
  return { lineAlloc, lotFree };
}

/** Unit costs plus split penalties of the whole plan (the service cost). */
export function serviceCost(m: MatchModel, a: MatchAssignment): number {
  let cost = 0;
  for (let o = 0; o < m.nOrder; o++) cost += orderCost(m, a, o);
  return cost;
}
