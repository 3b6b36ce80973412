import type { ExperimentConfig } from '../config';
import { EXPLOSION_FACTOR } from '../optim/explosion';
import { hasInnerLoop } from '../learners/registry';
import { familyOfTask } from '../families/registry';

const SAFE_META_LR = 0.01;

export { EXPLOSION_FACTOR };

export type DivergenceKind =
  | { readonly kind: 'non-finite' }
  | { readonly kind: 'exploded'; readonly before: number; readonly after: number };

/**
 * Whether a learner's step went wrong: a number of its readout (losses, gradients) is not finite,
 * or adapting made the query loss explode.
 */
export function learnerDivergence(
  readout: ArrayLike<number>,
  lossBefore: number,
  lossAfter: number,
): DivergenceKind | null {
  for (let i = 0; i < readout.length; i++) {
    if (!Number.isFinite(readout[i]!)) return { kind: 'non-finite' };
  }
  return lossAfter > EXPLOSION_FACTOR * Math.max(lossBefore, Number.MIN_VALUE)
    ? { kind: 'exploded', before: lossBefore, after: lossAfter }
    : null;
}

/** A baseline trained by Adam alone stops only on numbers that are not finite. */
export function baselineDivergence(readout: ArrayLike<number>, iteration: number): string | null {
  for (let i = 0; i < readout.length; i++) {
    if (!Number.isFinite(readout[i]!)) {
      return `Training stopped at iteration ${iteration}: a loss or gradient became NaN or infinite.`;
    }
  }
  return null;
}

function symptom(cause: DivergenceKind): string {
  if (cause.kind === 'non-finite') return 'a loss or gradient became NaN or infinite';
  return (
    `the query loss after adaptation (${cause.after.toExponential(2)}) is more than ` +
    `${EXPLOSION_FACTOR.toExponential(0)} times the loss before it (${cause.before.toExponential(2)})`
  );
}

/** A readable explanation of a diverging run, naming the setting most likely at fault. */
export function explainDivergence(
  config: ExperimentConfig,
  iteration: number,
  cause: DivergenceKind,
): string {
  const what = `Training stopped at meta-iteration ${iteration}: ${symptom(cause)}.`;
  // Each task family says which inner rates are the usual suspects when a run blows up.
  const rates = familyOfTask(config).innerLr;
  const innerLoop = hasInnerLoop(config.algorithm);
  if (config.innerLr > rates.safe && innerLoop) {
    return (
      `${what} The likely cause is the inner learning rate (innerLr = ${config.innerLr}): each inner ` +
      `SGD step overshoots, so the adapted model's loss explodes. Try innerLr of ${rates.safe} or ` +
      `less (the MAML paper uses ${rates.paper} here).`
    );
  }
  if (config.metaLr > SAFE_META_LR) {
    return (
      `${what} The likely cause is the meta learning rate (metaLr = ${config.metaLr}): the outer Adam ` +
      `steps are too large. Try metaLr of ${SAFE_META_LR} or less (the MAML paper uses 0.001).`
    );
  }
  if (!innerLoop) {
    return `${what} The meta learning rate is in the usual range; try a lower metaLr (now ${config.metaLr}).`;
  }
  return (
    `${what} Both learning rates are in the usual range, so try lowering innerLr or metaLr, ` +
    `or fewer inner steps (innerSteps = ${config.innerSteps}).`
  );
}
