/**
 * A run of several seeds in the held-out charts: what the titles say (the interval is across
 * seeds, not across tasks), and each seed's own curve of the learner, drawn thin under the mean
 * when the user asks to see each seed.
 */
import type { AdaptationCurve } from '../../core/trainer';
import type { SeedEvaluation } from '../store/seedsSlice';
import { modelOf } from './modelCurves';

/** One seed's learner curve, under its data key in the chart's rows. */
export interface SeedLine {
  readonly seed: number;
  readonly key: string;
  /** Its mean per step; no interval of its own (the band drawn is across seeds). */
  readonly curve: AdaptationCurve;
}

/** "mean over 3 seeds with a 95% interval across seeds", for titles and summaries. */
export function acrossSeedsText(count: number): string {
  return `mean over ${count} seeds with a 95% interval across seeds`;
}

/** The learner's curve of each seed in that measure (none where a seed has no accuracy). */
export function seedLinesOf(
  seeds: readonly SeedEvaluation[],
  measure: 'loss' | 'accuracy',
): SeedLine[] {
  return seeds.flatMap(({ seed, evaluation }) => {
    const learner = modelOf(evaluation, 'learner');
    const curve = measure === 'loss' ? learner.loss : learner.accuracy;
    if (curve === null) return [];
    return [
      { seed, key: `seed_${seed}`, curve: { mean: curve.mean, ci95: curve.mean.map(() => 0) } },
    ];
  });
}
