/**
 * A held-out evaluation: every model of a run on the same tasks, each named by its id (a learner's
 * registry id, or one of the two baselines). The runner's results files and the page's charts
 * read the same shape.
 */
import type { AdaptationCurve } from './types';

/** The two baselines every run trains beside its learners. */
export const PRETRAINED = 'pretrained';
export const SCRATCH = 'scratch';

/** A learner of the registry, or a baseline. */
export type ModelRole = 'learner' | 'baseline';

/** One model's held-out result. */
export interface ModelCurves {
  /** A learner's id (e.g. 'maml'), or 'pretrained' / 'scratch'. */
  readonly id: string;
  readonly role: ModelRole;
  /** Mean query loss after 0..testInnerSteps steps, with 95% intervals. */
  readonly loss: AdaptationCurve;
  /** Classification: query accuracy (0..1) after each step; null for regression. */
  readonly accuracy: AdaptationCurve | null;
  /** Iterations it had completed when scored (fewer than the run's once it stopped). */
  readonly iteration: number;
  /** Mean wall time of its training kernels per iteration, in milliseconds; NaN if never trained. */
  readonly msPerIteration: number;
  /** Why it stopped early, or null. */
  readonly divergence: string | null;
}

export interface Evaluation {
  /** Inner steps taken: 0, 1, ..., testInnerSteps. */
  readonly steps: number[];
  readonly tasks: number;
  /** What the loss curves measure: mean squared error or cross-entropy. */
  readonly lossKind: 'mse' | 'cross-entropy';
  /** The run's learners in order (the first is the one the page features), then the baselines. */
  readonly models: readonly ModelCurves[];
}

/** The models of an evaluation that are learners, in the run's order. */
export function learnerCurves(evaluation: Evaluation): ModelCurves[] {
  return evaluation.models.filter((model) => model.role === 'learner');
}

/** The first learner's result: the one a run of one learner is about. */
export function leadCurves(evaluation: Evaluation): ModelCurves {
  const lead = evaluation.models.find((model) => model.role === 'learner');
  if (!lead) throw new Error('The evaluation has no learner.');
  return lead;
}

/** One model's result by id, or undefined. */
export function curvesOf(evaluation: Evaluation, id: string): ModelCurves | undefined {
  return evaluation.models.find((model) => model.id === id);
}

/** A baseline's result; every evaluation has both. */
export function baselineCurves(
  evaluation: Evaluation,
  id: typeof PRETRAINED | typeof SCRATCH,
): ModelCurves {
  const found = curvesOf(evaluation, id);
  if (!found) throw new Error(`The evaluation has no ${id} baseline.`);
  return found;
}
