/**
 * A small SVG plotting kit for the live charts: scales, a plot area with grid, axes, ticks and
 * axis labels, line and band paths, and markers. Drawing a few hundred points this way costs well
 * under a millisecond, so the charts can redraw several times a second while the page stays calm.
 */
import { useEffect, useId, useState, type ReactNode, type RefObject } from 'react';
import type { ModelStyle } from './palette';

/** Maps a data value to a pixel position. */
export type Scale = (value: number) => number;

export function linearScale(domain: readonly [number, number], range: readonly [number, number]) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (value: number) => r0 + (value - d0) * k;
}

export function logScale(domain: readonly [number, number], range: readonly [number, number]) {
  const toLog = linearScale([Math.log(domain[0]), Math.log(domain[1])], range);
  return (value: number) => toLog(Math.log(value));
}

/** Height of every chart's drawing, in CSS pixels; the width follows the layout. */
export const PLOT_HEIGHT = 250;

const MARGIN = { top: 10, right: 14, bottom: 44, left: 58 } as const;

export interface PlotArea {
  /** Inner size, where the data is drawn. */
  readonly width: number;
  readonly height: number;
}

export interface AxisSpec {
  /** From the data's domain to 0..width (x) or height..0 (y) of the plot area. */
  readonly scale: Scale;
  readonly ticks: readonly number[];
  readonly format: (value: number) => string;
  readonly label: string;
}

/** The plot area for a drawing `width` wide. */
export function plotArea(width: number): PlotArea {
  return {
    width: Math.max(10, width - MARGIN.left - MARGIN.right),
    height: PLOT_HEIGHT - MARGIN.top - MARGIN.bottom,
  };
}

/** The width of `ref`'s element, kept up to date as the layout changes (0 before it is known). */
export function useElementWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const observer = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry !== undefined) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
    };
  }, [ref]);
  return width;
}

interface PlotProps {
  readonly width: number;
  readonly area: PlotArea;
  readonly x: AxisSpec;
  readonly y: AxisSpec;
  /** Hide x tick labels that would collide, keeping every n-th. */
  readonly xLabelEvery?: number;
  readonly children: ReactNode;
}

interface PlotSvgProps {
  readonly width: number;
  readonly height: number;
  readonly children: ReactNode;
}

/**
 * The svg element of a chart's drawing, sized in CSS pixels. Hidden from assistive technology:
 * the chart's frame is the image, and its text summary says what the drawing shows.
 */
export function PlotSvg({ width, height, children }: PlotSvgProps) {
  return (
    <svg
      className="plot"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** Grid, axes, ticks and labels around the series drawn as children (clipped to the plot area). */
export function Plot({ width, area, x, y, xLabelEvery = 1, children }: PlotProps) {
  const clipId = useId();
  const { width: w, height: h } = area;
  return (
    <PlotSvg width={width} height={PLOT_HEIGHT}>
      <defs>
        <clipPath id={clipId}>
          <rect x={-4} y={-4} width={w + 8} height={h + 8} />
        </clipPath>
      </defs>
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        {y.ticks.map((tick) => {
          const py = round(y.scale(tick));
          return (
            <g key={`y${tick}`} className="plot-tick">
              <line className="plot-grid" x1={0} x2={w} y1={py} y2={py} />
              <text x={-8} y={py} dy="0.32em" textAnchor="end">
                {y.format(tick)}
              </text>
            </g>
          );
        })}
        <line className="plot-axis" x1={0} x2={w} y1={h} y2={h} />
        <line className="plot-axis" x1={0} x2={0} y1={0} y2={h} />
        {x.ticks.map((tick, i) => {
          const px = round(x.scale(tick));
          return (
            <g key={`x${tick}`} className="plot-tick" transform={`translate(${px},${h})`}>
              <line className="plot-axis" y1={0} y2={5} />
              {i % xLabelEvery === 0 || i === x.ticks.length - 1 ? (
                <text y={18} textAnchor="middle">
                  {x.format(tick)}
                </text>
              ) : null}
            </g>
          );
        })}
        <text className="plot-label" x={w / 2} y={h + 38} textAnchor="middle">
          {x.label}
        </text>
        <text
          className="plot-label"
          transform={`translate(${-MARGIN.left + 13},${h / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          {y.label}
        </text>
        <g clipPath={`url(#${clipId})`}>{children}</g>
      </g>
    </PlotSvg>
  );
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * An SVG path through the points, in order; a missing or non-finite value breaks the line, so a
 * gap in the data shows as a gap.
 */
export function linePath(
  count: number,
  xOf: (i: number) => number,
  yOf: (i: number) => number | null,
): string {
  const parts: string[] = [];
  let drawing = false;
  for (let i = 0; i < count; i += 1) {
    const value = yOf(i);
    const px = xOf(i);
    if (value === null || !Number.isFinite(value) || !Number.isFinite(px)) {
      drawing = false;
      continue;
    }
    parts.push(`${drawing ? 'L' : 'M'}${round(px)},${round(value)}`);
    drawing = true;
  }
  return parts.join('');
}

/** A closed band between a lower and an upper edge, both already in pixels. */
export function bandPath(
  xs: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
) {
  if (xs.length === 0) return '';
  const top = xs.map((px, i) => `${i === 0 ? 'M' : 'L'}${round(px)},${round(upper[i]!)}`);
  const bottom = xs.map((_, j) => {
    const i = xs.length - 1 - j;
    return `L${round(xs[i]!)},${round(lower[i]!)}`;
  });
  return `${top.join('')}${bottom.join('')}Z`;
}

/** A diamond (a square on its corner) centred on (x, y), reaching `r` from the centre. */
export function diamondPath(x: number, y: number, r: number): string {
  return `M${x},${y - r}L${x + r},${y}L${x},${y + r}L${x - r},${y}Z`;
}

interface MarkerProps {
  readonly shape: ModelStyle['marker'];
  readonly x: number;
  readonly y: number;
  readonly color: string;
  readonly size?: number;
  readonly hollow?: boolean;
}

/** A model's marker: a circle, a square, a diamond or a triangle, filled or hollow. */
export function Marker({ shape, x, y, color, size = 3.5, hollow = false }: MarkerProps) {
  const paint = {
    fill: hollow ? 'var(--surface)' : color,
    stroke: color,
    strokeWidth: 1.5,
  };
  const px = round(x);
  const py = round(y);
  if (shape === 'square') {
    const side = size * 1.7;
    return (
      <rect
        x={round(px - side / 2)}
        y={round(py - side / 2)}
        width={side}
        height={side}
        {...paint}
      />
    );
  }
  if (shape === 'triangle') {
    const r = size * 1.5;
    const half = r * 0.87;
    return (
      <path
        d={`M${px},${round(py - r)}L${round(px + half)},${round(py + r / 2)}L${round(px - half)},${round(py + r / 2)}Z`}
        {...paint}
      />
    );
  }
  if (shape === 'diamond') return <path d={diamondPath(px, py, size * 1.35)} {...paint} />;
  return <circle cx={px} cy={py} r={size} {...paint} />;
}
