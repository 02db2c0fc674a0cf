import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCostPolicy, type CostPolicy } from '../src/core/cost-split/cost-policy';

/** The default cost policy shipped in config/ (the county platform adds versions through the API later). */
export function loadDefaultCostPolicy(): CostPolicy {
  return parseCostPolicy(JSON.parse(readFileSync(join(__dirname, 'cost-policy.json'), 'utf8')));
}
