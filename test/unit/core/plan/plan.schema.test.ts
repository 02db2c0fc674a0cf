import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { planDocumentSchema, planJsonSchema } from '../../../../src/core/plan/plan.schema';
import { planWaveBaseline } from '../../../../src/core/routing/wave-planner.baseline';
import { fixtureCounty } from '../../../helpers/factories';
import { waveInputFromFixture } from '../../../helpers/wave-input.factory';

describe('the plan document schema', () => {
  const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'plan.schema.json'), 'utf8'));

  it('is committed as generated (run `npm run schemas` after changing it)', () => {
    expect(committed).toEqual(planJsonSchema());
  });

  it('accepts the plans the planner produces, and refuses a broken one with the path of the fault', () => {
    const plan = planWaveBaseline(waveInputFromFixture(fixtureCounty(), 300, 2));
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(committed);
    expect(validate(JSON.parse(JSON.stringify(plan)))).toBe(true);
    expect(planDocumentSchema.safeParse(plan).success).toBe(true);
    const broken = JSON.parse(JSON.stringify(plan));
    broken.routes[0].stops[1].kind = 'teleport';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe('/routes/0/stops/1/kind');
  });
});
