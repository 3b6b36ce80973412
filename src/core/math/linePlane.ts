/**
 * A linear model y = w x + b under mean squared error, as a function of its two parameters: the
 * loss is a quadratic in (w, b), fixed by five means of a task's points, so it can be evaluated
 * anywhere on the plane, minimised and drawn as contour ellipses without touching the points again.
 */

/** Means over a set of points (x, y): x^2, x, x y, y, y^2. */
export interface LineMoments {
  readonly xx: number;
  readonly x: number;
  readonly xy: number;
  readonly y: number;
  readonly yy: number;
}

/** The moments of the points xs[i], ys[i] for i in [from, to). */
export function lineMoments(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  from = 0,
  to = xs.length,
): LineMoments {
  let xx = 0;
  let x = 0;
  let xy = 0;
  let y = 0;
  let yy = 0;
  for (let i = from; i < to; i++) {
    const xi = xs[i]!;
    const yi = ys[i]!;
    xx += xi * xi;
    x += xi;
    xy += xi * yi;
    y += yi;
    yy += yi * yi;
  }
  const n = Math.max(1, to - from);
  return { xx: xx / n, x: x / n, xy: xy / n, y: y / n, yy: yy / n };
}

/** The mean of several sets' moments: the mean loss over their tasks. */
export function meanMoments(all: readonly LineMoments[]): LineMoments {
  const n = Math.max(1, all.length);
  const sum = (pick: (m: LineMoments) => number) => all.reduce((s, m) => s + pick(m), 0) / n;
  return {
    xx: sum((m) => m.xx),
    x: sum((m) => m.x),
    xy: sum((m) => m.xy),
    y: sum((m) => m.y),
    yy: sum((m) => m.yy),
  };
}

/** mean (w x + b - y)^2. */
export function lineLoss(m: LineMoments, w: number, b: number): number {
  return w * w * m.xx + 2 * w * b * m.x + b * b - 2 * w * m.xy - 2 * b * m.y + m.yy;
}

/** The loss's gradient in (w, b). */
export function lineGradient(m: LineMoments, w: number, b: number): [number, number] {
  return [2 * (w * m.xx + b * m.x - m.xy), 2 * (w * m.x + b - m.y)];
}

/** The least-squares line: the loss's minimum (for noise-free points of a line, that line). */
export function lineOptimum(m: LineMoments): [number, number] {
  const det = m.xx - m.x * m.x;
  if (!(det > 1e-12)) return [0, m.y];
  const w = (m.xy - m.x * m.y) / det;
  return [w, m.y - w * m.x];
}

/**
 * The contour where the loss is `level`, as `points` (w, b) pairs around the ellipse; empty when
 * the level is below the minimum. With H = [[xx, x], [x, 1]], loss = min + d^T H d.
 */
export function lineContour(
  m: LineMoments,
  level: number,
  points = 64,
): { w: number; b: number }[] {
  const [w0, b0] = lineOptimum(m);
  const excess = level - lineLoss(m, w0, b0);
  if (!(excess > 0)) return [];
  // Eigen-decomposition of the symmetric 2x2 H.
  const a = m.xx;
  const c = 1;
  const off = m.x;
  const mid = (a + c) / 2;
  const spread = Math.sqrt(((a - c) / 2) ** 2 + off * off);
  const l1 = Math.max(mid + spread, 1e-12);
  const l2 = Math.max(mid - spread, 1e-12);
  const angle = 0.5 * Math.atan2(2 * off, a - c);
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const r1 = Math.sqrt(excess / l1);
  const r2 = Math.sqrt(excess / l2);
  return Array.from({ length: points + 1 }, (_, i) => {
    const t = (2 * Math.PI * i) / points;
    const u = r1 * Math.cos(t);
    const v = r2 * Math.sin(t);
    return { w: w0 + cos * u - sin * v, b: b0 + sin * u + cos * v };
  });
}
