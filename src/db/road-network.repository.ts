import { sql } from 'kysely';
import type { Db } from './connection';

/** Stores a network version for a county and makes it the current one (the same content is stored once). */
export async function saveRoadNetwork(db: Db, input: { countyId: string; contentHash: string; geojson: unknown; report: unknown }) {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('road_networks').set({ is_current: false }).where('county_id', '=', input.countyId).execute();
    return trx.insertInto('road_networks')
      .values({ county_id: input.countyId, content_hash: input.contentHash, geojson: JSON.stringify(input.geojson), import_report: JSON.stringify(input.report), is_current: true })
      .onConflict((oc) => oc.columns(['county_id', 'content_hash']).doUpdateSet({ is_current: true, import_report: JSON.stringify(input.report) }))
      .returning(['id', 'content_hash', 'created_at'])
      .executeTakeFirstOrThrow();
  });
}

export async function findCurrentRoadNetwork(db: Db, countyId: string, options: { withGeoJson: boolean }) {
  const columns = ['id', 'content_hash', 'import_report', 'created_at'] as const;
  const row = await db.selectFrom('road_networks').select([...columns, ...(options.withGeoJson ? (['geojson'] as const) : [])])
    .where('county_id', '=', countyId).where('is_current', '=', true).executeTakeFirst();
  return row as (typeof row & { geojson?: unknown }) | undefined;
}

export interface StoredMatrix { siteIds: string[]; time: Float64Array; distance: Float64Array }

const toBytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const fromBytes = (b: Buffer) => {
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return new Float64Array(copy.buffer);
};

export async function findTravelMatrix(db: Db, cacheKey: string): Promise<StoredMatrix | undefined> {
  const row = await db.selectFrom('travel_matrices').select(['site_ids', 'time_s', 'distance_m']).where('cache_key', '=', cacheKey).executeTakeFirst();
  if (!row) return undefined;
  return { siteIds: row.site_ids as unknown as string[], time: fromBytes(row.time_s), distance: fromBytes(row.distance_m) };
}

export async function saveTravelMatrix(db: Db, input: { cacheKey: string; networkHash: string; profile: string; matrix: StoredMatrix }): Promise<void> {
  await db.insertInto('travel_matrices').values({
    cache_key: input.cacheKey, network_hash: input.networkHash, profile: input.profile, site_ids: JSON.stringify(input.matrix.siteIds),
    time_s: toBytes(input.matrix.time), distance_m: toBytes(input.matrix.distance),
  }).onConflict((oc) => oc.column('cache_key').doNothing()).execute();
}

export async function countTravelMatrices(db: Db): Promise<number> {
  return Number((await db.selectFrom('travel_matrices').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}
