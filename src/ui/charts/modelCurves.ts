/**
 * The page's three models read from a held-out evaluation by id: the run's first learner (the one
 * the page features, whatever its algorithm) and the pretrained and from-scratch baselines.
 */
import {
  baselineCurves,
  leadCurves,
  type Evaluation,
  type ModelCurves,
} from '../../core/results/evaluation';
import type { AdaptationCurve } from '../../core/trainer';
import type { ModelKey } from './palette';

/** One curve per model of the page, all of the same measure. */
export type CurvesByModel = Readonly<Record<ModelKey, AdaptationCurve>>;

/** One of the page's models in an evaluation. */
export function modelOf(evaluation: Evaluation, model: ModelKey): ModelCurves {
  return model === 'learner' ? leadCurves(evaluation) : baselineCurves(evaluation, model);
}

/**
 * Each model's loss curve, or its accuracy curve; null for accuracy unless every model has one
 * (regression has none).
 */
export function modelCurves(evaluation: Evaluation, measure: 'loss'): CurvesByModel;
export function modelCurves(
  evaluation: Evaluation,
  measure: 'loss' | 'accuracy',
): CurvesByModel | null;
export function modelCurves(
  evaluation: Evaluation,
  measure: 'loss' | 'accuracy',
): CurvesByModel | null {
  const curveOf = (model: ModelKey) => {
    const found = modelOf(evaluation, model);
    return measure === 'loss' ? found.loss : found.accuracy;
  };
  const learner = curveOf('learner');
  const pretrained = curveOf('pretrained');
  const scratch = curveOf('scratch');
  if (learner === null || pretrained === null || scratch === null) return null;
  return { learner, pretrained, scratch };
}
