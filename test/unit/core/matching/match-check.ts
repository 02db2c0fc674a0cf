/**
 * Independent checks for matcher results, written from the definitions (not from the
 * matcher's code): eligibility, unfilled reasons, cost and a max-flow for the maximal fill.
 */
import type { MatchProblem, MatchResult, UnfilledReason } from '../../../../src/core/matching/match-problem';

const HOUR = 3_600_000;

export function isFresh(p: MatchProblem, lotId: string): boolean {
  const lot = p.lots.find((l) => l.id === lotId)!;
  const sku = p.skus.find((s) => s.id === lot.sku)!;
  const r = sku.shelfLifeHours - (Date.parse(p.handoverAt) - Date.parse(lot.packedAt)) / HOUR;
  return r >= sku.minRemainingHours;
}

function reachable(p: MatchProblem, coopId: string): boolean {
  const c = p.cooperatives.find((x) => x.id === coopId)!;
  return c.costPerKg !== null && c.reachable !== false;
}

/** May this lot serve this line at all (ignoring quantities)? */
export function eligible(p: MatchProblem, orderIdx: number, lineIdx: number, lotIdx: number): boolean {
  const order = p.orders[orderIdx];
  const line = order.lines[lineIdx];
  const lot = p.lots[lotIdx];
  if (lot.sku !== line.sku || lot.grade > line.minGrade) return false;
  if (order.cooperatives && !order.cooperatives.includes(lot.cooperative)) return false;
  return isFresh(p, lot.id) && reachable(p, lot.cooperative);
}

/** The first reason of the issue that applies to a line that is (partly) unfilled. */
export function expectedReason(p: MatchProblem, orderIdx: number, lineIdx: number): UnfilledReason {
  const order = p.orders[orderIdx];
  const line = order.lines[lineIdx];
  if (!p.skus.some((s) => s.id === line.sku)) return 'unknown_sku';
  const graded = p.lots.filter(
    (l) => l.sku === line.sku && l.grade <= line.minGrade && (!order.cooperatives || order.cooperatives.includes(l.cooperative)),
  );
  if (graded.length === 0) return 'grade_unavailable';
  const fresh = graded.filter((l) => isFresh(p, l.id));
  if (fresh.length === 0) return 'no_fresh_stock';
  if (!fresh.some((l) => reachable(p, l.cooperative))) return 'no_route';
  return 'out_of_stock';
}

/** The cost formula, from scratch. */
export function independentCost(p: MatchProblem, r: Pick<MatchResult, 'allocations'>): { service: number; total: number } {
  let units = 0;
  let filled = 0;
  const coopsByOrder = new Map<string, Set<string>>();
  for (const a of r.allocations) {
    const order = p.orders.find((o) => o.id === a.order)!;
    const line = order.lines[a.line];
    const lot = p.lots.find((l) => l.id === a.lot)!;
    const sku = p.skus.find((s) => s.id === lot.sku)!;
    const coop = p.cooperatives.find((c) => c.id === lot.cooperative)!;
    const rem = sku.shelfLifeHours - (Date.parse(p.handoverAt) - Date.parse(lot.packedAt)) / HOUR;
    units +=
      a.quantity *
      (sku.weightKg * coop.costPerKg! + (p.weights.freshness * rem) / sku.shelfLifeHours + p.weights.gradeOver * (line.minGrade - lot.grade));
    filled += a.quantity;
    const set = coopsByOrder.get(a.order) ?? new Set<string>();
    set.add(lot.cooperative);
    coopsByOrder.set(a.order, set);
  }
  let splits = 0;
  for (const set of coopsByOrder.values()) splits += set.size - 1;
  const demand = p.orders.reduce((s, o) => s + o.lines.reduce((t, l) => t + l.quantity, 0), 0);
  const service = units + p.weights.split * splits;
  return { service, total: service + p.weights.unfilled * (demand - filled) };
}

/** Maximum number of units any feasible plan fills: Edmonds–Karp on source → lines → lots → sink. */
export function maxFill(p: MatchProblem): number {
  const lines: { o: number; j: number; q: number }[] = [];
  p.orders.forEach((o, oi) => o.lines.forEach((l, j) => lines.push({ o: oi, j, q: l.quantity })));
  const n = 2 + lines.length + p.lots.length;
  const cap = new Map<string, number>();
  const adj: number[][] = Array.from({ length: n }, () => []);
  const add = (u: number, v: number, c: number): void => {
    cap.set(`${u},${v}`, (cap.get(`${u},${v}`) ?? 0) + c);
    if (!cap.has(`${v},${u}`)) cap.set(`${v},${u}`, 0);
    adj[u].push(v);
    adj[v].push(u);
  };
  lines.forEach((l, i) => {
    add(0, 2 + i, l.q);
    p.lots.forEach((_, k) => {
      if (eligible(p, l.o, l.j, k)) add(2 + i, 2 + lines.length + k, l.q);
    });
  });
  p.lots.forEach((lot, k) => add(2 + lines.length + k, 1, lot.quantity));
  let flow = 0;
  for (;;) {
    const prev = new Array<number>(n).fill(-1);
    prev[0] = 0;
    const queue = [0];
    while (queue.length > 0 && prev[1] < 0) {
      const u = queue.shift()!;
      for (const v of adj[u]) {
        if (prev[v] < 0 && cap.get(`${u},${v}`)! > 0) {
          prev[v] = u;
          queue.push(v);
        }
      }
    }
    if (prev[1] < 0) return flow;
    let push = Infinity;
    for (let v = 1; v !== 0; v = prev[v]) push = Math.min(push, cap.get(`${prev[v]},${v}`)!);
    for (let v = 1; v !== 0; v = prev[v]) {
      cap.set(`${prev[v]},${v}`, cap.get(`${prev[v]},${v}`)! - push);
      cap.set(`${v},${prev[v]}`, cap.get(`${v},${prev[v]}`)! + push);
    }
    flow += push;
  }
}

/**
 * Least unit cost among plans of maximal fill, ignoring the split penalty: successive shortest
 * paths with Bellman–Ford on source → lines → lots → sink (slow, simple, independent).
 */
export function minUnitCostAtMaxFill(p: MatchProblem): number {
  const lines: { o: number; j: number; q: number }[] = [];
  p.orders.forEach((o, oi) => o.lines.forEach((l, j) => lines.push({ o: oi, j, q: l.quantity })));
  const n = 2 + lines.length + p.lots.length;
  const arcs: { from: number; to: number; cap: number; cost: number }[] = [];
  const add = (u: number, v: number, cap: number, cost: number): void => {
    arcs.push({ from: u, to: v, cap, cost }, { from: v, to: u, cap: 0, cost: -cost });
  };
  lines.forEach((l, i) => {
    add(0, 2 + i, l.q, 0);
    p.lots.forEach((lot, k) => {
      if (!eligible(p, l.o, l.j, k)) return;
      const cost = independentCost(p, { allocations: [{ order: p.orders[l.o].id, line: l.j, lot: lot.id, quantity: 1 }] }).service;
      add(2 + i, 2 + lines.length + k, l.q, cost);
    });
  });
  p.lots.forEach((lot, k) => add(2 + lines.length + k, 1, lot.quantity, 0));
  let total = 0;
  for (;;) {
    const dist = new Array<number>(n).fill(Infinity);
    const prev = new Array<number>(n).fill(-1);
    dist[0] = 0;
    for (let round = 0; round < n; round++) {
      let changed = false;
      arcs.forEach((a, i) => {
        if (a.cap > 0 && dist[a.from] + a.cost < dist[a.to] - 1e-12) {
          dist[a.to] = dist[a.from] + a.cost;
          prev[a.to] = i;
          changed = true;
        }
      });
      if (!changed) break;
    }
    if (dist[1] === Infinity) return total;
    let push = Infinity;
    for (let v = 1; v !== 0; v = arcs[prev[v]].from) push = Math.min(push, arcs[prev[v]].cap);
    for (let v = 1; v !== 0; v = arcs[prev[v]].from) {
      arcs[prev[v]].cap -= push;
      arcs[prev[v] ^ 1].cap += push;
    }
    total += push * dist[1];
  }
}
