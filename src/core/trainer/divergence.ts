import type { ExperimentConfig } from '../config';
import { EXPLOSION_FACTOR } from '../optim/explosion';
import { hasInnerLoop } from '../learners/registry';
import { familyOfTask } from '../families/registry';

const SAFE_META_LR = 0.01;

export { EXPLOSION_FACTOR };

export type DivergenceKind =
  | { readonly kind: 'non-finite' }
  | { readonly kind: 'exploded'; readonly before: number; readonly after: number }
  | { readonly kind: 'above-guessing'; readonly median: number; readonly guessing: number };

/**
 * Classification's cross-entropy has a natural scale, the loss of guessing (ln ways). A sane run
 * starts about there and falls; one whose step is far too large thrashes far above it while every
 * number stays finite (glyphs 5-way with innerLr 10 and metaLr 1: 13.8, 5.4, 22.8, 141.8, 53.4,
 * 7.5, 66.7, 41.5, ... then a collapse to guessing). So a run diverges when the median of its
 * latest ABOVE_GUESSING_WINDOW losses after adapting is above ABOVE_GUESSING_FACTOR times
 * guessing's: the median ignores a lone spike, and innerLr 10 alone (losses 5 to 14 at 5-way,
 * still learning) stays under it.
 */
export const ABOVE_GUESSING_FACTOR = 10;
export const ABOVE_GUESSING_WINDOW = 8;

/** Watches a classification learner's losses after adapting, one meta-iteration at a time. */
export function aboveGuessingWatch(ways: number): (loss: number) => DivergenceKind | null {
  const guessing = Math.log(ways);
  const latest: number[] = [];
  return (loss) => {
    latest.push(loss);
    if (latest.length > ABOVE_GUESSING_WINDOW) latest.shift();
    if (latest.length < ABOVE_GUESSING_WINDOW) return null;
    const sorted = [...latest].sort((a, b) => a - b);
    const median =
      (sorted[ABOVE_GUESSING_WINDOW / 2 - 1]! + sorted[ABOVE_GUESSING_WINDOW / 2]!) / 2;
    return median > ABOVE_GUESSING_FACTOR * guessing
      ? { kind: 'above-guessing', median, guessing }
      : null;
  };
}

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
  if (cause.kind === 'above-guessing') {
    return (
      `the query loss after adaptation over the last ${ABOVE_GUESSING_WINDOW} meta-iterations ` +
      `(median ${cause.median.toFixed(1)}) is more than ${ABOVE_GUESSING_FACTOR} times the loss ` +
      `of guessing (ln ways = ${cause.guessing.toFixed(2)})`
    );
  }
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
