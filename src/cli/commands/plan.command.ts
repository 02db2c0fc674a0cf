import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadVehicleProfiles } from '../../../config/load-profiles';
import { compileProfileGraph, computePartialTravelMatrix, importRoadNetwork } from '../../core/graph';
import type { TravelByProfile } from '../../core/plan/travel';
import { parseWaveScenario } from '../../core/plan/wave-input.schema';
import { planWave } from '../../core/routing/wave/plan-wave';
import { formatPlanSummary, yuan } from '../plan-summary';
import { readJsonFile } from '../read-json-file';

/**
 * `coldlink plan`: plans one wave without any server — the road network file gives per-profile travel
 * matrices, the scenario file the wave (the planner's input as JSON), and the plan is written as JSON.
 */
export function register(program: Command): void {
  program
    .command('plan')
    .description('plan one dispatch wave on a road network, offline, and print the summary')
    .requiredOption('--network <file>', 'road network (GeoJSON FeatureCollection of OSM-style roads)')
    .requiredOption('--scenario <file>', 'the wave, upstream or downstream: sites, cooperatives, allocations, vehicle types and fleets (see docs/ and fixtures/)')
    .requiredOption('--out <file>', 'where to write the plan JSON')
    .option('--time-limit <s>', 'wall-clock budget for the solver (prints the iterations to replay it)')
    .option('--iterations <n>', 'solver iterations for the whole wave (default 6000; with the seed it defines the plan)')
    .option('--seed <n>', 'seed', '1')
    .action((options: { network: string; scenario: string; out: string; timeLimit?: string; iterations?: string; seed: string }) => {
      const seed = Number(options.seed);
      const timeLimit = options.timeLimit === undefined ? undefined : Number(options.timeLimit);
      const iterations = options.iterations === undefined ? undefined : Number(options.iterations);
      if (!Number.isSafeInteger(seed)) throw new Error(`plan: --seed must be an integer, got '${options.seed}'`);
      if (timeLimit !== undefined && !(timeLimit > 0)) throw new Error(`plan: --time-limit must be a positive number of seconds, got '${options.timeLimit}'`);
      if (iterations !== undefined && !(Number.isSafeInteger(iterations) && iterations > 0)) throw new Error(`plan: --iterations must be a positive integer, got '${options.iterations}'`);
      const wave = parseWaveScenario(readJsonFile(options.scenario));
      const { graph } = importRoadNetwork(readJsonFile(options.network));
      const profiles = loadVehicleProfiles();
      const used = new Set(wave.fleets.filter((f) => f.count > 0).map((f) => f.vehicleTypeId));
      const travel: Record<string, TravelByProfile[string]> = {};
      for (const profile of [...new Set(wave.vehicleTypes.filter((t) => used.has(t.id)).map((t) => t.profile))].sort()) {
        if (!profiles.profiles[profile]) throw new Error(`plan: vehicle profile '${profile}' is not in config/vehicle-profiles.json`);
        travel[profile] = computePartialTravelMatrix(compileProfileGraph(graph, profiles, profile), wave.sites);
      }
      const started = performance.now();
      const { plan, iterations: solverIterations, feedback } = planWave({ ...wave, travel }, { seed, timeLimitSeconds: timeLimit, iterations });
      const seconds = (performance.now() - started) / 1000;
      writeFileSync(options.out, JSON.stringify(plan, null, 1) + '\n');
      process.stdout.write(`${formatPlanSummary(plan)}\nfeedback loop between the tiers: ${feedback.kept} of ${feedback.tried} moves kept, cost ` +
        `${yuan(feedback.before.costCents)} → ${yuan(feedback.after.costCents)}, unassigned ${feedback.before.unassigned} → ${feedback.after.unassigned}\n` +
        `${plan.direction} wave planned in ${seconds.toFixed(2)} s, ${solverIterations} solver iterations (seed ${seed}); written to ${options.out}\n`);
    });
}
