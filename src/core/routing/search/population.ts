/**
 * HGS population (Vidal et al. 2012): a feasible and an infeasible subpopulation; each individual's
 * biased fitness combines its cost rank and its diversity rank (mean broken-pairs distance to its
 * closest neighbours); survivors are selected by removing clones first, then the worst biased
 * fitness, whenever a subpopulation outgrows mu + lambda.
 */
import type { Random } from '../../shared/random';
import { brokenPairsDistance, type Individual } from './individual';

export interface PopulationParams {
  mu: number;
  lambda: number;
  nbElite: number;
  nbClose: number;
}

// smaller than HGS-CVRP's 25 + 40: a TypeScript run of seconds makes hundreds, not tens of thousands, of generations
export const DEFAULT_POPULATION: PopulationParams = { mu: 12, lambda: 20, nbElite: 4, nbClose: 5 };

export class Population {
  readonly feasible: Individual[] = [];
  readonly infeasible: Individual[] = [];

  constructor(private readonly params: PopulationParams, private readonly rng: Random) {}

  size(): number {
    return this.feasible.length + this.infeasible.length;
  }

  clear(): void {
    this.feasible.length = 0;
    this.infeasible.length = 0;
  }

  add(ind: Individual): void {
    const sub = ind.feasible ? this.feasible : this.infeasible;
    for (const other of sub) {
      const d = brokenPairsDistance(ind, other);
      insertSorted(ind.prox, d, other);
      insertSorted(other.prox, d, ind);
    }
    sub.push(ind);
    if (sub.length > this.params.mu + this.params.lambda) {
      while (sub.length > this.params.mu) this.removeWorst(sub);
    }
  }

  /** Recompute penalised costs after a penalty change (infeasible individuals only change). */
  reprice(cost: (ind: Individual) => number): void {
    for (const ind of this.infeasible) ind.cost = cost(ind);
  }

  /** Binary tournament on biased fitness over both subpopulations. */
  select(): Individual {
    this.updateFitness(this.feasible);
    this.updateFitness(this.infeasible);
    const total = this.size();
    const pick = (): Individual => {
      const i = this.rng.int(total);
      return i < this.feasible.length ? this.feasible[i]! : this.infeasible[i - this.feasible.length]!;
    };
    const a = pick();
    const b = pick();
    return a.fitness <= b.fitness ? a : b;
  }

  private diversity(ind: Individual): number {
    const k = Math.min(this.params.nbClose, ind.prox.length);
    if (k === 0) return 0;
    let s = 0;
    for (let i = 0; i < k; i++) s += ind.prox[i]!.d;
    return s / k;
  }

  private updateFitness(sub: Individual[]): void {
    const n = sub.length;
    if (n === 0) return;
    if (n === 1) {
      sub[0]!.fitness = 0;
      return;
    }
    const byCost = sub.map((ind, i) => ({ ind, i })).sort((a, b) => a.ind.cost - b.ind.cost || a.i - b.i);
    const costRank = new Map<Individual, number>();
    byCost.forEach(({ ind }, r) => costRank.set(ind, r / (n - 1)));
    const byDiv = sub.map((ind, i) => ({ ind, i, d: this.diversity(ind) })).sort((a, b) => b.d - a.d || a.i - b.i);
    const eliteWeight = 1 - this.params.nbElite / n;
    byDiv.forEach(({ ind }, r) => {
      ind.fitness = costRank.get(ind)! + Math.max(0, eliteWeight) * (r / (n - 1));
    });
  }

  private removeWorst(sub: Individual[]): void {
    this.updateFitness(sub);
    let worst = -1;
    let worstClone = false;
    let worstFit = -Infinity;
    sub.forEach((ind, i) => {
      const clone = ind.prox.length > 0 && ind.prox[0]!.d === 0;
      if ((clone && !worstClone) || (clone === worstClone && ind.fitness > worstFit)) {
        worst = i;
        worstClone = clone;
        worstFit = ind.fitness;
      }
    });
    const [gone] = sub.splice(worst, 1);
    for (const other of sub) {
      const j = other.prox.findIndex((p) => p.other === gone);
      if (j >= 0) other.prox.splice(j, 1);
    }
  }
}

function insertSorted(list: Array<{ d: number; other: Individual }>, d: number, other: Individual): void {
  let i = list.length;
  while (i > 0 && list[i - 1]!.d > d) i--;
  list.splice(i, 0, { d, other });
}
