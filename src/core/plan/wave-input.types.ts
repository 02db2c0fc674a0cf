import type { PlanItem, TemperatureClass } from './plan.types';
import type { TravelByProfile } from './travel';

/** Everything a planner needs for one dispatch wave, as plain data (loaded by the plan-wave worker). */
export interface WaveInput {
  countyId: string;
  direction: 'upstream' | 'downstream';
  /** Handover cut-off at the hub. */
  cutoffAt: string;
  /** The wave's local day, for reading "HH:MM" site hours: the UTC instant of local midnight. */
  dayStartAt: string;
  sites: WaveSite[];
  cooperatives: { id: string; siteId: string; stationId: string; readyAt: string }[];
  items: (PlanItem & { maxHoursToHub: number })[];
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
