/**
 * Compartments and temperature classes, compiled into capacity dimensions so the search needs no
 * new machinery: for every temperature class some task uses, one block of `dimensions` extra
 * dimensions holds the demand of the tasks of that class, and a vehicle type's capacity in that
 * block is the total capacity of its compartments that can be set to that class (0 when none: the
 * class cannot ride in it). Exact for compartments with one fixed class; for compartments whose
 * class is chosen per route it is a relaxation (a compartment counts for each class it accepts),
 * and the independent checker then decides by trying the class assignments — see `fitsCompartments`.
 * Also folds a vehicle type's `latestArrival` into its shift end.
 */
import type { Problem, TemperatureClass, VehicleType } from './problem';

export function usedClasses(problem: Problem): TemperatureClass[] {
  const out: TemperatureClass[] = [];
  for (const t of problem.tasks) if (t.temperatureClass && !out.includes(t.temperatureClass)) out.push(t.temperatureClass);
  return out.sort();
}

/** Whether vehicle type `v` has any compartment that can take class `c`. */
export function carriesClass(v: VehicleType, c: TemperatureClass): boolean {
  return (v.compartments ?? []).some((x) => x.temperatureClasses.includes(c));
}

/** Layout of the class blocks in a compiled problem: dimensions base + c·base … base + (c+1)·base − 1 hold class c. */
export interface ClassBlocks {
  base: number;
  classes: TemperatureClass[];
}

export type CompiledProblem = Problem & { classBlocks?: ClassBlocks };

/** The problem the search works on: compartments as extra dimensions, latestArrival in the shift. */
export function compileProblem(problem: Problem): CompiledProblem {
  const classes = usedClasses(problem);
  const hasDeadline = problem.vehicles.some((v) => v.latestArrival !== undefined);
  if (classes.length === 0 && !hasDeadline) return problem;
  const D = problem.dimensions;
  const block = (c: TemperatureClass | undefined): number => (c === undefined ? -1 : classes.indexOf(c));
  return {
    ...problem,
    classBlocks: classes.length > 0 ? { base: D, classes } : undefined,
    dimensions: D * (1 + classes.length),
    tasks: problem.tasks.map((t) => {
      const demand = new Array<number>(D * (1 + classes.length)).fill(0);
      for (let d = 0; d < D; d++) demand[d] = t.demand[d]!;
      const b = block(t.temperatureClass);
      if (b >= 0) for (let d = 0; d < D; d++) demand[D * (1 + b) + d] = t.demand[d]!;
      return { ...t, demand };
    }),
    vehicles: problem.vehicles.map((v) => {
      const capacity = [...v.capacity];
      for (const c of classes) {
        for (let d = 0; d < D; d++) {
          let sum = 0;
          for (const x of v.compartments ?? []) if (x.temperatureClasses.includes(c)) sum += x.capacity[d]!;
          capacity.push(sum);
        }
      }
      const end = v.latestArrival !== undefined ? Math.min(v.shift[1], v.latestArrival) : v.shift[1];
      return { ...v, capacity, shift: [v.shift[0], Math.max(v.shift[0], end)] as [number, number] };
    }),
  };
}

/** Settings beyond this many per vehicle type fall back to the relaxation (sum per class). */
const MAX_SETTINGS = 4096;

/**
 * For a vehicle type whose compartments' classes are chosen per route: the capacity of every
 * class block under every setting (one class or none per compartment), flattened as
 * settings × classes × base; null when every compartment has at most one usable class (then the
 * per-class sums are exact) or when there are too many settings.
 */
export function compartmentSettings(v: VehicleType, blocks: ClassBlocks): Float64Array | null {
  const comps = v.compartments ?? [];
  const options = comps.map((c) => [-1, ...blocks.classes.map((k, i) => (c.temperatureClasses.includes(k) ? i : -2)).filter((i) => i >= 0)]);
  if (options.every((o) => o.length <= 2)) return null;
  const count = options.reduce((n, o) => n * o.length, 1);
  if (count > MAX_SETTINGS) return null;
  const W = blocks.classes.length * blocks.base;
  const out = new Float64Array(count * W);
  for (let s = 0; s < count; s++) {
    let rest = s;
    comps.forEach((c, i) => {
      const o = options[i]!;
      const k = o[rest % o.length]!;
      rest = Math.floor(rest / o.length);
      if (k >= 0) for (let d = 0; d < blocks.base; d++) out[s * W + k * blocks.base + d]! += c.capacity[d]!;
    });
  }
  return out;
}

/**
 * Exact compartment check for one route (one trip of a multi-trip day): is there a setting of one
 * class per compartment such that every class's peak load on board fits in the compartments set to it? Tries all settings (compartments
 * are few). Returns null when it fits, else a description of the fault.
 */
export function fitsCompartments(problem: Problem, v: VehicleType, tasks: readonly number[]): string | null {
  // the compartments' own dimensions (the first ones of a compiled problem's demands)
  const D = v.compartments?.[0]?.capacity.length ?? problem.dimensions;
  // per class, the peak on board along the trip: deliveries ride from the start, pickups from
  // their task on, a paired load from its pickup to its delivery (as the capacity check counts it)
  const onBoard = new Map<TemperatureClass, number[]>();
  const loads = new Map<TemperatureClass, number[]>();
  for (const t of tasks) {
    const task = problem.tasks[t]!;
    if (!task.temperatureClass) continue;
    const start = onBoard.get(task.temperatureClass) ?? new Array<number>(D).fill(0);
    if (task.kind !== 'pickup' && task.deliveryOf === undefined) for (let d = 0; d < D; d++) start[d]! += task.demand[d]!;
    onBoard.set(task.temperatureClass, start);
  }
  for (const [c, start] of onBoard) loads.set(c, start.slice());
  for (const t of tasks) {
    const task = problem.tasks[t]!;
    if (!task.temperatureClass) continue;
    const now = onBoard.get(task.temperatureClass)!;
    const peak = loads.get(task.temperatureClass)!;
    for (let d = 0; d < D; d++) {
      now[d]! += task.kind === 'pickup' ? task.demand[d]! : -task.demand[d]!;
      if (now[d]! > peak[d]!) peak[d] = now[d]!;
    }
  }
  if (loads.size === 0) return null;
  const comps = v.compartments ?? [];
  for (const c of loads.keys()) if (!carriesClass(v, c)) return `no compartment takes ${c}`;
  const classes = [...loads.keys()];
  const setting = new Array<number>(comps.length).fill(-1);
  const fits = (): boolean => classes.every((c, ci) => {
    const load = loads.get(c)!;
    for (let d = 0; d < D; d++) {
      let cap = 0;
      comps.forEach((x, i) => {
        if (setting[i] === ci) cap += x.capacity[d]!;
      });
      if (load[d]! > cap + 1e-9) return false;
    }
    return true;
  });
  const search = (i: number): boolean => {
    if (i === comps.length) return fits();
    // unused compartment, or set to one of the classes it accepts
    setting[i] = -1;
    if (search(i + 1)) return true;
    for (let ci = 0; ci < classes.length; ci++) {
      if (!comps[i]!.temperatureClasses.includes(classes[ci]!)) continue;
      setting[i] = ci;
      if (search(i + 1)) return true;
    }
    setting[i] = -1;
    return false;
  };
  return search(0) ? null : `the ${classes.join(', ')} loads do not fit the compartments`;
}
