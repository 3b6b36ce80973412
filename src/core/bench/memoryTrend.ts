/**
 * Whether memory sampled over a long run stays flat once the run has warmed up. Allocators,
 * compiled code and the WASM heap grow early on and then settle, so the first part of the run is
 * left out; over the rest a leak shows as a steady rise, seen two ways: the least-squares slope
 * (robust to where the samples start and end) and the difference between the medians of the
 * first and last quarters (robust to one-off spikes such as a garbage collection).
 */
import { spreadOf } from './spread';

export interface MemorySample {
  /** Progress: iterations done, or time since the start, in one unit throughout a series. */
  readonly at: number;
  readonly bytes: number;
}

export interface FlatTolerance {
  /** Growth allowed as a share of the median after warm-up... */
  readonly share: number;
  /** ...or in bytes, whichever allows more (a small process's noise is a few MiB anyway). */
  readonly bytes: number;
}

/** Under 5% of the post-warm-up median, or under 20 MiB. */
export const FLAT_TOLERANCE: FlatTolerance = { share: 0.05, bytes: 20 * 2 ** 20 };

/** The share of the run's progress left out as warm-up. */
export const WARM_UP_SHARE = 0.2;

export interface MemoryTrend {
  /** The first sample after the warm-up, and the last one. */
  readonly warmedUp: MemorySample;
  readonly end: MemorySample;
  /** Least-squares slope after the warm-up, in bytes per unit of `at`. */
  readonly slope: number;
  /** The slope's growth over the post-warm-up span, in bytes. */
  readonly fittedGrowth: number;
  /** Median of the last quarter of the post-warm-up samples minus that of the first quarter. */
  readonly quartileGrowth: number;
  readonly median: number;
  /** The growth the tolerance allows at this median. */
  readonly allowed: number;
  /** Neither measure of growth exceeds what is allowed. */
  readonly flat: boolean;
}

function leastSquaresSlope(samples: readonly MemorySample[]): number {
  const n = samples.length;
  const meanAt = samples.reduce((sum, s) => sum + s.at, 0) / n;
  const meanBytes = samples.reduce((sum, s) => sum + s.bytes, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const s of samples) {
    covariance += (s.at - meanAt) * (s.bytes - meanBytes);
    variance += (s.at - meanAt) ** 2;
  }
  return variance > 0 ? covariance / variance : 0;
}

const medianOf = (samples: readonly MemorySample[]): number =>
  spreadOf(samples.map((s) => s.bytes)).median;

/**
 * The trend of `samples` (in the order taken) after leaving out the first `warmUpShare` of their
 * span of `at`. Needs at least four samples after the warm-up, so that each quarter has one.
 */
export function memoryTrend(
  samples: readonly MemorySample[],
  tolerance: FlatTolerance = FLAT_TOLERANCE,
  warmUpShare: number = WARM_UP_SHARE,
): MemoryTrend {
  if (samples.length === 0) throw new Error('memoryTrend needs samples');
  const first = samples[0]!.at;
  const span = samples[samples.length - 1]!.at - first;
  const kept = samples.filter((s) => s.at >= first + warmUpShare * span);
  if (kept.length < 4) {
    throw new Error(`memoryTrend needs at least 4 samples after the warm-up, got ${kept.length}`);
  }
  const quarter = Math.max(1, Math.floor(kept.length / 4));
  const warmedUp = kept[0]!;
  const end = kept[kept.length - 1]!;
  const slope = leastSquaresSlope(kept);
  const fittedGrowth = slope * (end.at - warmedUp.at);
  const quartileGrowth = medianOf(kept.slice(-quarter)) - medianOf(kept.slice(0, quarter));
  const median = medianOf(kept);
  const allowed = Math.max(tolerance.share * median, tolerance.bytes);
  return {
    warmedUp,
    end,
    slope,
    fittedGrowth,
    quartileGrowth,
    median,
    allowed,
    flat: fittedGrowth <= allowed && quartileGrowth <= allowed,
  };
}
