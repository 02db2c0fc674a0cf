import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { generateCounty } from '../../../fixtures/county';
import { planDocumentSchema } from '../../../src/core/plan/plan.schema';
import { waveInputFromFixture } from '../../helpers/wave-input.factory';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(__dirname, '..', '..', '..', 'bin', 'coldlink');
const run = (...args: string[]) => spawnSync(bin, args, { encoding: 'utf8', timeout: 60_000 });

describe('bin/coldlink', () => {
  it('--help lists the commands and exits 0', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: coldlink/);
    expect(r.stdout).toMatch(/split/);
  });

  it('bad input: a one-line error and a non-zero exit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coldlink-cli-'));
    writeFileSync(join(dir, 'broken.json'), '{ "routes": [');
    const missing = run('split', '--plan', join(dir, 'missing.json'));
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^coldlink: cannot read .*missing\.json: ENOENT/);
    const broken = run('split', '--plan', join(dir, 'broken.json'));
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/broken\.json is not valid JSON/);
    expect(run('no-such-command').status).not.toBe(0);
  });

  it('plan: plans a scenario on a road network offline, and names the JSON path of a bad scenario', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coldlink-plan-'));
    const county = generateCounty();
    const wave = waveInputFromFixture(county, 80, 3);
    writeFileSync(join(dir, 'roads.geojson'), JSON.stringify(county.roads));
    writeFileSync(join(dir, 'wave.json'), JSON.stringify(wave));
    const ok = run('plan', '--network', join(dir, 'roads.geojson'), '--scenario', join(dir, 'wave.json'), '--out', join(dir, 'plan.json'));
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/on road-network distances/);
    const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8'));
    expect(planDocumentSchema.safeParse(plan).success).toBe(true);
    expect(plan.items).toHaveLength(80);

    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...wave, items: [{ ...wave.items[0], units: -1 }] }));
    const bad = run('plan', '--network', join(dir, 'roads.geojson'), '--scenario', join(dir, 'bad.json'), '--out', join(dir, 'x.json'));
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toMatch(/^coldlink: core\/plan: scenario\/items\/0\/units: /);
  });
});
