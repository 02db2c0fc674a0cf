import type { Logger } from '../src/observability/logger';

/**
 * Runs `task` every `intervalMs`, never two runs at once (a slow run makes the next ticks skip), and
 * logs a failed run as a warning: the next tick retries. stop() waits for a run in progress.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly options: { intervalMs: number; log: Logger; failure: string; task: () => Promise<unknown> }) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.options.task()
        .catch((error: unknown) => this.options.log.warn({ err: error }, this.options.failure))
        .finally(() => { this.running = undefined; });
    }, this.options.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
