/**
 * Stopping rule shared by all phases: an iteration limit and/or a deadline on the monotonic clock
 * (`performance.now()`, the one clock the pure core may read, and only for this). A time-limited
 * run reports its iteration count so it can be replayed exactly with an iteration limit.
 */
export class Budget {
  iterations = 0;

  constructor(readonly maxIterations: number, private readonly deadline: number) {}

  static create(iterations: number | undefined, timeLimitSeconds: number | undefined): Budget {
    const max = iterations ?? Infinity;
    const deadline = timeLimitSeconds !== undefined ? performance.now() + timeLimitSeconds * 1000 : Infinity;
    return new Budget(max, deadline);
  }

  tick(): void {
    this.iterations++;
  }

  done(): boolean {
    return this.iterations >= this.maxIterations || (this.deadline !== Infinity && performance.now() >= this.deadline);
  }
}
