import {
  compileProfileGraph, computePartialTravelMatrix, importRoadNetwork, shortestPath, locateSites, networkContentHash, travelMatrixCacheKey,
  type CompiledProfileGraph, type ImportReport, type SiteRejection, type VehicleProfileSet,
} from '../core/graph';
import type { PlanDocument } from '../core/plan/plan.types';
import type { Db } from '../db/connection';
import { findCurrentRoadNetwork, findTravelMatrix, saveRoadNetwork, saveTravelMatrix, type StoredMatrix } from '../db/road-network.repository';

export interface SiteCheck { id: string; name: string; tier: string; lon: number; lat: number }

export type NetworkUploadResult =
  | { ok: true; version: string; report: ImportReport; sitesChecked: number }
  | { ok: false; dropped: ImportReport['dropped']; rejectedSites: { id: string; name: string; reasons: string[] }[]; report?: ImportReport };

export interface CachedMatrix extends StoredMatrix { networkVersion: string; source: 'memory' | 'database' | 'computed' }

/**
 * Road networks of the counties: import and store versions, and answer travel matrices from caches —
 * in memory (compiled graphs and matrices of this process) and in Postgres (matrices of any process).
 * The algorithms are the core's; this class only loads, stores and remembers.
 */
export class RoadNetworkService {
  private readonly compiled = new Map<string, CompiledProfileGraph>();
  private readonly matrices = new Map<string, StoredMatrix>();

  constructor(private readonly deps: { db: Db; profiles: VehicleProfileSet; maxSnapDistanceM?: number; memoryEntries?: number }) {}

  /**
   * Imports a network for a county. It is refused (nothing stored) when features had to be dropped (unless
   * allowed) or when a county site cannot be reached: each fault is named by feature index or site name.
   * A site passes if at least one of the given profiles reaches it and it is mutually reachable with the hub.
   */
  async upload(countyId: string, geojson: unknown, options: { allowDropped: boolean; sites: SiteCheck[]; profileIds: string[] }): Promise<NetworkUploadResult> {
    const version = networkContentHash(geojson);
    const network = importRoadNetwork(geojson);
    if (network.report.dropped.length > 0 && !options.allowDropped) {
      return { ok: false, dropped: network.report.dropped, rejectedSites: [], report: network.report };
    }
    const hub = options.sites.find((s) => s.tier === 'hub');
    const reasons = new Map<string, string[]>();
    let passedBy = new Set<string>();
    for (const profileId of options.profileIds) {
      const compiled = compileProfileGraph(network.graph, this.deps.profiles, profileId);
      const { snapped, rejected } = locateSites(compiled, options.sites, { maxSnapDistanceM: this.deps.maxSnapDistanceM, hubId: hub?.id });
      passedBy = new Set([...passedBy, ...snapped.filter((s) => !rejected.some((r: SiteRejection) => r.id === s.id)).map((s) => s.id)]);
      for (const r of rejected) reasons.set(r.id, [...(reasons.get(r.id) ?? []), `${profileId}: ${r.message}`]);
      this.remember(this.compiled, `${version}:${profileId}`, compiled);
    }
    const rejectedSites = options.sites.filter((s) => !passedBy.has(s.id)).map((s) => ({ id: s.id, name: s.name, reasons: reasons.get(s.id) ?? [] }));
    if (rejectedSites.length > 0) return { ok: false, dropped: [], rejectedSites, report: network.report };
    await saveRoadNetwork(this.deps.db, { countyId, contentHash: version, geojson, report: network.report });
    return { ok: true, version, report: network.report, sitesChecked: options.sites.length };
  }

  /** A travel matrix between sites for a vehicle profile on the county's current network, cached. */
  async travelMatrix(countyId: string, profileId: string, sites: { id: string; name?: string; lon: number; lat: number }[]): Promise<CachedMatrix> {
    const current = await findCurrentRoadNetwork(this.deps.db, countyId, { withGeoJson: false });
    if (!current) throw new Error(`services/road-network: county '${countyId}' has no road network`);
    const profile = this.deps.profiles.profiles[profileId];
    if (!profile) throw new Error(`services/road-network: unknown vehicle profile '${profileId}'`);
    const key = travelMatrixCacheKey({ networkVersion: current.content_hash, profile, sites, maxSnapDistanceM: this.deps.maxSnapDistanceM });
    const inMemory = this.matrices.get(key);
    if (inMemory) return { ...inMemory, networkVersion: current.content_hash, source: 'memory' };
    const stored = await findTravelMatrix(this.deps.db, key);
    if (stored) {
      this.remember(this.matrices, key, stored);
      return { ...stored, networkVersion: current.content_hash, source: 'database' };
    }
    const compiled = await this.compiledGraph(countyId, current.content_hash, profileId);
    // A site this profile cannot reach is an unreachable row and column, not an error: the planner decides.
    const m = computePartialTravelMatrix(compiled, sites, { maxSnapDistanceM: this.deps.maxSnapDistanceM });
    const matrix = { siteIds: m.siteIds, time: m.time, distance: m.distance };
    await saveTravelMatrix(this.deps.db, { cacheKey: key, networkHash: current.content_hash, profile: profileId, matrix });
    this.remember(this.matrices, key, matrix);
    return { ...matrix, networkVersion: current.content_hash, source: 'computed' };
  }

  /**
   * Draws each route along the roads its vehicle takes (one shortest path per leg, on the profile's graph),
   * instead of straight segments between stops. A leg that cannot be drawn keeps its straight segment.
   */
  async withRoadGeometry(countyId: string, plan: PlanDocument, profileOf: (vehicleTypeId: string) => string | undefined): Promise<PlanDocument> {
    const current = await findCurrentRoadNetwork(this.deps.db, countyId, { withGeoJson: false });
    if (!current) return plan;
    const routes = [];
    for (const route of plan.routes) {
      const profile = profileOf(route.vehicleTypeId);
      if (!profile) { routes.push(route); continue; }
      const compiled = await this.compiledGraph(countyId, current.content_hash, profile);
      const coordinates: [number, number][] = [];
      for (let k = 0; k + 1 < route.stops.length; k++) {
        const a = route.stops[k]!;
        const b = route.stops[k + 1]!;
        const leg = a.siteId === b.siteId ? null : shortestPath(compiled, [a.lon, a.lat], [b.lon, b.lat], { maxSnapDistanceM: this.deps.maxSnapDistanceM });
        const points = leg ? leg.geometry.coordinates.map((c) => [c[0], c[1]] as [number, number]) : [[a.lon, a.lat], [b.lon, b.lat]] as [number, number][];
        coordinates.push(...(coordinates.length > 0 ? points.slice(1) : points));
      }
      routes.push({ ...route, geometry: { type: 'LineString' as const, coordinates } });
    }
    return { ...plan, routes };
  }

  private async compiledGraph(countyId: string, version: string, profileId: string): Promise<CompiledProfileGraph> {
    const key = `${version}:${profileId}`;
    const known = this.compiled.get(key);
    if (known) return known;
    const current = await findCurrentRoadNetwork(this.deps.db, countyId, { withGeoJson: true });
    if (!current || current.content_hash !== version) throw new Error(`services/road-network: network ${version} of '${countyId}' is no longer current`);
    const compiled = compileProfileGraph(importRoadNetwork(current.geojson).graph, this.deps.profiles, profileId);
    this.remember(this.compiled, key, compiled);
    return compiled;
  }

  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    map.set(key, value);
    // Oldest first out: a small, bounded memory per process.
    while (map.size > (this.deps.memoryEntries ?? 32)) map.delete(map.keys().next().value as string);
  }
}
