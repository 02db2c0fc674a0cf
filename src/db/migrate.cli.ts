import { loadConfig } from '../../config/load-config';
import { createDb, ensureDatabase } from './connection';
import { migrateToLatest } from './migrate';

async function main(): Promise<void> {
  const config = loadConfig();
  await ensureDatabase(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL, { max: 1 });
  try {
    const results = await migrateToLatest(db);
    if (results.length === 0) console.log('migrate: database is up to date');
    for (const r of results) console.log(`migrate: ${r.migrationName} ${r.status}`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
