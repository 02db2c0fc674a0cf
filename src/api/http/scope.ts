import type { Principal } from './route-definition';
import { notFound } from '../problem';

/**
 * Scope checks answer 404 for anything outside the caller's scope, exactly as for something that does not
 * exist, so a key never learns what other tenants have.
 */
export function assertCountyScope(principal: Principal, countyId: string, what: string): void {
  if (principal.role === 'platform' && principal.scopeId !== countyId) throw notFound(what);
}

export function assertOwns(condition: boolean, what: string): void {
  if (!condition) throw notFound(what);
}
