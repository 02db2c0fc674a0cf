import type { Command } from 'commander';
import Table from 'cli-table3';
import {
  compileProfileGraph, computeTravelMatrix, importRoadNetwork, matrixRows, networkContentHash,
  shortestPath, validateVehicleProfiles, type ImportOptions, type RoadNetwork, type SiteInput, type VehicleProfileSet,
} from '../../core/graph';
import { readJsonFile } from '../read-json-file';

interface CommonOptions { profiles?: string; ignoreOneway?: boolean; strict?: boolean }

function loadProfiles(file: string | undefined): VehicleProfileSet {
  return validateVehicleProfiles(readJsonFile(file ?? require.resolve('../../../config/vehicle-profiles.json')));
}

function loadNetwork(file: string, options: CommonOptions): { network: RoadNetwork; version: string; geojson: unknown } {
  const geojson = readJsonFile(file);
  const importOptions: ImportOptions = { ignoreOneway: options.ignoreOneway === true, strict: options.strict === true };
  return { network: importRoadNetwork(geojson, importOptions), version: networkContentHash(geojson, importOptions), geojson };
}

function parseLonLat(text: string, flag: string): [number, number] {
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 2 || !parts.every(Number.isFinite)) throw new Error(`network: ${flag} must be LON,LAT (got '${text}')`);
  return [parts[0]!, parts[1]!];
}

function parseDistance(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = Number(text);
  if (!(m > 0)) throw new Error(`network: --max-snap must be a positive number of metres (got '${text}')`);
  return m;
}

function parseMetric(text: string | undefined): 'time' | 'distance' {
  if (text === undefined || text === 'time' || text === 'distance') return text ?? 'time';
  throw new Error(`network: --metric must be time or distance (got '${text}')`);
}

function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

export function register(program: Command): void {
  const network = program.command('network').description('road networks: import and check GeoJSON roads, route, travel matrices');
  const common = (cmd: Command): Command => cmd
    .option('--profiles <file>', 'vehicle profiles JSON (default: config/vehicle-profiles.json)')
    .option('--ignore-oneway', 'treat every road as two-way')
    .option('--strict', 'fail on the first bad feature instead of dropping it');

  common(network.command('import <file>')
    .description('import a GeoJSON road network and print the report (nodes, edges, components, km by class, dropped features)')
    .option('--json', 'print the full report as JSON'))
    .action((file: string, options: CommonOptions & { json?: boolean }) => {
      const profiles = loadProfiles(options.profiles);
      const { network: net, version } = loadNetwork(file, options);
      const r = net.report;
      const perProfile = Object.keys(profiles.profiles).map((id) => {
        const c = compileProfileGraph(net.graph, profiles, id);
        return { profile: id, usableKm: c.usableKm, arcs: c.heads.length, strongComponents: c.components.count, largestComponent: c.components.largest };
      });
      if (options.json) {
        printJson({ networkVersion: version, report: r, places: net.places.length, profiles: perProfile });
        return;
      }
      const summary = new Table({ style: { head: [], border: [] }, head: ['network', file] });
      summary.push(
        ['version', version], ['features', r.features], ['road features', r.roadFeatures], ['named places', r.places],
        ['ignored (not roads)', r.ignoredFeatures.count], ['dropped', r.dropped.length],
        ['nodes', r.nodes], ['directed edges', r.edges], ['road pieces', r.pieces], ['junctions by', r.junctionsBy],
        ['total km', r.totalKm],
        ['strong components', `${r.components.strong.count} (largest ${r.components.strong.largest} nodes)`],
        ['weak components', `${r.components.weak.count} (largest ${r.components.weak.largest} nodes)`],
        ['one-way', `${r.oneway.forward} forward, ${r.oneway.backward} backward, ${r.oneway.both} two-way, ${r.oneway.unrecognised.count} unrecognised`],
        ['maxspeed', `${r.maxspeed.tagged} tagged, ${r.maxspeed.fellBackToClassDefault.count} unreadable → class default`],
      );
      const byClass = new Table({ style: { head: [], border: [] }, head: ['highway', 'km'] });
      for (const [cls, km] of Object.entries(r.kmByHighway)) byClass.push([cls, round(km, 2)]);
      const byProfile = new Table({ style: { head: [], border: [] }, head: ['profile', 'usable km', 'arcs', 'strong components', 'largest'] });
      for (const p of perProfile) byProfile.push([p.profile, round(p.usableKm, 2), p.arcs, p.strongComponents, p.largestComponent]);
      const lines = [summary.toString(), byClass.toString(), byProfile.toString()];
      if (r.dropped.length > 0) {
        const dropped = new Table({ style: { head: [], border: [] }, head: ['feature', 'reason', 'detail'] });
        for (const d of r.dropped) dropped.push([d.featureIndex, d.reason, d.message]);
        lines.push(dropped.toString());
      }
      process.stdout.write(lines.join('\n') + '\n');
    });

  common(network.command('route <file>')
    .description('shortest route between two points: distance, time and the GeoJSON path')
    .requiredOption('--from <lon,lat>', 'start point')
    .requiredOption('--to <lon,lat>', 'end point')
    .option('--profile <id>', 'vehicle profile', 'reefer-van')
    .option('--metric <metric>', 'minimise time or distance', 'time')
    .option('--max-snap <metres>', 'largest distance from a point to a usable road', '500'))
    .action((file: string, options: CommonOptions & { from: string; to: string; profile: string; metric?: string; maxSnap?: string }) => {
      const from = parseLonLat(options.from, '--from');
      const to = parseLonLat(options.to, '--to');
      const metric = parseMetric(options.metric);
      const maxSnapDistanceM = parseDistance(options.maxSnap);
      const profiles = loadProfiles(options.profiles);
      const { network: net, version } = loadNetwork(file, options);
      const c = compileProfileGraph(net.graph, profiles, options.profile);
      const path = shortestPath(c, { id: 'from', name: `--from ${options.from}`, lon: from[0], lat: from[1] }, { id: 'to', name: `--to ${options.to}`, lon: to[0], lat: to[1] }, { metric, maxSnapDistanceM });
      if (path === null) throw new Error(`network: no route from ${options.from} to ${options.to} for ${options.profile}`);
      printJson({
        networkVersion: version,
        profile: options.profile,
        metric,
        distanceM: round(path.distanceM),
        timeS: round(path.timeS),
        from: { snappedTo: [path.from.snappedLon, path.from.snappedLat], snapDistanceM: round(path.from.snapDistanceM) },
        to: { snappedTo: [path.to.snappedLon, path.to.snappedLat], snapDistanceM: round(path.to.snapDistanceM) },
        path: { type: 'Feature', properties: { profile: options.profile, distanceM: round(path.distanceM), timeS: round(path.timeS) }, geometry: path.geometry },
      });
    });

  common(network.command('matrix <file>')
    .description('travel time (s) and distance (m) between sites; unreachable pairs are null')
    .requiredOption('--sites <file>', 'JSON array of {id, lon, lat} (name optional)')
    .option('--profile <id>', 'vehicle profile', 'reefer-van')
    .option('--metric <metric>', 'minimise time or distance', 'time')
    .option('--engine <engine>', 'plain (Dijkstra per site), hierarchy (contraction hierarchy) or auto', 'auto')
    .option('--max-snap <metres>', 'largest distance from a site to a usable road', '500'))
    .action((file: string, options: CommonOptions & { sites: string; profile: string; metric?: string; engine: string; maxSnap?: string }) => {
      const metric = parseMetric(options.metric);
      const engine = options.engine;
      if (engine !== 'plain' && engine !== 'hierarchy' && engine !== 'auto') throw new Error(`network: --engine must be plain, hierarchy or auto (got '${engine}')`);
      const maxSnapDistanceM = parseDistance(options.maxSnap);
      const sites = readJsonFile(options.sites);
      if (!Array.isArray(sites)) throw new Error(`network: ${options.sites} must hold a JSON array of {id, lon, lat}`);
      const profiles = loadProfiles(options.profiles);
      const { network: net, version } = loadNetwork(file, options);
      const c = compileProfileGraph(net.graph, profiles, options.profile);
      const m = computeTravelMatrix(c, sites as SiteInput[], { metric, maxSnapDistanceM, engine });
      printJson({
        networkVersion: version,
        profile: options.profile,
        metric,
        engine: m.engine,
        siteIds: m.siteIds,
        snaps: m.sites.map((s) => ({ id: s.id, name: s.name, snappedTo: [s.snappedLon, s.snappedLat], snapDistanceM: round(s.snapDistanceM) })),
        timeS: matrixRows(m.time, m.size),
        distanceM: matrixRows(m.distance, m.size),
      });
    });
}
