import { edgeTravelTimeS, profileSpeedKmh, resolveVehicleProfile, validateVehicleProfiles } from '../../../../src/core/graph';
import { loadConfigProfiles, TEST_PROFILES } from './graph-test-data';

describe('vehicle profiles', () => {
  it('the shipped config is valid and has the three required profiles', () => {
    const set = loadConfigProfiles();
    expect(Object.keys(set.profiles)).toEqual(expect.arrayContaining(['reefer-truck-5t', 'reefer-van', 'insulated-tricycle']));
    const truck = set.profiles['reefer-truck-5t']!;
    expect(truck.allowedHighways).not.toContain('track');
    expect(truck.allowedHighways).not.toContain('service');
    const tricycle = resolveVehicleProfile(set, 'insulated-tricycle');
    expect(tricycle.allowedHighways).toContain('track');
    // Slow: below the truck on the main roads.
    const truckR = resolveVehicleProfile(set, 'reefer-truck-5t');
    for (const cls of ['primary', 'secondary', 'tertiary']) {
      expect(profileSpeedKmh(tricycle, cls, null)).toBeLessThan(profileSpeedKmh(truckR, cls, null));
    }
  });

  it('speed is min(tag or class default × factor, cap); disallowed classes take forever', () => {
    const set = validateVehicleProfiles({
      defaultSpeedKmh: { primary: 70, track: 15 },
      profiles: { p: { allowedHighways: ['primary'], speedFactor: 0.5, maxSpeedKmh: 30 } },
    });
    const p = resolveVehicleProfile(set, 'p');
    expect(profileSpeedKmh(p, 'primary', null)).toBe(30); // 35 capped at 30
    expect(profileSpeedKmh(p, 'primary', 40)).toBe(20);
    expect(edgeTravelTimeS(p, 'primary', 40, 1000)).toBeCloseTo(1000 / (20 / 3.6), 10);
    expect(edgeTravelTimeS(p, 'track', null, 1000)).toBe(Infinity);
  });

  it.each([
    [null, /expected an object/],
    [{ profiles: {} }, /defaultSpeedKmh must be an object/],
    [{ defaultSpeedKmh: { primary: -1 }, profiles: {} }, /defaultSpeedKmh\.primary must be a positive finite number/],
    [{ defaultSpeedKmh: { primary: 50 }, profiles: {} }, /profiles must be a non-empty object/],
    [{ defaultSpeedKmh: { primary: 50 }, profiles: { van: { allowedHighways: [], speedFactor: 1, maxSpeedKmh: 50 } } }, /profile 'van': allowedHighways must be a non-empty array/],
    [{ defaultSpeedKmh: { primary: 50 }, profiles: { van: { allowedHighways: ['track'], speedFactor: 1, maxSpeedKmh: 50 } } }, /profile 'van': highway class 'track' has no entry in defaultSpeedKmh/],
    [{ defaultSpeedKmh: { primary: 50 }, profiles: { van: { allowedHighways: ['primary'], speedFactor: 0, maxSpeedKmh: 50 } } }, /profile 'van': speedFactor must be a positive finite number/],
    [{ defaultSpeedKmh: { primary: 50 }, profiles: { van: { allowedHighways: ['primary'], speedFactor: 1, maxSpeedKmh: 'fast' } } }, /profile 'van': maxSpeedKmh must be/],
    [{ defaultSpeedKmh: { primary: 50 }, profiles: { van: { id: 'car', allowedHighways: ['primary'], speedFactor: 1, maxSpeedKmh: 50 } } }, /profile 'van' has id 'car'/],
  ])('rejects bad profile data %#', (data, message) => {
    expect(() => validateVehicleProfiles(data)).toThrow(message);
  });

  it('names an unknown profile and lists the known ones', () => {
    expect(() => resolveVehicleProfile(TEST_PROFILES, 'bus')).toThrow("core/graph: unknown vehicle profile 'bus' (known: car, truck, tricycle)");
  });
});
