/** Bounded cross-exchange: trade strings of at most two clients (2↔1, 2↔2). */
import { exchange } from './exchange';

export const crossExchange21 = exchange('cross-exchange-2-1', 2, 1);
export const crossExchange22 = exchange('cross-exchange-2-2', 2, 2);
