/**
 * The `evaluations` slice: held-out adaptation curves measured during the run, oldest first, so the
 * charts can show held-out loss at intervals and the latest adaptation curve.
 */
import type { Evaluation } from '../../core/trainer';
import type { WorkerEvent } from '../../worker/protocol';

export interface EvaluationPoint {
  readonly iteration: number;
  readonly evaluation: Evaluation;
}

export interface EvaluationSlice {
  readonly points: readonly EvaluationPoint[];
}

/** Keeps the slice small however long the run: older points are thinned to every other one. */
export const MAX_EVALUATION_POINTS = 400;

export function initialEvaluations(): EvaluationSlice {
  return { points: [] };
}

export function evaluationsAfterEvent(slice: EvaluationSlice, event: WorkerEvent): EvaluationSlice {
  if (event.type !== 'evaluation') return slice;
  const point = { iteration: event.iteration, evaluation: event.evaluation };
  // A repeated evaluation of the same iteration replaces the earlier one.
  const kept = slice.points.filter((p) => p.iteration !== event.iteration);
  const points = [...kept, point].sort((a, b) => a.iteration - b.iteration);
  return {
    points:
      points.length > MAX_EVALUATION_POINTS
        ? points.filter((_, i) => i % 2 === 0 || i === points.length - 1)
        : points,
  };
}

/** The evaluations of a run resumed at `iteration`: later ones belonged to the abandoned path. */
export function evaluationsFrom(slice: EvaluationSlice, iteration: number): EvaluationSlice {
  return { points: slice.points.filter((p) => p.iteration <= iteration) };
}
