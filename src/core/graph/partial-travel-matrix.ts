import type { CompiledProfileGraph } from './profile-graph';
import { locateSites, type SiteInput, type SiteRejection } from './snap-sites';
import { computeTravelMatrix, type MatrixOptions } from './travel-matrix';

export interface PartialTravelMatrix {
  siteIds: string[];
  /** Seconds and metres, row-major in `siteIds` order; Infinity where either site is off this profile's roads. */
  time: Float64Array;
  distance: Float64Array;
  /** Sites this profile cannot use (too far from any road it may take): their rows and columns are Infinity. */
  unreachable: SiteRejection[];
}

/**
 * A matrix over every given site for one profile, where a site the profile cannot reach is not an error
 * but an unreachable row and column: a truck's matrix still covers the villages only a tricycle serves.
 */
export function computePartialTravelMatrix(c: CompiledProfileGraph, sites: readonly SiteInput[], options: Omit<MatrixOptions, 'hubId'> = {}): PartialTravelMatrix {
  const { snapped, rejected } = locateSites(c, sites, options);
  const n = sites.length;
  const time = new Float64Array(n * n).fill(Infinity);
  const distance = new Float64Array(n * n).fill(Infinity);
  for (let i = 0; i < n; i++) { time[i * n + i] = 0; distance[i * n + i] = 0; }
  if (snapped.length > 0) {
    const inner = computeTravelMatrix(c, snapped, options);
    const position = new Map(sites.map((s, i) => [s.id, i]));
    const m = snapped.length;
    for (let a = 0; a < m; a++) {
      const i = position.get(snapped[a]!.id)!;
      for (let b = 0; b < m; b++) {
        const j = position.get(snapped[b]!.id)!;
        time[i * n + j] = inner.time[a * m + b]!;
        distance[i * n + j] = inner.distance[a * m + b]!;
      }
    }
  }
  return { siteIds: sites.map((s) => s.id), time, distance, unreachable: rejected };
}
