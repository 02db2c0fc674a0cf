/**
 * Ruin and recreate (after SISR, Christiaens & Vanden Berghe 2020, much simplified): remove a client
 * and its nearest granular neighbours, then reinsert them one by one, in random order, at the
 * position of least penalised cost (an empty route slot may be opened). Used to seed a population
 * around a given solution with near-feasible, diverse variants. A paired task leaves with its
 * partner and the pair is reinserted together (pickup first, same trip).
 */
import type { Random } from '../../shared/random';
import { insertPair } from './pair-moves';
import type { RouteState } from './route-state';

export function ruinAndRecreate(s: RouteState, rng: Random, removeCount: number): void {
  const m = s.m;
  const seed = rng.int(m.n);
  const removed = [seed];
  for (let q = 0; q < m.k && removed.length < removeCount; q++) removed.push(m.neighbours[seed * m.k + q]!);
  const partner = m.partner;
  if (partner) {
    for (const c of removed.slice()) if (partner[c]! >= 0 && !removed.includes(partner[c]!)) removed.push(partner[c]!);
  }
  const gone = new Set(removed);
  const touched = new Set(removed.map((c) => s.routeOf[c]!));
  for (const r of touched) s.setRoute(r, s.clients(r).filter((c) => !gone.has(c)));
  for (const c of removed) s.routeOf[c] = -1;
  rng.shuffle(removed);
  for (const c of removed) {
    if (partner && partner[c]! >= 0) {
      if (m.pairPickup![c] === 1) insertPair(s, c, partner[c]!);
      continue;
    }
    let best = Number.POSITIVE_INFINITY;
    let bestR = -1;
    let bestP = 0;
    // one empty slot per vehicle type is enough: the others of that type are equivalent
    const emptySeen = new Set<number>();
    for (let r = 0; r < s.R; r++) {
      const len = s.len[r]!;
      const vt = s.slotVT[r]!;
      if (len === 0) {
        if (emptySeen.has(vt)) continue;
        emptySeen.add(vt);
      }
      for (let p = 0; p <= len; p++) {
        const delta = s.begin(vt).prefix(r, p).visit(c).suffix(r, p + 1).cost() - s.rCost[r]!;
        if (delta < best) {
          best = delta;
          bestR = r;
          bestP = p;
        }
      }
    }
    const clients = s.clients(bestR);
    clients.splice(bestP, 0, c);
    s.setRoute(bestR, clients);
  }
}
