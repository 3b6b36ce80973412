/**
 * Held-out results at intervals, one row per evaluation, ready for a chart: each model's loss or
 * accuracy after a given number of fine-tuning steps on new tasks.
 */
import type { AdaptationCurve } from '../../core/trainer';
import type { EvaluationPoint } from '../store/evaluationSlice';
import { modelCurves } from './modelCurves';
import type { ModelKey } from './palette';

export type HeldOutMeasure = 'loss' | 'accuracy';

export interface HeldOutRow {
  readonly iteration: number;
  readonly tasks: number;
  /** Each model's mean after the step shown; null when it cannot be drawn. */
  readonly learner: number | null;
  readonly pretrained: number | null;
  readonly scratch: number | null;
}

/**
 * The step the held-out results are shown after: one step for sine waves, as the MAML paper's
 * regression figures report, the evaluation's last step for classification, as its tables do.
 */
export function heldOutStep(stepCount: number, classification: boolean): number {
  if (classification) return Math.max(0, stepCount - 1);
  return stepCount > 1 ? 1 : 0;
}

function valueAt(curve: AdaptationCurve | undefined, step: number, measure: HeldOutMeasure) {
  const value = curve?.mean[step];
  if (value === undefined || !Number.isFinite(value)) return null;
  return measure === 'loss' && value <= 0 ? null : value;
}

export function heldOutRows(
  points: readonly EvaluationPoint[],
  measure: HeldOutMeasure,
  step: number,
): HeldOutRow[] {
  return points.map(({ iteration, evaluation }) => {
    const curves = modelCurves(evaluation, measure);
    return {
      iteration,
      tasks: evaluation.tasks,
      learner: valueAt(curves?.learner, step, measure),
      pretrained: valueAt(curves?.pretrained, step, measure),
      scratch: valueAt(curves?.scratch, step, measure),
    };
  });
}

/** The smallest and largest value of the models over the rows (Infinity and -Infinity if none). */
export function heldOutRange(
  rows: readonly HeldOutRow[],
  models: readonly ModelKey[],
): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const row of rows) {
    for (const model of models) {
      const value = row[model];
      if (value === null) continue;
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
  }
  return [low, high];
}
