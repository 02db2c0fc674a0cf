import { ConfigError, loadConfig } from '../../../config/load-config';

describe('configuration', () => {
  it('has defaults that work with local services', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/coldlink');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.QUEUE_PREFIX).toBe('{coldlink}');
  });

  it('lists every bad setting in one error', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty', QUEUE_PREFIX: 'coldlink', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const key of ['DATABASE_URL', 'PORT', 'QUEUE_PREFIX', 'LOG_LEVEL']) expect(problems).toContain(key);
    expect((error as ConfigError).message).toMatch(/^config: 4 invalid setting\(s\)/);
  });

  it('reads numbers from the environment strictly', () => {
    expect(loadConfig({ PORT: '8080' }).PORT).toBe(8080);
    expect(() => loadConfig({ PORT: '80.5' })).toThrow(/PORT/);
    expect(() => loadConfig({ SWEEP_STALE_AFTER_MS: '-1' })).toThrow(/SWEEP_STALE_AFTER_MS/);
  });
});
