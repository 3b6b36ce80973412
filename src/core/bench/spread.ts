/**
 * The median and the interquartile range of repeated measurements: timings on a shared machine
 * are noisy, so benchmarks report these rather than a mean that one slow run can drag.
 */
export interface Spread {
  readonly median: number;
  /** The 25th and 75th percentiles (linear interpolation between order statistics). */
  readonly q1: number;
  readonly q3: number;
  readonly count: number;
}

/** The value below which a fraction `p` of the sorted values lie, interpolating linearly. */
function percentile(sorted: readonly number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (at - below);
}

export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('spreadOf needs at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: percentile(sorted, 0.5),
    q1: percentile(sorted, 0.25),
    q3: percentile(sorted, 0.75),
    count: sorted.length,
  };
}

/** e.g. "12.3 (IQR 11.9-13.0, 5 runs)", with `digits` decimals. */
export function formatSpread(spread: Spread, digits = 1): string {
  const f = (value: number) => value.toFixed(digits);
  const runs = `${spread.count} run${spread.count === 1 ? '' : 's'}`;
  return `${f(spread.median)} (IQR ${f(spread.q1)}-${f(spread.q3)}, ${runs})`;
}
