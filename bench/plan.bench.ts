/**
 * `npm run bench:plan` — the three-tier planner on the fixture county's wave (5,000 allocations from about
 * 40 cooperatives) and on the Andorra wave (real OpenStreetMap roads, read from ../shared): planning time
 * (target under 10 s each), cost, km, CO2e, the saving over the naive baseline (aim ≥ 30 %), and what is
 * left unassigned. Plans are on road-network matrices per vehicle profile. Writes bench/results/plan.json.
 *
 * Each wave upstream (collection) and downstream (delivery); per wave also what the cross-tier feedback loop
 * added: moves tried and kept, and the cost and unassigned count before and after it.
 *
 * Options: --iterations N (solver budget per wave, default the planner's), --feedback-iterations N (the feedback
 * loop's budget; 0 turns it off), --allocations N (fixture, default 5000).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { loadVehicleProfiles } from '../config/load-profiles';
import { generateAndorraScenario } from '../fixtures/andorra/andorra-scenario.generator';
import { generateCounty } from '../fixtures/county';
import { compileProfileGraph, computePartialTravelMatrix, importRoadNetwork } from '../src/core/graph';
import type { PlanDocument } from '../src/core/plan/plan.types';
import type { WaveInput } from '../src/core/plan/wave-input.types';
import { planWave } from '../src/core/routing/wave/plan-wave';
import { formatPlanSummary, yuan } from '../src/cli/plan-summary';
import { waveInputFromFixture } from '../test/helpers/wave-input.factory';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : Number(process.argv[i + 1]);
};
const profiles = loadVehicleProfiles();

function onRoads(wave: WaveInput, geojson: unknown): { wave: WaveInput; matrixMs: number } {
  const started = performance.now();
  const { graph } = importRoadNetwork(geojson);
  const used = [...new Set(wave.vehicleTypes.map((t) => t.profile))].sort();
  const travel = Object.fromEntries(used.map((p) => [p, computePartialTravelMatrix(compileProfileGraph(graph, profiles, p), wave.sites)]));
  return { wave: { ...wave, travel }, matrixMs: performance.now() - started };
}

function measure(name: string, wave: WaveInput, matrixMs: number) {
  const started = performance.now();
  const { plan, iterations, feedback } = planWave(wave, { seed: 1, iterations: arg('iterations'), feedbackIterations: arg('feedback-iterations') });
  const seconds = (performance.now() - started) / 1000;
  console.log(`\n${name}: planned in ${seconds.toFixed(2)} s (${iterations} solver iterations; road matrices ${(matrixMs / 1000).toFixed(2)} s)`);
  console.log(formatPlanSummary(plan));
  console.log(`feedback loop: ${feedback.kept} of ${feedback.tried} moves kept (${feedback.screened} screened on their village tiers) — ` +
    `cost ${yuan(feedback.before.costCents)} → ${yuan(feedback.after.costCents)}, unassigned ${feedback.before.unassigned} → ${feedback.after.unassigned}` +
    (feedback.moves.length > 0 ? `: ${feedback.moves.join(', ')}` : ''));
  return { ...summary(name, plan, seconds, iterations, matrixMs), feedback: {
    tried: feedback.tried, screened: feedback.screened, kept: feedback.kept, moves: feedback.moves,
    costCentsBefore: feedback.before.costCents, unassignedBefore: feedback.before.unassigned,
    savingCents: feedback.before.costCents - feedback.after.costCents, unassignedRelieved: feedback.before.unassigned - feedback.after.unassigned,
  } };
}

function summary(name: string, plan: PlanDocument, seconds: number, iterations: number, matrixMs: number) {
  const unassigned = plan.unassigned.reduce((s, u) => s + u.allocationIds.length, 0);
  const unassignedByReason: Record<string, number> = {};
  for (const u of plan.unassigned) unassignedByReason[u.reason] = (unassignedByReason[u.reason] ?? 0) + u.allocationIds.length;
  return {
    wave: name, direction: plan.direction, planner: plan.planner, distanceSource: plan.distanceSource, allocations: plan.items.length, unassigned, unassignedByReason,
    seconds: Math.round(seconds * 100) / 100, matrixSeconds: Math.round(matrixMs) / 1000, iterations,
    routes: plan.totals.routesByTier, costCents: plan.totals.cost.totalCents, km: Math.round(plan.totals.distanceM / 100) / 10,
    co2eKg: Math.round(plan.totals.co2eGrams / 100) / 10, naiveCostCents: plan.naiveBaseline.costCents,
    saving: { costShare: Math.round(plan.naiveBaseline.saving.costShare * 1000) / 1000, km: Math.round(plan.naiveBaseline.saving.distanceM / 100) / 10,
      co2eKg: Math.round(plan.naiveBaseline.saving.co2eGrams / 100) / 10 },
  };
}

const results = [];
const county = generateCounty();
for (const direction of ['upstream', 'downstream'] as const) {
  const fixture = onRoads(waveInputFromFixture(county, arg('allocations') ?? 5000, 1, { direction }), county.roads);
  results.push(measure(`fixture county ${direction} (${fixture.wave.items.length} allocations)`, fixture.wave, fixture.matrixMs));
}
const andorraFile = join(__dirname, '..', '..', 'shared', 'networks', 'andorra.geojson');
if (existsSync(andorraFile)) {
  const geojson = JSON.parse(readFileSync(andorraFile, 'utf8'));
  for (const direction of ['upstream', 'downstream'] as const) {
    const andorra = onRoads(generateAndorraScenario(geojson, profiles, { direction }).wave, geojson);
    results.push(measure(`Andorra ${direction} (${andorra.wave.items.length} allocations)`, andorra.wave, andorra.matrixMs));
  }
} else {
  console.log('Andorra: ../shared/networks/andorra.geojson not found, skipped');
}
mkdirSync(join(__dirname, 'results'), { recursive: true });
writeFileSync(join(__dirname, 'results', 'plan.json'), JSON.stringify({
  benchmark: 'plan', date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version, loadavg: loadavg() },
  targets: { seconds: 10, saving: 0.3 }, results,
}, null, 2) + '\n');
console.log('\nwrote bench/results/plan.json');
