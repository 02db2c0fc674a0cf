/**
 * `coldlink solve INSTANCE`: read a Solomon/Homberger, CVRPLIB or JSON problem, solve it, print JSON
 * with the routes in the file's own node ids (the depot left out).
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { OBJECTIVES, parseCvrplib, parseJsonProblem, parseSolomon, solve, type Objective, type Problem, type SolveProgress } from '../../core/routing';

const FORMATS = ['solomon', 'cvrplib', 'json'] as const;
type Format = (typeof FORMATS)[number];

function detectFormat(file: string): Format {
  const ext = extname(file).toLowerCase();
  if (ext === '.vrp') return 'cvrplib';
  if (ext === '.json') return 'json';
  if (ext === '.txt') return 'solomon';
  throw new Error(`solve: cannot tell the format of "${file}" from its extension; pass --format solomon|cvrplib|json`);
}

function parse(format: Format, text: string): Problem {
  if (format === 'solomon') return parseSolomon(text);
  if (format === 'cvrplib') return parseCvrplib(text);
  return parseJsonProblem(text);
}

function positiveNumber(name: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (!Number.isFinite(x) || x < 0 || (integer && !Number.isInteger(x))) {
    throw new Error(`solve: --${name} must be a ${integer ? 'non-negative integer' : 'non-negative number'}, got "${value}"`);
  }
  return x;
}

export function register(program: Command): void {
  program
    .command('solve')
    .description('solve a vehicle-routing instance (Solomon/Homberger .txt, CVRPLIB .vrp, or JSON) and print the routes as JSON')
    .argument('<instance>', 'instance file')
    .option('--format <format>', `file format: ${FORMATS.join('|')} (default: from the extension)`)
    .option('--objective <objective>', `${OBJECTIVES.join('|')} (default: weighted)`)
    .option('--time-limit <seconds>', 'wall-clock seconds for the solve (default 10 unless --iterations is given)')
    .option('--iterations <n>', 'iteration limit (replays a time-limited run exactly)')
    .option('--seed <n>', 'random seed', '1')
    .option('--progress', 'print progress (iterations, best cost, vehicles) to stderr')
    .action((instance: string, opts: { format?: string; objective?: string; timeLimit?: string; iterations?: string; seed: string; progress?: boolean }) => {
      const format = (opts.format ?? detectFormat(instance)) as Format;
      if (!FORMATS.includes(format)) throw new Error(`solve: unknown format "${opts.format}"; use ${FORMATS.join('|')}`);
      const objective = (opts.objective ?? 'weighted') as Objective;
      if (!OBJECTIVES.includes(objective)) throw new Error(`solve: unknown objective "${opts.objective}"; use ${OBJECTIVES.join('|')}`);
      const iterations = positiveNumber('iterations', opts.iterations, true);
      let timeLimitSeconds = positiveNumber('time-limit', opts.timeLimit, false);
      if (timeLimitSeconds === undefined && iterations === undefined) timeLimitSeconds = 10;
      const seed = positiveNumber('seed', opts.seed, true)!;
      let text: string;
      try {
        text = readFileSync(instance, 'utf8');
      } catch (error) {
        throw new Error(`solve: cannot read "${instance}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      const problem = parse(format, text);
      const onProgress = opts.progress
        ? (p: SolveProgress): void => {
          process.stderr.write(`${p.phase} iterations=${p.iterations} vehicles=${p.vehicles}${p.phase === 'hgs' ? ` cost=${p.bestCost.toFixed(3)}` : ''}\n`);
        }
        : undefined;
      const result = solve(problem, { seed, timeLimitSeconds, iterations, objective, onProgress });
      const idOf = (t: number): string | number => {
        const id = problem.tasks[t]!.id;
        return /^\d+$/.test(id) ? Number(id) : id;
      };
      const output = {
        instance: problem.name || basename(instance, extname(instance)),
        objective,
        seed,
        feasible: result.feasible,
        vehicles: result.vehicles,
        distance: Math.round(result.distance * 1e6) / 1e6,
        cost: Math.round(result.cost * 1e6) / 1e6,
        seconds: Math.round(result.seconds * 1000) / 1000,
        iterations: result.iterations,
        routes: result.routes.map((r) => r.tasks.map(idOf)),
        // Only with multi-trip vehicle types: each route's trips (its tasks between returns to the base).
        ...(result.routes.some((r) => r.trips) ? { trips: result.routes.map((r) => r.trips?.map((trip) => trip.map(idOf)) ?? [r.tasks.map(idOf)]) } : {}),
        vehicleTypes: result.routes.map((r) => problem.vehicles[r.vehicleType]!.id),
        unassigned: result.unassignedReasons.map((u) => ({ id: idOf(u.task), reason: u.reason })),
        penalty: Math.round(result.penalty * 1e6) / 1e6,
      };
      process.stdout.write(`${JSON.stringify(output)}\n`);
    });
}
