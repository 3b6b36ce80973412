/**
 * Support points of the task shown: a held-out task of the run's family drawn from its seed, or
 * the points a user places. Plain data and pure functions; the view keeps them in React state.
 */
import { createRng } from '../../core/random/rng';
import type { RegressionFamily } from '../../core/families/contract';
import { clamp, plotGeometry, type PlotGeometry } from './geometry';

export interface SupportPoint {
  /** Stable across moves, so React keeps the element (and its focus) while a point is dragged. */
  readonly id: number;
  readonly x: number;
  readonly y: number;
}

/** The most points a user may place on their own task. */
export const MAX_OWN_POINTS = 20;

export interface HeldOutTask {
  /** How a reader would write the task, e.g. 'y = 2.10 sin(x − 0.52)'. */
  readonly formula: string;
  readonly points: readonly SupportPoint[];
  /** The true function on the family's prediction grid. */
  readonly curve: Float32Array;
}

/**
 * Task number `index` (0, 1, 2, ...) of the function view's own random stream for this seed,
 * with `shots` support points: the same seed always shows the same sequence of tasks.
 */
export function drawHeldOutTask(
  family: RegressionFamily,
  seed: number,
  index: number,
  shots: number,
): HeldOutTask {
  const rng = createRng(seed, 'function-view');
  let task = family.drawTask(rng, shots);
  for (let i = 0; i < index; i++) task = family.drawTask(rng, shots);
  return {
    formula: task.formula,
    points: Array.from(task.supportX, (x, i) => ({ id: i, x, y: task.supportY[i]! })),
    curve: plotGeometry(family.window).gridX.map(task.truth),
  };
}

/** A point kept inside the plotted window, rounded to what the controls show. */
export function placed(id: number, x: number, y: number, geometry: PlotGeometry): SupportPoint {
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    id,
    x: round(clamp(x, geometry.xRange[0], geometry.xRange[1])),
    y: round(clamp(y, geometry.yRange[0], geometry.yRange[1])),
  };
}

export function withPointMoved(
  points: readonly SupportPoint[],
  id: number,
  x: number,
  y: number,
  geometry: PlotGeometry,
): SupportPoint[] {
  return points.map((point) => (point.id === id ? placed(id, x, y, geometry) : point));
}

export function withoutPoint(points: readonly SupportPoint[], id: number): SupportPoint[] {
  return points.filter((point) => point.id !== id);
}

/** The support set as the worker takes it. */
export function supportArrays(points: readonly SupportPoint[]): {
  readonly x: Float32Array;
  readonly y: Float32Array;
} {
  return {
    x: Float32Array.from(points, (point) => point.x),
    y: Float32Array.from(points, (point) => point.y),
  };
}

export function describePoint(point: SupportPoint): string {
  return `x = ${point.x.toFixed(2)}, y = ${point.y.toFixed(2)}`;
}
