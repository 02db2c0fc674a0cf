/** Relocate: move one client to just after a position (possibly the start depot) of any route. */
import { exchange } from './exchange';

export const relocate = exchange('relocate', 1, 0);
