/**
 * Distance matrices from planar coordinates, in the benchmark conventions: unrounded (Solomon,
 * Homberger) or rounded to the nearest integer (TSPLIB EUC_2D, "nint").
 */
export type EuclideanRounding = 'none' | 'nint';

export function euclideanMatrix(xs: ArrayLike<number>, ys: ArrayLike<number>, rounding: EuclideanRounding): Float64Array {
  const n = xs.length;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const d = Math.hypot(xs[i]! - xs[j]!, ys[i]! - ys[j]!);
      m[i * n + j] = rounding === 'nint' ? Math.floor(d + 0.5) : d;
    }
  }
  return m;
}
