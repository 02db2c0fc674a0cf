import type { Migration, MigrationProvider } from 'kysely';
import * as initialSchema from './2026112201-initial-schema';
import * as apiAccess from './2026112202-api-access';
import * as travelMatrixCache from './2026112203-travel-matrix-cache';
import * as waveSchedules from './2026112204-wave-schedules';
import * as waveDeliveries from './2026112205-wave-deliveries';

/** An explicit list rather than a folder scan: works the same under tsx, jest and a bundled build. */
const migrations: Record<string, Migration> = {
  '2026112201-initial-schema': initialSchema,
  '2026112202-api-access': apiAccess,
  '2026112203-travel-matrix-cache': travelMatrixCache,
  '2026112204-wave-schedules': waveSchedules,
  '2026112205-wave-deliveries': waveDeliveries,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
