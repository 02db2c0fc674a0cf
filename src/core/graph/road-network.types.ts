/**
 * Types of the road graph of record. The graph is a graphology MultiDirectedGraph whose nodes
 * are junctions and dead ends and whose edges are the drivable directions of road pieces
 * (a piece is the stretch of one feature between two junctions, with its full geometry).
 */
import type { MultiDirectedGraph } from 'graphology';
import type { LonLat } from './geo';

export interface RoadNodeAttributes {
  lon: number;
  lat: number;
}

export interface RoadEdgeAttributes {
  /** Road piece id; both directions of a two-way piece share it. */
  piece: number;
  /** 1 when travelling in the feature's digitised direction, -1 against it. */
  direction: 1 | -1;
  /** Index of the source feature in the input FeatureCollection. */
  featureIndex: number;
  highway: string;
  name: string | null;
  osmId: string | null;
  /** Parsed `maxspeed` in km/h; null means the class default applies. */
  maxspeedKmh: number | null;
  lengthM: number;
  /** Geometry in the direction of travel: first = source node, last = target node. */
  coordinates: LonLat[];
}

export interface RoadGraphAttributes {
  /** How junctions were identified: shared OSM node ids or shared coordinates. */
  junctionsBy: 'node_ids' | 'coordinates';
  ignoreOneway: boolean;
  /** Piece ids are 0 … pieceCount-1. */
  pieceCount: number;
}

export type RoadGraph = MultiDirectedGraph<RoadNodeAttributes, RoadEdgeAttributes, RoadGraphAttributes>;

/** A named place (Point feature with `kind: "place"`): not a road, returned beside the graph. */
export interface NamedPlace {
  /** `osm_id` when present (names repeat), else `place-<featureIndex>`. */
  id: string;
  name: string;
  place: string | null;
  lon: number;
  lat: number;
  featureIndex: number;
}

export type DropReason =
  | 'not_a_feature'
  | 'missing_geometry'
  | 'wrong_geometry_type'
  | 'missing_highway'
  | 'invalid_coordinates'
  | 'too_few_positions'
  | 'zero_length'
  | 'invalid_place';

export interface DroppedFeature {
  featureIndex: number;
  reason: DropReason;
  message: string;
}

export interface ComponentSummary {
  count: number;
  /** Node count of the largest component. */
  largest: number;
  /** Sizes of the largest components, descending (at most 10). */
  topSizes: number[];
}

export interface ImportReport {
  features: number;
  roadFeatures: number;
  places: number;
  /** Non-road features without a highway tag (e.g. landuse polygons): ignored, not errors. */
  ignoredFeatures: { count: number; featureIndexes: number[] };
  dropped: DroppedFeature[];
  droppedByReason: Partial<Record<DropReason, number>>;
  nodes: number;
  edges: number;
  pieces: number;
  junctionsBy: 'node_ids' | 'coordinates';
  ignoreOneway: boolean;
  totalKm: number;
  kmByHighway: Record<string, number>;
  oneway: { forward: number; backward: number; both: number; unrecognised: { count: number; featureIndexes: number[]; values: Record<string, number> } };
  maxspeed: { tagged: number; fellBackToClassDefault: { count: number; featureIndexes: number[]; values: Record<string, number> } };
  /** Features whose node_ids were unusable (wrong length or type): junctions fell back to coordinates for them. */
  nodeIdProblems: { count: number; featureIndexes: number[] };
  components: { strong: ComponentSummary; weak: ComponentSummary };
}

export interface RoadNetwork {
  graph: RoadGraph;
  places: NamedPlace[];
  report: ImportReport;
}
