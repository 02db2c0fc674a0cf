import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const eslintBin = join(root, 'node_modules', '.bin', 'eslint');

interface LintMessage { ruleId: string | null; line: number; message: string; severity: number }

/** Runs the real ESLint CLI with the project's config on a file's text, as if the file lived at `asPath`. */
function lintAs(file: string, asPath: string): LintMessage[] {
  const run = spawnSync(eslintBin, ['--stdin', '--stdin-filename', asPath, '--format', 'json'], {
    cwd: root, input: readFileSync(join(root, file), 'utf8'), encoding: 'utf8',
  });
  if (run.status === 2 || !run.stdout) throw new Error(`eslint could not run: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { messages: LintMessage[] }[])[0]!.messages;
}

describe('the pure core may not import I/O', () => {
  it('refuses a deliberately impure file placed in src/core', () => {
    const refused = lintAs('test/fixtures/lint/bad-core.ts', 'src/core/graph/bad-core.ts').filter((m) => m.ruleId?.startsWith('no-restricted-'));
    const lines = new Set(refused.map((m) => m.line));
    // node:fs, path, pg, bullmq, ../../api, ../../../config, Math.random and process: each refused.
    for (const line of [3, 4, 5, 6, 7, 8, 18]) expect(lines).toContain(line);
    expect(refused.some((m) => m.message.includes('src/core is pure'))).toBe(true);
  });

  it('lets the same file live outside the core (the rule is about src/core only)', () => {
    const messages = lintAs('test/fixtures/lint/bad-core.ts', 'src/api/bad-core.ts');
    expect(messages.filter((m) => m.ruleId?.startsWith('no-restricted-'))).toEqual([]);
  });

  it('accepts a pure module in src/core', () => {
    const messages = lintAs('test/fixtures/lint/good-core.ts', 'src/core/graph/good-core.ts');
    expect(messages.filter((m) => m.severity === 2)).toEqual([]);
  });

  it('finds no boundary violation in the real src/core', () => {
    const run = spawnSync(eslintBin, ['src/core', '--format', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const results = JSON.parse(run.stdout) as { filePath: string; messages: LintMessage[] }[];
    const violations = results.flatMap((r) => r.messages.filter((m) => m.ruleId?.startsWith('no-restricted-')).map((m) => `${r.filePath}:${m.line} ${m.message}`));
    expect(violations).toEqual([]);
  });
});
