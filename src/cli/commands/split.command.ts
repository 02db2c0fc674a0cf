import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseCostPolicy } from '../../core/cost-split/cost-policy';
import { splitPlanCostBaseline } from '../../core/cost-split/cost-split.baseline';
import type { PlanDocument } from '../../core/plan/plan.types';
import { readJsonFile } from '../read-json-file';

export function register(program: Command): void {
  program
    .command('split')
    .description('split a plan\'s cold-chain cost between government, logistics firm, cooperatives and farmers')
    .requiredOption('--plan <file>', 'plan JSON (as GET /v1/plans/:id or coldlink plan writes it)')
    .option('--policy <file>', 'cost policy JSON (default: config/cost-policy.json)')
    .action((options: { plan: string; policy?: string }) => {
      const plan = readJsonFile(options.plan) as PlanDocument;
      if (!plan || !Array.isArray(plan.routes) || !Array.isArray(plan.items)) {
        throw new Error(`split: ${options.plan} is not a plan document (needs routes and items)`);
      }
      const policyFile = options.policy ?? require.resolve('../../../config/cost-policy.json');
      const policy = parseCostPolicy(JSON.parse(readFileSync(policyFile, 'utf8')));
      process.stdout.write(JSON.stringify(splitPlanCostBaseline(plan, policy), null, 2) + '\n');
    });
}
