/**
 * The pretrained baseline's schedule: a joint-training step on every `pretrainEvery`-th meta-batch
 * (iterations 1, 1 + N, 1 + 2N, ...), so by iteration i it has taken ceil(i / N) steps.
 */
import type { ExperimentConfig } from '../config';

export function pretrainedSteps(
  config: Pick<ExperimentConfig, 'pretrainEvery'>,
  iteration: number,
): number {
  return Math.ceil(Math.max(0, iteration) / config.pretrainEvery);
}

/** "every 4th meta-batch", for labels; null when it trains on every one. */
export function pretrainScheduleText(
  config: Pick<ExperimentConfig, 'pretrainEvery'>,
): string | null {
  const every = config.pretrainEvery;
  if (every <= 1) return null;
  const suffix =
    every % 10 === 2 && every !== 12 ? 'nd' : every % 10 === 3 && every !== 13 ? 'rd' : 'th';
  return `every ${every}${suffix} meta-batch`;
}
