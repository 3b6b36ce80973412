/**
 * Each model's marker (circle, square, diamond or triangle, filled or hollow) on a recharts line,
 * in the line's own colour. Two ways to draw them, both made once at module level so recharts sees
 * the same props on every redraw:
 * - as the line's `shape`, which draws the line and its markers together inside the line's layer.
 *   Recharts redraws a line's parts from scratch whenever its points move, and markers drawn as
 *   its `dot`s sit in a layer of their own that it then registers anew, which costs every chart a
 *   second render in the next frame; markers inside the shape cost nothing extra. A shape is drawn
 *   only for two points or more (a point given twice is marked once);
 * - as the line's `dot`s, for a line of one point.
 * Every marker has the class `chart-dot`; dots also carry their series' data key
 * (`chart-dot-<key>`), since they are drawn apart from their line.
 */
import type { ReactNode } from 'react';
import { LineDrawShape, type DotItemDotProps, type LineDrawShapeProps } from 'recharts';
import type { MarkerShape } from '../palette';

type DotRenderer = (props: DotItemDotProps) => ReactNode;
type LineShape = (props: LineDrawShapeProps) => ReactNode;

/** The marker sizes: the circle's radius; the other shapes are scaled to look as big. */
export type MarkerSize = 'normal' | 'large';
const RADIUS: Readonly<Record<MarkerSize, number>> = { normal: 3, large: 4.5 };

function diamondPath(x: number, y: number, r: number): string {
  return `M${x},${y - r}L${x + r},${y}L${x},${y + r}L${x - r},${y}Z`;
}

function trianglePath(x: number, y: number, r: number): string {
  const half = r * 0.87;
  return `M${x},${y - r}L${x + half},${y + r / 2}L${x - half},${y + r / 2}Z`;
}

interface MarkerLook {
  readonly shape: MarkerShape;
  readonly hollow: boolean;
  readonly radius: number;
}

function marker(look: MarkerLook, cx: number, cy: number, color: string, className: string) {
  const paint = {
    className,
    fill: look.hollow ? 'var(--surface)' : color,
    stroke: color,
    strokeWidth: 1.5,
  };
  const r = look.radius;
  if (look.shape === 'square') {
    const side = r * 1.7;
    return <rect x={cx - side / 2} y={cy - side / 2} width={side} height={side} {...paint} />;
  }
  if (look.shape === 'triangle') return <path d={trianglePath(cx, cy, r * 1.5)} {...paint} />;
  if (look.shape === 'diamond') return <path d={diamondPath(cx, cy, r * 1.35)} {...paint} />;
  return <circle cx={cx} cy={cy} r={r} {...paint} />;
}

function dotRenderer(look: MarkerLook): DotRenderer {
  return function MarkerDot({ cx, cy, stroke, dataKey }: DotItemDotProps) {
    if (typeof cx !== 'number' || typeof cy !== 'number' || !onDrawing(cx, cy)) return null;
    return marker(look, cx, cy, String(stroke), `chart-dot chart-dot-${String(dataKey)}`);
  };
}

/**
 * Whether a marker at (x, y) would lie on the drawing. The line itself is clipped to the plot, but
 * markers are not (a marker on the plot's edge would be cut in half); a value far beyond a fixed
 * axis, such as a diverging fine-tuning step, would otherwise put one above the chart.
 */
function onDrawing(x: number | null, y: number | null): boolean {
  return x !== null && y !== null && Number.isFinite(x) && Number.isFinite(y) && x >= 0 && y >= 0;
}

/** Whether point `i` is drawn: it is on the drawing, and not the same as the point before it. */
function shown(points: LineDrawShapeProps['points'], i: number): boolean {
  const point = points?.[i];
  if (point == null || !onDrawing(point.x, point.y)) return false;
  const before = points?.[i - 1];
  return before?.x !== point.x || before.y !== point.y;
}

function lineShape(look: MarkerLook): LineShape {
  return function MarkedLineShape(props: LineDrawShapeProps) {
    const color = String(props.stroke);
    const { points } = props;
    return (
      <>
        <LineDrawShape {...props} />
        <g className="chart-markers">
          {points?.map((point, i) =>
            shown(points, i) ? (
              <g key={i}>{marker(look, point.x!, point.y!, color, 'chart-dot')}</g>
            ) : null,
          )}
        </g>
      </>
    );
  };
}

type Looks<T> = Readonly<Record<MarkerSize, Record<MarkerShape, readonly [T, T]>>>;

function everyLook<T>(make: (look: MarkerLook) => T): Looks<T> {
  const sized = (size: MarkerSize) => {
    const both = (shape: MarkerShape) =>
      [
        make({ shape, hollow: false, radius: RADIUS[size] }),
        make({ shape, hollow: true, radius: RADIUS[size] }),
      ] as const;
    return {
      circle: both('circle'),
      square: both('square'),
      diamond: both('diamond'),
      triangle: both('triangle'),
    };
  };
  return { normal: sized('normal'), large: sized('large') };
}

const DOTS = everyLook(dotRenderer);
const SHAPES = everyLook(lineShape);

/** The `dot` prop drawing `shape`, filled or hollow, in the line's colour. */
export function markerDot(shape: MarkerShape, hollow = false, size: MarkerSize = 'normal') {
  return DOTS[size][shape][hollow ? 1 : 0];
}

/** The `shape` prop drawing the line with `shape` markers at its points. */
export function markedLineShape(shape: MarkerShape, hollow = false, size: MarkerSize = 'normal') {
  return SHAPES[size][shape][hollow ? 1 : 0];
}

/** A diamond outline, drawn over another marker without hiding it. */
function outlineDiamonds(props: LineDrawShapeProps) {
  const color = String(props.stroke);
  return (
    <g className="chart-markers">
      {props.points?.map(({ x, y }, i) =>
        x === null || y === null || !onDrawing(x, y) ? null : (
          <path
            key={i}
            className="chart-dot"
            d={diamondPath(x, y, 6)}
            fill="none"
            stroke={color}
            strokeWidth={2}
          />
        ),
      )}
    </g>
  );
}

/** The `shape` prop of a line drawn only as diamond outlines (the line itself is left out). */
export const outlineDiamondShape: LineShape = outlineDiamonds;
