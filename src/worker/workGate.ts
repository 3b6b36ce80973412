/**
 * Training comes first. Evaluations, previews, insights and task views share the worker's thread
 * with the training loop, so each waits here before every chunk of its work: while a backend
 * measurement runs (it would falsify the timings), and while training runs, except for one chunk
 * each time the loop hands over between its slices. Work of a run that has been replaced stops
 * here: `turn` throws `Cancelled`.
 */

import { yieldToEvents } from './yieldToEvents';

/** Thrown into background work whose run is over; its caller drops it quietly. */
export class Cancelled extends Error {
  constructor() {
    super('the run this work belonged to is over');
  }
}

export class WorkGate {
  private runId = -1;
  private training = false;
  private measuring = false;
  /** Waiting work, first come first served: resolved with true when given a turn. */
  private waiting: ((granted: boolean) => void)[] = [];

  /** A new run: work of earlier runs stops at its next chunk. */
  newRun(runId: number): void {
    this.runId = runId;
    this.wakeAll();
  }

  /** Whether `runId` is still the current run (its answers still matter). */
  isCurrent(runId: number): boolean {
    return runId === this.runId;
  }

  setTraining(training: boolean): void {
    this.training = training;
    this.wakeAll();
  }

  setMeasuring(measuring: boolean): void {
    this.measuring = measuring;
    this.wakeAll();
  }

  /** The training loop is between slices: one waiting chunk may run now. */
  handOver(): void {
    if (this.measuring) return;
    this.waiting.shift()?.(true);
  }

  /**
   * Resolves when work of run `runId` may do its next chunk; throws `Cancelled` if that run is
   * over. Queued messages (Start, a new run) are always handled first.
   */
  async turn(runId: number): Promise<void> {
    await yieldToEvents();
    for (;;) {
      if (runId !== this.runId) throw new Cancelled();
      if (!this.measuring && !this.training) return;
      const granted = await new Promise<boolean>((resolve) => {
        this.waiting.push(resolve);
      });
      if (runId !== this.runId) throw new Cancelled();
      if (granted) return;
    }
  }

  /**
   * Between the small steps of one chunk: queued messages (a pause, new settings, a file) are
   * handled first, but training does not get a turn. Throws `Cancelled` if the run is over.
   */
  async between(runId: number): Promise<void> {
    await yieldToEvents();
    if (runId !== this.runId) throw new Cancelled();
  }

  private wakeAll(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake(false);
  }
}
