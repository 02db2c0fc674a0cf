/**
 * Public surface of core/graph: road network import, vehicle profiles, snapping, paths and travel
 * matrices. Typical use (everything is plain data; cache what is marked):
 *
 *   const version = networkContentHash(geojson);                    // network version (store it)
 *   const { graph, places, report } = importRoadNetwork(geojson);   // graph of record + report
 *   const profiles = validateVehicleProfiles(json);                 // e.g. config/vehicle-profiles.json
 *   const van = compileProfileGraph(graph, profiles, 'reefer-van'); // cache per (version, profile)
 *   const ch = buildContractionHierarchy(van);                      // optional, cache per (version, profile)
 *   const sites = snapSites(van, siteList, { hubId });              // throws naming every bad site
 *   const m = computeTravelMatrix(van, sites, { hierarchy: ch });   // m.time / m.distance, row-major
 *   const key = travelMatrixCacheKey({ networkVersion: version, profile: van.profile, sites: siteList });
 *   const route = shortestPath(van, [lon, lat], [lon, lat]);        // graphology on the graph of record
 */
export { importRoadNetwork, graphAdjacency, type ImportOptions } from './import-road-network';
export type {
  RoadGraph, RoadNodeAttributes, RoadEdgeAttributes, RoadGraphAttributes, RoadNetwork, NamedPlace, ImportReport,
  DroppedFeature, DropReason, ComponentSummary,
} from './road-network.types';
export {
  validateVehicleProfiles, resolveVehicleProfile, profileSpeedKmh, edgeTravelTimeS,
  type VehicleProfile, type VehicleProfileSet, type ResolvedVehicleProfile,
} from './vehicle-profile';
export { parseOneway, parseMaxspeed, type OnewayDirection, type ParsedOneway, type ParsedMaxspeed } from './osm-tags';
export { haversineM, lineLengthM, isValidLonLat, type LonLat } from './geo';
export { compileProfileGraph, type CompiledProfileGraph } from './profile-graph';
export { buildContractionHierarchy, type ContractionHierarchy, type HierarchyOptions } from './contraction-hierarchy';
export { stronglyConnectedComponents, weaklyConnectedComponents, summarizeComponents, type ComponentLabels } from './components';
export {
  snapSites, locateSites, snapPoint, DEFAULT_MAX_SNAP_DISTANCE_M,
  type SiteInput, type SnappedSite, type SiteRejection, type SiteRejectionReason, type SnapOptions,
} from './snap-sites';
export { shortestPath, type RoutePath, type PathOptions } from './shortest-path';
export {
  computeTravelMatrix, createMatrixWorkspace, AUTO_HIERARCHY_MIN_SITES, matrixValue, matrixSiteIndex, matrixRows, toIntegerMatrix,
  type TravelMatrix, type MatrixMetric, type MatrixOptions, type MatrixWorkspace,
} from './travel-matrix';
export { computePartialTravelMatrix, type PartialTravelMatrix } from './partial-travel-matrix';
export { networkContentHash, siteSetHash, travelMatrixCacheKey, contentHash, canonicalJson, fnv1a64 } from './content-hash';
export { generateSyntheticNetwork, type SyntheticNetwork, type SyntheticNetworkOptions } from './synthetic-network';
