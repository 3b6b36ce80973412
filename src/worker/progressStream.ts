/**
 * Collects per-iteration numbers between progress events, so each event carries only what is new,
 * as typed arrays the worker can transfer without copying, at most about 20 times a second.
 */
import type { StepMetrics } from '../core/trainer';

const MIN_INTERVAL_MS = 50;

export interface ProgressBatch {
  readonly firstIteration: number;
  readonly metaTrainLoss: Float32Array;
  readonly pretrainedLoss: Float32Array;
  /** Classification only (NaN for regression): query accuracy after adaptation, per iteration. */
  readonly metaTrainAccuracy: Float32Array;
  readonly pretrainedAccuracy: Float32Array;
  readonly taskLossBefore: Float32Array;
  readonly taskLossAfter: Float32Array;
  /** A comparison run: per compared algorithm, its loss for the same iterations; else null. */
  readonly comparedLoss: readonly Float32Array[] | null;
  readonly iterationsPerSecond: number;
}

export class ProgressStream {
  private metaTrainLoss: number[] = [];
  private pretrainedLoss: number[] = [];
  private metaTrainAccuracy: number[] = [];
  private pretrainedAccuracy: number[] = [];
  private comparedLoss: number[][] | null = null;
  private latest: StepMetrics | null = null;
  private firstIteration = 0;
  private lastFlush = performance.now();
  private lastFlushIteration = 0;
  private rate = 0;

  /** Starts counting from `iteration` (a new, reset or resumed run). */
  restart(iteration: number): void {
    this.clear();
    this.latest = null;
    this.firstIteration = iteration + 1;
    this.lastFlush = performance.now();
    this.lastFlushIteration = iteration;
    this.rate = 0;
  }

  add(metrics: StepMetrics): void {
    if (this.metaTrainLoss.length === 0) this.firstIteration = metrics.iteration;
    this.metaTrainLoss.push(metrics.metaTrainLoss);
    this.pretrainedLoss.push(metrics.pretrainedLoss);
    this.metaTrainAccuracy.push(metrics.metaTrainAccuracy);
    this.pretrainedAccuracy.push(metrics.pretrainedAccuracy);
    if (metrics.comparedLoss) {
      this.comparedLoss ??= metrics.comparedLoss.map(() => []);
      metrics.comparedLoss.forEach((loss, i) => this.comparedLoss![i]?.push(loss));
    }
    this.latest = metrics;
  }

  private clear(): void {
    this.metaTrainLoss = [];
    this.pretrainedLoss = [];
    this.metaTrainAccuracy = [];
    this.pretrainedAccuracy = [];
    this.comparedLoss = null;
  }

  /** True when enough time has passed since the last event to send another. */
  due(now: number): boolean {
    return now - this.lastFlush >= MIN_INTERVAL_MS;
  }

  /** What has accumulated since the last call (possibly nothing new), with the current rate. */
  take(now: number, iteration: number): ProgressBatch {
    const seconds = (now - this.lastFlush) / 1000;
    const done = iteration - this.lastFlushIteration;
    if (done > 0 && seconds > 0) {
      // Smoothed over roughly the last second, so the status bar does not flicker.
      const weight = Math.min(1, seconds);
      this.rate =
        this.rate === 0 ? done / seconds : (1 - weight) * this.rate + weight * (done / seconds);
    }
    const batch: ProgressBatch = {
      firstIteration: this.firstIteration,
      metaTrainLoss: Float32Array.from(this.metaTrainLoss),
      pretrainedLoss: Float32Array.from(this.pretrainedLoss),
      metaTrainAccuracy: Float32Array.from(this.metaTrainAccuracy),
      pretrainedAccuracy: Float32Array.from(this.pretrainedAccuracy),
      taskLossBefore: this.latest ? this.latest.taskLossBefore.slice() : new Float32Array(0),
      taskLossAfter: this.latest ? this.latest.taskLossAfter.slice() : new Float32Array(0),
      comparedLoss: this.comparedLoss?.map((losses) => Float32Array.from(losses)) ?? null,
      iterationsPerSecond: this.rate,
    };
    this.clear();
    this.firstIteration = iteration + 1;
    this.lastFlush = now;
    this.lastFlushIteration = iteration;
    return batch;
  }
}
