/**
 * The function view's chart data: one row per input of the prediction grid, holding every curve's
 * value there. Built once per preview answer and step, so the chart sees new data only then.
 */
import { clamp } from './geometry';

/** An input and each curve's value at it; null leaves a gap (or no curve at all). */
export interface PlotRow {
  readonly x: number;
  readonly truth: number | null;
  readonly learner: number | null;
  readonly pretrained: number | null;
}

export interface PlotCurves {
  readonly truth: ArrayLike<number> | null;
  readonly learner: ArrayLike<number> | null;
  readonly pretrained: ArrayLike<number> | null;
}

/**
 * A curve's value as drawn: within +-yCap (far outside the window, where it is clipped anyway),
 * and null where the model gave no finite number.
 */
export function plottedValue(
  values: ArrayLike<number> | null,
  index: number,
  yCap: number,
): number | null {
  const value = values?.[index];
  if (value === undefined || !Number.isFinite(value)) return null;
  return clamp(value, -yCap, yCap);
}

/** One row per grid input; a curve that is null (or shorter than the grid) is null there. */
export function plotRows(gridX: ArrayLike<number>, curves: PlotCurves, yCap: number): PlotRow[] {
  return Array.from({ length: gridX.length }, (_, i) => ({
    x: gridX[i]!,
    truth: plottedValue(curves.truth, i, yCap),
    learner: plottedValue(curves.learner, i, yCap),
    pretrained: plottedValue(curves.pretrained, i, yCap),
  }));
}
