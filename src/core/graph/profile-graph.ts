/**
 * Compiles the graph of record for one vehicle profile into compact typed arrays (CSR) for the
 * hot loops: only directions the profile may drive, with travel time and length per arc, plus
 * the usable pieces for snapping, their spatial index and strong components. Compile once per
 * (network, profile) and reuse: it is plain data and never changes.
 */
import { stronglyConnectedComponents, summarizeComponents } from './components';
import type { LonLat } from './geo';
import type { ComponentSummary, RoadGraph } from './road-network.types';
import { buildSegmentIndex, type SegmentIndex } from './segment-index';
import { profileSpeedKmh, resolveVehicleProfile, type ResolvedVehicleProfile, type VehicleProfileSet } from './vehicle-profile';

export interface CompiledProfileGraph {
  readonly profile: ResolvedVehicleProfile;
  readonly graph: RoadGraph;
  readonly nodeCount: number;
  readonly nodeKeys: readonly string[];
  readonly nodeIndex: ReadonlyMap<string, number>;
  /** CSR of usable arcs: arcs of node v are offsets[v] … offsets[v+1]-1. */
  readonly offsets: Int32Array;
  readonly heads: Int32Array;
  readonly arcTimeS: Float64Array;
  readonly arcLengthM: Float64Array;
  /** Piece of each arc (for path reconstruction). */
  readonly arcPiece: Int32Array;
  /** Per piece id (0 … pieceCount-1); pieces the profile cannot use have speed 0 and no geometry. */
  readonly pieceCount: number;
  readonly pieceFrom: Int32Array;
  readonly pieceTo: Int32Array;
  readonly pieceLengthM: Float64Array;
  /** Vehicle speed on the piece, m/s (0 = not usable by this profile). */
  readonly pieceSpeedMps: Float64Array;
  /** 1 when the profile may drive from→to (digitised direction) / to→from. */
  readonly pieceForward: Uint8Array;
  readonly pieceBackward: Uint8Array;
  readonly pieceHighway: readonly string[];
  /** Geometry from pieceFrom to pieceTo, only for usable pieces. */
  readonly pieceCoords: readonly (LonLat[] | undefined)[];
  readonly segmentIndex: SegmentIndex;
  /** Strong component id per node on the profile's graph. */
  readonly component: Int32Array;
  /** Strong components over the nodes the profile can reach or leave by some usable arc. */
  readonly components: ComponentSummary;
  readonly usableKm: number;
}

export function compileProfileGraph(graph: RoadGraph, profiles: VehicleProfileSet, profileId: string): CompiledProfileGraph {
  const profile = resolveVehicleProfile(profiles, profileId);
  const nodeKeys: string[] = [];
  const nodeIndex = new Map<string, number>();
  graph.forEachNode((key) => { nodeIndex.set(key, nodeKeys.length); nodeKeys.push(key); });
  const n = nodeKeys.length;
  const pieceCount = graph.getAttribute('pieceCount');
  const pieceFrom = new Int32Array(pieceCount).fill(-1);
  const pieceTo = new Int32Array(pieceCount).fill(-1);
  const pieceLengthM = new Float64Array(pieceCount);
  const pieceSpeedMps = new Float64Array(pieceCount);
  const pieceForward = new Uint8Array(pieceCount);
  const pieceBackward = new Uint8Array(pieceCount);
  const pieceHighway = new Array<string>(pieceCount).fill('');
  const pieceCoords = new Array<LonLat[] | undefined>(pieceCount).fill(undefined);
  const offsets = new Int32Array(n + 1);
  let usableM = 0;
  graph.forEachEdge((_key, a, source, target) => {
    const p = a.piece;
    if (pieceFrom[p] === -1) {
      pieceFrom[p] = nodeIndex.get(a.direction === 1 ? source : target)!;
      pieceTo[p] = nodeIndex.get(a.direction === 1 ? target : source)!;
      pieceLengthM[p] = a.lengthM;
      pieceHighway[p] = a.highway;
      const kmh = profileSpeedKmh(profile, a.highway, a.maxspeedKmh);
      pieceSpeedMps[p] = kmh / 3.6;
      if (kmh > 0) {
        pieceCoords[p] = a.direction === 1 ? a.coordinates : a.coordinates.slice().reverse();
        usableM += a.lengthM;
      }
    }
    if (pieceSpeedMps[p]! > 0) {
      if (a.direction === 1) pieceForward[p] = 1; else pieceBackward[p] = 1;
      offsets[nodeIndex.get(source)! + 1]! += 1;
    }
  });
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const m = offsets[n]!;
  const heads = new Int32Array(m);
  const arcTimeS = new Float64Array(m);
  const arcLengthM = new Float64Array(m);
  const arcPiece = new Int32Array(m);
  const fill = offsets.slice(0, n);
  graph.forEachEdge((_key, a, source, target) => {
    const speed = pieceSpeedMps[a.piece]!;
    if (!(speed > 0)) return;
    const k = fill[nodeIndex.get(source)!]!++;
    heads[k] = nodeIndex.get(target)!;
    arcLengthM[k] = a.lengthM;
    arcTimeS[k] = a.lengthM / speed;
    arcPiece[k] = a.piece;
  });
  const scc = stronglyConnectedComponents(n, offsets, heads);
  // Junctions the profile cannot drive through at all are not components of its network.
  const usable = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    if (offsets[v + 1]! > offsets[v]!) usable[v] = 1;
  }
  for (let k = 0; k < m; k++) usable[heads[k]!] = 1;
  return {
    profile, graph, nodeCount: n, nodeKeys, nodeIndex, offsets, heads, arcTimeS, arcLengthM, arcPiece,
    pieceCount, pieceFrom, pieceTo, pieceLengthM, pieceSpeedMps, pieceForward, pieceBackward, pieceHighway, pieceCoords,
    segmentIndex: buildSegmentIndex(pieceCoords),
    component: scc.label,
    components: summarizeComponents(scc, usable),
    usableKm: Math.round(usableM) / 1000,
  };
}
