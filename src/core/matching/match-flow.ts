import type { MatchModel } from './match-model';
import { MinCostFlow } from './min-cost-flow';

/** Costs go into the flow as integers in millionths: exact arithmetic, sub-micro rounding. */
const COST_SCALE = 1e6;

export interface ClassBudget {
  lot: number;
  units: number;
}

/**
 * The exact min-cost max-fill transportation solution on the aggregated graph, with the split
 * penalty left out. Lines with the same SKU, minGrade and set of eligible (cooperative, grade)
 * groups form one demand class; lots of one (SKU, cooperative, grade) form one supply group whose
 * lots differ only by their FEFO term, so each lot is a parallel source arc of its own cost.
 */
export interface MatchFlow {
  /** Demand class of each line, −1 when no usable lot may serve it. */
  lineClass: Int32Array;
  classCount: number;
  /** Units per lot assigned to each class by the optimal flow. */
  classBudgets: ClassBudget[][];
  filledUnits: number;
  /** Shortest-path phases (Dijkstra runs) the flow took. */
  augmentations: number;
}

/**
 * `home` (per order, −1 = none) steers multi-line orders towards one cooperative: a line whose
 * units come from elsewhere pays the split penalty spread over its units, so scarce stock goes to
 * lines it does not split and the flow keeps orders together. Without homes the flow is the exact
 * transportation optimum at maximal fill; with them the fill is still maximal. `homeWeight`
 * (per order, default 1) scales an order's penalty: a large weight all but pins it to its home.
 */
export function solveMatchFlow(m: MatchModel, home?: Int32Array, homeWeight?: Float64Array): MatchFlow {
  const lineClass = new Int32Array(m.nLine).fill(-1);
  const classBudgets: ClassBudget[][] = [];
  let classCount = 0;
  let filledUnits = 0;
  let augmentations = 0;

  // Lines per SKU, and a key per order for its allowed-cooperative set (shared by many lines).
  const linesBySku: number[][] = Array.from({ length: m.nSku }, () => []);
  for (let l = 0; l < m.nLine; l++) if (m.lineSku[l] >= 0) linesBySku[m.lineSku[l]].push(l);
  const allowKey = m.orderAllowed.map((mask) => {
    if (!mask) return '*';
    const ids: number[] = [];
    mask.forEach((v, c) => {
      if (v) ids.push(c);
    });
    return ids.join(',');
  });

  for (let s = 0; s < m.nSku; s++) {
    const lines = linesBySku[s];
    if (lines.length === 0) continue;
    // Supply groups (cooperative, grade) of usable lots, in (cooperative, grade) order.
    const groupCoop: number[] = [];
    const groupGrade: number[] = [];
    const groupLots: number[][] = [];
    for (const c of m.skuCoops[s]) {
      const lots = [...m.usableLots[s * m.nCoop + c]].filter((l) => m.lotQty[l] > 0);
      const grades = [...new Set(lots.map((l) => m.lotGrade[l]))].sort((a, b) => a - b);
      for (const g of grades) {
        groupCoop.push(c);
        groupGrade.push(g);
        groupLots.push(lots.filter((l) => m.lotGrade[l] === g));
      }
    }
    if (groupCoop.length === 0) continue;

    // Demand classes: identical eligible groups and minGrade → interchangeable lines.
    const byLineKey = new Map<string, number>();
    const byClassKey = new Map<string, number>();
    const classGroups: number[][] = [];
    const classMinGrade: number[] = [];
    const classDemand: number[] = [];
    const classHome: number[] = [];
    const classPenalty: number[] = [];
    for (const l of lines) {
      const o = m.lineOrder[l];
      const g = m.lineMinGrade[l];
      const h = home ? home[o] : -1;
      const w = homeWeight ? homeWeight[o] : 1;
      const lineKey = h < 0 ? `${g}|${allowKey[o]}` : `${g}|${allowKey[o]}|${h}|${m.lineQty[l]}|${w}`;
      let k = byLineKey.get(lineKey);
      if (k === undefined) {
        const mask = m.orderAllowed[o];
        const eligible: number[] = [];
        for (let gi = 0; gi < groupCoop.length; gi++) {
          if (groupGrade[gi] <= g && (mask === null || mask[groupCoop[gi]] === 1)) eligible.push(gi);
        }
        if (eligible.length === 0) {
          k = -1;
        } else {
          const classKey = h < 0 ? `${g}|${eligible.join(',')}` : `${g}|${eligible.join(',')}|${h}|${m.lineQty[l]}|${w}`;
          k = byClassKey.get(classKey);
          if (k === undefined) {
            k = classGroups.length;
            byClassKey.set(classKey, k);
            classGroups.push(eligible);
            classMinGrade.push(g);
            classDemand.push(0);
            classHome.push(h);
            classPenalty.push(h < 0 ? 0 : (w * m.split) / m.lineQty[l]);
          }
        }
        byLineKey.set(lineKey, k);
      }
      if (k >= 0) {
        classDemand[k] += m.lineQty[l];
        lineClass[l] = classCount + k;
      }
    }
    const nClass = classGroups.length;
    if (nClass === 0) continue;

    const nGroup = groupCoop.length;
    const SOURCE = 0;
    const SINK = 1;
    const groupNode = (gi: number): number => 2 + gi;
    const classNode = (k: number): number => 2 + nGroup + k;
    const net = new MinCostFlow(2 + nGroup + nClass);
    let supply = 0;
    const lotArc: number[][] = groupLots.map((lots, gi) =>
      lots.map((lot) => {
        supply += m.lotQty[lot];
        return net.addArc(SOURCE, groupNode(gi), m.lotQty[lot], Math.round(m.lotFreshCost[lot] * COST_SCALE));
      }),
    );
    const pairArcs: { group: number; klass: number; arc: number }[] = [];
    for (let k = 0; k < nClass; k++) {
      for (const gi of classGroups[k]) {
        const first = groupLots[gi][0];
        // Per-unit cost without the FEFO part: weightKg × costPerKg + gradeOver × (minGrade − grade).
        const away = classHome[k] >= 0 && groupCoop[gi] !== classHome[k] ? classPenalty[k] : 0;
        const perUnit = m.lotBase[first] - m.lotFreshCost[first] + m.gradeOver * classMinGrade[k] + away;
        const arc = net.addArc(groupNode(gi), classNode(k), supply, Math.max(0, Math.round(perUnit * COST_SCALE)));
        pairArcs.push({ group: gi, klass: k, arc });
      }
      net.addArc(classNode(k), SINK, classDemand[k], 0);
    }
    const result = net.solve(SOURCE, SINK);
    filledUnits += result.flow;
    augmentations += result.phases;

    // Disaggregate each group's lot flow over the classes it feeds (any pairing has the same cost).
    const budgets: ClassBudget[][] = Array.from({ length: nClass }, () => []);
    const groupClassFlow: { klass: number; units: number }[][] = Array.from({ length: nGroup }, () => []);
    for (const p of pairArcs) {
      const f = net.flowOn(p.arc);
      if (f > 0) groupClassFlow[p.group].push({ klass: p.klass, units: f });
    }
    for (let gi = 0; gi < nGroup; gi++) {
      const flows = groupClassFlow[gi];
      let fi = 0;
      groupLots[gi].forEach((lot, li) => {
        let units = net.flowOn(lotArc[gi][li]);
        while (units > 0 && fi < flows.length) {
          const take = Math.min(units, flows[fi].units);
          budgets[flows[fi].klass].push({ lot, units: take });
          units -= take;
          flows[fi].units -= take;
          if (flows[fi].units === 0) fi++;
        }
      });
    }
    classBudgets.push(...budgets);
    classCount += nClass;
  }
  return { lineClass, classCount, classBudgets, filledUnits, augmentations };
}
