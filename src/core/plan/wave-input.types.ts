import type { PlanItem, TemperatureClass } from './plan.types';
import type { TravelByProfile } from './travel';

/** Everything a planner needs for one dispatch wave, as plain data (loaded by the plan-wave worker). */
export interface WaveInput {
  countyId: string;
  /**
   * `upstream`: collection — station vehicles pick the items up at their cooperatives, hub trucks bring
   * the stations' loads (and direct pickups) to the hub by `cutoffAt`.
   * `downstream`: delivery — hub trucks load the items at the hub (from its opening, or `releaseAt` when
   * later) and drop them at the stations (or deliver a cooperative directly); a station's vehicles leave
   * with them only once that drop has arrived and been handled, and deliver each item to its
   * cooperative's site (the item's `cooperativeId` is its destination) within the village's hours.
   */
  direction: 'upstream' | 'downstream';
  /**
   * Upstream: the handover cut-off at the hub (trucks back by then). Downstream: the delivery deadline —
   * every item must reach its cooperative (arrival at the stop) by then.
   */
  cutoffAt: string;
  /** Downstream only: when the goods are ready at the hub; the trucks leave no earlier (default: the hub's opening). */
  releaseAt?: string;
  /** The wave's local day, for reading "HH:MM" site hours: the UTC instant of local midnight. */
  dayStartAt: string;
  sites: WaveSite[];
  /**
   * `stationId` is the cooperative's home station — the naive baseline ships through it, and the planner
   * starts from it, though its feedback loop may serve the cooperative from a neighbouring station whose
   * vehicles reach it, or by a hub truck directly. `readyAt` (local HH:MM) is when goods can be collected
   * (upstream); downstream deliveries are received within the village site's `opensAt`–`closesAt` instead.
   */
  cooperatives: { id: string; siteId: string; stationId: string; readyAt: string }[];
  /**
   * The allocations (upstream) or delivery orders (downstream), with their shelf-life limit
   * `maxHoursToHub`: upstream, the most hours from pickup at the cooperative to arrival at the hub;
   * downstream, the most hours from leaving the hub (on a hub truck) to arrival at the cooperative.
   * `latestAtHubAt` (upstream, optional): the instant after which the item may not reach the hub — its
   * lot's packing time plus the product's shelf life less the minimum it must still have at handover;
   * an item arriving later is reported `shelf_life`, like one over `maxHoursToHub`.
   */
  items: (PlanItem & { maxHoursToHub: number; latestAtHubAt?: string })[];
  vehicleTypes: WaveVehicleType[];
  fleets: { id: string; siteId: string; vehicleTypeId: string; count: number; firmId: string }[];
  /** Road-network travel per vehicle profile between the wave's sites; without it planners fall back to straight lines. */
  travel?: TravelByProfile;
}

export interface WaveSite {
  id: string;
  name: string;
  tier: 'hub' | 'station' | 'village';
  lon: number;
  lat: number;
  parentId: string | null;
  opensAt: string;
  closesAt: string;
  handlingSeconds: number;
}

export interface WaveVehicleType {
  id: string;
  name: string;
  profile: string;
  compartments: { id: string; temperatureClass: TemperatureClass; capacityKg: number; capacityLitres: number }[];
  fixedCostCents: number;
  costPerKmCents: number;
  costPerHourCents: number;
  reeferCostPerHourCents: number;
  co2ePerKmGrams: number;
  reeferUpliftShare: number;
}
