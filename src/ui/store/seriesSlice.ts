/**
 * The `series` slice: the numbers the charts will draw. The meta-training loss of every iteration
 * in a bounded curve, and the per-task losses of the latest iteration.
 */
import type { WorkerEvent } from '../../worker/protocol';
import { appendLosses, emptyLossSeries, truncateLossSeries, type LossSeries } from './lossSeries';

export interface SeriesSlice {
  /** Mean query loss after adaptation (the meta-objective), one point per iteration or stride. */
  readonly metaTrainLoss: LossSeries;
  /** Classification: query accuracy after adaptation, kept like the loss (empty for regression). */
  readonly metaTrainAccuracy: LossSeries;
  /** The loss of the latest iteration, or null before the first one. */
  readonly latestLoss: number | null;
  /** Classification: the accuracy of the latest iteration; null before it and for regression. */
  readonly latestAccuracy: number | null;
  /** The iteration `latestLoss` and the task losses belong to (0 before the first). */
  readonly latestIteration: number;
  /** Each task's query loss before and after adaptation, in the latest iteration. */
  readonly taskLossBefore: Float32Array;
  readonly taskLossAfter: Float32Array;
}

export function initialSeries(firstIteration = 1): SeriesSlice {
  return {
    metaTrainLoss: emptyLossSeries(firstIteration),
    metaTrainAccuracy: emptyLossSeries(firstIteration),
    latestLoss: null,
    latestAccuracy: null,
    latestIteration: firstIteration - 1,
    taskLossBefore: new Float32Array(0),
    taskLossAfter: new Float32Array(0),
  };
}

/** The series for a run that starts (0) or resumes at `iteration`: later points are dropped. */
export function seriesFrom(series: SeriesSlice, iteration: number): SeriesSlice {
  if (iteration <= 0) return initialSeries();
  const metaTrainLoss = truncateLossSeries(series.metaTrainLoss, iteration);
  const metaTrainAccuracy = truncateLossSeries(series.metaTrainAccuracy, iteration);
  const isEmpty = metaTrainLoss.values.length === 0 && metaTrainLoss.pendingCount === 0;
  if (isEmpty) return initialSeries(iteration + 1);
  return series.latestIteration <= iteration
    ? { ...series, metaTrainLoss, metaTrainAccuracy }
    : { ...initialSeries(iteration + 1), metaTrainLoss, metaTrainAccuracy };
}

/** The series after one worker event; unchanged (same object) for events without numbers. */
export function seriesAfterEvent(series: SeriesSlice, event: WorkerEvent): SeriesSlice {
  if (event.type !== 'progress' || event.metaTrainLoss.length === 0) return series;
  const count = event.metaTrainLoss.length;
  const hasTasks = event.taskLossAfter.length > 0;
  const accuracy = event.metaTrainAccuracy[count - 1];
  return {
    metaTrainLoss: appendLosses(series.metaTrainLoss, event.metaTrainLoss, event.firstIteration),
    // Regression runs report NaN accuracy: nothing to keep.
    metaTrainAccuracy: Number.isNaN(event.metaTrainAccuracy[0])
      ? series.metaTrainAccuracy
      : appendLosses(series.metaTrainAccuracy, event.metaTrainAccuracy, event.firstIteration),
    latestLoss: event.metaTrainLoss[count - 1]!,
    latestAccuracy: accuracy !== undefined && Number.isFinite(accuracy) ? accuracy : null,
    latestIteration: event.firstIteration + count - 1,
    taskLossBefore: hasTasks ? event.taskLossBefore : series.taskLossBefore,
    taskLossAfter: hasTasks ? event.taskLossAfter : series.taskLossAfter,
  };
}
