import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..', '..');

interface ComposeService { build?: unknown; image?: string; command?: string[]; environment?: Record<string, string>; deploy?: { replicas?: number } }

describe('docker-compose.yml stays honest (CI has no Docker engine to run it)', () => {
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, ComposeService> };
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  it('has postgres, redis (AOF, noeviction), api and several worker replicas', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'api', 'worker']));
    const redis = compose.services.redis!.command!.join(' ');
    expect(redis).toMatch(/--appendonly yes/);
    expect(redis).toMatch(/--maxmemory-policy noeviction/);
    expect(compose.services.worker!.deploy?.replicas).toBeGreaterThan(1);
  });

  it('runs only npm scripts that exist in package.json, from an image built by the Dockerfile', () => {
    expect(existsSync(join(root, 'Dockerfile'))).toBe(true);
    const built = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);
    expect(built.length).toBeGreaterThanOrEqual(2);
    for (const [name, service] of built) {
      const command = service.command ?? ['npm', 'run', 'start:api'];
      expect({ name, tool: command.slice(0, 2) }).toEqual({ name, tool: ['npm', 'run'] });
      expect({ name, script: command[2], exists: command[2]! in scripts }).toEqual({ name, script: command[2], exists: true });
    }
  });

  it('uses a hash-tagged queue prefix and only settings the config knows', () => {
    const { configSchema } = require('../../../config/config.schema') as typeof import('../../../config/config.schema');
    for (const service of Object.values(compose.services).filter((s) => s.build !== undefined)) {
      expect(service.environment?.QUEUE_PREFIX).toMatch(/^\{[a-z0-9-]+\}$/);
      for (const key of Object.keys(service.environment ?? {})) expect(Object.keys(configSchema.shape)).toContain(key);
    }
  });

  it('the Dockerfile runs npm scripts that exist', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    for (const match of dockerfile.matchAll(/"npm", "run", "([^"]+)"/g)) expect(scripts).toHaveProperty([match[1]!]);
  });
});
