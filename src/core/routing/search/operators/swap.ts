/** Swap: exchange two clients, in the same route or in two routes. */
import { exchange } from './exchange';

export const swap = exchange('swap', 1, 1);
