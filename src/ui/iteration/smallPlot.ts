/**
 * The geometry of the one-iteration view's small plots: data to SVG coordinates and curves as
 * path text. Up to nine small plots redraw together at each picture, so they are plain SVG paths:
 * as recharts charts they would cost about 25 ms each per update (the measured chart budget),
 * more than the view is worth while training runs.
 */

export interface SmallPlotFrame {
  readonly width: number;
  readonly height: number;
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
}

export function toSvgX(frame: SmallPlotFrame, x: number): number {
  const [x0, x1] = frame.xRange;
  return ((x - x0) / (x1 - x0)) * frame.width;
}

/** Outputs beyond the window are clamped just outside it, so a wild fit stays a sane path. */
export function toSvgY(frame: SmallPlotFrame, y: number): number {
  const [y0, y1] = frame.yRange;
  const margin = (y1 - y0) * 0.5;
  const clamped = Math.min(y1 + margin, Math.max(y0 - margin, y));
  return frame.height - ((clamped - y0) / (y1 - y0)) * frame.height;
}

/** An SVG path through (x[i], y[i]); non-finite values break the line. */
export function curvePath(
  frame: SmallPlotFrame,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): string {
  const parts: string[] = [];
  let drawing = false;
  for (let i = 0; i < x.length; i++) {
    const value = y[i]!;
    if (!Number.isFinite(value)) {
      drawing = false;
      continue;
    }
    const command = drawing ? 'L' : 'M';
    parts.push(`${command}${toSvgX(frame, x[i]!).toFixed(1)},${toSvgY(frame, value).toFixed(1)}`);
    drawing = true;
  }
  return parts.join('');
}
