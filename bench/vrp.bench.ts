/**
 * Routing benchmark: `npm run bench:vrp -- [--quick] [--set solomon|homberger|cvrp] [--objective O]
 * [--time-limit S] [--seed N] [--jobs N]`.
 *
 * Runs the solver (src/core/routing) over ../shared/benchmarks (Solomon 100, Gehring–Homberger 200,
 * CVRPLIB X) with a per-instance time limit (default 10 s; --quick: 2–3 instances per class at 2 s),
 * two instances at a time (one child process per core), checks every solution with the independent
 * checker (double-precision replay), and prints per instance and per class: vehicles, distance, gap
 * to the best known, seconds, iterations. JSON goes to bench/results/vrp.json.
 *
 * Objectives: CVRPLIB → `distance`; Solomon → both `distance` (gap to the distance-only best known)
 * and `vehicles-then-distance` (vehicles vs. the vehicles-first best known; distance gap where the
 * vehicle count equals it); Homberger → `vehicles-then-distance`. --objective restricts to one.
 *
 * The algorithm (src/core/routing/solve.ts and search/*):
 * - integer model: times and distances ×1000 (travel and service times rounded up, window ends
 *   down), so an integer-feasible route is feasible in double precision; reported distances are
 *   recomputed from the double matrices and every result is replayed by the independent checker;
 * - hybrid genetic search (Vidal 2012/2022, PyVRP's design): feasible and infeasible
 *   subpopulations (mu 12, lambda 20 — small, because seconds of TypeScript make thousands, not
 *   hundreds of thousands, of iterations), binary tournaments on biased fitness (cost rank +
 *   diversity rank by broken-pairs distance), penalties for excess load and time warp adapted to a
 *   20 % feasible share; each offspring is either an OX crossover of two parents cut by an optimal
 *   split (load and time-warp penalties) and educated by a full local search, or (half the time)
 *   a ruin-and-recreate of one parent (a client and its nearest neighbours reinserted at least
 *   penalised cost) followed by a local search restricted to the routes it changed; infeasible
 *   offspring are repaired at 10× penalties with probability ½;
 * - local search: granular neighbours (20, distance + wait/lateness proximity), operators behind
 *   one interface — relocate, or-opt (2, 3), swap, cross-exchange (2↔1, 2↔2), 2-opt, 2-opt*, and
 *   SWAP* over route pairs — each move evaluated in O(1) by concatenating prefix/suffix segments
 *   (duration, time warp, earliest/latest start, distance, load), after a distance lower bound
 *   that rejects most moves before any time-window arithmetic;
 * - `vehicles-then-distance`: route minimisation by ejection pool (after Nagata & Bräysy 2009:
 *   counters, insertion with up to two ejections, random feasible perturbation) from one route per
 *   client until its first failed removal; then HGS with the fleet capped at that count,
 *   interrupted after 300, 600, 1200, … iterations for one more removal attempt from its best
 *   solution; each success restarts the HGS one route down.
 * Every phase counts iterations, so a time-limited run replays exactly with its iteration count.
 *
 * Output JSON (bench/results/vrp.json; --quick writes vrp-quick.json): { date, args, summary: [{
 * set, objective, class, instances, infeasible, vehicles, bksVehicles, sameVehicles, gapInstances,
 * avgGap, seconds, iterations }], results: [{ set, instance, klass, objective, timeLimit, seed,
 * vehicles, distance, feasible, violations, seconds, iterations, bksVehicles, bksDistance, gap,
 * routes (task ids) }] }. `gap` is null when the vehicle count differs from the best known under
 * `vehicles-then-distance` (distances with different fleets are not comparable).
 *
 * Measured 2026-11-23 on the shared 2-core machine (other jobs running), 10 s, seed 1, two at once:
 * CVRPLIB X avg gap +0.35 % (238 routes vs 237); Solomon `distance` +0.26 % to the distance-only
 * best known (371 vehicles); Solomon `vehicles-then-distance` 344 vehicles (best known 336), +0.22 %
 * on the 24 instances at the best-known count; Homberger 200 351 vehicles (349), +3.6 % on the 28 at
 * the best-known count. Every solution passed the independent checker.
 * After issue 5 (mixed fleet, limits, compartments, pickups; same search on these instances), same
 * machine, 01:40 UTC: CVRPLIB X +0.31 %; Solomon `distance` +0.24 % (370 vehicles); Solomon
 * `vehicles-then-distance` 345 vehicles, +0.23 % — the one extra vehicle is RC102, which got 3721
 * iterations in its 10 s instead of 6303 under other jobs' load; replayed at 6303 iterations it
 * gives the same 12 routes as before. Homberger 351 vehicles, +3.7 %. All checked feasible.
 * Multi-trip and paired pickup-and-delivery (issue 5, items 4–5) sit behind model flags: replayed
 * at the iteration counts of a --quick run made before them, all 33 runs give the same routes.
 */
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { checkSolution, parseCvrplib, parseSolomon, solve, type Objective } from '../src/core/routing';

const ROOT = join(__dirname, '..', '..', 'shared', 'benchmarks');

type SetName = 'solomon' | 'homberger' | 'cvrp';

interface Job {
  set: SetName;
  file: string;
  instance: string;
  klass: string;
  objective: Objective;
  timeLimit: number;
  seed: number;
}

interface JobResult extends Job {
  vehicles: number;
  distance: number;
  feasible: boolean;
  violations: string[];
  seconds: number;
  iterations: number;
  bksVehicles: number | null;
  bksDistance: number | null;
  gap: number | null;
  routes: string[][];
}

const SET_DIRS: Record<SetName, string> = { solomon: 'solomon', homberger: 'homberger_200', cvrp: 'cvrp_x' };

function classOf(set: SetName, instance: string): string {
  if (set === 'cvrp') return 'X';
  if (set === 'homberger') return instance.split('_')[0]!.toUpperCase();
  return solomonClass(instance);
}

function solomonClass(instance: string): string {
  const m = /^(RC|R|C)(\d)/i.exec(instance);
  return m ? `${m[1]!.toUpperCase()}${m[2]}` : instance;
}

function runJob(job: Job): JobResult {
  const text = readFileSync(job.file, 'utf8');
  const problem = job.set === 'cvrp' ? parseCvrplib(text) : parseSolomon(text);
  const result = solve(problem, { seed: job.seed, timeLimitSeconds: job.timeLimit, objective: job.objective });
  const check = checkSolution(problem, result.routes);
  const bks = JSON.parse(readFileSync(join(ROOT, SET_DIRS[job.set], 'bks.json'), 'utf8')) as Record<string, {
    distance: number; vehicles: number; distanceOnly?: { distance: number; vehicles: number };
  }>;
  const entry = bks[job.instance];
  let bksVehicles: number | null = null;
  let bksDistance: number | null = null;
  if (entry) {
    if (job.objective === 'distance' && entry.distanceOnly) {
      bksVehicles = entry.distanceOnly.vehicles;
      bksDistance = entry.distanceOnly.distance;
    } else {
      bksVehicles = entry.vehicles;
      bksDistance = entry.distance;
    }
  }
  const comparable = job.objective !== 'vehicles-then-distance' || check.vehicles === bksVehicles;
  const gap = bksDistance !== null && comparable && check.feasible ? (100 * (check.distance - bksDistance)) / bksDistance : null;
  return {
    ...job,
    vehicles: check.vehicles,
    distance: check.distance,
    feasible: check.feasible,
    violations: check.violations.slice(0, 5),
    seconds: result.seconds,
    iterations: result.iterations,
    bksVehicles,
    bksDistance,
    gap,
    routes: result.routes.map((r) => r.tasks.map((t) => problem.tasks[t]!.id)),
  };
}

function parseArgs(argv: string[]): { quick: boolean; sets: SetName[]; objective?: Objective; timeLimit: number; seed: number; jobs: number } {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  const setArg = get('set');
  const sets = (setArg ? setArg.split(',') : ['cvrp', 'solomon', 'homberger']) as SetName[];
  for (const s of sets) if (!(s in SET_DIRS)) throw new Error(`bench/vrp: unknown set "${s}"`);
  const objective = get('objective') as Objective | undefined;
  const timeLimit = Number(get('time-limit') ?? (quick ? 2 : 10));
  return { quick, sets, objective, timeLimit, seed: Number(get('seed') ?? 1), jobs: Number(get('jobs') ?? 2) };
}

function buildJobs(args: ReturnType<typeof parseArgs>): Job[] {
  const jobs: Job[] = [];
  for (const set of args.sets) {
    const dir = join(ROOT, SET_DIRS[set]);
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt') || f.endsWith('.vrp')).sort();
    const perClass = new Map<string, number>();
    for (const f of files) {
      const instance = basename(f).replace(/\.(txt|vrp)$/, '');
      const klass = classOf(set, instance);
      const seen = perClass.get(klass) ?? 0;
      perClass.set(klass, seen + 1);
      if (args.quick && seen >= (set === 'cvrp' ? 3 : 2)) continue;
      const objectives: Objective[] = args.objective
        ? [args.objective]
        : set === 'cvrp' ? ['distance'] : set === 'homberger' ? ['vehicles-then-distance'] : ['distance', 'vehicles-then-distance'];
      for (const objective of objectives) {
        jobs.push({ set, file: join(dir, f), instance, klass, objective, timeLimit: args.timeLimit, seed: args.seed });
      }
    }
  }
  return jobs;
}

function fmt(x: number | null, digits = 2): string {
  return x === null ? '—' : x.toFixed(digits);
}

function summarise(results: JobResult[]): Record<string, unknown>[] {
  const groups = new Map<string, JobResult[]>();
  for (const r of results) {
    const key = `${r.set}|${r.objective}|${r.klass}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(r);
  }
  const keys = [...groups.keys()];
  // per set/objective totals too
  const totals = new Map<string, JobResult[]>();
  for (const r of results) {
    const key = `${r.set}|${r.objective}|ALL`;
    if (!totals.has(key)) totals.set(key, []);
    totals.get(key)!.push(r);
  }
  const rows: Record<string, unknown>[] = [];
  for (const key of [...keys, ...totals.keys()]) {
    const list = groups.get(key) ?? totals.get(key)!;
    const [set, objective, klass] = key.split('|');
    const gaps = list.map((r) => r.gap).filter((g): g is number => g !== null);
    rows.push({
      set,
      objective,
      class: klass,
      instances: list.length,
      infeasible: list.filter((r) => !r.feasible).length,
      vehicles: list.reduce((a, r) => a + r.vehicles, 0),
      bksVehicles: list.reduce((a, r) => a + (r.bksVehicles ?? 0), 0),
      sameVehicles: list.filter((r) => r.vehicles === r.bksVehicles).length,
      gapInstances: gaps.length,
      avgGap: gaps.length > 0 ? gaps.reduce((a, b) => a + b, 0) / gaps.length : null,
      seconds: list.reduce((a, r) => a + r.seconds, 0) / list.length,
      iterations: Math.round(list.reduce((a, r) => a + r.iterations, 0) / list.length),
    });
  }
  return rows;
}

async function main(): Promise<void> {
  if (process.argv[2] === '--worker') {
    process.on('message', (job: Job) => {
      process.send!(runJob(job));
    });
    return;
  }
  const args = parseArgs(process.argv.slice(2));
  const jobs = buildJobs(args);
  const results: JobResult[] = [];
  const queue = [...jobs];
  process.stdout.write(`bench/vrp: ${jobs.length} runs, ${args.timeLimit} s each, ${args.jobs} at a time\n`);
  process.stdout.write(`${'set'.padEnd(10)}${'objective'.padEnd(24)}${'instance'.padEnd(12)}${'veh'.padStart(5)}${'bksV'.padStart(6)}${'distance'.padStart(12)}${'bks'.padStart(11)}${'gap%'.padStart(8)}${'s'.padStart(7)}${'iters'.padStart(9)}  ok\n`);
  const worker = async (): Promise<void> => {
    const child = fork(__filename, ['--worker'], { execArgv: process.execArgv });
    let failed: ((error: Error) => void) | null = null;
    child.on('error', (error) => failed?.(error));
    child.on('exit', (code) => failed?.(new Error(`bench/vrp: worker exited with code ${code}`)));
    try {
      while (queue.length > 0) {
        const job = queue.shift()!;
        const result = await new Promise<JobResult>((resolve, reject) => {
          failed = reject;
          child.once('message', (m) => resolve(m as JobResult));
          child.send(job);
        });
        failed = null;
        results.push(result);
        const r = result;
        process.stdout.write(`${r.set.padEnd(10)}${r.objective.padEnd(24)}${r.instance.padEnd(12)}${String(r.vehicles).padStart(5)}${String(r.bksVehicles ?? '—').padStart(6)}${r.distance.toFixed(2).padStart(12)}${fmt(r.bksDistance).padStart(11)}${fmt(r.gap).padStart(8)}${r.seconds.toFixed(1).padStart(7)}${String(r.iterations).padStart(9)}  ${r.feasible ? 'yes' : `NO: ${r.violations[0]}`}\n`);
      }
    } finally {
      failed = null;
      child.kill();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, args.jobs) }, worker));
  results.sort((a, b) => a.set.localeCompare(b.set) || a.objective.localeCompare(b.objective) || a.instance.localeCompare(b.instance));
  const summary = summarise(results);
  process.stdout.write('\nper class\n');
  process.stdout.write(`${'set'.padEnd(10)}${'objective'.padEnd(24)}${'class'.padEnd(7)}${'n'.padStart(4)}${'veh'.padStart(6)}${'bksV'.padStart(6)}${'=V'.padStart(5)}${'avg gap%'.padStart(10)}${'(over)'.padStart(8)}${'s'.padStart(7)}${'iters'.padStart(9)}${'infeas'.padStart(8)}\n`);
  for (const row of summary) {
    process.stdout.write(`${String(row.set).padEnd(10)}${String(row.objective).padEnd(24)}${String(row.class).padEnd(7)}${String(row.instances).padStart(4)}${String(row.vehicles).padStart(6)}${String(row.bksVehicles).padStart(6)}${String(row.sameVehicles).padStart(5)}${fmt(row.avgGap as number | null, 3).padStart(10)}${String(row.gapInstances).padStart(8)}${(row.seconds as number).toFixed(1).padStart(7)}${String(row.iterations).padStart(9)}${String(row.infeasible).padStart(8)}\n`);
  }
  const outDir = join(__dirname, 'results');
  mkdirSync(outDir, { recursive: true });
  const out = {
    date: new Date().toISOString(),
    args,
    summary,
    results,
  };
  writeFileSync(join(outDir, args.quick ? 'vrp-quick.json' : 'vrp.json'), `${JSON.stringify(out, null, 1)}\n`);
  process.stdout.write(`\nwrote bench/results/${args.quick ? 'vrp-quick.json' : 'vrp.json'}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
