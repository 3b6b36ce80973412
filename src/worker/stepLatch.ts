/**
 * A training step awaits its read-back after it has drawn its meta-batch: in between, the
 * trainer is half way through an iteration. Work that must see it between iterations (a
 * snapshot) waits here until no step is in flight.
 */
export class StepLatch {
  private inFlight: Promise<unknown> | null = null;

  /** Holds the latch while `step` runs. */
  async run<T>(step: Promise<T>): Promise<T> {
    this.inFlight = step;
    try {
      return await step;
    } finally {
      if (this.inFlight === step) this.inFlight = null;
    }
  }

  /**
   * `take`'s result, called as soon as no step is in flight, in the same turn as that check, so
   * no step can begin in between.
   */
  async between<T>(take: () => T): Promise<T> {
    while (this.inFlight !== null) {
      await this.inFlight.catch(() => undefined);
    }
    return take();
  }
}
