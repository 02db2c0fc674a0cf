/** Helpers for core/graph tests: tiny hand-made networks and the shared Andorra file. */
import * as fs from 'fs';
import * as path from 'path';
import { validateVehicleProfiles, type VehicleProfileSet } from '../../../../src/core/graph';

export type Props = Record<string, unknown>;

export function road(coordinates: [number, number][], props: Props = {}): unknown {
  return { type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { highway: 'residential', ...props } };
}

export function collection(...features: unknown[]): unknown {
  return { type: 'FeatureCollection', features };
}

/** Profiles with round numbers so expected times can be worked out by hand. */
export const TEST_PROFILES: VehicleProfileSet = validateVehicleProfiles({
  defaultSpeedKmh: { primary: 60, residential: 30, track: 15, service: 20 },
  profiles: {
    car: { allowedHighways: ['primary', 'residential', 'track', 'service'], speedFactor: 1, maxSpeedKmh: 120 },
    truck: { allowedHighways: ['primary', 'residential'], speedFactor: 1, maxSpeedKmh: 120 },
    tricycle: { allowedHighways: ['primary', 'residential', 'track', 'service'], speedFactor: 1, maxSpeedKmh: 20 },
  },
});

export const CONFIG_PROFILES_PATH = path.resolve(__dirname, '../../../../config/vehicle-profiles.json');
export const ANDORRA_PATH = path.resolve(__dirname, '../../../../../shared/networks/andorra.geojson');

export function loadConfigProfiles(): VehicleProfileSet {
  return validateVehicleProfiles(JSON.parse(fs.readFileSync(CONFIG_PROFILES_PATH, 'utf8')));
}

export function loadAndorra(): unknown {
  return JSON.parse(fs.readFileSync(ANDORRA_PATH, 'utf8'));
}
