import type { MatchAssignment } from './match-assignment';
import type { MatchModel } from './match-model';
import { orderCoops } from './search-context';

/**
 * The model with every served multi-line order confined to the cooperatives that serve it now;
 * single-line orders and orders with no units keep their own allowance. A flow on it re-optimises
 * unit costs (and which single-line orders take which stock) without adding a source to any
 * multi-line order: the polishing step after the split search. `changes` overrides orders: locked to
 * the given cooperatives, or (null) left to their own allowance (the lock search's moves and kicks).
 */
export function lockedModel(m: MatchModel, a: MatchAssignment, changes?: ReadonlyMap<number, number[] | null>): MatchModel {
  const orderAllowed = m.orderAllowed.map((mask, o) => {
    if (m.orderLineStart[o + 1] - m.orderLineStart[o] < 2) return mask;
    const change = changes?.get(o);
    if (change === null) return mask;
    const coops = change ?? orderCoops(m, a, o);
    if (coops.length === 0) return mask;
    const locked = new Uint8Array(m.nCoop);
    for (const c of coops) locked[c] = 1;
    return locked;
  });
  return { ...m, orderAllowed };
}
