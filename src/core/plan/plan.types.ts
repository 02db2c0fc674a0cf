/**
 * The plan document: one JSON shape produced by every planner (baseline or solver), stored by the
 * plan-wave worker, served by the API, and read by the cost split. Units: grams, millilitres, metres,
 * seconds, integer cents; instants as ISO 8601 strings.
 */
export type TemperatureClass = 'frozen' | 'chilled' | 'cool' | 'ambient';
export const TEMPERATURE_CLASSES: readonly TemperatureClass[] = ['frozen', 'chilled', 'cool', 'ambient'];

export type Tier = 'village' | 'township';
export type DistanceSource = 'straight-line' | 'road-network';
export type UnassignedReason = 'capacity' | 'time_window' | 'shift' | 'no_compatible_vehicle' | 'unreachable' | 'cutoff' | 'shelf_life';

/** One allocation as it travels: what is picked up, dropped and paid for. */
export interface PlanItem {
  allocationId: string;
  orderId: string;
  cooperativeId: string;
  farmerId: string;
  sku: string;
  temperatureClass: TemperatureClass;
  units: number;
  grams: number;
  volumeMl: number;
  /** What the cooperative receives for these units (units × the lot's unit supply price). */
  salesCents: number;
  destinationProvince: string;
}

export interface CostParts {
  /** Vehicle-day: the amortised vehicle, charged once per vehicle used in the wave. */
  fixedCents: number;
  fuelCents: number;
  driverCents: number;
  refrigerationCents: number;
  totalCents: number;
}

export interface LoadByClass { grams: number; byClass: Record<TemperatureClass, number> }

/**
 * A stop in order. Upstream: `pickup` stops load (`pickedUp`) and the `end` at the base unloads
 * (`dropped`). Downstream: the `start` at the base (hub or station) loads everything, and `delivery`
 * stops drop at stations (trunk) or cooperatives. `loadAfter` is what is on board on leaving the stop.
 */
export interface PlanStop {
  seq: number;
  siteId: string;
  kind: 'start' | 'pickup' | 'delivery' | 'end';
  lon: number;
  lat: number;
  arrivalAt: string;
  departureAt: string;
  pickedUp: string[];
  dropped: string[];
  loadAfter: LoadByClass;
}

export interface PlanRoute {
  routeNo: number;
  tier: Tier;
  vehicleTypeId: string;
  /** Which physical vehicle of the fleet (fleetId#n); the same vehicle may run several trips. */
  vehicleId: string;
  trip: number;
  firmId: string;
  baseSiteId: string;
  /** The temperature class each compartment runs at on this trip (compartment id → class), when the planner chose one. */
  compartments?: Record<string, TemperatureClass>;
  stops: PlanStop[];
  distanceM: number;
  durationS: number;
  refrigerationS: number;
  co2eGrams: number;
  cost: CostParts;
  geometry: { type: 'LineString'; coordinates: [number, number][] };
}

export interface UnassignedWork { allocationIds: string[]; cooperativeId: string; reason: UnassignedReason; detail: string }

export interface HandoverGroup { carrier: string; province: string; parcels: number; grams: number }

export interface PlanTotals {
  routes: number;
  routesByTier: Record<Tier, number>;
  distanceM: number;
  durationS: number;
  refrigerationS: number;
  co2eGrams: number;
  /** Grams handed over at the hub (upstream) or delivered to their cooperatives (downstream). */
  gramsCollected: number;
  cost: CostParts;
}

export interface NaiveBaseline {
  description: string;
  distanceM: number;
  co2eGrams: number;
  costCents: number;
  saving: { costCents: number; distanceM: number; co2eGrams: number; costShare: number };
}

export interface PlanDocument {
  schemaVersion: 1;
  planner: string;
  distanceSource: DistanceSource;
  countyId: string;
  direction: 'upstream' | 'downstream';
  cutoffAt: string;
  items: PlanItem[];
  routes: PlanRoute[];
  unassigned: UnassignedWork[];
  totals: PlanTotals;
  naiveBaseline: NaiveBaseline;
  /**
   * The hub's handover manifest (upstream): served parcels grouped by express carrier and destination
   * province. Downstream waves end at the cooperatives and hand nothing to express carriers: always empty.
   */
  handover: HandoverGroup[];
}
