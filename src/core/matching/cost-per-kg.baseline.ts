import { haversineMetres } from '../geo/haversine';

/**
 * BASELINE cold-chain cost per kg from a cooperative to the hub, until road distances come from the
 * network: costPerKg = (d(village→station) · vanCostPerKm / (vanCapacityKg · LOAD) +
 * d(station→hub) · truckCostPerKm / (truckCapacityKg · LOAD)) / 100 yuan, with d straight-line km and
 * LOAD the average load factor a shared route reaches.
 */
const LOAD_FACTOR = 0.6;

export interface CostPerKgInput {
  village: { lon: number; lat: number };
  station: { lon: number; lat: number };
  hub: { lon: number; lat: number } | null;
  villageVehicle: { costPerKmCents: number; capacityKg: number };
  trunkVehicle: { costPerKmCents: number; capacityKg: number };
}

export function estimateCostPerKgBaseline(input: CostPerKgInput): number | null {
  if (!input.hub) return null;
  const firstKm = haversineMetres(input.village.lon, input.village.lat, input.station.lon, input.station.lat) / 1000;
  const trunkKm = haversineMetres(input.station.lon, input.station.lat, input.hub.lon, input.hub.lat) / 1000;
  const perKgKm = (v: { costPerKmCents: number; capacityKg: number }) => v.costPerKmCents / Math.max(1e-9, v.capacityKg * LOAD_FACTOR);
  return (firstKm * perKgKm(input.villageVehicle) + trunkKm * perKgKm(input.trunkVehicle)) / 100;
}
