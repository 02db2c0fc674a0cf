/** Public surface of the routing solver core. */
export type { Compartment, Matrix, MultiTrip, Objective, Problem, Profile, Route, Task, TaskKind, TemperatureClass, UnassignedReason, VehicleType } from './problem';
export { OBJECTIVES, TEMPERATURE_CLASSES, UNASSIGNED_REASONS, pairPartners, validateProblem } from './problem';
export type { UnassignedTask } from './optional-tasks';
export { fitsCompartments } from './compartments';
export { parseSolomon } from './solomon.parser';
export { parseCvrplib } from './cvrplib.parser';
export { parseJsonProblem } from './json.parser';
export { euclideanMatrix } from './euclidean-matrix';
export type { EuclideanRounding } from './euclidean-matrix';
export { checkSolution } from './solution-checker';
export type { CheckResult, CheckedRoute } from './solution-checker';
export { solve } from './solve';
export type { SolveOptions, SolveProgress, SolveResult } from './solve';
