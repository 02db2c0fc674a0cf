/**
 * `npm run bench:split` (npx tsx bench/split.bench.ts) — the four-party cost split:
 * 1. time to split the fixture plan (baseline planner over the fixture county, 1,500 allocations by
 *    default) with each route-sharing method, median of several runs, with the Shapley work done
 *    (routes exact/sampled, permutations, coalition tours);
 * 2. sampled vs exact Shapley on every fixture village route (≤ 10 cooperatives, so exact is the
 *    reference), for several permutation counts and seeds: the error of the shares in cents and as a
 *    share of the route's terminal cost;
 * 3. the same on synthetic milk runs of 11–16 cooperatives (real fixture villages, the k nearest a
 *    station, nearest-neighbour order), where the policy samples and exact enumeration is still possible;
 * 4. any further plan given with --plan FILE (e.g. an Andorra plan once the road-network planner writes one).
 * Writes bench/results/split.json.
 *
 * Options: --allocations N (default 1500), --runs N (default 5), --plan FILE (repeatable).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, join } from 'node:path';
import Table from 'cli-table3';
import { generateCounty } from '../fixtures/county';
import { parseCostPolicy, type RouteSharing, type ShapleyPolicy } from '../src/core/cost-split/cost-policy';
import { splitPlanCost } from '../src/core/cost-split/cost-split';
import type { CostSplitDocument } from '../src/core/cost-split/cost-split.types';
import { buildRouteGame } from '../src/core/cost-split/route-game';
import { splitRouteCost } from '../src/core/cost-split/route-sharing';
import { haversineMetres } from '../src/core/geo/haversine';
import { costTrip, loadOf } from '../src/core/plan/plan-costing';
import type { PlanDocument, PlanItem, PlanRoute, PlanStop } from '../src/core/plan/plan.types';
import { planWaveBaseline } from '../src/core/routing/wave-planner.baseline';
import { loadVehicleProfiles } from '../config/load-profiles';
import { compileProfileGraph, computePartialTravelMatrix, importRoadNetwork } from '../src/core/graph';
import type { TravelByProfile } from '../src/core/plan/travel';
import type { WaveInput } from '../src/core/plan/wave-input.types';
import { generateAndorraScenario } from '../fixtures/andorra/andorra-scenario.generator';
import { waveInputFromFixture } from '../test/helpers/wave-input.factory';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`bench:split: --${name} must be a positive integer`);
  return value;
}
const extraPlans = process.argv.flatMap((a, i) => (a === '--plan' && process.argv[i + 1] ? [process.argv[i + 1]!] : []));
const ALLOCATIONS = arg('allocations', 1500);
const RUNS = arg('runs', 5);
const METHODS: RouteSharing[] = ['proportional-kg', 'kg-km', 'shapley'];
const PERMUTATIONS = [100, 500, 2000];
const SEEDS = [1, 2, 3, 4, 5];

const root = join(__dirname, '..');
const policy = parseCostPolicy(JSON.parse(readFileSync(join(root, 'config', 'cost-policy.json'), 'utf8')));

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };
const r2 = (x: number) => Math.round(x * 100) / 100;
const r4 = (x: number) => Math.round(x * 10000) / 10000;
const yuan = (c: number) => `¥${(c / 100).toFixed(2)}`;

function timeSplit(plan: PlanDocument, method: RouteSharing): { ms: number; split: CostSplitDocument } {
  splitPlanCost(plan, policy, { method }); // warm-up
  const times: number[] = [];
  let split!: CostSplitDocument;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    split = splitPlanCost(plan, policy, { method });
    times.push(performance.now() - t);
  }
  return { ms: median(times), split };
}

function shapleyWork(split: CostSplitDocument) {
  const shared = split.routes.filter((r) => r.tier === 'village' && r.sharing);
  return {
    villageRoutes: shared.length,
    cooperativesPerRoute: { max: Math.max(0, ...shared.map((r) => r.sharedBy.length)), mean: r2(shared.reduce((s, r) => s + r.sharedBy.length, 0) / Math.max(1, shared.length)) },
    exactRoutes: shared.filter((r) => r.sharing!.evaluation === 'exact').length,
    sampledRoutes: shared.filter((r) => r.sharing!.evaluation === 'sampled').length,
    samplePermutations: shared.reduce((s, r) => s + r.sharing!.samplePermutations, 0),
    coalitionTours: shared.reduce((s, r) => s + r.sharing!.coalitionTours, 0),
  };
}

/** Sampled vs exact Shapley shares (cents) on the given routes, per permutation count, over several seeds. */
function samplingError(plan: PlanDocument, routes: PlanRoute[]) {
  const items = new Map<string, PlanItem>(plan.items.map((i) => [i.allocationId, i]));
  const games = routes.map((route) => {
    const c = route.cost;
    const subsidy = route.refrigerationS > 0 ? Math.round(c.fuelCents * policy.government.fuelSubsidyShare) : 0;
    const amount = c.fuelCents - subsidy + c.driverCents + c.refrigerationCents;
    const game = buildRouteGame(route, items, { distanceCents: c.fuelCents - subsidy, timeCents: c.driverCents + c.refrigerationCents });
    const exactPolicy: ShapleyPolicy = { ...policy.shapley, exactMaxCooperatives: 16 };
    const t = performance.now();
    const exact = splitRouteCost(game, amount, 'shapley', exactPolicy, 0);
    return { route, game, amount, exact, exactMs: performance.now() - t };
  }).filter((g) => g.game.players.length >= 2);
  const rows = PERMUTATIONS.map((permutations) => {
    let maxAbs = 0;
    let maxRel = 0;
    let sumAbs = 0;
    let count = 0;
    let ms = 0;
    for (const g of games) {
      for (const seed of SEEDS) {
        const sampledPolicy: ShapleyPolicy = { exactMaxCooperatives: 0, samplePermutations: permutations, seed };
        const t = performance.now();
        const sampled = splitRouteCost(g.game, g.amount, 'shapley', sampledPolicy, seed);
        ms += performance.now() - t;
        sampled.sharedBy.forEach((s, i) => {
          const err = Math.abs(s.shareCents - g.exact.sharedBy[i]!.shareCents);
          maxAbs = Math.max(maxAbs, err);
          maxRel = Math.max(maxRel, g.amount > 0 ? err / g.amount : 0);
          sumAbs += err;
          count++;
        });
      }
    }
    return { permutations, routes: games.length, seeds: SEEDS.length, maxAbsErrorCents: maxAbs, meanAbsErrorCents: r2(sumAbs / Math.max(1, count)),
      maxErrorShareOfRouteCost: r4(maxRel), msPerRoute: r2(ms / Math.max(1, games.length * SEEDS.length)) };
  });
  return { games, rows, exactMsPerRoute: r2(games.reduce((s, g) => s + g.exactMs, 0) / Math.max(1, games.length)) };
}

/** A milk run from a station through the k villages of cooperatives nearest to it, in nearest-neighbour order. */
function syntheticRoutes(county: ReturnType<typeof generateCounty>, sizes: number[]): PlanDocument {
  const sites = new Map(county.sites.map((s) => [s.id, s]));
  const station = county.sites.filter((s) => s.tier === 'station').sort((a, b) => a.id.localeCompare(b.id))[0]!;
  const van = county.vehicleTypes.find((t) => t.reeferCostPerHourCents > 0) ?? county.vehicleTypes[0]!;
  const coops = [...county.cooperatives].sort((a, b) => {
    const va = sites.get(a.siteId)!;
    const vb = sites.get(b.siteId)!;
    return haversineMetres(station.lon, station.lat, va.lon, va.lat) - haversineMetres(station.lon, station.lat, vb.lon, vb.lat) || a.id.localeCompare(b.id);
  });
  const items: PlanItem[] = [];
  const routes: PlanRoute[] = sizes.map((k, r) => {
    const chosen = coops.slice(0, k);
    const start = Date.parse('2026-11-22T00:00:00.000Z');
    const iso = (s: number) => new Date(start + Math.round(s * 1000)).toISOString();
    const stops: PlanStop[] = [{ seq: 0, siteId: station.id, kind: 'start', lon: station.lon, lat: station.lat, arrivalAt: iso(0), departureAt: iso(0), pickedUp: [], dropped: [], loadAfter: loadOf([]) }];
    let at = { lon: station.lon, lat: station.lat };
    let t = 0;
    let distance = 0;
    const left = [...chosen];
    const carried: PlanItem[] = [];
    while (left.length > 0) {
      left.sort((a, b) => {
        const va = sites.get(a.siteId)!;
        const vb = sites.get(b.siteId)!;
        return haversineMetres(at.lon, at.lat, va.lon, va.lat) - haversineMetres(at.lon, at.lat, vb.lon, vb.lat) || a.id.localeCompare(b.id);
      });
      const coop = left.shift()!;
      const v = sites.get(coop.siteId)!;
      const d = haversineMetres(at.lon, at.lat, v.lon, v.lat);
      distance += d;
      t += d / (40_000 / 3600);
      const arrive = t;
      t += 600;
      const item: PlanItem = { allocationId: `syn-${r}-${coop.id}`, orderId: `syn-${r}-${coop.id}`, cooperativeId: coop.id, farmerId: `${coop.id}-f`, sku: 'kiwi',
        temperatureClass: 'chilled', units: 1, grams: 20_000 + 1000 * (items.length % 7), volumeMl: 20_000, salesCents: 500_000, destinationProvince: 'Guangdong' };
      items.push(item);
      carried.push(item);
      stops.push({ seq: stops.length, siteId: v.id, kind: 'pickup', lon: v.lon, lat: v.lat, arrivalAt: iso(arrive), departureAt: iso(t), pickedUp: [item.allocationId], dropped: [], loadAfter: loadOf(carried) });
      at = { lon: v.lon, lat: v.lat };
    }
    const back = haversineMetres(at.lon, at.lat, station.lon, station.lat);
    distance += back;
    t += back / (40_000 / 3600);
    stops.push({ seq: stops.length, siteId: station.id, kind: 'end', lon: station.lon, lat: station.lat, arrivalAt: iso(t), departureAt: iso(t), pickedUp: [], dropped: carried.map((i) => i.allocationId), loadAfter: loadOf([]) });
    const durationS = Math.round(t);
    const costed = costTrip(van, Math.round(distance), durationS, true);
    return { routeNo: r + 1, tier: 'village', vehicleTypeId: van.id, vehicleId: `syn#${r + 1}`, trip: 1, firmId: 'syn', baseSiteId: station.id, stops,
      distanceM: Math.round(distance), durationS, refrigerationS: costed.refrigerationS, co2eGrams: costed.co2eGrams, cost: costed.cost,
      geometry: { type: 'LineString', coordinates: stops.map((s) => [s.lon, s.lat] as [number, number]) } };
  });
  return { schemaVersion: 1, planner: 'synthetic-milk-run', distanceSource: 'straight-line', countyId: county.county.id, direction: 'upstream', cutoffAt: '2026-11-22T10:00:00.000Z',
    items, routes, unassigned: [], totals: { routes: routes.length, routesByTier: { village: routes.length, township: 0 }, distanceM: 0, durationS: 0, refrigerationS: 0, co2eGrams: 0, gramsCollected: 0,
      cost: { fixedCents: 0, fuelCents: 0, driverCents: 0, refrigerationCents: 0, totalCents: 0 } },
    naiveBaseline: { description: '', distanceM: 0, co2eGrams: 0, costCents: 0, saving: { costCents: 0, distanceM: 0, co2eGrams: 0, costShare: 0 } }, handover: [] };
}

function splitPlanRows(label: string, plan: PlanDocument, table: Table.Table) {
  const rows = METHODS.map((method) => {
    const { ms, split } = timeSplit(plan, method);
    const work = shapleyWork(split);
    table.push([label, method, r2(ms), yuan(split.parties.government), yuan(split.parties.logisticsFirm), yuan(split.parties.cooperatives),
      split.cooperatives.filter((c) => c.excessCents > 0).length,
      method === 'shapley' ? `${work.exactRoutes} exact / ${work.sampledRoutes} sampled (${work.samplePermutations} perm., ${work.coalitionTours} tours)` : '—']);
    return { method, medianMs: r2(ms), totalCents: split.totalCents, parties: split.parties, cappedCooperatives: split.cooperatives.filter((c) => c.excessCents > 0).length,
      cooperatives: split.cooperatives.length, shapleyWork: method === 'shapley' ? work : null };
  });
  return rows;
}

/** Per-profile road travel matrices between a wave's sites, so the plans split here are on real roads. */
function roadTravel(geojson: unknown, wave: WaveInput): TravelByProfile {
  const { graph } = importRoadNetwork(geojson);
  const profiles = loadVehicleProfiles();
  const used = new Set(wave.vehicleTypes.map((t) => t.profile));
  return Object.fromEntries([...used].sort().map((p) => [p, computePartialTravelMatrix(compileProfileGraph(graph, profiles, p), wave.sites)]));
}

function main(): void {
  const county = generateCounty();
  const t0 = performance.now();
  const fixtureWave = waveInputFromFixture(county, ALLOCATIONS, ALLOCATIONS + 1);
  const fixturePlan = planWaveBaseline({ ...fixtureWave, travel: roadTravel(county.roads, fixtureWave) });
  const planMs = performance.now() - t0;
  const village = fixturePlan.routes.filter((r) => r.tier === 'village');

  const timing = new Table({ head: ['plan', 'sharing', 'split ms (median)', 'government', 'logistics firm', 'cooperatives', 'coops capped', 'Shapley work'] });
  const plans: Record<string, unknown>[] = [];
  const fixtureLabel = `fixture ${ALLOCATIONS} alloc. (${fixturePlan.routes.length} routes, ${village.length} village)`;
  plans.push({ plan: 'fixture', allocations: ALLOCATIONS, planner: fixturePlan.planner, routes: fixturePlan.routes.length, villageRoutes: village.length,
    planMs: r2(planMs), methods: splitPlanRows(fixtureLabel, fixturePlan, timing) });
  // The Andorra wave on real OpenStreetMap roads (read from ../shared, never copied), planned by the same planner.
  const andorraFile = join(root, '..', 'shared', 'networks', 'andorra.geojson');
  let andorraNote = 'Andorra plan: ../shared/networks/andorra.geojson not found';
  if (existsSync(andorraFile)) {
    const scenario = generateAndorraScenario(JSON.parse(readFileSync(andorraFile, 'utf8')), loadVehicleProfiles());
    const andorraPlan = planWaveBaseline({ ...scenario.wave, travel: roadTravel(JSON.parse(readFileSync(andorraFile, 'utf8')), scenario.wave) });
    const label = `Andorra ${scenario.wave.items.length} alloc. (${andorraPlan.routes.length} routes)`;
    plans.push({ plan: 'andorra', allocations: scenario.wave.items.length, planner: andorraPlan.planner, routes: andorraPlan.routes.length,
      methods: splitPlanRows(label, andorraPlan, timing) });
    andorraNote = `Andorra plan split above (planned by ${andorraPlan.planner} on ${andorraPlan.distanceSource} distances)`;
  }
  const extra: { file: string; error?: string }[] = [];
  for (const file of extraPlans) {
    try {
      const plan = JSON.parse(readFileSync(file, 'utf8')) as PlanDocument;
      plans.push({ plan: basename(file), planner: plan.planner, distanceSource: plan.distanceSource, routes: plan.routes.length, methods: splitPlanRows(basename(file), plan, timing) });
      extra.push({ file });
    } catch (error) {
      extra.push({ file, error: (error as Error).message });
    }
  }
  console.log(`\ncost split — policy ${policy.version}, ${RUNS} runs per figure, node ${process.version}, ${cpus().length} cpus`);
  console.log(timing.toString());
  console.log(andorraNote);

  const errTable = new Table({ head: ['routes', 'cooperatives', 'permutations', 'seeds', 'max |error|', 'mean |error|', 'max error / route cost', 'sampled ms/route', 'exact ms/route'] });
  const fixtureErr = samplingError(fixturePlan, village);
  const coopRange = (games: { game: { players: unknown[] } }[]) => {
    const ns = games.map((g) => g.game.players.length);
    return ns.length ? `${Math.min(...ns)}–${Math.max(...ns)}` : '—';
  };
  for (const row of fixtureErr.rows) {
    errTable.push([`fixture village (${row.routes} with ≥ 2 coops)`, coopRange(fixtureErr.games), row.permutations, row.seeds, `${row.maxAbsErrorCents} ¢`, `${row.meanAbsErrorCents} ¢`,
      `${(row.maxErrorShareOfRouteCost * 100).toFixed(2)} %`, row.msPerRoute, fixtureErr.exactMsPerRoute]);
  }
  const synthetic = syntheticRoutes(county, [11, 12, 14, 16]);
  const syntheticErr = samplingError(synthetic, synthetic.routes);
  for (const row of syntheticErr.rows) {
    errTable.push([`synthetic milk runs (${row.routes})`, coopRange(syntheticErr.games), row.permutations, row.seeds, `${row.maxAbsErrorCents} ¢`, `${row.meanAbsErrorCents} ¢`,
      `${(row.maxErrorShareOfRouteCost * 100).toFixed(2)} %`, row.msPerRoute, syntheticErr.exactMsPerRoute]);
  }
  console.log('\nsampled vs exact Shapley (shares in cents after scaling to the route\'s terminal cost)');
  console.log(errTable.toString());
  // The default policy on the synthetic routes: these are above its exact limit, so it samples.
  const syntheticDefault = timeSplit(synthetic, 'shapley');
  console.log(`default policy on the synthetic milk runs (above its exact limit of ${policy.shapley.exactMaxCooperatives}): ${r2(syntheticDefault.ms)} ms, ` +
    `${JSON.stringify(shapleyWork(syntheticDefault.split))}`);

  const result = {
    benchmark: 'split',
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
    policyVersion: policy.version,
    shapleyPolicy: policy.shapley,
    runsPerFigure: RUNS,
    plans,
    extraPlans: extra,
    andorra: andorraNote,
    samplingError: {
      fixture: { cooperativesPerRoute: coopRange(fixtureErr.games), exactMsPerRoute: fixtureErr.exactMsPerRoute, rows: fixtureErr.rows },
      synthetic: { cooperativesPerRoute: coopRange(syntheticErr.games), exactMsPerRoute: syntheticErr.exactMsPerRoute, rows: syntheticErr.rows,
        defaultPolicy: { medianMs: r2(syntheticDefault.ms), ...shapleyWork(syntheticDefault.split) } },
    },
    notes: 'Plans come from the straight-line baseline planner; the fixture county\'s village routes carry at most a handful of cooperatives, ' +
      'so the default policy solves them all exactly; the synthetic milk runs (11–16 real fixture villages nearest one station) exercise sampling. ' +
      'Errors compare each sampled share with the exact share (both scaled to the route\'s terminal cost by largest remainder), over ' +
      `${SEEDS.length} seeds per permutation count. Times are wall-clock medians on a shared 2-core machine.`,
  };
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'split.json'), JSON.stringify(result, null, 2) + '\n');
  console.log('\nwrote bench/results/split.json');
}

main();
