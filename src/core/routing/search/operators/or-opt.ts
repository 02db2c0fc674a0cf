/** Or-opt: move a string of two or three consecutive clients to just after another position. */
import { exchange } from './exchange';

export const orOpt2 = exchange('or-opt-2', 2, 0);
export const orOpt3 = exchange('or-opt-3', 3, 0);
