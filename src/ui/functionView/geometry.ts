/**
 * Where things go in the function view's SVG: a fixed data window (x from -5 to 5 as the tasks'
 * inputs, y wide enough for the largest amplitude), the drawing's own coordinates, and the
 * conversions between them.
 */
import { SINUSOID } from '../../core/tasks/sinusoid';

export const X_RANGE = [SINUSOID.input[0], SINUSOID.input[1]] as const;
export const Y_RANGE = [-6, 6] as const;

/** The drawing's coordinate system (viewBox); the plot area leaves room for the axes. */
export const VIEW = { width: 720, height: 400 } as const;
export const AREA = { left: 58, top: 14, right: 704, bottom: 346 } as const;

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

export function toViewX(x: number): number {
  return AREA.left + ((x - X_RANGE[0]) / (X_RANGE[1] - X_RANGE[0])) * (AREA.right - AREA.left);
}

export function toViewY(y: number): number {
  return AREA.bottom - ((y - Y_RANGE[0]) / (Y_RANGE[1] - Y_RANGE[0])) * (AREA.bottom - AREA.top);
}

/** The data point under a position in the drawing, kept inside the plotted window. */
export function fromView(viewX: number, viewY: number): { x: number; y: number } {
  const x =
    X_RANGE[0] + ((viewX - AREA.left) / (AREA.right - AREA.left)) * (X_RANGE[1] - X_RANGE[0]);
  const y =
    Y_RANGE[0] + ((AREA.bottom - viewY) / (AREA.bottom - AREA.top)) * (Y_RANGE[1] - Y_RANGE[0]);
  return { x: clamp(x, X_RANGE[0], X_RANGE[1]), y: clamp(y, Y_RANGE[0], Y_RANGE[1]) };
}

/** Far outside the window a curve is clipped anyway; capping keeps the path's numbers sane. */
const Y_CAP = 4 * (Y_RANGE[1] - Y_RANGE[0]);

/** An SVG path through (xs[i], ys[i]) in data coordinates, one decimal in view units. */
export function curvePath(xs: ArrayLike<number>, ys: ArrayLike<number>): string {
  const parts: string[] = [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const y = Number.isFinite(ys[i]!) ? clamp(ys[i]!, -Y_CAP, Y_CAP) : 0;
    parts.push(`${i === 0 ? 'M' : 'L'}${toViewX(xs[i]!).toFixed(1)},${toViewY(y).toFixed(1)}`);
  }
  return parts.join(' ');
}

/** The position in the drawing's own coordinates of a pointer at (clientX, clientY). */
export function pointerInView(
  svg: SVGSVGElement,
  clientX: number,
  clientY: number,
): { x: number; y: number } | null {
  const matrix = svg.getScreenCTM();
  if (matrix === null) return null;
  const point = new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse());
  return { x: point.x, y: point.y };
}
