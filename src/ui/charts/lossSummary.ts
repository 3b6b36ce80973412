/**
 * What the loss chart's caption says, compared like with like: the moving average now against the
 * mean of the first window of the same length, never against a single noisy first iteration.
 */
import type { LossSeries } from '../store/lossSeries';
import { formatCount, formatValue } from './format';
import type { LossCurve } from './lossCurve';

/** The mean of the finite values of the run's first `span` iterations; null if there are none. */
export function firstWindowMean(series: LossSeries, span: number): number | null {
  const points = Math.min(series.values.length, Math.max(1, Math.ceil(span / series.stride)));
  let sum = 0;
  let count = 0;
  for (let i = 0; i < points; i += 1) {
    const value = series.values[i]!;
    if (!Number.isFinite(value)) continue;
    sum += value;
    count += 1;
  }
  return count > 0 ? sum / count : null;
}

/** One or two sentences on where the meta-training loss is and where it started. */
export function lossSummary(curve: LossCurve, series: LossSeries, span: number): string {
  const last = curve.points.at(-1);
  if (last === undefined) {
    return 'No meta-iterations yet. Press Start: the loss appears here as the learner trains.';
  }
  const latest = last.smooth;
  const start = firstWindowMean(series, span);
  if (latest === null || start === null) return 'The loss is not a finite number.';
  const head =
    `At iteration ${formatCount(curve.lastIteration)} the meta-training loss, averaged over ` +
    `about ${span} iterations, is ${formatValue(latest)}`;
  if (curve.lastIteration - series.firstIteration + 1 <= span) return `${head}.`;
  const direction = latest < start ? 'down' : latest > start ? 'up' : 'unchanged';
  return (
    `${head}: ${direction} from ${formatValue(start)} averaged over the first ${span} ` +
    'iterations.'
  );
}
