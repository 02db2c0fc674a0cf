/**
 * `coldlink match FILE [--time-limit S] [--seed N] [--iterations N]`: read a matching problem
 * (issue 6 JSON), fill its orders from its lots and print the result JSON on stdout.
 */
import type { Command } from 'commander';
import { matchOrders, parseMatchProblem } from '../../core/matching';
import { readJsonFile } from '../read-json-file';

function number(name: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x < 0 || (integer && !Number.isInteger(x))) {
    throw new Error(`match: --${name} must be a ${integer ? 'non-negative integer' : 'non-negative number'}, got "${value}"`);
  }
  return x;
}

export function register(program: Command): void {
  program
    .command('match')
    .description('fill livestream order lines from cooperative lots (maximal fill, then least cost) and print the allocations as JSON')
    .argument('<file>', 'problem JSON: handoverAt, skus, cooperatives, lots, orders, weights')
    .option('--time-limit <seconds>', 'wall-clock limit for the split search (the exact flow always completes)')
    .option('--iterations <n>', 'iteration limit (replays a run exactly with the same seed)')
    .option('--seed <n>', 'random seed', '1')
    .action((file: string, opts: { timeLimit?: string; iterations?: string; seed: string }) => {
      const timeLimitSeconds = number('time-limit', opts.timeLimit, false);
      const iterations = number('iterations', opts.iterations, true);
      const seed = number('seed', opts.seed, true)!;
      let problem;
      try {
        problem = parseMatchProblem(readJsonFile(file));
      } catch (error) {
        throw new Error(`match: ${(error as Error).message}`);
      }
      const result = matchOrders(problem, { seed, timeLimitSeconds, iterations });
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    });
}
