import { UnrecoverableError, WaitingChildrenError, type Job, type Queue } from 'bullmq';
import type { TravelByProfile } from '../../src/core/plan/travel';
import type { WaveInput } from '../../src/core/plan/wave-input.types';
import type { Db } from '../../src/db/connection';
import { findCurrentRoadNetwork } from '../../src/db/road-network.repository';
import { findWave, loadWaveInput, markWaveFailed, savePlan, vehicleProfiles } from '../../src/db/wave.repository';
import type { Logger } from '../../src/observability/logger';
import type { Metrics } from '../../src/observability/metrics';
import type { JobPayloads } from '../../src/queue/queue-names';
import type { RoadNetworkService } from '../../src/services/road-network.service';
import { encodeSolveRequest, SOLVE_WAVE_QUEUE, type SolveWaveRequest, type SolveWaveResult } from './solve-wave.codec';

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

export interface PlanWaveDeps {
  db: Db; log: Logger; metrics?: Metrics; networks?: RoadNetworkService;
  /** Solver iterations for the whole wave; with the wave id as seed they define the plan. */
  planIterations?: number;
  /** A wall-clock budget instead (the iterations each solver call used are logged, so the plan can be replayed). */
  planTimeLimitSeconds?: number;
  /** Where the pure solve is queued: a sandboxed processor works on it in a child process. */
  solveQueue: Queue<SolveWaveRequest, SolveWaveResult>;
}

type PlanWaveData = JobPayloads['plan-wave'] & { step?: 'solve' | 'save' };

/**
 * plan-wave in two steps of one job (BullMQ's step-job pattern). `solve`: load the wave from Postgres, add
 * the pure solve as a child job in the sandboxed solve-wave queue and wait for it without holding a worker
 * slot. `save`: take the child's plan, add road geometry and write plan, routes and stops in one transaction.
 *
 * Why the child only solves: the transaction stays in this process with its pool, the child needs no
 * database and no settings (every per-file test database and every deployment works unchanged), and the
 * CPU-bound part is exactly what must not stall this process's event loop — the lock renewals and the
 * other queues' jobs run here while the child computes.
 */
export function createPlanWaveProcessor(deps: PlanWaveDeps) {
  return async (job: Job<PlanWaveData>, token?: string) => {
    const waveId = job.data?.waveId;
    if (typeof waveId !== 'string') throw new UnrecoverableError('plan-wave: payload must carry waveId');
    const found = await findWave(deps.db, waveId);
    if (!found) throw new UnrecoverableError(`plan-wave: wave '${waveId}' does not exist`);
    if (found.planId) return { planId: found.planId, created: false };

    if (job.data.step !== 'save') {
      const input = await loadWaveInput(deps.db, waveId);
      if (!input) throw new UnrecoverableError(`plan-wave: wave '${waveId}' does not exist`);
      let travel: TravelByProfile | undefined;
      try {
        travel = await roadTravel(deps.db, deps.networks, input);
      } catch (error) {
        // A site off the county's network: the wave's data is wrong, retrying cannot help.
        await markWaveFailed(deps.db, waveId, (error as Error).message);
        throw new UnrecoverableError((error as Error).message);
      }
      // Seeded by the wave and bounded by iterations: a re-driven job plans the same wave the same way.
      const seed = parseInt(waveId.replace(/-/g, '').slice(0, 8), 16);
      const options = deps.planTimeLimitSeconds ? { seed, timeLimitSeconds: deps.planTimeLimitSeconds } : { seed, iterations: deps.planIterations };
      // One child per attempt of this job: a job id may have only one parent.
      await deps.solveQueue.add(SOLVE_WAVE_QUEUE, encodeSolveRequest(waveId, { ...input, travel }, options), {
        jobId: `solve-wave-${job.id}`, parent: { id: job.id!, queue: job.queueQualifiedName }, ignoreDependencyOnFailure: true,
      });
      await job.updateData({ ...job.data, step: 'save' });
      if (await job.moveToWaitingChildren(token!)) throw new WaitingChildrenError();
    }

    const result = Object.values(await job.getChildrenValues<SolveWaveResult>())[0];
    if (!result) {
      const failure = Object.values(await job.getIgnoredChildrenFailures())[0];
      if (failure !== undefined) {
        await markWaveFailed(deps.db, waveId, `the solver failed: ${failure}`);
        throw new UnrecoverableError(`plan-wave: the solver failed for wave '${waveId}': ${failure}`);
      }
      // Neither a plan nor a failure (Redis lost the child): solve again on the next attempt.
      await job.updateData({ waveId, step: 'solve' });
      throw new Error(`plan-wave: the solve of wave '${waveId}' left no result; solving again`);
    }
    if (!result.ok) {
      await markWaveFailed(deps.db, waveId, result.error);
      throw new UnrecoverableError(result.error);
    }
    let plan = result.plan;
    if (deps.networks) {
      const profiles = await vehicleProfiles(deps.db);
      plan = await deps.networks.withRoadGeometry(plan.countyId, plan, (id) => profiles.get(id));
    }
    const saved = await savePlan(deps.db, waveId, plan);
    if (saved.created) deps.metrics?.planCost.observe({ planner: plan.planner }, plan.totals.cost.totalCents / 100);
    deps.log.info({ waveId, planId: saved.planId, routes: plan.routes.length, costCents: plan.totals.cost.totalCents, distanceSource: plan.distanceSource,
      iterations: result.iterations, solveIterations: result.solveIterations, solverPid: result.solverPid }, 'plan-wave done');
    return { ...saved, solverPid: result.solverPid, iterations: result.iterations };
  };
}
