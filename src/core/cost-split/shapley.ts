import type { Random } from '../shared/random';

/**
 * Shapley values of a cost game with n players: φ_i = Σ_{S ⊆ N∖i} |S|!(n−|S|−1)!/n! · (c(S ∪ i) − c(S)).
 * These functions know nothing of routes; `cost` defines the game and c(∅) is taken as 0.
 */

/** Above 20 players the 2^n table would not fit comfortably in memory; callers sample instead. */
export const SHAPLEY_EXACT_MAX_PLAYERS = 20;

/** Exact Shapley value by enumerating all 2^n coalitions (cost is called once per non-empty coalition). */
export function shapleyExact(n: number, cost: (mask: number) => number): number[] {
  if (!Number.isInteger(n) || n < 0 || n > SHAPLEY_EXACT_MAX_PLAYERS) {
    throw new Error(`core/cost-split: exact Shapley needs 0..${SHAPLEY_EXACT_MAX_PLAYERS} players, got ${n}`);
  }
  const full = 1 << n;
  const value = new Float64Array(full);
  for (let mask = 1; mask < full; mask++) value[mask] = cost(mask);
  // weight[s] = s!(n−s−1)!/n! = 1 / (n · C(n−1, s)), built without factorials.
  const weight: number[] = [];
  let binom = 1;
  for (let s = 0; s < n; s++) {
    weight.push(1 / (n * binom));
    binom = (binom * (n - 1 - s)) / (s + 1);
  }
  const popcount = new Uint8Array(full);
  for (let mask = 1; mask < full; mask++) popcount[mask] = popcount[mask >> 1]! + (mask & 1);
  const phi = new Array<number>(n).fill(0);
  for (let mask = 0; mask < full; mask++) {
    const w = weight[popcount[mask]!];
    if (w === undefined) continue; // the grand coalition has no one left to add
    const base = value[mask]!;
    for (let i = 0; i < n; i++) {
      const bit = 1 << i;
      if ((mask & bit) === 0) phi[i] += w * (value[mask | bit]! - base);
    }
  }
  return phi;
}

export interface SampledShapley {
  values: number[];
  /** Standard error of each estimate (sample standard deviation of its pair-averaged marginal costs / √pairs). */
  standardErrors: number[];
  /** Permutations actually walked: the requested count rounded up to an even number (antithetic pairs). */
  permutations: number;
}

/**
 * Permutation sampling (Castro, Gómez & Tejada 2009) with antithetic pairs: each uniformly drawn order of
 * the players is walked forwards and then backwards, adding players one by one; a player's marginal cost
 * on arrival, averaged over the pair, is an unbiased sample of its Shapley value. A player early in one
 * direction is late in the other, so the pair's errors largely cancel (on the fixture routes this halves
 * the error for the same number of coalition evaluations; with two players it is exact). The game is
 * given by `cost(members)`, the members of the coalition in arrival order; callers that memoise should key
 * on the sorted members. The estimates sum to c(N) (up to floating point): each walk's marginals telescope.
 */
export function shapleySampled(n: number, cost: (members: readonly number[]) => number, permutations: number, rng: Random): SampledShapley {
  if (!Number.isInteger(permutations) || permutations < 1) throw new Error(`core/cost-split: permutation count must be a positive integer, got ${permutations}`);
  const pairs = Math.ceil(permutations / 2);
  const mean = new Array<number>(n).fill(0);
  const m2 = new Array<number>(n).fill(0);
  const order = Array.from({ length: n }, (_, i) => i);
  const sample = new Array<number>(n).fill(0);
  const walk = (sequence: readonly number[]) => {
    let previous = 0;
    for (let k = 0; k < n; k++) {
      const current = cost(sequence.slice(0, k + 1));
      sample[sequence[k]!] += (current - previous) / 2;
      previous = current;
    }
  };
  for (let p = 1; p <= pairs; p++) {
    rng.shuffle(order);
    sample.fill(0);
    walk(order);
    walk([...order].reverse());
    for (let i = 0; i < n; i++) {
      // Welford's running mean and variance over the pair-averaged marginals.
      const x = sample[i]!;
      const delta = x - mean[i]!;
      mean[i] += delta / p;
      m2[i] += delta * (x - mean[i]!);
    }
  }
  const standardErrors = m2.map((v) => (pairs > 1 ? Math.sqrt(v / (pairs - 1) / pairs) : 0));
  return { values: mean, standardErrors, permutations: 2 * pairs };
}
