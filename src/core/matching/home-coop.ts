import type { Random } from '../shared/random';
import { orderCoops } from './search-context';
import type { MatchAssignment } from './match-assignment';
import type { MatchModel } from './match-model';

/** Home options kept per order. */
const MAX_OPTIONS = 8;

/**
 * Candidate home cooperatives per order: for an order with at least two lines that stock could
 * serve, the allowed cooperatives able to serve the most of its lines (SKU and grade, ignoring
 * quantities), cheapest first; with `broad`, every one serving at least two lines, those serving
 * more first. Empty for other orders (they never split across lines). A home that cannot serve
 * every line lets the flow leave a line short rather than split the order, which is often what the
 * optimum does when stock is scarce.
 */
export function homeOptions(m: MatchModel, broad = true): number[][] {
  const options: number[][] = [];
  for (let o = 0; o < m.nOrder; o++) {
    const first = m.orderLineStart[o];
    const end = m.orderLineStart[o + 1];
    let servable = 0;
    for (let l = first; l < end; l++) if (m.lineSku[l] >= 0 && m.skuCoops[m.lineSku[l]].length > 0) servable++;
    if (servable < 2) {
      options.push([]);
      continue;
    }
    const mask = m.orderAllowed[o];
    const list: { c: number; count: number; cost: number }[] = [];
    for (let c = 0; c < m.nCoop; c++) {
      if (!m.coopReachable[c] || (mask !== null && mask[c] !== 1)) continue;
      let count = 0;
      let cost = 0;
      for (let l = first; l < end; l++) {
        const s = m.lineSku[l];
        if (s < 0) continue;
        const lots = m.usableLots[s * m.nCoop + c];
        for (let i = 0; i < lots.length; i++) {
          if (m.lotGrade[lots[i]] <= m.lineMinGrade[l] && m.lotQty[lots[i]] > 0) {
            count++;
            cost += m.lotBase[lots[i]] * m.lineQty[l];
            break;
          }
        }
      }
      if (count >= 1) list.push({ c, count, cost });
    }
    list.sort((x, y) => y.count - x.count || x.cost - y.cost || x.c - y.c);
    // Broad: every cooperative serving two lines or more (or the best there is); else the best only.
    const top = list.length > 0 ? list[0].count : 0;
    const floor = broad ? Math.min(2, top) : top;
    options.push(list.filter((x) => x.count >= floor).slice(0, MAX_OPTIONS).map((x) => x.c));
  }
  return options;
}

/** Each order's cheapest option, −1 where there is none. */
export function initialHomes(options: number[][]): Int32Array {
  return Int32Array.from(options, (list) => (list.length > 0 ? list[0] : -1));
}

/** Homes read back from a plan: for each order that has a home, the cooperative serving most of its units. */
export function homesFromAssignment(m: MatchModel, a: MatchAssignment, previous: Int32Array): Int32Array {
  const home = previous.slice();
  const units = new Float64Array(m.nCoop);
  for (let o = 0; o < m.nOrder; o++) {
    if (previous[o] < 0) continue;
    const touched: number[] = [];
    for (let l = m.orderLineStart[o]; l < m.orderLineStart[o + 1]; l++) {
      for (const u of a.lineAlloc[l]) {
        const c = m.lotCoop[u.lot];
        if (units[c] === 0) touched.push(c);
        units[c] += u.qty;
      }
    }
    let best = previous[o];
    for (const c of touched) if (units[c] > units[best]) best = c;
    for (const c of touched) units[c] = 0;
    home[o] = best;
  }
  return home;
}

/**
 * A neighbour of `home` for the next flow round: about half of the orders still split in the plan
 * get another of their home options, drawn from the seeded random stream.
 */
export function perturbHomes(m: MatchModel, a: MatchAssignment, home: Int32Array, options: number[][], random: Random): Int32Array {
  const next = home.slice();
  for (let o = 0; o < m.nOrder; o++) {
    if (home[o] < 0 || options[o].length < 2 || orderCoops(m, a, o).length < 2) continue;
    if (random.next() < 0.5) continue;
    const others = options[o].filter((c) => c !== home[o]);
    next[o] = others[random.int(others.length)];
  }
  return next;
}
