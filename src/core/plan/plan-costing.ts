import type { CostParts, LoadByClass, PlanItem, TemperatureClass } from './plan.types';
import type { WaveVehicleType } from './wave-input.types';

/** Grams and millilitres a vehicle type can carry per temperature class (sum over its compartments). */
export function capacityByClass(type: WaveVehicleType): Record<TemperatureClass, { grams: number; ml: number }> {
  const cap: Record<TemperatureClass, { grams: number; ml: number }> = {
    frozen: { grams: 0, ml: 0 }, chilled: { grams: 0, ml: 0 }, cool: { grams: 0, ml: 0 }, ambient: { grams: 0, ml: 0 },
  };
  for (const c of type.compartments) {
    cap[c.temperatureClass].grams += Math.round(c.capacityKg * 1000);
    cap[c.temperatureClass].ml += Math.round(c.capacityLitres * 1000);
  }
  return cap;
}

export function isRefrigerated(type: WaveVehicleType): boolean {
  return type.reeferCostPerHourCents > 0;
}

/**
 * Cost of one trip in its four parts. The vehicle-day part is charged on a vehicle's first trip only:
 * a van that goes out twice is still one amortised vehicle-day.
 */
export function costTrip(type: WaveVehicleType, distanceM: number, durationS: number, firstTripOfVehicle: boolean): { cost: CostParts; refrigerationS: number; co2eGrams: number } {
  const refrigerationS = isRefrigerated(type) ? durationS : 0;
  const fixedCents = firstTripOfVehicle ? type.fixedCostCents : 0;
  const fuelCents = Math.round((distanceM / 1000) * type.costPerKmCents);
  const driverCents = Math.round((durationS / 3600) * type.costPerHourCents);
  const refrigerationCents = Math.round((refrigerationS / 3600) * type.reeferCostPerHourCents);
  // GLEC / ISO 14083 style: a per-km factor for the vehicle class plus an uplift while the reefer unit runs.
  const co2eGrams = Math.round((distanceM / 1000) * type.co2ePerKmGrams * (1 + (refrigerationS > 0 ? type.reeferUpliftShare : 0)));
  return {
    cost: { fixedCents, fuelCents, driverCents, refrigerationCents, totalCents: fixedCents + fuelCents + driverCents + refrigerationCents },
    refrigerationS,
    co2eGrams,
  };
}

export function emptyCost(): CostParts {
  return { fixedCents: 0, fuelCents: 0, driverCents: 0, refrigerationCents: 0, totalCents: 0 };
}

export function addCost(a: CostParts, b: CostParts): CostParts {
  return {
    fixedCents: a.fixedCents + b.fixedCents,
    fuelCents: a.fuelCents + b.fuelCents,
    driverCents: a.driverCents + b.driverCents,
    refrigerationCents: a.refrigerationCents + b.refrigerationCents,
    totalCents: a.totalCents + b.totalCents,
  };
}

export function emptyLoad(): LoadByClass {
  return { grams: 0, byClass: { frozen: 0, chilled: 0, cool: 0, ambient: 0 } };
}

export function loadOf(items: readonly PlanItem[]): LoadByClass {
  const load = emptyLoad();
  for (const item of items) {
    load.grams += item.grams;
    load.byClass[item.temperatureClass] += item.grams;
  }
  return load;
}
