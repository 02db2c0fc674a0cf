import { loadOf } from '../../plan/plan-costing';
import type { PlanStop, TemperatureClass } from '../../plan/plan.types';
import type { Travel } from '../../plan/travel';
import type { WaveInput, WaveSite, WaveVehicleType } from '../../plan/wave-input.types';

export type WaveItem = WaveInput['items'][number];

/**
 * A load to handle at one site within a window: upstream, goods to collect (a cooperative's, or a station's
 * consolidated goods); downstream, goods to drop (at a station for its village tier, or at a cooperative).
 */
export interface TierPickup {
  id: string;
  siteId: string;
  items: WaveItem[];
  /** Epoch ms: earliest start of service (goods ready, or the site open to receive) and latest start of service. */
  readyAt: number;
  deadline: number;
}

/** One physical vehicle of a base: it may run several trips, one after another. */
export interface TierVehicle {
  id: string;
  type: WaveVehicleType;
  firmId: string;
  availableFrom: number;
  trips: number;
}

export const SERVICE_MS = 600_000;

/** Whether a tier's vehicles collect at their stops and unload at the base, or load at the base and drop at their stops. */
export type TierMode = 'pickup' | 'delivery';

const CLASS_ORDER: readonly TemperatureClass[] = ['frozen', 'chilled', 'cool', 'ambient'];

/**
 * Capacity dimensions of a tier problem: grams and millilitres per temperature class, then grams and
 * millilitres in all. A compartment carries one class at a time, chosen per trip: the class it is listed
 * with (the coldest it can hold) or any warmer one — so frozen and ambient never share a compartment,
 * and a van can run all its compartments cool when the day's load is kiwis.
 */
export const DIMENSIONS: readonly { cls: TemperatureClass | 'all'; unit: 'grams' | 'ml' }[] = [
  ...CLASS_ORDER.flatMap((cls) => [{ cls, unit: 'grams' as const }, { cls, unit: 'ml' as const }]),
  { cls: 'all', unit: 'grams' }, { cls: 'all', unit: 'ml' },
];

const canHold = (listed: TemperatureClass, cls: TemperatureClass) => CLASS_ORDER.indexOf(cls) >= CLASS_ORDER.indexOf(listed);

export function demandOf(items: readonly WaveItem[]): number[] {
  return DIMENSIONS.map((d) => items.reduce((s, i) => s + (d.cls === 'all' || i.temperatureClass === d.cls ? (d.unit === 'grams' ? i.grams : i.volumeMl) : 0), 0));
}

/** The solver's relaxed capacity: per class, every compartment that could hold it; in all, every compartment. */
export function capacityOf(type: WaveVehicleType): number[] {
  return DIMENSIONS.map((d) => type.compartments
    .filter((c) => d.cls === 'all' || canHold(c.temperatureClass, d.cls))
    .reduce((s, c) => s + Math.round(d.unit === 'grams' ? c.capacityKg * 1000 : c.capacityLitres * 1000), 0));
}

/**
 * The exact check: a class for each compartment (its own or warmer, or none) under which every class's
 * load fits its compartments. Returns the assignment, or undefined. At most 5^k tries for k compartments.
 */
export function assignCompartments(type: WaveVehicleType, items: readonly WaveItem[]): Record<string, TemperatureClass> | undefined {
  const need = CLASS_ORDER.map((cls) => ({ cls, grams: 0, ml: 0 }));
  for (const i of items) {
    const n = need[CLASS_ORDER.indexOf(i.temperatureClass)]!;
    n.grams += i.grams;
    n.ml += i.volumeMl;
  }
  const wanted = need.filter((n) => n.grams > 0 || n.ml > 0);
  const comps = [...type.compartments].sort((a, b) => a.id.localeCompare(b.id));
  const choice: (TemperatureClass | null)[] = new Array(comps.length).fill(null);
  const search = (k: number): boolean => {
    if (k === comps.length) {
      return wanted.every((n) => {
        let g = 0;
        let ml = 0;
        comps.forEach((c, j) => { if (choice[j] === n.cls) { g += Math.round(c.capacityKg * 1000); ml += Math.round(c.capacityLitres * 1000); } });
        return n.grams <= g && n.ml <= ml;
      });
    }
    for (const option of [...wanted.map((n) => n.cls).filter((cls) => canHold(comps[k]!.temperatureClass, cls)), null]) {
      choice[k] = option;
      if (search(k + 1)) return true;
    }
    return false;
  };
  if (!search(0)) return undefined;
  return Object.fromEntries(comps.map((c, j) => [c.id, choice[j] ?? c.temperatureClass]));
}

export function fits(demand: readonly number[], capacity: readonly number[]): boolean {
  return demand.every((q, k) => q <= capacity[k]!);
}

/**
 * Splits a pickup whose load the given (biggest) vehicle could not take into pickups that each fit it,
 * compartments included (first fit over the items in a stable order). Items that fit it alone nowhere stay in `tooBig`.
 */
export function splitToFit(pickup: TierPickup, type: WaveVehicleType): { parts: TierPickup[]; tooBig: WaveItem[] } {
  if (assignCompartments(type, pickup.items)) return { parts: [pickup], tooBig: [] };
  const parts: WaveItem[][] = [];
  const tooBig: WaveItem[] = [];
  for (const item of pickup.items) {
    if (!assignCompartments(type, [item])) { tooBig.push(item); continue; }
    const home = parts.find((p) => assignCompartments(type, [...p, item]) !== undefined);
    if (home) home.push(item);
    else parts.push([item]);
  }
  return { parts: parts.map((items, k) => ({ ...pickup, id: `${pickup.id}#${k + 1}`, items })), tooBig };
}

export interface ReplayedRoute {
  stops: PlanStop[];
  /** The class each compartment runs at on this trip. */
  compartments: Record<string, TemperatureClass>;
  departAt: number;
  arriveAt: number;
  distanceM: number;
  /** Index of the first pickup the route cannot serve in time or within capacity, or -1. */
  firstViolation: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Drives a sequence of stops from the base and back: leaves as late as it can for the first stop, waits
 * for goods (or a site) that are not ready, and records arrival, departure and load at every stop. In
 * `pickup` mode the load grows stop by stop and is unloaded at the base; in `delivery` mode everything is
 * loaded at the base and dropped stop by stop — the peak load is the same set either way, so one capacity
 * check serves both. Independent of the solver, so its verdict is the one the plan keeps.
 */
export function replayRoute(base: WaveSite, vehicle: TierVehicle, sequence: readonly TierPickup[], travel: Travel, sites: ReadonlyMap<string, WaveSite>,
  latestReturn: number, mode: TierMode = 'pickup'): ReplayedRoute {
  const profile = vehicle.type.profile;
  const ms = (s: number) => Math.round(s * 1000);
  const first = sequence[0];
  const firstLeg = first ? travel.leg(profile, base.id, first.siteId).seconds : 0;
  const departAt = Math.max(vehicle.availableFrom, first && Number.isFinite(firstLeg) ? first.readyAt - ms(firstLeg) : vehicle.availableFrom);
  const all = sequence.flatMap((p) => p.items);
  const stops: PlanStop[] = [{ seq: 0, siteId: base.id, kind: 'start', lon: base.lon, lat: base.lat, arrivalAt: iso(departAt), departureAt: iso(departAt),
    pickedUp: mode === 'delivery' ? all.map((i) => i.allocationId) : [], dropped: [], loadAfter: loadOf(mode === 'delivery' ? all : []) }];
  let t = departAt;
  let at = base.id;
  let distanceM = 0;
  const carried: WaveItem[] = [];
  let firstViolation = -1;
  for (let k = 0; k < sequence.length; k++) {
    const p = sequence[k]!;
    const leg = travel.leg(profile, at, p.siteId);
    // A road this vehicle may not take: the route is refused from here (the caller keeps the prefix).
    if (!Number.isFinite(leg.seconds)) return { stops, compartments: {}, departAt, arriveAt: Infinity, distanceM: Infinity, firstViolation: firstViolation >= 0 ? firstViolation : k };
    const arrive = t + ms(leg.seconds);
    const start = Math.max(arrive, p.readyAt);
    if (firstViolation < 0 && (start > p.deadline || !assignCompartments(vehicle.type, [...carried, ...p.items]))) firstViolation = k;
    carried.push(...p.items);
    distanceM += leg.metres;
    t = start + SERVICE_MS;
    at = p.siteId;
    const site = sites.get(p.siteId)!;
    const ids = p.items.map((i) => i.allocationId);
    stops.push(mode === 'pickup'
      ? { seq: stops.length, siteId: p.siteId, kind: 'pickup', lon: site.lon, lat: site.lat, arrivalAt: iso(arrive), departureAt: iso(t),
        pickedUp: ids, dropped: [], loadAfter: loadOf(carried) }
      : { seq: stops.length, siteId: p.siteId, kind: 'delivery', lon: site.lon, lat: site.lat, arrivalAt: iso(arrive), departureAt: iso(t),
        pickedUp: [], dropped: ids, loadAfter: loadOf(all.slice(carried.length)) });
  }
  const back = travel.leg(profile, at, base.id);
  if (!Number.isFinite(back.seconds)) return { stops, compartments: {}, departAt, arriveAt: Infinity, distanceM: Infinity, firstViolation: Math.max(0, sequence.length - 1) };
  distanceM += back.metres;
  const arriveAt = t + ms(back.seconds);
  if (firstViolation < 0 && sequence.length > 0 && (!Number.isFinite(back.seconds) || arriveAt > latestReturn)) firstViolation = sequence.length - 1;
  stops.push({ seq: stops.length, siteId: base.id, kind: 'end', lon: base.lon, lat: base.lat, arrivalAt: iso(arriveAt), departureAt: iso(arriveAt),
    pickedUp: [], dropped: mode === 'pickup' ? carried.map((i) => i.allocationId) : [], loadAfter: loadOf([]) });
  return { stops, compartments: assignCompartments(vehicle.type, carried) ?? {}, departAt, arriveAt, distanceM: Math.round(distanceM), firstViolation };
}
