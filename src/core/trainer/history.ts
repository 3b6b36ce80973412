/**
 * The meta-training curves of a run so far, coarsened to at most HISTORY_POINTS points, so a saved
 * starting state can show how it got where it is before training goes on from it.
 */

/** Most points a saved history keeps per curve. */
export const HISTORY_POINTS = 200;

/** Curves from iteration 1, one value per `stride` iterations (their mean). */
export interface TrainingHistory {
  readonly stride: number;
  /** The first learner's meta-objective (its query loss after adapting). */
  readonly metaTrainLoss: readonly number[];
  /** Classification: its query accuracy; empty for regression. */
  readonly metaTrainAccuracy: readonly number[];
  /** A comparison: each compared learner's loss, in `compare` order; NaN once it stopped. */
  readonly comparedLoss: readonly (readonly number[])[];
}

/**
 * The smallest stride that divides `iterations` and leaves at most HISTORY_POINTS points: whole
 * points end exactly at the last iteration, so training that goes on appends to them seamlessly.
 */
export function historyStride(iterations: number): number {
  const least = Math.max(1, Math.ceil(iterations / HISTORY_POINTS));
  for (let stride = least; stride < iterations; stride++) {
    if (iterations % stride === 0) return stride;
  }
  return Math.max(1, iterations);
}

/** Means of consecutive blocks of `stride` values, rounded to four significant digits. */
function coarsen(values: readonly number[], stride: number): number[] {
  const points: number[] = [];
  for (let start = 0; start + stride <= values.length; start += stride) {
    let sum = 0;
    for (let i = start; i < start + stride; i++) sum += values[i]!;
    const mean = sum / stride;
    points.push(Number.isFinite(mean) ? Number(mean.toPrecision(4)) : Number.NaN);
  }
  return points;
}

/** The history of a run's per-iteration curves (each as long as the iterations it trained). */
export function trainingHistory(curves: {
  readonly metaTrainLoss: readonly number[];
  readonly metaTrainAccuracy: readonly number[];
  readonly comparedLoss: readonly (readonly number[])[];
}): TrainingHistory {
  const stride = historyStride(curves.metaTrainLoss.length);
  return {
    stride,
    metaTrainLoss: coarsen(curves.metaTrainLoss, stride),
    metaTrainAccuracy: coarsen(curves.metaTrainAccuracy, stride),
    comparedLoss: curves.comparedLoss.map((losses) => coarsen(losses, stride)),
  };
}
