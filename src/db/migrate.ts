import { Migrator, type MigrationResult } from 'kysely';
import type { Db } from './connection';
import { migrationProvider } from './migrations';

/** Runs every pending migration; running it again is a no-op. */
export async function migrateToLatest(db: Db): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`db: migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message ?? String(error)}`);
  }
  return results ?? [];
}
