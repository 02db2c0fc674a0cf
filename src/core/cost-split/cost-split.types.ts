/** The cost split of one plan: who pays what, to the cent. */
export interface CostSplitDocument {
  schemaVersion: 1;
  method: string;
  policyVersion: string;
  routeSharing: string;
  totalCents: number;
  /** The plan's route costs plus the day's share of the hub and the stations the policy adds. */
  components: { routesCents: number; hubShareCents: number; stationOmCents: number; stationsUsed: number };
  parties: { government: number; logisticsFirm: number; cooperatives: number };
  government: { hubShareCents: number; fuelSubsidyCents: number; cooperativeExcessCents: number; trunkOperatingCents: number };
  logisticsFirm: { vehicleDayCents: number; stationOmCents: number; trunkOperatingCents: number; cooperativeExcessCents: number };
  cooperatives: CooperativeShare[];
  farmers: { farmerId: string; cooperativeId: string; kg: number; shareCents: number }[];
  routes: { routeNo: number; tier: string; costCents: number; terminalCents: number; sharedBy: { cooperativeId: string; kg: number; shareCents: number }[] }[];
  remainderRule: string;
}

export interface CooperativeShare {
  cooperativeId: string;
  kg: number;
  salesCents: number;
  /** What the village routes' terminal cost assigns to this cooperative before the cap. */
  uncappedCents: number;
  capCents: number;
  shareCents: number;
  /** share / sales. */
  burden: number;
}
