import type { CostParts, Tier } from '../plan/plan.types';
import type { Payer, RouteSharing } from './cost-policy';

/** The cost split of one plan: who pays what, to the cent. */
export interface CostSplitDocument {
  schemaVersion: 1;
  method: string;
  policyVersion: string;
  /** The sharing method applied to village routes (the policy's, or the one a caller forced). */
  routeSharing: RouteSharing;
  /** The seed of Shapley permutation sampling (only used on routes above the exact limit). */
  seed: number;
  shapley: { exactMaxCooperatives: number; samplePermutations: number };
  totalCents: number;
  /** The plan's route costs plus the day's share of the hub and the stations the policy adds. */
  components: { routesCents: number; hubShareCents: number; stationOmCents: number; stationsUsed: number; stationIds: string[]; hubThroughputKg: number };
  parties: Record<Payer, number>;
  government: {
    hubShareCents: number; fuelSubsidyCents: number; cooperativeExcessCents: number; trunkOperatingCents: number;
    /** Terminal cost of village routes that carry nothing of any cooperative (paid by the party cooperatives' excess goes to). */
    unattributedTerminalCents: number;
  };
  logisticsFirm: {
    vehicleDayCents: number; stationOmCents: number; trunkOperatingCents: number; cooperativeExcessCents: number; unattributedTerminalCents: number;
  };
  cooperatives: CooperativeShare[];
  farmers: FarmerShare[];
  routes: RouteSplit[];
  remainderRule: string;
  /** How village routes were shared and how the Shapley game was built, in words. */
  sharingModel: string;
}

export interface CooperativeShare {
  cooperativeId: string;
  /** Kilograms of its allocations the plan carries. */
  kg: number;
  /** Sales revenue of its carried allocations (units × lot unit supply price), the base of the cap. */
  salesCents: number;
  /** What the routes assign to this cooperative before the cap. */
  uncappedCents: number;
  /** floor(sales × capShareOfSales). */
  capCents: number;
  shareCents: number;
  /** uncapped − share, paid by `excessPaidBy`. */
  excessCents: number;
  excessPaidBy: Exclude<Payer, 'cooperatives'>;
  /** share / sales (0 without sales). */
  burden: number;
  /** burden above the policy's target share of sales. */
  aboveTarget: boolean;
  /** Routes whose cost it shares. */
  routeNos: number[];
}

export interface FarmerShare { farmerId: string; cooperativeId: string; kg: number; salesCents: number; shareCents: number }

export interface RouteSplit {
  routeNo: number;
  tier: Tier;
  vehicleTypeId: string;
  baseSiteId: string;
  /** The route's recorded total cost (= cost.totalCents). */
  costCents: number;
  cost: CostParts;
  fuelSubsidyCents: number;
  /** Fuel less subsidy + driver + refrigeration: what is shared (village) or paid by trunkOperatingPaidBy (township). */
  operatingCents: number;
  /** Operating cost of a village route (the cooperatives' terminal delivery cost); 0 on township routes. */
  terminalCents: number;
  /** Who pays the operating cost before caps. */
  operatingPaidBy: Payer;
  sharing: RouteSharingReport | null;
  sharedBy: RouteShare[];
}

export interface RouteSharingReport {
  method: RouteSharing;
  /** 'exact' / 'sampled' for Shapley; 'weights' for the proportional methods. */
  evaluation: 'exact' | 'sampled' | 'weights';
  cooperatives: number;
  /** Permutations walked (sampled Shapley only, else 0): the policy's count rounded up to even (antithetic pairs). */
  samplePermutations: number;
  /** Distinct coalition tours priced (Shapley only). */
  coalitionTours: number;
  /** False when some coalition tour over more than 8 stops was priced by the insertion + 2-opt heuristic. */
  toursExact: boolean;
  /** The game's grand-coalition cost before scaling to operatingCents (Shapley only), in cents. */
  gameGrandCoalitionCents: number | null;
  /** Largest standard error of a sampled Shapley value, scaled like the shares, in cents (sampled only). */
  maxStandardErrorCents: number | null;
  /** Why the method's weights were replaced by kilograms (all weights zero), if they were. */
  fallback: string | null;
}

export interface RouteShare {
  cooperativeId: string;
  kg: number;
  /** The method's raw weight: kg, kg·km, or the Shapley value in cents before scaling. */
  weight: number;
  /** Before the cooperative's cap. */
  shareCents: number;
}
