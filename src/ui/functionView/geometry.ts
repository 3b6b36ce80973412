/**
 * The function view's data window, from the run's task family: the inputs its tasks are drawn
 * from, room for their outputs, round ticks on both axes, and the inputs the models are asked about.
 */
import type { PlotWindow } from '../../core/families/contract';
import { linearTicks } from '../insights/linearTicks';

export interface PlotGeometry {
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
  readonly xTicks: readonly number[];
  readonly yTicks: readonly number[];
  /** Where the models are asked for predictions: evenly spaced inputs across the x range. */
  readonly gridX: Float32Array;
  /** Far outside the window a curve is clipped anyway; capping keeps its path's numbers sane. */
  readonly yCap: number;
}

export const GRID_SIZE = 101;

const made = new Map<PlotWindow, PlotGeometry>();

/** One geometry per window, made once, so charts and requests see the same arrays. */
export function plotGeometry(window: PlotWindow): PlotGeometry {
  let geometry = made.get(window);
  if (geometry === undefined) {
    const [x0, x1] = window.x;
    const [y0, y1] = window.y;
    geometry = {
      xRange: window.x,
      yRange: window.y,
      // About one tick per unit of a ten-wide window, and fewer on the taller axis.
      xTicks: linearTicks(x0, x1, 10),
      yTicks: linearTicks(y0, y1, 6),
      gridX: Float32Array.from(
        { length: GRID_SIZE },
        (_, i) => x0 + ((x1 - x0) * i) / (GRID_SIZE - 1),
      ),
      yCap: 4 * (y1 - y0),
    };
    made.set(window, geometry);
  }
  return geometry;
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** A tick's text: a real minus sign reads better than a hyphen next to the numbers. */
export function tickLabel(value: number): string {
  return value < 0 ? `\u2212${-value}` : String(value);
}
