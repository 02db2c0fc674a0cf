import type { Command } from 'commander';
import { loadConfig } from '../../../config/load-config';
import { createApiKey } from '../../db/api-key.repository';
import { createDb, ensureDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';

const ROLES = ['operator', 'logistics', 'platform'] as const;

/**
 * `coldlink keys create`: issues an API key straight in the database. It is how the first platform key is
 * made (every later key can be issued through POST /v1/api-keys). The key is printed once.
 */
export function register(program: Command): void {
  const keys = program.command('keys').description('API keys');
  keys
    .command('create')
    .description('issue an API key directly in the database (bootstrap: the county platform\'s first key)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .requiredOption('--scope <id>', 'county id (platform), operator id (operator) or firm id (logistics)')
    .option('--label <text>', 'what the key is for', 'bootstrap key')
    .action(async (options: { role: string; scope: string; label: string }) => {
      if (!(ROLES as readonly string[]).includes(options.role)) throw new Error(`keys: --role must be one of ${ROLES.join(', ')}, got '${options.role}'`);
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(options.scope)) throw new Error(`keys: --scope must be an id (letters, digits, . _ -), got '${options.scope}'`);
      const config = loadConfig();
      await ensureDatabase(config.DATABASE_URL);
      const db = createDb(config.DATABASE_URL, { max: 1 });
      try {
        await migrateToLatest(db);
        const key = await createApiKey(db, { role: options.role as (typeof ROLES)[number], scopeId: options.scope, label: options.label });
        process.stdout.write(JSON.stringify({ id: key.id, role: key.role, scopeId: key.scope_id, label: key.label, key: key.key,
          note: 'store the key now: only its hash is kept' }, null, 2) + '\n');
      } finally {
        await db.destroy();
      }
    });
}
