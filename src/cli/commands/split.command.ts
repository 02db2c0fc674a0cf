import type { Command } from 'commander';
import { parseCostPolicy, ROUTE_SHARING_METHODS, type RouteSharing } from '../../core/cost-split/cost-policy';
import { splitPlanCost } from '../../core/cost-split/cost-split';
import { costSplitToCsv } from '../../core/cost-split/cost-split.csv';
import type { PlanDocument } from '../../core/plan/plan.types';
import { readJsonFile } from '../read-json-file';

interface SplitCliOptions { plan: string; policy?: string; method?: string; seed?: string; csv?: boolean }

export function register(program: Command): void {
  program
    .command('split')
    .description('split a plan\'s cold-chain cost between government, logistics firm, cooperatives and farmers')
    .requiredOption('--plan <file>', 'plan JSON (as GET /v1/plans/:id or coldlink plan writes it)')
    .option('--policy <file>', 'cost policy JSON (default: config/cost-policy.json)')
    .option('--method <method>', `route sharing, overriding the policy's: ${ROUTE_SHARING_METHODS.join(', ')}`)
    .option('--seed <n>', 'seed of Shapley permutation sampling (default: the policy\'s)')
    .option('--csv', 'print the accountants\' CSV instead of JSON')
    .action((options: SplitCliOptions) => {
      const plan = readJsonFile(options.plan) as PlanDocument;
      if (!plan || !Array.isArray(plan.routes) || !Array.isArray(plan.items)) {
        throw new Error(`split: ${options.plan} is not a plan document (needs routes and items)`);
      }
      const policyFile = options.policy ?? require.resolve('../../../config/cost-policy.json');
      const policy = parseCostPolicy(readJsonFile(policyFile));
      if (options.method !== undefined && !(ROUTE_SHARING_METHODS as readonly string[]).includes(options.method)) {
        throw new Error(`split: --method must be one of ${ROUTE_SHARING_METHODS.join(', ')}, got '${options.method}'`);
      }
      let seed: number | undefined;
      if (options.seed !== undefined) {
        seed = Number(options.seed);
        if (!/^\d+$/.test(options.seed) || seed > 0xffffffff) throw new Error(`split: --seed must be an integer in 0..4294967295, got '${options.seed}'`);
      }
      const split = splitPlanCost(plan, policy, {
        ...(options.method !== undefined ? { method: options.method as RouteSharing } : {}),
        ...(seed !== undefined ? { seed } : {}),
      });
      process.stdout.write(options.csv ? costSplitToCsv(split) : JSON.stringify(split, null, 2) + '\n');
    });
}
