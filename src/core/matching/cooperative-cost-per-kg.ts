import { haversineMetres } from '../geo/haversine';

/**
 * Cold-chain cost per kg from a cooperative to the hub, the matcher's `costPerKg`:
 *
 *   costPerKg (yuan) = [ d(village → station) · vanCostPerKm / (vanCapacityKg · LOAD)
 *                      + d(station → hub)     · truckCostPerKm / (truckCapacityKg · LOAD) ] / 100
 *
 * with d in km along the roads each vehicle may take (straight lines when the county has no road
 * network yet), cost per km in fen, and LOAD the average load factor a shared route reaches. A leg no
 * vehicle can drive makes the cooperative unreachable (null): its lines become `no_route`.
 */
export const LOAD_FACTOR = 0.6;

export interface LegVehicle { costPerKmCents: number; capacityKg: number }

export function costPerKgFromLegs(input: { villageLegKm: number; trunkLegKm: number; villageVehicle: LegVehicle; trunkVehicle: LegVehicle }): number | null {
  if (!Number.isFinite(input.villageLegKm) || !Number.isFinite(input.trunkLegKm)) return null;
  const perKgKm = (v: LegVehicle) => v.costPerKmCents / Math.max(1e-9, v.capacityKg * LOAD_FACTOR);
  return (input.villageLegKm * perKgKm(input.villageVehicle) + input.trunkLegKm * perKgKm(input.trunkVehicle)) / 100;
}

/** The same formula on straight-line distances: the fallback before a county uploads its road network. */
export function costPerKgStraightLine(input: {
  village: { lon: number; lat: number }; station: { lon: number; lat: number }; hub: { lon: number; lat: number } | null;
  villageVehicle: LegVehicle; trunkVehicle: LegVehicle;
}): number | null {
  if (!input.hub) return null;
  return costPerKgFromLegs({
    villageLegKm: haversineMetres(input.village.lon, input.village.lat, input.station.lon, input.station.lat) / 1000,
    trunkLegKm: haversineMetres(input.station.lon, input.station.lat, input.hub.lon, input.hub.lat) / 1000,
    villageVehicle: input.villageVehicle, trunkVehicle: input.trunkVehicle,
  });
}
