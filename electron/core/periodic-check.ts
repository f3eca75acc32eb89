/**
 * A check that runs every `everyMs`, first after a delay, and soon after a nudge (several nudges before it
 * runs make one run). Runs never overlap: each waits for the one before. Used by the early-warning and the
 * escalation services.
 */
export class PeriodicCheck<T> {
  private timer: ReturnType<typeof setInterval> | undefined;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<T>;

  constructor(
    private readonly run: () => Promise<T>,
    private readonly everyMs: number,
    idle: T,
  ) {
    this.running = Promise.resolve(idle);
  }

  get started(): boolean {
    return this.timer !== undefined;
  }

  start(firstInMs: number): void {
    this.timer = setInterval(() => void this.now(), this.everyMs);
    this.soon(firstInMs);
  }

  /** Run within `ms`, unless a run is already scheduled. */
  soon(ms: number): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      void this.now();
    }, ms);
  }

  /** Run now, after any run in progress; resolves with this run's result. */
  now(): Promise<T> {
    this.running = this.running.then(this.run, this.run);
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.pending);
    this.timer = this.pending = undefined;
    await this.running.catch(() => undefined);
  }
}
