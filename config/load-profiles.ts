import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateVehicleProfiles, type VehicleProfileSet } from '../src/core/graph';

/** Vehicle road profiles (allowed road classes, speeds) shipped in config/, validated by the core. */
export function loadVehicleProfiles(): VehicleProfileSet {
  return validateVehicleProfiles(JSON.parse(readFileSync(join(__dirname, 'vehicle-profiles.json'), 'utf8')));
}
