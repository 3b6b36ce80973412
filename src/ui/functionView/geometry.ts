/**
 * The function view's fixed data window: x from -5 to 5 as the tasks' inputs, y wide enough for
 * the largest amplitude, the ticks on both axes, and the inputs the models are asked about.
 */
import { SINUSOID } from '../../core/tasks/sinusoid';

export const X_RANGE = [SINUSOID.input[0], SINUSOID.input[1]] as const;
export const Y_RANGE = [-6, 6] as const;

export const X_TICKS = [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5] as const;
export const Y_TICKS = [-6, -4, -2, 0, 2, 4, 6] as const;

/** Where the models are asked for predictions: 101 evenly spaced inputs across the x range. */
export const GRID_SIZE = 101;
export const GRID_X: Float32Array = Float32Array.from(
  { length: GRID_SIZE },
  (_, i) => X_RANGE[0] + ((X_RANGE[1] - X_RANGE[0]) * i) / (GRID_SIZE - 1),
);

export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** A tick's text: a real minus sign reads better than a hyphen next to the numbers. */
export function tickLabel(value: number): string {
  return value < 0 ? `\u2212${-value}` : String(value);
}
