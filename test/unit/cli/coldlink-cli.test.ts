import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
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
});
