/**
 * The `series` slice: the numbers the charts will draw. The meta-training loss of every iteration
 * in a bounded curve (in a comparison, one per compared algorithm too), and the per-task losses of
 * the latest iteration.
 */
import type { TrainingHistory } from '../../core/trainer/history';
import type { TrainingCurves } from '../../core/trainer/trainingCurves';
import type { WorkerEvent } from '../../worker/protocol';
import { appendLosses, emptyLossSeries, truncateLossSeries, type LossSeries } from './lossSeries';

export interface SeriesSlice {
  /** Mean query loss after adaptation (the meta-objective), one point per iteration or stride. */
  readonly metaTrainLoss: LossSeries;
  /** Classification: query accuracy after adaptation, kept like the loss (empty for regression). */
  readonly metaTrainAccuracy: LossSeries;
  /** A comparison run: each compared algorithm's meta-training loss, in config.compare order. */
  readonly comparedLoss: readonly LossSeries[];
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
    comparedLoss: [],
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
  const comparedLoss = series.comparedLoss.map((loss) => truncateLossSeries(loss, iteration));
  const isEmpty = metaTrainLoss.values.length === 0 && metaTrainLoss.pendingCount === 0;
  if (isEmpty) return initialSeries(iteration + 1);
  const kept = { metaTrainLoss, metaTrainAccuracy, comparedLoss };
  return series.latestIteration <= iteration
    ? { ...series, ...kept }
    : { ...initialSeries(iteration + 1), ...kept };
}

/** A curve of a starting state's history: whole points of `stride` iterations from iteration 1. */
function historyCurve(values: readonly number[], stride: number, iteration: number): LossSeries {
  if (values.length === 0) return emptyLossSeries(iteration + 1);
  return {
    firstIteration: 1,
    stride,
    values: Float32Array.from(values),
    pendingSum: 0,
    pendingCount: 0,
    lastIteration: values.length * stride,
  };
}

/**
 * The series of a run resumed from a checkpoint's exact curves: every iteration, as progress
 * would have brought them (long curves are averaged in pairs as usual).
 */
function seriesFromCurves(curves: TrainingCurves, iteration: number): SeriesSlice {
  const first = curves.firstIteration;
  const curve = (values: Float32Array) => appendLosses(emptyLossSeries(first), values, first);
  const count = curves.metaTrainLoss.length;
  const accuracy = curves.metaTrainAccuracy[count - 1];
  return {
    ...initialSeries(iteration + 1),
    metaTrainLoss: curve(curves.metaTrainLoss),
    // Regression runs report NaN accuracy: nothing to keep.
    metaTrainAccuracy:
      count > 0 && !Number.isNaN(curves.metaTrainAccuracy[0])
        ? curve(curves.metaTrainAccuracy)
        : emptyLossSeries(iteration + 1),
    comparedLoss: curves.comparedLoss.map(curve),
    latestLoss: count > 0 ? curves.metaTrainLoss[count - 1]! : null,
    latestAccuracy: accuracy !== undefined && Number.isFinite(accuracy) ? accuracy : null,
  };
}

/**
 * The series of a run that opens from a starting state or a checkpoint: the curves that brought
 * it to `iteration` (coarsened as a starting state keeps them, or exact), so the charts show at
 * once how it got there.
 */
export function seriesFromHistory(
  history: TrainingHistory | TrainingCurves,
  iteration: number,
): SeriesSlice {
  if ('firstIteration' in history) return seriesFromCurves(history, iteration);
  const { stride, metaTrainLoss, metaTrainAccuracy, comparedLoss } = history;
  const accuracy = metaTrainAccuracy.at(-1);
  return {
    ...initialSeries(iteration + 1),
    metaTrainLoss: historyCurve(metaTrainLoss, stride, iteration),
    metaTrainAccuracy: historyCurve(metaTrainAccuracy, stride, iteration),
    comparedLoss: comparedLoss.map((losses) => historyCurve(losses, stride, iteration)),
    latestLoss: metaTrainLoss.at(-1) ?? null,
    latestAccuracy: accuracy !== undefined && Number.isFinite(accuracy) ? accuracy : null,
  };
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
    comparedLoss: appendCompared(series.comparedLoss, event.comparedLoss, event.firstIteration),
    latestLoss: event.metaTrainLoss[count - 1]!,
    latestAccuracy: accuracy !== undefined && Number.isFinite(accuracy) ? accuracy : null,
    latestIteration: event.firstIteration + count - 1,
    taskLossBefore: hasTasks ? event.taskLossBefore : series.taskLossBefore,
    taskLossAfter: hasTasks ? event.taskLossAfter : series.taskLossAfter,
  };
}

/** Each compared algorithm's curve with this event's losses added (a new curve for a new one). */
function appendCompared(
  series: readonly LossSeries[],
  losses: readonly Float32Array[] | null,
  firstIteration: number,
): readonly LossSeries[] {
  if (losses === null) return series;
  return losses.map((values, i) =>
    appendLosses(series[i] ?? emptyLossSeries(firstIteration), values, firstIteration),
  );
}
