/**
 * Matching benchmark (npm run bench:match [-- --quick: no 100,000-line burst, writes match-quick.json]).
 * Seeded livestream bursts (generateMatchInstance) are matched by matchOrders and measured against
 * HiGHS references built from the problem JSON alone (bench/match/reference.ts):
 * - fill: the maximal fill from an LP max-flow; the matcher must reach it exactly;
 * - small bursts: the exact MIP with the split penalty → the true optimality gap;
 * - a medium burst (2,000 lines): the LP relaxation of that MIP → a lower bound, so gap ≤ the figure;
 * - large bursts: the transportation LP (no split penalty) plus split × the splits every
 *   maximal-fill plan must make (bench/match/split-bound.ts) → a lower bound, so gap ≤ the figure.
 * The foundation's greedy baseline is run on the same bursts for comparison. Wall-clock and process
 * CPU time are both reported because the machine is shared.
 * Prints a table and writes bench/results/match.json.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Table from 'cli-table3';
import { matchOrdersGreedy } from '../src/core/matching/greedy-matcher.baseline';
import { computeMatchCost, generateMatchInstance, matchOrders, type MatchProblem } from '../src/core/matching';
import { splitModel, transportationBound } from './match/reference';
import { splitLowerBound } from './match/split-bound';

const quick = process.argv.includes('--quick');
const root = path.resolve(__dirname, '..');

type Reference = 'mip' | 'lp' | 'transport';
interface Case {
  name: string;
  lines: number;
  lots: number;
  seed: number;
  reference: Reference;
}

const cases: Case[] = [
  ...Array.from({ length: 20 }, (_, i) => i + 1).map((seed) => ({ name: `mip-60/s${seed}`, lines: 60, lots: 30, seed, reference: 'mip' as const })),
  ...[1, 2, 3].map((seed) => ({ name: `mip-200/s${seed}`, lines: 200, lots: 80, seed, reference: 'mip' as const })),
  { name: 'lp-2k', lines: 2_000, lots: 300, seed: 1, reference: 'lp' },
  { name: 'burst-10k', lines: 10_000, lots: 1_000, seed: 1, reference: 'transport' },
  ...(quick ? [] : [{ name: 'burst-100k', lines: 100_000, lots: 5_000, seed: 1, reference: 'transport' as const }]),
];

interface Row {
  name: string;
  lines: number;
  lots: number;
  orders: number;
  seconds: number;
  cpuSeconds: number;
  iterations: number;
  fill: number;
  maxFill: number;
  fillMaximal: boolean;
  serviceCost: number;
  unitCost: number;
  splits: number;
  /** Splits every maximal-fill plan must make (a lower bound). */
  splitLowerBound: number;
  reference: string;
  referenceStatus: string;
  referenceCost: number;
  referenceSeconds: number;
  /** (service − reference) / reference × 100; a true gap for an optimal MIP, else an upper bound. */
  gapPercent: number;
  gapIsExact: boolean;
  greedyFill: number;
  greedyServiceCost: number;
}

function timed<T>(fn: () => T): [T, number, number] {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return [result, wall, (cpu.user + cpu.system) / 1e6];
}

async function runCase(c: Case): Promise<Row> {
  const problem: MatchProblem = generateMatchInstance({ seed: c.seed, lines: c.lines, lots: c.lots });
  const [result, seconds, cpuSeconds] = timed(() => matchOrders(problem, { seed: 1 }));
  const cost = computeMatchCost(problem, result.allocations);
  const greedy = matchOrdersGreedy(problem);
  const greedyCost = computeMatchCost(problem, greedy.allocations);

  const bound = await transportationBound(problem);
  const forced = splitLowerBound(problem);
  let referenceCost = bound.unitCostBound + problem.weights.split * forced.splits;
  let referenceStatus = 'Optimal';
  let referenceSeconds = 0;
  let reference = 'transport LP + forced splits';
  let gapIsExact = false;
  if (c.reference !== 'transport') {
    const split = await splitModel(problem, bound.maxFill, { integer: c.reference === 'mip', timeLimitSeconds: 120 });
    referenceSeconds = split.seconds;
    referenceStatus = split.status;
    if (split.status === 'Optimal' && c.reference === 'mip') {
      referenceCost = split.objective;
      reference = 'MIP optimum';
      gapIsExact = true;
    } else if (split.status === 'Optimal' && split.objective > referenceCost) {
      // Both are lower bounds: keep the stronger.
      referenceCost = split.objective;
      reference = 'LP relaxation with splits';
    }
  }
  return {
    name: c.name,
    lines: c.lines,
    lots: problem.lots.length,
    orders: problem.orders.length,
    seconds,
    cpuSeconds,
    iterations: result.iterations,
    fill: cost.filledUnits,
    maxFill: bound.maxFill,
    fillMaximal: cost.filledUnits === bound.maxFill,
    serviceCost: cost.service,
    unitCost: cost.unitCost,
    splits: cost.splits,
    splitLowerBound: forced.splits,
    reference,
    referenceStatus,
    referenceCost,
    referenceSeconds,
    gapPercent: referenceCost > 0 ? ((cost.service - referenceCost) / referenceCost) * 100 : 0,
    gapIsExact,
    greedyFill: greedyCost.filledUnits,
    greedyServiceCost: greedyCost.service,
  };
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const c of cases) {
    process.stderr.write(`match bench: ${c.name} …\n`);
    rows.push(await runCase(c));
  }
  const table = new Table({
    head: ['instance', 'lines', 'lots', 'seconds', 'cpu s', 'fill / max', 'service cost', 'splits (≥)', 'reference', 'ref cost', 'gap %', 'greedy fill', 'greedy cost'],
  });
  for (const r of rows) {
    table.push([
      r.name,
      r.lines,
      r.lots,
      r.seconds.toFixed(3),
      r.cpuSeconds.toFixed(2),
      `${r.fill} / ${r.maxFill}${r.fillMaximal ? '' : ' ✗'}`,
      r.serviceCost.toFixed(2),
      `${r.splits} (≥ ${r.splitLowerBound})`,
      r.reference,
      r.referenceCost.toFixed(2),
      `${r.gapIsExact ? '' : '≤ '}${r.gapPercent.toFixed(3)}`,
      r.greedyFill,
      r.greedyServiceCost.toFixed(2),
    ]);
  }
  console.log(table.toString());
  const exact = rows.filter((r) => r.gapIsExact);
  const summary = {
    allFillsMaximal: rows.every((r) => r.fillMaximal),
    exactGapMeanPercent: exact.length ? exact.reduce((s, r) => s + r.gapPercent, 0) / exact.length : null,
    exactGapMaxPercent: exact.length ? Math.max(...exact.map((r) => r.gapPercent)) : null,
    exactWithinHalfPercent: exact.filter((r) => r.gapPercent <= 0.5).length,
    exactCount: exact.length,
  };
  console.log(
    `fill maximal on all: ${summary.allFillsMaximal}; exact gap mean ${summary.exactGapMeanPercent?.toFixed(3)} %, ` +
      `max ${summary.exactGapMaxPercent?.toFixed(3)} %, ${summary.exactWithinHalfPercent}/${summary.exactCount} within 0.5 %`,
  );
  const out = {
    benchmark: 'match',
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    loadAverage: os.loadavg(),
    quick,
    targets: { speed: '100,000 lines × 5,000 lots < 5 s; 10,000 lines < 1 s', quality: 'fill maximal; service cost within 0.5 % of optimum' },
    summary,
    rows,
  };
  const file = path.join(root, 'bench/results', quick ? 'match-quick.json' : 'match.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote ${path.relative(root, file)}`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
