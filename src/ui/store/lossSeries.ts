/**
 * A loss curve of bounded size. Every iteration is kept as its own point until the curve holds
 * LOSS_SERIES_CAPACITY points; after that, neighbouring points are averaged in pairs whenever the
 * curve is full, so a long run always fits and the curve still spans the whole run evenly.
 *
 * Values are immutable: every update returns a new series, so the store sees the change.
 */

/** Most points ever held; a full series is halved by averaging pairs. Must be even. */
export const LOSS_SERIES_CAPACITY = 20_000;

export interface LossSeries {
  /** The iteration that point 0 starts at (1 for a run from scratch). */
  readonly firstIteration: number;
  /** Iterations averaged into each point: 1 until the series first fills, then 2, 4, 8, ... */
  readonly stride: number;
  /**
   * One value per `stride` iterations: values[i] is the mean loss of iterations
   * firstIteration + i * stride through firstIteration + (i + 1) * stride - 1.
   */
  readonly values: Float32Array;
  /** Sum of the losses after the last full point, not yet enough to make one (fewer than stride). */
  readonly pendingSum: number;
  readonly pendingCount: number;
  /** The last iteration included; firstIteration - 1 while the series is empty. */
  readonly lastIteration: number;
}

/** An empty series whose first value will be iteration `firstIteration`. */
export function emptyLossSeries(firstIteration = 1): LossSeries {
  return {
    firstIteration,
    stride: 1,
    values: new Float32Array(0),
    pendingSum: 0,
    pendingCount: 0,
    lastIteration: firstIteration - 1,
  };
}

function isEmpty(series: LossSeries): boolean {
  return series.values.length === 0 && series.pendingCount === 0;
}

/** Averages neighbouring pairs in place; returns the new length. */
function halve(values: Float32Array, length: number): number {
  const half = Math.floor(length / 2);
  for (let i = 0; i < half; i += 1) {
    values[i] = (values[2 * i]! + values[2 * i + 1]!) / 2;
  }
  return half;
}

/**
 * Keeps only iterations up to and including `iteration`, e.g. when a run resumes from a snapshot.
 * A point that straddles the cut becomes the pending part, valued at that point's mean.
 */
export function truncateLossSeries(series: LossSeries, iteration: number): LossSeries {
  if (iteration >= series.lastIteration) return series;
  const kept = iteration - series.firstIteration + 1;
  if (kept <= 0) return emptyLossSeries(Math.max(1, iteration + 1));
  const fullPoints = Math.floor(kept / series.stride);
  const remainder = kept - fullPoints * series.stride;
  if (fullPoints >= series.values.length) {
    // The cut falls inside the pending part: keep its mean for what remains.
    const mean = series.pendingSum / series.pendingCount;
    return {
      ...series,
      pendingSum: mean * remainder,
      pendingCount: remainder,
      lastIteration: iteration,
    };
  }
  const straddling = series.values[fullPoints]!;
  return {
    ...series,
    values: series.values.slice(0, fullPoints),
    pendingSum: straddling * remainder,
    pendingCount: remainder,
    lastIteration: iteration,
  };
}

/**
 * Adds the losses of consecutive iterations starting at `firstIteration`. Iterations the series
 * already holds are replaced (the run went back, e.g. it resumed from an earlier snapshot).
 */
export function appendLosses(
  series: LossSeries,
  losses: ArrayLike<number>,
  firstIteration: number,
): LossSeries {
  if (losses.length === 0) return series;
  let base = series;
  if (isEmpty(base)) base = emptyLossSeries(firstIteration);
  else if (firstIteration <= base.lastIteration) {
    base = truncateLossSeries(base, firstIteration - 1);
    if (isEmpty(base)) base = emptyLossSeries(firstIteration);
  }

  const work = new Float32Array(LOSS_SERIES_CAPACITY);
  work.set(base.values);
  let length = base.values.length;
  let { stride, pendingSum, pendingCount } = base;
  for (let i = 0; i < losses.length; i += 1) {
    pendingSum += losses[i]!;
    pendingCount += 1;
    if (pendingCount < stride) continue;
    if (length === LOSS_SERIES_CAPACITY) {
      length = halve(work, length);
      stride *= 2;
      // The finished point was only half of a point at the new stride; keep it pending.
      continue;
    }
    work[length] = pendingSum / pendingCount;
    length += 1;
    pendingSum = 0;
    pendingCount = 0;
  }
  return {
    firstIteration: base.firstIteration,
    stride,
    values: work.slice(0, length),
    pendingSum,
    pendingCount,
    lastIteration: base.lastIteration + losses.length,
  };
}
