import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planJsonSchema } from '../core/plan/plan.schema';

/** `npm run schemas`: writes the JSON Schemas of our documents to docs/. */
writeFileSync(join(__dirname, '..', '..', 'docs', 'plan.schema.json'), JSON.stringify(planJsonSchema(), null, 2) + '\n');
console.log('wrote docs/plan.schema.json');
