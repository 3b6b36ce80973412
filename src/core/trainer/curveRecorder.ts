/**
 * Every iteration's training numbers of the current run, kept beside the trainer (in the worker
 * and the runner) so a checkpoint can carry the curves that led to it. Growing float32 buffers:
 * about 20 bytes an iteration.
 */
import type { StepMetrics } from './types';
import { emptyCurves, type TrainingCurves } from './trainingCurves';

/** One growing curve of float32 values. */
class Curve {
  private values: Float32Array;
  private length: number;

  constructor(initial: Float32Array = new Float32Array(0)) {
    this.values = new Float32Array(Math.max(256, initial.length * 2));
    this.values.set(initial);
    this.length = initial.length;
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length] = value;
    this.length += 1;
  }

  /** A copy of what is held. */
  copy(): Float32Array {
    return this.values.slice(0, this.length);
  }
}

export class CurveRecorder {
  private firstIteration = 1;
  /** The iteration the next value must belong to. */
  private next = 1;
  private metaTrainLoss = new Curve();
  private pretrainedLoss = new Curve();
  private metaTrainAccuracy = new Curve();
  private pretrainedAccuracy = new Curve();
  private comparedLoss: Curve[] = [];

  /**
   * A run standing at `iteration`: it goes on from `curves` when they end there (a checkpoint's),
   * else its curves begin with the next iteration.
   */
  restart(iteration: number, curves: TrainingCurves | null): void {
    const usable =
      curves !== null && curves.firstIteration + curves.metaTrainLoss.length - 1 === iteration;
    const from = usable ? curves : emptyCurves(iteration);
    this.firstIteration = from.firstIteration;
    this.next = iteration + 1;
    this.metaTrainLoss = new Curve(from.metaTrainLoss);
    this.pretrainedLoss = new Curve(from.pretrainedLoss);
    this.metaTrainAccuracy = new Curve(from.metaTrainAccuracy);
    this.pretrainedAccuracy = new Curve(from.pretrainedAccuracy);
    this.comparedLoss = from.comparedLoss.map((losses) => new Curve(losses));
  }

  /** One completed iteration; one out of turn (of a run already replaced) is ignored. */
  add(metrics: StepMetrics): void {
    if (metrics.iteration !== this.next) return;
    this.next += 1;
    this.metaTrainLoss.push(metrics.metaTrainLoss);
    this.pretrainedLoss.push(metrics.pretrainedLoss);
    this.metaTrainAccuracy.push(metrics.metaTrainAccuracy);
    this.pretrainedAccuracy.push(metrics.pretrainedAccuracy);
    if (metrics.comparedLoss !== null && this.comparedLoss.length === 0) {
      this.comparedLoss = metrics.comparedLoss.map(() => new Curve());
    }
    metrics.comparedLoss?.forEach((loss, i) => this.comparedLoss[i]?.push(loss));
  }

  /** A copy of the curves so far. */
  current(): TrainingCurves {
    return {
      firstIteration: this.firstIteration,
      metaTrainLoss: this.metaTrainLoss.copy(),
      pretrainedLoss: this.pretrainedLoss.copy(),
      metaTrainAccuracy: this.metaTrainAccuracy.copy(),
      pretrainedAccuracy: this.pretrainedAccuracy.copy(),
      comparedLoss: this.comparedLoss.map((losses) => losses.copy()),
    };
  }
}
