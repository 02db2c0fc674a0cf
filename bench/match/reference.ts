/**
 * Reference solutions for the matching benchmark, built with HiGHS (WASM, bench only) from the
 * problem JSON with their own eligibility logic, independent of the matcher's code:
 * - maximal fill: LP max-flow (the transportation matrix is totally unimodular, so it is integral);
 * - transportation lower bound: min unit cost at that fill, no split penalty (lines aggregated into
 *   classes of identical eligibility, which is exact for this LP);
 * - split model: per-(order, cooperative) sourcing variables, as an LP relaxation (a lower bound
 *   that counts the splits an order cannot avoid) or as the exact MIP on small instances.
 */
import highsLoader from 'highs';
import type { MatchProblem } from '../../src/core/matching/match-problem';

type Highs = Awaited<ReturnType<typeof highsLoader>>;

let highsPromise: Promise<Highs> | null = null;
export function loadHighs(): Promise<Highs> {
  highsPromise ??= highsLoader();
  return highsPromise;
}

interface Line {
  order: number;
  qty: number;
}
interface Pair {
  line: number;
  lot: number;
  coop: string;
  cost: number;
}

/** Eligible (line, lot) pairs with their per-unit cost, straight from the issue's definitions. */
export function eligiblePairs(p: MatchProblem): { lines: Line[]; pairs: Pair[]; lotQty: number[] } {
  const handover = Date.parse(p.handoverAt);
  const skus = new Map(p.skus.map((s) => [s.id, s]));
  const coops = new Map(p.cooperatives.map((c) => [c.id, c]));
  const lotsBySku = new Map<string, number[]>();
  p.lots.forEach((lot, j) => {
    const list = lotsBySku.get(lot.sku) ?? [];
    list.push(j);
    lotsBySku.set(lot.sku, list);
  });
  const lines: Line[] = [];
  const pairs: Pair[] = [];
  p.orders.forEach((order, o) => {
    const allowed = order.cooperatives ? new Set(order.cooperatives) : null;
    for (const line of order.lines) {
      const l = lines.length;
      lines.push({ order: o, qty: line.quantity });
      const sku = skus.get(line.sku);
      if (!sku) continue;
      for (const j of lotsBySku.get(line.sku) ?? []) {
        const lot = p.lots[j];
        const coop = coops.get(lot.cooperative)!;
        if (coop.costPerKg === null || coop.reachable === false) continue;
        if (allowed && !allowed.has(coop.id)) continue;
        if (lot.grade > line.minGrade || lot.quantity <= 0) continue;
        const r = sku.shelfLifeHours - (handover - Date.parse(lot.packedAt)) / 3_600_000;
        if (r < sku.minRemainingHours) continue;
        const cost =
          sku.weightKg * coop.costPerKg +
          (p.weights.freshness * r) / sku.shelfLifeHours +
          p.weights.gradeOver * (line.minGrade - lot.grade);
        pairs.push({ line: l, lot: j, coop: coop.id, cost });
      }
    }
  });
  return { lines, pairs, lotQty: p.lots.map((l) => l.quantity) };
}

/** Writes `terms` as LP-format lines of bounded length. */
function sum(terms: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < terms.length; i += 20) out.push(terms.slice(i, i + 20).join(' + '));
  return out.join('\n + ') || '0';
}
const coef = (c: number): string => c.toPrecision(15).replace(/\.?0+$/, '');

/** Collapses lines into classes of identical eligible-lot sets (exact for the transportation LP). */
function aggregate(lines: Line[], pairs: Pair[]): { demand: number[]; classPairs: Pair[] } {
  const lotsOfLine = new Map<number, Pair[]>();
  for (const pair of pairs) {
    const list = lotsOfLine.get(pair.line) ?? [];
    list.push(pair);
    lotsOfLine.set(pair.line, list);
  }
  const classOf = new Map<string, number>();
  const demand: number[] = [];
  const classPairs: Pair[] = [];
  lines.forEach((line, l) => {
    const list = lotsOfLine.get(l);
    if (!list) return;
    const key = list.map((x) => `${x.lot}:${x.cost}`).join(',');
    let k = classOf.get(key);
    if (k === undefined) {
      k = demand.length;
      classOf.set(key, k);
      demand.push(0);
      for (const x of list) classPairs.push({ ...x, line: k });
    }
    demand[k] += line.qty;
  });
  return { demand, classPairs };
}

function check(status: string, what: string): void {
  if (status !== 'Optimal') throw new Error(`bench/match: ${what}: HiGHS status ${status}`);
}

/** Maximal fill and the least unit cost at that fill (transportation LP, no split penalty). */
export async function transportationBound(p: MatchProblem): Promise<{ maxFill: number; unitCostBound: number }> {
  const highs = await loadHighs();
  const { lines, pairs, lotQty } = eligiblePairs(p);
  const { demand, classPairs } = aggregate(lines, pairs);
  const rows = (): string[] => {
    const rowsOut: string[] = [];
    const byClass = new Map<number, string[]>();
    const byLot = new Map<number, string[]>();
    classPairs.forEach((x, i) => {
      (byClass.get(x.line) ?? byClass.set(x.line, []).get(x.line)!).push(`x${i}`);
      (byLot.get(x.lot) ?? byLot.set(x.lot, []).get(x.lot)!).push(`x${i}`);
    });
    for (const [k, vars] of byClass) rowsOut.push(` d${k}: ${sum(vars)} <= ${demand[k]}`);
    for (const [j, vars] of byLot) rowsOut.push(` s${j}: ${sum(vars)} <= ${lotQty[j]}`);
    return rowsOut;
  };
  const all = sum(classPairs.map((_, i) => `x${i}`));
  if (classPairs.length === 0) return { maxFill: 0, unitCostBound: 0 };
  const fillLp = `Maximize\n obj: ${all}\nSubject To\n${rows().join('\n')}\nEnd`;
  const fill = highs.solve(fillLp, { output_flag: false });
  check(fill.Status, 'max fill LP');
  const maxFill = Math.round(fill.ObjectiveValue);
  const costLp =
    `Minimize\n obj: ${sum(classPairs.map((x, i) => `${coef(x.cost)} x${i}`))}\n` +
    `Subject To\n${rows().join('\n')}\n fill: ${all} >= ${maxFill}\nEnd`;
  const cost = highs.solve(costLp, { output_flag: false });
  check(cost.Status, 'transportation LP');
  return { maxFill, unitCostBound: cost.ObjectiveValue };
}

export interface SplitModelResult {
  status: string;
  /** LP: a lower bound on the service cost; MIP (Optimal): the optimum service cost. */
  objective: number;
  seconds: number;
  /** Column values by name (x<i> = units of eligiblePairs(p).pairs[i]). */
  values: Record<string, number>;
}

/** The service-cost model with the split penalty at the given fill, as LP relaxation or exact MIP. */
export async function splitModel(
  p: MatchProblem,
  fill: number,
  options: { integer: boolean; timeLimitSeconds: number },
): Promise<SplitModelResult> {
  const highs = await loadHighs();
  const { lines, pairs, lotQty } = eligiblePairs(p);
  const obj: string[] = [];
  const rows: string[] = [];
  const byLine = new Map<number, string[]>();
  const byLot = new Map<number, string[]>();
  const byLineCoop = new Map<string, string[]>();
  pairs.forEach((x, i) => {
    obj.push(`${coef(x.cost)} x${i}`);
    (byLine.get(x.line) ?? byLine.set(x.line, []).get(x.line)!).push(`x${i}`);
    (byLot.get(x.lot) ?? byLot.set(x.lot, []).get(x.lot)!).push(`x${i}`);
    const key = `${x.line}|${x.coop}`;
    (byLineCoop.get(key) ?? byLineCoop.set(key, []).get(key)!).push(`x${i}`);
  });
  for (const [l, vars] of byLine) rows.push(` d${l}: ${sum(vars)} <= ${lines[l].qty}`);
  for (const [j, vars] of byLot) rows.push(` s${j}: ${sum(vars)} <= ${lotQty[j]}`);
  rows.push(` fill: ${sum(pairs.map((_, i) => `x${i}`))} >= ${fill}`);
  const coopIndex = new Map(p.cooperatives.map((c, i) => [c.id, i]));
  const yOfOrder = new Map<number, Set<string>>();
  for (const [key, vars] of byLineCoop) {
    const [l, coop] = key.split('|');
    const o = lines[Number(l)].order;
    const y = `y${o}_${coopIndex.get(coop)}`;
    (yOfOrder.get(o) ?? yOfOrder.set(o, new Set()).get(o)!).add(y);
    rows.push(` k${l}_${coopIndex.get(coop)}: ${sum(vars)} - ${lines[Number(l)].qty} ${y} <= 0`);
  }
  for (const [o, set] of yOfOrder) {
    if (set.size < 2) continue; // one possible source: never a split
    obj.push(`${coef(p.weights.split)} z${o}`);
    rows.push(` t${o}: z${o} - ${[...set].join(' - ')} >= -1`);
  }
  const allY = [...yOfOrder.values()].flatMap((s) => [...s]);
  const bounds = allY.map((y) => ` 0 <= ${y} <= 1`);
  let lp = `Minimize\n obj: ${sum(obj)}\nSubject To\n${rows.join('\n')}\nBounds\n${bounds.join('\n')}\n`;
  if (options.integer) {
    lp += `General\n${pairs.map((_, i) => ` x${i}`).join('\n')}\nBinary\n${allY.map((y) => ` ${y}`).join('\n')}\n`;
  }
  lp += 'End';
  const started = performance.now();
  const result = highs.solve(lp, { output_flag: false, time_limit: options.timeLimitSeconds, mip_rel_gap: 1e-6 });
  const values: Record<string, number> = {};
  for (const [name, col] of Object.entries(result.Columns ?? {})) values[name] = (col as { Primal?: number }).Primal ?? 0;
  return { status: result.Status, objective: result.ObjectiveValue, seconds: (performance.now() - started) / 1000, values };
}
