import type { ReactNode } from 'react';
import { formatTick } from '../charts/format';
import { PlotSvg, linearScale, type Scale } from '../charts/plot';
import { linearTicks, paddedDomain } from './linearTicks';

interface RowsPlotProps {
  readonly width: number;
  readonly rows: number;
  /** Height of one row, in CSS pixels. */
  readonly rowHeight: number;
  /** Room around the rows: row labels on the left, per-row notes on the right, the axis below. */
  readonly margin: {
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
    readonly left: number;
  };
  /** Every value the x axis must hold; the axis also always holds zero. */
  readonly values: readonly number[];
  readonly label: string;
  /** Values of either sign want the axis line upright at zero; positive ones, along the bottom. */
  readonly axis: 'zero' | 'bottom';
  /** Draws the rows over the grid, given the x scale and the width the rows may use. */
  readonly children: (x: Scale, inner: number) => ReactNode;
}

/**
 * A drawing of one row per item against a shared linear x axis, with its grid, tick labels and axis
 * label below the rows.
 */
export function RowsPlot(props: RowsPlotProps) {
  const { width, margin } = props;
  const height = margin.top + props.rows * props.rowHeight + margin.bottom;
  const inner = Math.max(40, width - margin.left - margin.right);
  const domain = paddedDomain(props.values);
  const x = linearScale(domain, [0, inner]);
  const ticks = linearTicks(domain[0], domain[1]);
  const bottom = props.rows * props.rowHeight;
  return (
    <PlotSvg width={width} height={height}>
      <g transform={`translate(${margin.left},${margin.top})`}>
        {ticks.map((tick) => (
          <g key={tick} className="plot-tick" transform={`translate(${x(tick)},0)`}>
            <line className="plot-grid" y1={0} y2={bottom} />
            <text y={bottom + 16} textAnchor="middle">
              {formatTick(tick)}
            </text>
          </g>
        ))}
        {props.axis === 'zero' ? (
          <line className="plot-axis" x1={x(0)} x2={x(0)} y1={0} y2={bottom} />
        ) : (
          <line className="plot-axis" x1={0} x2={inner} y1={bottom} y2={bottom} />
        )}
        <text className="plot-label" x={inner / 2} y={bottom + 34} textAnchor="middle">
          {props.label}
        </text>
        {props.children(x, inner)}
      </g>
    </PlotSvg>
  );
}

/** A row's name, right-aligned in the left margin beside the row centred at `cy`. */
export function RowLabel({ cy, children }: { cy: number; children: ReactNode }) {
  return (
    <text x={-8} y={cy} dy="0.35em" textAnchor="end">
      {children}
    </text>
  );
}
