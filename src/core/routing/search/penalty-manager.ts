/**
 * Penalties for excess load and time warp, adapted so that about `target` of the solutions leaving
 * local search are feasible for each constraint (Vidal et al. 2012; HGS-CVRP parameters).
 */
export class PenaltyManager {
  penaltyLoad: number;
  penaltyTW: number;
  private loadOk = 0;
  private twOk = 0;
  private count = 0;

  constructor(initialLoad: number, initialTW: number, private readonly target = 0.2, private readonly every = 100) {
    this.penaltyLoad = initialLoad;
    this.penaltyTW = initialTW;
  }

  /** Record one educated solution; returns true when the penalties were just updated. */
  record(excess: number, timeWarp: number): boolean {
    if (excess === 0) this.loadOk++;
    if (timeWarp === 0) this.twOk++;
    this.count++;
    if (this.count < this.every) return false;
    this.penaltyLoad = adjust(this.penaltyLoad, this.loadOk / this.count, this.target);
    this.penaltyTW = adjust(this.penaltyTW, this.twOk / this.count, this.target);
    this.loadOk = 0;
    this.twOk = 0;
    this.count = 0;
    return true;
  }
}

function adjust(penalty: number, share: number, target: number): number {
  // nothing feasible at all: the penalty is far off, climb fast
  if (share === 0) return Math.min(1e9, penalty * 2);
  if (share < target - 0.05) return Math.min(1e9, penalty * 1.3);
  if (share > target + 0.05) return Math.max(0.01, penalty * 0.85);
  return penalty;
}
