/**
 * Why a multi-task run stopped. Multi-task training has no inner loop (innerLr only matters when
 * fine-tuning at evaluation), so the MAML explanation, which may blame innerLr, does not fit.
 */
import type { ExperimentConfig } from '../../config';
import { EXPLOSION_FACTOR } from '../../optim/explosion';

const SAFE_META_LR = 0.01;

export type MultiTaskDivergence =
  | { readonly kind: 'non-finite' }
  | { readonly kind: 'exploded'; readonly loss: number; readonly targets: number };

/**
 * A model whose query loss is EXPLOSION_FACTOR times the targets' mean square (the loss of
 * predicting 0 everywhere) has left any sensible region, and is about to leave float32's range.
 */
export function divergenceOf(
  values: ArrayLike<number>,
  queryLoss: number,
  targetsMeanSquare: number,
): MultiTaskDivergence | null {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) return { kind: 'non-finite' };
  }
  return queryLoss > EXPLOSION_FACTOR * Math.max(targetsMeanSquare, Number.MIN_VALUE)
    ? { kind: 'exploded', loss: queryLoss, targets: targetsMeanSquare }
    : null;
}

export function explainMultiTaskDivergence(
  config: ExperimentConfig,
  iteration: number,
  cause: MultiTaskDivergence,
): string {
  const symptom =
    cause.kind === 'non-finite'
      ? 'a loss or gradient became NaN or infinite'
      : `the mean query loss (${cause.loss.toExponential(2)}) is more than ` +
        `${EXPLOSION_FACTOR.toExponential(0)} times the targets' mean square (${cause.targets.toExponential(2)})`;
  const what = `Training stopped at iteration ${iteration}: ${symptom}.`;
  if (config.metaLr > SAFE_META_LR) {
    return (
      `${what} Multi-task training has no inner loop, so the likely cause is its only learning rate ` +
      `(metaLr = ${config.metaLr}): the Adam steps are too large. Try metaLr of ${SAFE_META_LR} or less.`
    );
  }
  return (
    `${what} The learning rate is in the usual range (metaLr = ${config.metaLr}); try a lower ` +
    `metaLr${config.sharing === 'soft' ? ' or a smaller softPenalty' : ''}.`
  );
}
