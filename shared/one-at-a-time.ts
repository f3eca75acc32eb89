/**
 * "Run once, and again if asked meanwhile": a task that never overlaps itself. Asking while it runs makes exactly
 * one more run after it, however many times it was asked (the later run sees everything the asks were about).
 * Used wherever a refresh, a delivery or a flush is triggered by events that come faster than it runs: the
 * screens' live queries, the map's points, the sync's pulls, the outbox, the demo feed, the hub's meeting writes.
 * No I/O and no timers: spacing runs out (at most every n ms) is the caller's business.
 */
export type OneAtATimeOptions = {
  /** A run that throws is reported here (the next ask runs again); by default the error is dropped. */
  onError?: (e: unknown) => void;
};

export class OneAtATime {
  /** A run is in progress (set before the task starts: an ask made by the task itself, in its synchronous start,
   * must see it). */
  private busy = false;
  private current: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Resolves the asks that came while a run was in progress, when the run after it ends. */
  private waiting: (() => void)[] = [];

  constructor(
    private readonly task: () => Promise<void> | void,
    private readonly options: OneAtATimeOptions = {},
  ) {}

  /** Is a run in progress (or about to start again)? */
  get running(): boolean {
    return this.busy;
  }

  /**
   * Run now, or once more after the run in progress. Resolves when a run that started after this ask has
   * ended (at once after `stop`); never rejects — a failing run goes to `onError`.
   */
  ask(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.busy) {
      this.again = true;
      return new Promise((resolve) => this.waiting.push(resolve));
    }
    this.busy = true;
    this.current = this.loop();
    return this.current;
  }

  /** Resolves once no run is in progress nor asked for. */
  async idle(): Promise<void> {
    while (this.busy) await (this.current ?? Promise.resolve());
  }

  /** No runs after the one in progress; resolves when it has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.again = false;
    await this.idle();
  }

  private async loop(): Promise<void> {
    try {
      let settle: (() => void)[] = [];
      do {
        this.again = false;
        try {
          await this.task();
        } catch (e) {
          this.options.onError?.(e);
        }
        settle.forEach((resolve) => resolve());
        settle = this.waiting;
        this.waiting = [];
      } while (this.again && !this.stopped);
      settle.forEach((resolve) => resolve());
    } finally {
      this.busy = false;
      this.current = null;
      const late = this.waiting;
      this.waiting = [];
      late.forEach((resolve) => resolve());
    }
  }
}
