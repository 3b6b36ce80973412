/**
 * Turns the store's bounded loss or accuracy series (up to 20,000 values) into the couple of
 * hundred points a chart draws: the raw curve as the lowest and highest value of each of a fixed
 * number of buckets (so its spread looks as it would drawn in full), and the exponential moving
 * average at those same points. Two passes over the values, no copy of them.
 */
import type { LossSeries } from '../store/lossSeries';

/**
 * Most points a training curve draws per line: 100 buckets, each its lowest and highest value.
 * Recharts does some work per point of every line on every redraw; this keeps it small.
 */
export const MAX_LOSS_POINTS = 200;

export interface LossPoint {
  readonly iteration: number;
  /** The value of that iteration (or the mean of its `stride` iterations); null if not drawable. */
  readonly raw: number | null;
  /** The moving average up to that iteration; null before the first finite loss. */
  readonly smooth: number | null;
}

export interface LossCurve {
  readonly points: LossPoint[];
  readonly lastIteration: number;
  /** Smallest and largest finite value among the drawn points, for the axis. */
  readonly min: number;
  readonly max: number;
}

/** How many iterations the moving average spans: about 1% of the run, within 5..500. */
export function smoothingSpan(totalIterations: number): number {
  return Math.min(500, Math.max(5, Math.round(totalIterations / 100)));
}

/** The indices to draw: every value if few, else each bucket's lowest and highest, in order. */
function pickIndices(values: Float32Array, maxPoints: number): number[] {
  const n = values.length;
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.floor(maxPoints / 2);
  const picked: number[] = [];
  for (let b = 0; b < buckets; b += 1) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    let low = -1;
    let high = -1;
    for (let i = start; i < end; i += 1) {
      const v = values[i]!;
      if (!Number.isFinite(v)) continue;
      if (low < 0 || v < values[low]!) low = i;
      if (high < 0 || v > values[high]!) high = i;
    }
    if (low < 0) {
      picked.push(start);
      continue;
    }
    if (low === high) picked.push(low);
    else picked.push(Math.min(low, high), Math.max(low, high));
  }
  return picked;
}

/** Which values a curve draws: losses on a log axis must be positive, accuracies need only be finite. */
export type Drawable = (value: number) => boolean;

const positive: Drawable = (value) => Number.isFinite(value) && value > 0;
export const finite: Drawable = (value) => Number.isFinite(value);

export function lossCurve(
  series: LossSeries,
  span: number,
  maxPoints = MAX_LOSS_POINTS,
  drawable: Drawable = positive,
): LossCurve {
  const { values, stride, firstIteration } = series;
  const picked = pickIndices(values, maxPoints);
  const decay = (1 - 2 / (span + 1)) ** stride;
  const points: LossPoint[] = [];
  let min = Infinity;
  let max = -Infinity;
  let average = 0;
  let weight = 0;
  let next = 0;
  for (let i = 0; i < values.length && next < picked.length; i += 1) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      // Bias-corrected, so the first iterations are not pulled towards zero.
      average = decay * average + (1 - decay) * v;
      weight = decay * weight + (1 - decay);
    }
    if (picked[next] !== i) continue;
    next += 1;
    const raw = drawable(v) ? v : null;
    const smooth = weight > 0 ? average / weight : null;
    for (const value of [raw, smooth]) {
      if (value !== null && drawable(value)) {
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
    }
    points.push({ iteration: firstIteration + i * stride + (stride - 1) / 2, raw, smooth });
  }
  return { points, lastIteration: series.lastIteration, min, max };
}
