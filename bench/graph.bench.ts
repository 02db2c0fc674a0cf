/**
 * Road network benchmark (npm run bench:graph [-- --quick: 10,000 nodes, 200 sites, writes graph-quick.json]).
 * 1. Andorra (../shared/networks/andorra.geojson): import time; per profile: compile, 59 × 59 matrix
 *    with plain Dijkstra and with a contraction hierarchy (build + query), and graphology-shortest-path
 *    single-source Dijkstra from each of the 59 places for comparison.
 * 2. A generated network of ~50,000 junctions (seeded): a 500 × 500 time matrix with both engines and
 *    graphology single-source Dijkstra from a sample of sources, extrapolated to 500.
 * Prints a table and writes bench/results/graph.json. Wall-clock and process CPU time are both
 * reported because the machine is shared: CPU time is the steadier figure.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Table from 'cli-table3';
import { brandes, singleSource } from 'graphology-shortest-path/dijkstra';
import {
  buildContractionHierarchy, compileProfileGraph, computeTravelMatrix, generateSyntheticNetwork, importRoadNetwork,
  snapSites, validateVehicleProfiles, type CompiledProfileGraph, type RoadEdgeAttributes, type SnappedSite,
} from '../src/core/graph';
import { createRandom } from '../src/core/shared/random';

const quick = process.argv.includes('--quick');
const root = path.resolve(__dirname, '..');
const profiles = validateVehicleProfiles(JSON.parse(fs.readFileSync(path.join(root, 'config/vehicle-profiles.json'), 'utf8')));

interface Timing { wallMs: number; cpuMs: number }
function timed<T>(fn: () => T): [T, Timing] {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return [result, { wallMs: Math.round(wallMs * 10) / 10, cpuMs: Math.round((cpu.user + cpu.system) / 100) / 10 }];
}

/**
 * graphology-shortest-path from each source's nearest node on the graph of record: `singleSource`
 * (its weighted single-source Dijkstra, which also builds every path) or `brandes` (the same search
 * keeping only predecessors: the cheapest way to get all distances out of the library).
 */
function graphologyFromEach(c: CompiledProfileGraph, sources: readonly SnappedSite[], which: 'singleSource' | 'brandes' = 'singleSource'): Timing {
  const weight = (_e: string, a: RoadEdgeAttributes): number => {
    const v = c.pieceSpeedMps[a.piece]!;
    return v > 0 ? a.lengthM / v : Infinity;
  };
  const [, t] = timed(() => {
    for (const s of sources) {
      const node = c.nodeKeys[c.pieceForward[s.piece] ? c.pieceTo[s.piece]! : c.pieceFrom[s.piece]!]!;
      if (which === 'singleSource') singleSource(c.graph, node, weight);
      else brandes(c.graph, node, weight);
    }
  });
  return t;
}

const results: Record<string, unknown> = {
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100) },
  quick,
};
const rows: (string | number)[][] = [];

// ---- Andorra ----
const andorraPath = path.resolve(root, '../shared/networks/andorra.geojson');
const andorraJson: unknown = JSON.parse(fs.readFileSync(andorraPath, 'utf8'));
importRoadNetwork(andorraJson); // warm-up
const [andorra, andorraImport] = timed(() => importRoadNetwork(andorraJson));
rows.push(['andorra', 'import', `${andorra.report.nodes} nodes, ${andorra.report.edges} edges`, andorraImport.wallMs, andorraImport.cpuMs, '']);
const andorraProfiles: Record<string, unknown> = {};
for (const id of Object.keys(profiles.profiles)) {
  const [c, compileT] = timed(() => compileProfileGraph(andorra.graph, profiles, id));
  const snapped = snapSites(c, andorra.places);
  computeTravelMatrix(c, snapped, { engine: 'plain' }); // warm-up
  const [plain, plainT] = timed(() => computeTravelMatrix(c, snapped, { engine: 'plain' }));
  const [h, buildT] = timed(() => buildContractionHierarchy(c));
  const [ch, queryT] = timed(() => computeTravelMatrix(c, snapped, { hierarchy: h }));
  let maxDiff = 0;
  for (let k = 0; k < plain.time.length; k++) if (Number.isFinite(plain.time[k])) maxDiff = Math.max(maxDiff, Math.abs(plain.time[k]! - ch.time[k]!));
  const g = graphologyFromEach(c, snapped);
  andorraProfiles[id] = {
    compile: compileT, matrix59Plain: plainT, hierarchyBuild: { ...buildT, shortcuts: h.shortcuts }, matrix59Hierarchy: queryT,
    graphologySingleSource59: g, speedUpPlainVsGraphology: Math.round((g.cpuMs / plainT.cpuMs) * 10) / 10,
    maxAbsDiffPlainVsHierarchyS: maxDiff,
  };
  rows.push(['andorra', `compile ${id}`, `${c.heads.length} arcs`, compileT.wallMs, compileT.cpuMs, '']);
  rows.push(['andorra', `59×59 plain ${id}`, `${plain.settledNodes} settled`, plainT.wallMs, plainT.cpuMs, `×${(g.cpuMs / plainT.cpuMs).toFixed(1)} vs graphology`]);
  rows.push(['andorra', `CH build ${id}`, `${h.shortcuts} shortcuts`, buildT.wallMs, buildT.cpuMs, '']);
  rows.push(['andorra', `59×59 CH ${id}`, `${ch.settledNodes} settled`, queryT.wallMs, queryT.cpuMs, `max |Δ| ${maxDiff.toExponential(1)} s`]);
  rows.push(['andorra', `graphology 59 × singleSource ${id}`, '', g.wallMs, g.cpuMs, '']);
}
results.andorra = { nodes: andorra.report.nodes, edges: andorra.report.edges, places: andorra.places.length, import: andorraImport, profiles: andorraProfiles };

// ---- Generated network ----
const target = quick ? 10_000 : 50_000;
const siteCount = quick ? 200 : 500;
const [gen, genT] = timed(() => generateSyntheticNetwork({ nodes: target, seed: 20261122 }));
const [synth, synthImport] = timed(() => importRoadNetwork(gen));
rows.push(['generated', 'generate GeoJSON', `${gen.features.length} roads`, genT.wallMs, genT.cpuMs, '']);
rows.push(['generated', 'import', `${synth.report.nodes} nodes, ${synth.report.edges} edges`, synthImport.wallMs, synthImport.cpuMs, '']);
const [sc, synthCompile] = timed(() => compileProfileGraph(synth.graph, profiles, 'reefer-van'));
rows.push(['generated', 'compile reefer-van', `${sc.heads.length} arcs`, synthCompile.wallMs, synthCompile.cpuMs, '']);
const rnd = createRandom(7);
const bbox = { lon0: 110, lat0: 30, lon1: 110 + (gen.cols * 150) / 111195 / Math.cos((30 * Math.PI) / 180), lat1: 30 + (gen.rows * 150) / 111195 };
const sites = Array.from({ length: siteCount }, (_, i) => ({ id: `s${i}`, lon: bbox.lon0 + rnd.next() * (bbox.lon1 - bbox.lon0), lat: bbox.lat0 + rnd.next() * (bbox.lat1 - bbox.lat0) }));
const [synthSnapped, snapT] = timed(() => snapSites(sc, sites));
rows.push(['generated', `snap ${siteCount} sites`, '', snapT.wallMs, snapT.cpuMs, '']);
const [plainBig, plainBigT] = timed(() => computeTravelMatrix(sc, synthSnapped, { engine: 'plain' }));
rows.push(['generated', `${siteCount}×${siteCount} plain Dijkstra`, `${plainBig.settledNodes} settled`, plainBigT.wallMs, plainBigT.cpuMs, '']);
const [hBig, hBuildT] = timed(() => buildContractionHierarchy(sc));
rows.push(['generated', 'CH build', `${hBig.shortcuts} shortcuts`, hBuildT.wallMs, hBuildT.cpuMs, '']);
const [chBig, chQueryT] = timed(() => computeTravelMatrix(sc, synthSnapped, { hierarchy: hBig }));
let bigDiff = 0;
for (let k = 0; k < plainBig.time.length; k++) if (Number.isFinite(plainBig.time[k])) bigDiff = Math.max(bigDiff, Math.abs(plainBig.time[k]! - chBig.time[k]!));
rows.push(['generated', `${siteCount}×${siteCount} CH query`, `${chBig.settledNodes} settled`, chQueryT.wallMs, chQueryT.cpuMs, `max |Δ| vs plain ${bigDiff.toExponential(1)} s`]);
const sample = quick ? 5 : 10;
const g = graphologyFromEach(sc, synthSnapped.slice(0, sample));
const gb = graphologyFromEach(sc, synthSnapped.slice(0, sample), 'brandes');
const gbFull = { wallMs: Math.round((gb.wallMs / sample) * siteCount), cpuMs: Math.round((gb.cpuMs / sample) * siteCount) };
const gPerSource = { wallMs: g.wallMs / sample, cpuMs: g.cpuMs / sample };
const gFull = { wallMs: Math.round(gPerSource.wallMs * siteCount), cpuMs: Math.round(gPerSource.cpuMs * siteCount) };
rows.push(['generated', `graphology singleSource × ${sample} (sample)`, `≈ ${gFull.cpuMs} ms cpu for ${siteCount}`, g.wallMs, g.cpuMs, '']);
rows.push(['generated', `graphology brandes × ${sample} (sample)`, `≈ ${gbFull.cpuMs} ms cpu for ${siteCount}`, gb.wallMs, gb.cpuMs, `plain ×${(gbFull.cpuMs / plainBigT.cpuMs).toFixed(1)} faster`]);
const chTotal = { wallMs: hBuildT.wallMs + chQueryT.wallMs, cpuMs: hBuildT.cpuMs + chQueryT.cpuMs };
rows.push(['generated', `${siteCount}×${siteCount} CH build + query`, '', Math.round(chTotal.wallMs), Math.round(chTotal.cpuMs), `×${(gFull.cpuMs / chTotal.cpuMs).toFixed(0)} vs graphology (est.)`]);
rows.push(['generated', `${siteCount}×${siteCount} plain vs graphology`, '', '', '', `×${(gFull.cpuMs / plainBigT.cpuMs).toFixed(0)} (est.)`]);
results.generated = {
  seed: 20261122, targetNodes: target, nodes: synth.report.nodes, edges: synth.report.edges, sites: siteCount,
  generate: genT, import: synthImport, compile: synthCompile, snap: snapT,
  matrixPlain: { ...plainBigT, settledNodes: plainBig.settledNodes },
  hierarchyBuild: { ...hBuildT, shortcuts: hBig.shortcuts },
  matrixHierarchyQuery: { ...chQueryT, settledNodes: chBig.settledNodes },
  matrixHierarchyTotal: chTotal,
  maxAbsDiffPlainVsHierarchyS: bigDiff,
  graphologySingleSource: { sampledSources: sample, measured: g, perSource: gPerSource, extrapolatedTo: siteCount, extrapolated: gFull },
  graphologyBrandes: { sampledSources: sample, measured: gb, extrapolatedTo: siteCount, extrapolated: gbFull },
  speedUpVsGraphology: {
    plain: Math.round((gFull.cpuMs / plainBigT.cpuMs) * 10) / 10,
    hierarchyQueryOnly: Math.round((gFull.cpuMs / chQueryT.cpuMs) * 10) / 10,
    hierarchyBuildPlusQuery: Math.round((gFull.cpuMs / chTotal.cpuMs) * 10) / 10,
    plainVsBrandes: Math.round((gbFull.cpuMs / plainBigT.cpuMs) * 10) / 10,
    hierarchyBuildPlusQueryVsBrandes: Math.round((gbFull.cpuMs / chTotal.cpuMs) * 10) / 10,
  },
  targetUnder3s: {
    plain: { wall: plainBigT.wallMs < 3000, cpu: plainBigT.cpuMs < 3000 },
    hierarchyBuildPlusQuery: { wall: chTotal.wallMs < 3000, cpu: chTotal.cpuMs < 3000 },
    hierarchyQueryOnly: { wall: chQueryT.wallMs < 3000, cpu: chQueryT.cpuMs < 3000 },
  },
};
results.machine = { ...(results.machine as object), loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) };

const table = new Table({ style: { head: [], border: [] }, head: ['network', 'step', 'size / work', 'wall ms', 'cpu ms', 'note'] });
for (const r of rows) table.push(r);
process.stdout.write(`${table.toString()}\nload average at start ${(results.machine as { loadAverageAtStart: number[] }).loadAverageAtStart.join(' ')}, end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} on ${os.cpus().length} cores\n`);
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
const outFile = `bench/results/${quick ? 'graph-quick' : 'graph'}.json`;
fs.writeFileSync(path.join(root, outFile), JSON.stringify(results, null, 2) + '\n');
process.stdout.write(`wrote ${outFile}\n`);
