/**
 * A run's per-iteration training curves, every iteration exactly as progress reported it
 * (float32), so a checkpoint can redraw the charts of the run it continues. Plain data.
 */

export interface TrainingCurves {
  /**
   * The iteration of each curve's first value: 1, or later for a run that began from a state
   * without exact curves. Every curve ends at the snapshot's iteration.
   */
  readonly firstIteration: number;
  /** The first learner's meta-objective (NaN once it stopped). */
  readonly metaTrainLoss: Float32Array;
  /** The jointly trained baseline's loss. */
  readonly pretrainedLoss: Float32Array;
  /** Classification: query accuracies (NaN for regression), likewise. */
  readonly metaTrainAccuracy: Float32Array;
  readonly pretrainedAccuracy: Float32Array;
  /** A comparison: each compared learner's loss, in `compare` order; empty otherwise. */
  readonly comparedLoss: readonly Float32Array[];
}

/** Curves that hold nothing yet, for a run standing at `iteration`. */
export function emptyCurves(iteration: number): TrainingCurves {
  return {
    firstIteration: iteration + 1,
    metaTrainLoss: new Float32Array(0),
    pretrainedLoss: new Float32Array(0),
    metaTrainAccuracy: new Float32Array(0),
    pretrainedAccuracy: new Float32Array(0),
    comparedLoss: [],
  };
}
