/**
 * A rigorous lower bound on the splits of every maximal-fill plan, for bursts too large for the
 * split LP. A line l gets at least MF − MF(without l) units in every maximal-fill plan (the other
 * lines can carry at most MF(without l)); an order whose forced lines no single cooperative can
 * all serve needs at least (smallest covering set of cooperatives − 1) splits. Max-flows are per
 * SKU on lines grouped by identical eligible-lot sets (exact for max-flow).
 */
import type { MatchProblem } from '../../src/core/matching/match-problem';
import { eligiblePairs } from './reference';

/** Max-flow from classes (demand) to lots (capacity), Edmonds–Karp on a small bipartite graph. */
function maxFlow(demand: number[], classLots: number[][], lotCap: Map<number, number>): number {
  const lots = [...lotCap.keys()];
  const lotIndex = new Map(lots.map((l, i) => [l, i]));
  const nC = demand.length;
  const n = 2 + nC + lots.length;
  const S = 0;
  const T = 1;
  const to: number[] = [];
  const cap: number[] = [];
  const adj: number[][] = Array.from({ length: n }, () => []);
  const add = (u: number, v: number, c: number): void => {
    adj[u].push(to.length);
    to.push(v);
    cap.push(c);
    adj[v].push(to.length);
    to.push(u);
    cap.push(0);
  };
  demand.forEach((d, k) => add(S, 2 + k, d));
  classLots.forEach((list, k) => list.forEach((lot) => add(2 + k, 2 + nC + lotIndex.get(lot)!, Infinity)));
  lots.forEach((lot, i) => add(2 + nC + i, T, lotCap.get(lot)!));
  let flow = 0;
  for (;;) {
    const prev = new Array<number>(n).fill(-1);
    prev[S] = -2;
    const queue = [S];
    for (let h = 0; h < queue.length && prev[T] === -1; h++) {
      const u = queue[h];
      for (const a of adj[u]) {
        if (cap[a] > 0 && prev[to[a]] === -1) {
          prev[to[a]] = a;
          queue.push(to[a]);
        }
      }
    }
    if (prev[T] === -1) return flow;
    let push = Infinity;
    for (let v = T; v !== S; v = to[prev[v] ^ 1]) push = Math.min(push, cap[prev[v]]);
    for (let v = T; v !== S; v = to[prev[v] ^ 1]) {
      cap[prev[v]] -= push;
      cap[prev[v] ^ 1] += push;
    }
    flow += push;
  }
}

export function splitLowerBound(p: MatchProblem): { forcedLines: number; splits: number } {
  const { lines, pairs, lotQty } = eligiblePairs(p);
  const lotsOfLine: number[][] = lines.map(() => []);
  for (const x of pairs) lotsOfLine[x.line].push(x.lot);
  const skuOfLot = p.lots.map((l) => l.sku);
  const coopOfLot = p.lots.map((l) => l.cooperative);

  // Classes of lines with identical eligible-lot sets, per SKU.
  const classOf = new Int32Array(lines.length).fill(-1);
  const classKey = new Map<string, number>();
  const classLots: number[][] = [];
  const classDemand: number[] = [];
  const classSku: string[] = [];
  lines.forEach((line, l) => {
    const lots = lotsOfLine[l];
    if (lots.length === 0) return;
    const key = lots.join(',');
    let k = classKey.get(key);
    if (k === undefined) {
      k = classLots.length;
      classKey.set(key, k);
      classLots.push(lots);
      classDemand.push(0);
      classSku.push(skuOfLot[lots[0]]);
    }
    classDemand[k] += line.qty;
    classOf[l] = k;
  });

  // Forced units per (class, quantity) from per-SKU max-flows.
  const classesBySku = new Map<string, number[]>();
  classSku.forEach((s, k) => (classesBySku.get(s) ?? classesBySku.set(s, []).get(s)!).push(k));
  const forced = new Map<string, number>();
  for (const [, ks] of classesBySku) {
    const lotCap = new Map<number, number>();
    for (const k of ks) for (const lot of classLots[k]) lotCap.set(lot, lotQty[lot]);
    const demand = ks.map((k) => classDemand[k]);
    const lists = ks.map((k) => classLots[k]);
    const full = maxFlow(demand, lists, lotCap);
    const qtys = new Map<number, Set<number>>();
    lines.forEach((line, l) => {
      const k = classOf[l];
      if (k >= 0 && ks.includes(k)) (qtys.get(k) ?? qtys.set(k, new Set()).get(k)!).add(line.qty);
    });
    ks.forEach((k, i) => {
      for (const q of qtys.get(k) ?? []) {
        const reduced = [...demand];
        reduced[i] -= q;
        forced.set(`${k}|${q}`, full - maxFlow(reduced, lists, lotCap));
      }
    });
  }

  let forcedLines = 0;
  let splits = 0;
  const linesByOrder = new Map<number, number[]>();
  lines.forEach((line, l) => (linesByOrder.get(line.order) ?? linesByOrder.set(line.order, []).get(line.order)!).push(l));
  for (const [, ls] of linesByOrder) {
    const must = ls.filter((l) => classOf[l] >= 0 && (forced.get(`${classOf[l]}|${lines[l].qty}`) ?? 0) >= 1);
    forcedLines += must.length;
    if (must.length < 2) continue;
    const coopSets = must.map((l) => new Set(lotsOfLine[l].map((lot) => coopOfLot[lot])));
    const all = [...new Set(coopSets.flatMap((s) => [...s]))];
    // Smallest number of cooperatives that serve every forced line (orders have ≤ a few lines).
    let cover = must.length;
    for (let size = 1; size < must.length && cover === must.length; size++) {
      const pick = (start: number, chosen: string[]): boolean => {
        if (chosen.length === size) return coopSets.every((s) => chosen.some((c) => s.has(c)));
        for (let i = start; i < all.length; i++) if (pick(i + 1, [...chosen, all[i]])) return true;
        return false;
      };
      if (pick(0, [])) cover = size;
    }
    splits += cover - 1;
  }
  return { forcedLines, splits };
}
