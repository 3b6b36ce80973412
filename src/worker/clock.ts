/** Time and timers, passed in so the worker's schedules can be tested with a fake clock. */
export interface Clock {
  now(): number;
  /** Calls `callback` after `ms`; returns a function that cancels it. */
  after(ms: number, callback: () => void): () => void;
}

export const realClock: Clock = {
  now: () => performance.now(),
  after: (ms, callback) => {
    const timer = setTimeout(callback, ms);
    return () => {
      clearTimeout(timer);
    };
  },
};

/** At most one pending wake-up, at the earliest time asked for. */
export class Alarm {
  private cancel: (() => void) | null = null;
  private at = Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly ring: () => void,
  ) {}

  /** Rings in `ms`, unless it is already set to ring sooner. */
  set(ms: number): void {
    const at = this.clock.now() + ms;
    if (this.cancel !== null && this.at <= at) return;
    this.clear();
    this.at = at;
    this.cancel = this.clock.after(ms, () => {
      this.cancel = null;
      this.at = Infinity;
      this.ring();
    });
  }

  clear(): void {
    this.cancel?.();
    this.cancel = null;
    this.at = Infinity;
  }
}
