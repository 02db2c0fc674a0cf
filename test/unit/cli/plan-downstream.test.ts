import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadVehicleProfiles } from '../../../config/load-profiles';
import { generateCounty } from '../../../fixtures/county';
import { compileProfileGraph, computePartialTravelMatrix, importRoadNetwork } from '../../../src/core/graph';
import { planDocumentSchema } from '../../../src/core/plan/plan.schema';
import { checkPlan } from '../../helpers/plan-checker';
import { waveInputFromFixture } from '../../helpers/wave-input.factory';

const bin = join(__dirname, '..', '..', '..', 'bin', 'coldlink');

describe('coldlink plan on a downstream scenario', () => {
  it('plans the deliveries offline and writes a plan of the same schema that keeps the mirrored rules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coldlink-plan-down-'));
    const county = generateCounty();
    const wave = waveInputFromFixture(county, 80, 3, { direction: 'downstream' });
    writeFileSync(join(dir, 'roads.geojson'), JSON.stringify(county.roads));
    writeFileSync(join(dir, 'down.json'), JSON.stringify(wave));
    const r = spawnSync(bin, ['plan', '--network', join(dir, 'roads.geojson'), '--scenario', join(dir, 'down.json'), '--out', join(dir, 'plan.json')],
      { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/downstream wave planned in/);
    expect(r.stdout).toMatch(/feedback loop between the tiers: \d+ of \d+ moves kept/);
    const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8'));
    expect(planDocumentSchema.safeParse(plan).success).toBe(true);
    expect(plan.direction).toBe('downstream');
    // The checker recomputes distances on the same road matrices the command built.
    const { graph } = importRoadNetwork(county.roads);
    const profiles = loadVehicleProfiles();
    const used = [...new Set(wave.vehicleTypes.map((t) => t.profile))].sort();
    checkPlan({ ...wave, travel: Object.fromEntries(used.map((p) => [p, computePartialTravelMatrix(compileProfileGraph(graph, profiles, p), wave.sites)])) }, plan);
  });
});
