/**
 * Hybrid genetic search (Vidal et al. 2012; Vidal 2022 for the CVRP; PyVRP's design): a population
 * of locally optimal solutions, penalised infeasibility, OX crossover on giant tours, optimal split,
 * education by local search with granular neighbourhoods and SWAP*, repair of infeasible offspring,
 * and diversity-aware survivor selection.
 */
import type { Random } from '../../shared/random';
import type { Budget } from './budget';
import { individualFromState, penalisedCost, type Individual } from './individual';
import { LocalSearch } from './local-search';
import { createSwapStar, NODE_OPERATORS } from './operators';
import { orderedCrossover } from './ordered-crossover';
import { repairPairs } from './pair-moves';
import { PenaltyManager } from './penalty-manager';
import { DEFAULT_POPULATION, Population, type PopulationParams } from './population';
import { RouteState } from './route-state';
import { ruinAndRecreate } from './ruin-recreate';
import type { SearchModel } from './search-model';
import { Splitter } from './split';

export interface HgsProgress {
  iterations: number;
  bestCost: number;
  feasible: boolean;
}

export interface HgsOptions {
  population?: PopulationParams;
  initialSolutions?: number[][][];
  maxNoImprove?: number;
  onImprove?: (best: Individual, iterations: number) => void;
  onTick?: (iterations: number) => void;
  /** Share of offspring made by ruin-and-recreate of one parent instead of crossover. */
  mutationRate?: number;
  /** Start from these penalties (e.g. those a previous search had adapted to). */
  penalties?: { load: number; timeWarp: number };
}

// most offspring come from ruin-and-recreate: cheap iterations that intensify around good parents
/** A penalty no distance gain can outweigh: local search from a feasible start stays feasible. */
const PROHIBITIVE = 1e9;

export const DEFAULT_MUTATION_RATE = 0.8;

export class Hgs {
  readonly state: RouteState;
  private readonly ls: LocalSearch;
  private readonly pm: PenaltyManager;
  private readonly splitter: Splitter;
  private readonly pop: Population;
  private readonly params: PopulationParams;
  private readonly seen: Uint8Array;
  best: Individual | null = null;
  bestInfeasible: Individual | null = null;

  constructor(private readonly m: SearchModel, private readonly rng: Random, slotVT: Int32Array = m.slotVT, private readonly options: HgsOptions = {}) {
    this.state = new RouteState(m, slotVT);
    this.ls = new LocalSearch(this.state, NODE_OPERATORS, [createSwapStar(m.n)], rng);
    const loadPenalty = Math.max(0.1, Math.min(1000 * m.scale, m.maxDist / Math.max(1, m.maxDemand)));
    // time warp starts dearer than one distance unit per time unit: cheap warp makes whole populations infeasible
    this.pm = new PenaltyManager(options.penalties?.load ?? loadPenalty, options.penalties?.timeWarp ?? 10, 0.2, 25);
    this.splitter = new Splitter(m);
    this.params = options.population ?? DEFAULT_POPULATION;
    this.pop = new Population(this.params, rng);
    this.seen = new Uint8Array(m.n);
  }

  penalties(): { load: number; timeWarp: number } {
    return { load: this.pm.penaltyLoad, timeWarp: this.pm.penaltyTW };
  }

  private started = false;
  private lastImprovement = 0;

  /** Run until the budget is spent. */
  run(budget: Budget): Individual | null {
    return this.runUntil(budget, Number.POSITIVE_INFINITY);
  }

  /** Run until the budget is spent or the iteration count reaches `until`; can be resumed. */
  runUntil(budget: Budget, until: number): Individual | null {
    const maxNoImprove = this.options.maxNoImprove ?? 20000;
    if (!this.started) {
      this.started = true;
      this.lastImprovement = budget.iterations;
      this.init(budget);
    }
    while (!budget.done() && budget.iterations < until) {
      budget.tick();
      this.options.onTick?.(budget.iterations);
      if (this.pop.size() < 2) {
        this.init(budget);
        continue;
      }
      const before = this.best?.base ?? Number.POSITIVE_INFINITY;
      if (this.rng.next() < (this.options.mutationRate ?? DEFAULT_MUTATION_RATE)) {
        this.mutate(this.pop.select());
      } else {
        const a = this.pop.select();
        const b = this.pop.select();
        const child = orderedCrossover(a.tour, b.tour, this.rng, this.seen);
        this.educate(this.split(child));
      }
      if ((this.best?.base ?? Number.POSITIVE_INFINITY) < before) this.lastImprovement = budget.iterations;
      if (budget.iterations - this.lastImprovement > maxNoImprove) {
        this.pop.clear();
        this.lastImprovement = budget.iterations;
      }
    }
    return this.best;
  }

  private init(budget: Budget): void {
    const n = this.m.n;
    const seeds = this.options.initialSolutions ?? [];
    for (const routes of seeds) {
      if (budget.done()) return;
      budget.tick();
      // keep the given solution itself, first polished by a local search that may not break any
      // constraint (prohibitive penalties), since education under low penalties may trade it away
      const s = this.state;
      s.penaltyLoad = PROHIBITIVE;
      s.penaltyTW = PROHIBITIVE;
      s.load(routes);
      this.ls.run();
      this.pop.add(this.capture());
      this.educate(routes);
    }
    // around given solutions: ruined-and-recreated variants; otherwise random giant tours
    for (let i = 0; i < this.params.mu && !budget.done(); i++) {
      budget.tick();
      if (seeds.length > 0) {
        const s = this.state;
        s.penaltyLoad = this.pm.penaltyLoad;
        s.penaltyTW = this.pm.penaltyTW;
        s.load(seeds[i % seeds.length]!);
        ruinAndRecreate(s, this.rng, Math.max(2, Math.round(n * (0.05 + 0.15 * this.rng.next()))));
        this.educate(s.routes());
        continue;
      }
      const tour = Array.from({ length: n }, (_, c) => c);
      this.rng.shuffle(tour);
      this.educate(this.split(tour));
    }
  }

  private split(tour: ArrayLike<number>): number[][] {
    const s = this.state;
    return this.splitter.splitFleet(tour, s.slotVT, this.pm.penaltyLoad, this.pm.penaltyTW);
  }

  /**
   * Ruin-and-recreate mutation of a parent followed by a local search restricted to the routes it
   * changed (the parent is already locally optimal): far cheaper than crossover + full education.
   */
  private mutate(parent: Individual): void {
    const s = this.state;
    const n = this.m.n;
    s.penaltyLoad = this.pm.penaltyLoad;
    s.penaltyTW = this.pm.penaltyTW;
    s.load(parent.routes);
    this.ls.markAllTested();
    const size = Math.min(n, 3 + this.rng.int(Math.max(1, Math.min(30, Math.round(n / 8)))));
    ruinAndRecreate(s, this.rng, size);
    this.ls.run(true);
    this.finishEducation();
  }

  /** Local search on the given routes; the result joins the population (and a repaired copy). */
  educate(routes: number[][]): Individual {
    const s = this.state;
    s.penaltyLoad = this.pm.penaltyLoad;
    s.penaltyTW = this.pm.penaltyTW;
    s.load(routes);
    // a split giant tour may cut pickup-and-delivery pairs apart: put them back together first
    if (this.m.partner) repairPairs(s);
    this.ls.run();
    return this.finishEducation();
  }

  private finishEducation(): Individual {
    const s = this.state;
    const ind = this.capture();
    if (this.pm.record(ind.excess, ind.timeWarp)) {
      const cost = (x: Individual): number => penalisedCost(x, this.pm.penaltyLoad, this.pm.penaltyTW);
      this.pop.reprice(cost);
      ind.cost = cost(ind);
    }
    this.pop.add(ind);
    if (!ind.feasible && this.rng.next() < 0.5) {
      s.penaltyLoad = this.pm.penaltyLoad * 10;
      s.penaltyTW = this.pm.penaltyTW * 10;
      s.refreshCosts();
      this.ls.run();
      const repaired = this.capture();
      if (repaired.feasible) this.pop.add(repaired);
    }
    return ind;
  }

  private capture(): Individual {
    const ind = individualFromState(this.state);
    ind.cost = penalisedCost(ind, this.pm.penaltyLoad, this.pm.penaltyTW);
    if (ind.feasible) {
      if (!this.best || ind.base < this.best.base) {
        this.best = ind;
        this.options.onImprove?.(ind, 0);
      }
    } else if (!this.bestInfeasible || ind.cost < this.bestInfeasible.cost) {
      this.bestInfeasible = ind;
    }
    return ind;
  }
}
