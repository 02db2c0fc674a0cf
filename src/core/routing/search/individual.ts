/**
 * A solution in the HGS population: routes per slot, the giant tour (routes ordered by polar angle
 * of their barycentre, then concatenated), successor/predecessor arrays for the broken-pairs
 * distance, and cost totals so the penalised cost can be recomputed when penalties change. Reload
 * nodes (multi-trip) stay in `routes` but not in the tour nor the adjacency: the split cuts trips
 * afresh and the local search places reloads.
 */
import type { RouteState } from './route-state';

export interface Individual {
  /** Clients (and reload nodes) per route slot (empty slots included, so vehicle types stay attached). */
  routes: number[][];
  tour: Int32Array;
  succ: Int32Array;
  pred: Int32Array;
  /** Cost without penalties (fixed + distance + time terms). */
  base: number;
  excess: number;
  timeWarp: number;
  nRoutes: number;
  distance: number;
  cost: number;
  feasible: boolean;
  /** Other individuals of the same subpopulation sorted by increasing broken-pairs distance. */
  prox: Array<{ d: number; other: Individual }>;
  fitness: number;
}

export function penalisedCost(ind: Individual, penaltyLoad: number, penaltyTW: number): number {
  return ind.base + penaltyLoad * ind.excess + penaltyTW * ind.timeWarp;
}

export function individualFromState(s: RouteState): Individual {
  const m = s.m;
  const n = m.n;
  const routes: Array<{ r: number; angle: number }> = [];
  let base = 0;
  let excess = 0;
  let timeWarp = 0;
  let distance = 0;
  let cx = 0;
  let cy = 0;
  if (m.xs && m.ys) {
    for (let c = 0; c < n; c++) {
      cx += m.xs[c]!;
      cy += m.ys[c]!;
    }
    cx /= n;
    cy /= n;
  }
  for (let r = 0; r < s.R; r++) {
    const len = s.len[r]!;
    if (len === 0) continue;
    const vt = s.slotVT[r]!;
    base += m.vtFixed[vt]! + m.vtCostDist[vt]! * s.rDist[r]! + m.vtCostTime[vt]! * s.rDuration[r]!;
    excess += s.rExcess[r]!;
    timeWarp += s.rTW[r]!;
    distance += s.rDist[r]!;
    let angle = r;
    if (m.xs && m.ys) {
      let x = 0;
      let y = 0;
      let count = 0;
      for (let p = 1; p <= len; p++) {
        const c = s.nodeAt(r, p);
        if (c >= n) continue;
        x += m.xs[c]!;
        y += m.ys[c]!;
        count++;
      }
      angle = Math.atan2(y / count - cy, x / count - cx);
    }
    routes.push({ r, angle });
  }
  routes.sort((a, b) => a.angle - b.angle || a.r - b.r);
  const tour = new Int32Array(n);
  const succ = new Int32Array(n);
  const pred = new Int32Array(n);
  const slotRoutes = s.routes();
  let q = 0;
  for (const { r } of routes) {
    const clients = m.multiTrip ? slotRoutes[r]!.filter((c) => c < n) : slotRoutes[r]!;
    for (let i = 0; i < clients.length; i++) {
      const c = clients[i]!;
      tour[q++] = c;
      pred[c] = i === 0 ? -1 : clients[i - 1]!;
      succ[c] = i === clients.length - 1 ? -1 : clients[i + 1]!;
    }
  }
  return {
    routes: slotRoutes,
    tour,
    succ,
    pred,
    base,
    excess,
    timeWarp,
    nRoutes: routes.length,
    distance,
    cost: 0,
    feasible: excess === 0 && timeWarp === 0,
    prox: [],
    fitness: 0,
  };
}

/** Broken-pairs distance (Prins; Vidal et al.): share of client adjacencies not kept, in [0, 1]. */
export function brokenPairsDistance(a: Individual, b: Individual): number {
  const n = a.succ.length;
  let d = 0;
  for (let c = 0; c < n; c++) {
    const sa = a.succ[c]!;
    if (sa !== b.succ[c] && sa !== b.pred[c]) d++;
    if (a.pred[c] === -1 && b.pred[c] !== -1 && b.succ[c] !== -1) d++;
  }
  return d / n;
}
