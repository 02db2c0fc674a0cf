/**
 * Ordered crossover (OX) on giant tours: copy a random slice of the first parent, fill the rest
 * with the second parent's clients in their order, starting after the slice.
 */
import type { Random } from '../../shared/random';

export function orderedCrossover(a: ArrayLike<number>, b: ArrayLike<number>, rng: Random, seen: Uint8Array): Int32Array {
  const n = a.length;
  const child = new Int32Array(n);
  seen.fill(0, 0, n);
  const start = rng.int(n);
  let end = rng.int(n);
  while (n > 1 && end === start) end = rng.int(n);
  let i = start;
  for (;;) {
    child[i] = a[i]!;
    seen[a[i]!] = 1;
    if (i === end) break;
    i = (i + 1) % n;
  }
  let j = (end + 1) % n;
  for (let q = 0; q < n; q++) {
    const c = b[(end + 1 + q) % n]!;
    if (seen[c]) continue;
    child[j] = c;
    j = (j + 1) % n;
  }
  return child;
}
