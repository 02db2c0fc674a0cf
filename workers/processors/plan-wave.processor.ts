import { UnrecoverableError, type Job } from 'bullmq';
import type { TravelByProfile } from '../../src/core/plan/travel';
import type { WaveInput } from '../../src/core/plan/wave-input.types';
import { planWave } from '../../src/core/routing/wave/plan-wave';
import type { Db } from '../../src/db/connection';
import { findCurrentRoadNetwork } from '../../src/db/road-network.repository';
import { findWave, loadWaveInput, markWaveFailed, savePlan } from '../../src/db/wave.repository';
import type { Logger } from '../../src/observability/logger';
import type { Metrics } from '../../src/observability/metrics';
import type { JobPayloads } from '../../src/queue/queue-names';
import type { RoadNetworkService } from '../../src/services/road-network.service';

/**
 * Travel matrices on the county's road network for every vehicle profile of its fleets, between the sites
 * the wave touches (cached per network version, profile and site set). None when the county has no network.
 */
async function roadTravel(db: Db, networks: RoadNetworkService | undefined, input: WaveInput): Promise<TravelByProfile | undefined> {
  if (!networks || !(await findCurrentRoadNetwork(db, input.countyId, { withGeoJson: false }))) return undefined;
  const siteOfCoop = new Map(input.cooperatives.map((c) => [c.id, c.siteId]));
  const coopSites = new Set(input.items.map((i) => siteOfCoop.get(i.cooperativeId)));
  const sites = input.sites.filter((s) => s.tier !== 'village' || coopSites.has(s.id)).sort((a, b) => a.id.localeCompare(b.id));
  const typeIds = new Set(input.fleets.filter((f) => f.count > 0).map((f) => f.vehicleTypeId));
  const profiles = [...new Set(input.vehicleTypes.filter((t) => typeIds.has(t.id)).map((t) => t.profile))].sort();
  const travel: Record<string, { siteIds: string[]; time: Float64Array; distance: Float64Array }> = {};
  for (const profile of profiles) {
    const m = await networks.travelMatrix(input.countyId, profile, sites.map((s) => ({ id: s.id, name: s.name, lon: s.lon, lat: s.lat })));
    travel[profile] = { siteIds: m.siteIds, time: m.time, distance: m.distance };
  }
  return travel;
}

/** Loads the wave, plans it with the core, stores plan, routes and stops (and queues the split) at once. */
export function createPlanWaveProcessor(deps: { db: Db; log: Logger; metrics?: Metrics; networks?: RoadNetworkService; planIterations?: number }) {
  return async (job: Job<JobPayloads['plan-wave']>) => {
    const waveId = job.data?.waveId;
    if (typeof waveId !== 'string') throw new UnrecoverableError('plan-wave: payload must carry waveId');
    const found = await findWave(deps.db, waveId);
    if (!found) throw new UnrecoverableError(`plan-wave: wave '${waveId}' does not exist`);
    if (found.planId) return { planId: found.planId, created: false };
    const input = await loadWaveInput(deps.db, waveId);
    if (!input) throw new UnrecoverableError(`plan-wave: wave '${waveId}' does not exist`);
    let plan;
    try {
      // Seeded by the wave and bounded by iterations: a re-driven job plans the same wave the same way.
      const seed = parseInt(waveId.replace(/-/g, '').slice(0, 8), 16);
      plan = planWave({ ...input, travel: await roadTravel(deps.db, deps.networks, input) }, { seed, iterations: deps.planIterations }).plan;
      if (deps.networks) {
        const profiles = new Map(input.vehicleTypes.map((t) => [t.id, t.profile]));
        plan = await deps.networks.withRoadGeometry(input.countyId, plan, (id) => profiles.get(id));
      }
    } catch (error) {
      // The core refuses the wave's data (e.g. no hub, a site off the network): retrying cannot help.
      await markWaveFailed(deps.db, waveId, (error as Error).message);
      throw new UnrecoverableError((error as Error).message);
    }
    const saved = await savePlan(deps.db, waveId, plan);
    if (saved.created) deps.metrics?.planCost.observe({ planner: plan.planner }, plan.totals.cost.totalCents / 100);
    deps.log.info({ waveId, planId: saved.planId, routes: plan.routes.length, costCents: plan.totals.cost.totalCents, distanceSource: plan.distanceSource },
      'plan-wave done');
    return saved;
  };
}
