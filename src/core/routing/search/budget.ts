/**
 * Stopping rule shared by all phases: an iteration limit and/or a deadline on the monotonic clock
 * (`performance.now()`, the one clock the pure core may read, and only for this). A time-limited
 * run reports its iteration count so it can be replayed exactly with an iteration limit.
 */
export class Budget {
  constructor(
    readonly maxIterations: number,
    private readonly deadline: number,
    private readonly counter: { value: number } = { value: 0 },
  ) {}

  static create(iterations: number | undefined, timeLimitSeconds: number | undefined): Budget {
    const max = iterations ?? Infinity;
    const deadline = timeLimitSeconds !== undefined ? performance.now() + timeLimitSeconds * 1000 : Infinity;
    return new Budget(max, deadline);
  }

  get iterations(): number {
    return this.counter.value;
  }

  /** The same budget that also stops once the iteration count reaches `until`; ticks count in both. */
  capped(until: number): Budget {
    return new Budget(Math.min(this.maxIterations, until), this.deadline, this.counter);
  }

  tick(): void {
    this.counter.value++;
  }

  done(): boolean {
    return this.counter.value >= this.maxIterations || (this.deadline !== Infinity && performance.now() >= this.deadline);
  }
}
