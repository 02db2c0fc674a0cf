/**
 * Vehicle profiles: which OSM highway classes a vehicle may use and how fast it goes on them.
 * The core never reads configuration; callers pass the profile set as plain data and it is
 * validated here so a bad config fails loudly, naming the profile and field.
 */

export interface VehicleProfile {
  /** Stable id, e.g. `reefer-truck-5t`. */
  readonly id: string;
  readonly label?: string;
  /** OSM `highway` values this vehicle may drive on. */
  readonly allowedHighways: readonly string[];
  /** Multiplies the road's speed (tagged maxspeed or class default); 0 < factor ≤ 2. */
  readonly speedFactor: number;
  /** Hard cap on the vehicle's speed, km/h. */
  readonly maxSpeedKmh: number;
}

export interface VehicleProfileSet {
  /** Speed assumed on a road class when no usable `maxspeed` tag is present, km/h. */
  readonly defaultSpeedKmh: Readonly<Record<string, number>>;
  readonly profiles: Readonly<Record<string, VehicleProfile>>;
}

const PREFIX = 'core/graph: vehicle profiles';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveNumber(value: unknown, where: string, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    throw new Error(`${PREFIX}: ${where} must be a positive finite number${max < Infinity ? ` ≤ ${max}` : ''}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Checks untrusted profile data (e.g. parsed config/vehicle-profiles.json) and returns it typed.
 * Profile ids come from the object keys; an `id` field, when present, must match its key.
 */
export function validateVehicleProfiles(data: unknown): VehicleProfileSet {
  if (!isRecord(data)) throw new Error(`${PREFIX}: expected an object with defaultSpeedKmh and profiles`);
  if (!isRecord(data.defaultSpeedKmh)) throw new Error(`${PREFIX}: defaultSpeedKmh must be an object of highway class → km/h`);
  const defaultSpeedKmh: Record<string, number> = {};
  for (const [cls, speed] of Object.entries(data.defaultSpeedKmh)) {
    defaultSpeedKmh[cls] = positiveNumber(speed, `defaultSpeedKmh.${cls}`, 300);
  }
  if (!isRecord(data.profiles) || Object.keys(data.profiles).length === 0) {
    throw new Error(`${PREFIX}: profiles must be a non-empty object of profile id → profile`);
  }
  const profiles: Record<string, VehicleProfile> = {};
  for (const [id, raw] of Object.entries(data.profiles)) {
    const where = `profile '${id}'`;
    if (!isRecord(raw)) throw new Error(`${PREFIX}: ${where} must be an object`);
    if (raw.id !== undefined && raw.id !== id) throw new Error(`${PREFIX}: ${where} has id '${String(raw.id)}' that differs from its key`);
    if (!Array.isArray(raw.allowedHighways) || raw.allowedHighways.length === 0) {
      throw new Error(`${PREFIX}: ${where}: allowedHighways must be a non-empty array of OSM highway classes`);
    }
    const allowed: string[] = [];
    for (const cls of raw.allowedHighways) {
      if (typeof cls !== 'string' || cls === '') throw new Error(`${PREFIX}: ${where}: allowedHighways entries must be non-empty strings`);
      // Without a default speed the travel time on an untagged road of this class would be undefined.
      if (defaultSpeedKmh[cls] === undefined) throw new Error(`${PREFIX}: ${where}: highway class '${cls}' has no entry in defaultSpeedKmh`);
      if (!allowed.includes(cls)) allowed.push(cls);
    }
    if (raw.label !== undefined && typeof raw.label !== 'string') throw new Error(`${PREFIX}: ${where}: label must be a string`);
    profiles[id] = {
      id,
      ...(typeof raw.label === 'string' ? { label: raw.label } : {}),
      allowedHighways: allowed,
      speedFactor: positiveNumber(raw.speedFactor, `${where}: speedFactor`, 2),
      maxSpeedKmh: positiveNumber(raw.maxSpeedKmh, `${where}: maxSpeedKmh`, 300),
    };
  }
  return { defaultSpeedKmh, profiles };
}

/** A profile together with the class default speeds it needs, ready for edge-time computation. */
export interface ResolvedVehicleProfile extends VehicleProfile {
  readonly defaultSpeedKmh: Readonly<Record<string, number>>;
}

export function resolveVehicleProfile(set: VehicleProfileSet, profileId: string): ResolvedVehicleProfile {
  const checked = validateVehicleProfiles(set);
  const profile = checked.profiles[profileId];
  if (!profile) {
    throw new Error(`core/graph: unknown vehicle profile '${profileId}' (known: ${Object.keys(checked.profiles).join(', ')})`);
  }
  return { ...profile, defaultSpeedKmh: checked.defaultSpeedKmh };
}

/**
 * Vehicle speed on a road in km/h, or 0 when the profile may not use the road class.
 * speed = min((tagged maxspeed, else class default) × speedFactor, profile maxSpeedKmh).
 */
export function profileSpeedKmh(profile: ResolvedVehicleProfile, highway: string, maxspeedKmh: number | null): number {
  if (!profile.allowedHighways.includes(highway)) return 0;
  const base = maxspeedKmh ?? profile.defaultSpeedKmh[highway];
  if (base === undefined) return 0;
  return Math.min(base * profile.speedFactor, profile.maxSpeedKmh);
}

/** Travel time in seconds over `lengthM` metres, Infinity when the profile may not use the road. */
export function edgeTravelTimeS(profile: ResolvedVehicleProfile, highway: string, maxspeedKmh: number | null, lengthM: number): number {
  const kmh = profileSpeedKmh(profile, highway, maxspeedKmh);
  return kmh > 0 ? lengthM / (kmh / 3.6) : Infinity;
}
