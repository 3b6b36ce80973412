/**
 * Which fine-tuning step the view shows, and the two models' predictions at that step.
 */
import { clamp } from './geometry';
import type { PreviewAnswer } from './previewTypes';

/**
 * The step the view opens on. After one step MAML's fit already bends towards the points while
 * the pretrained baseline's barely moves, as in the sine-wave figure of the MAML paper; after
 * ten the two look much alike.
 */
export const OPENING_STEP = 1;

/** The step shown: the user's choice (null before any), kept within 0..maxStep. */
export function shownStep(choice: number | null, maxStep: number): number {
  return clamp(choice ?? OPENING_STEP, 0, Math.max(0, maxStep));
}

/** The two models' predictions after the step shown, and what they were made from. */
export interface ShownFits {
  readonly learner: Float32Array;
  readonly pretrained: Float32Array;
  readonly step: number;
  readonly iteration: number;
  /** How many support points the models were fine-tuned on. */
  readonly supportCount: number;
}

/**
 * The fits after `step` steps, or after the answer's last step if it has fewer (an answer from
 * before the number of steps changed). Null until there is an answer.
 */
export function fitsAtStep(answer: PreviewAnswer | null, step: number): ShownFits | null {
  if (answer === null) return null;
  const last = Math.min(answer.learner.length, answer.pretrained.length) - 1;
  if (last < 0) return null;
  const shown = clamp(step, 0, last);
  return {
    learner: answer.learner[shown]!,
    pretrained: answer.pretrained[shown]!,
    step: shown,
    iteration: answer.iteration,
    supportCount: answer.support.x.length,
  };
}
