import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadVehicleProfiles } from '../../../../../config/load-profiles';
import { generateAndorraScenario } from '../../../../../fixtures/andorra/andorra-scenario.generator';
import { compileProfileGraph, computePartialTravelMatrix, importRoadNetwork } from '../../../../../src/core/graph';
import type { WaveInput } from '../../../../../src/core/plan/wave-input.types';
import { planWave } from '../../../../../src/core/routing/wave/plan-wave';
import { fixtureCounty } from '../../../../helpers/factories';
import { checkPlan } from '../../../../helpers/plan-checker';
import { waveInputFromFixture } from '../../../../helpers/wave-input.factory';

const profiles = loadVehicleProfiles();
function onRoads(wave: WaveInput, geojson: unknown): WaveInput {
  const { graph } = importRoadNetwork(geojson);
  const used = [...new Set(wave.vehicleTypes.map((t) => t.profile))].sort();
  return { ...wave, travel: Object.fromEntries(used.map((p) => [p, computePartialTravelMatrix(compileProfileGraph(graph, profiles, p), wave.sites)])) };
}

describe('the three-tier wave planner', () => {
  const andorraRoads = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', '..', '..', 'shared', 'networks', 'andorra.geojson'), 'utf8'));
  const andorra = onRoads(generateAndorraScenario(andorraRoads, profiles, { allocations: 300 }).wave, andorraRoads);
  const county = fixtureCounty();
  const fixture = onRoads(waveInputFromFixture(county, 400, 8), county.roads);

  it.each([['Andorra', andorra], ['the fixture county', fixture]] as const)('keeps every rule on %s, on road distances', (_name, wave) => {
    const { plan } = planWave(wave, { seed: 3, iterations: 1500 });
    expect(plan.distanceSource).toBe('road-network');
    expect(plan.planner).toBe('three-tier-hgs');
    checkPlan(wave, plan);
  });

  it('beats the naive baseline on Andorra', () => {
    const { plan } = planWave(andorra, { seed: 3, iterations: 1500 });
    expect(plan.totals.cost.totalCents).toBeLessThan(plan.naiveBaseline.costCents);
  });

  it('is deterministic for a seed and an iteration budget, whatever the order of the allocations', () => {
    const a = planWave(andorra, { seed: 5, iterations: 800 });
    const b = planWave({ ...andorra, items: [...andorra.items].reverse() }, { seed: 5, iterations: 800 });
    expect(b.plan).toEqual(a.plan);
  });

  it('replays a time-limited plan exactly from the iterations it reports', () => {
    const timed = planWave(andorra, { seed: 9, timeLimitSeconds: 1 });
    const replay = planWave(andorra, { seed: 9, solveIterations: timed.solveIterations });
    expect(replay.plan).toEqual(timed.plan);
  });
});
