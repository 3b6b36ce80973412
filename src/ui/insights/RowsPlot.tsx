import { useMemo, type ReactNode } from 'react';
import { CartesianGrid, ComposedChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import { formatTick } from '../charts/format';
import { AXIS_LINE, AXIS_TICK, GRID_STROKE, TICK_LINE } from '../charts/kit/chartStyle';
import { linearTicks, paddedDomain } from './linearTicks';

/** Room for the x axis' ticks and label under the rows. */
const X_AXIS_HEIGHT = 40;
const ROW_LABEL_TICK = { fill: 'var(--text)', fontSize: 12 } as const;
const NOTE_TICK = { fill: 'var(--muted)', fontSize: 12 } as const;

export interface RowsPlotProps {
  readonly width: number;
  /** One row per item, each with a unique `label`. */
  readonly rows: readonly { readonly label: string }[];
  /** Height of one row, in CSS pixels. */
  readonly rowHeight: number;
  /** Room for the row labels on the left and for the per-row notes on the right. */
  readonly labelWidth: number;
  readonly noteWidth: number;
  /** Every value the x axis must hold; the axis also always holds zero. */
  readonly values: readonly number[];
  readonly label: string;
  /** Values of either sign want an upright line at zero; positive ones, the axis along the bottom. */
  readonly axis: 'zero' | 'bottom';
  /** The note beside a row, on the right (e.g. its weight), by the row's label. */
  readonly note: (label: string) => string;
  /** A heading over the notes. */
  readonly noteTitle?: string;
  /** The recharts series drawn over the rows. */
  readonly children: ReactNode;
}

const CHART_MARGIN = { top: 18, right: 4, bottom: 0, left: 0 } as const;

/** The drawing's height for `rows` rows of `rowHeight` pixels, with the axis below. */
export function rowsPlotHeight(rows: number, rowHeight: number): number {
  return CHART_MARGIN.top + rows * rowHeight + X_AXIS_HEIGHT;
}

/**
 * One row per item against a shared linear x axis (a recharts chart laid out sideways): the row
 * labels on the left, a note per row on the right, the grid, ticks and axis label below.
 */
export function RowsPlot(props: RowsPlotProps) {
  const { rows, note } = props;
  const height = rowsPlotHeight(rows.length, props.rowHeight);
  const values = props.values;
  const domain = useMemo(() => paddedDomain(values), [values]);
  const ticks = useMemo(() => linearTicks(domain[0], domain[1]), [domain]);
  const xLabel = useMemo(
    () => ({
      value: props.label,
      position: 'insideBottom' as const,
      offset: 0,
      fill: 'var(--muted)',
      fontSize: 12.5,
    }),
    [props.label],
  );
  const noteLabel = useMemo(
    () =>
      props.noteTitle === undefined
        ? undefined
        : { value: props.noteTitle, position: 'top' as const, fill: 'var(--muted)', fontSize: 12 },
    [props.noteTitle],
  );
  return (
    <ComposedChart
      layout="vertical"
      width={props.width}
      height={height}
      data={rows}
      margin={CHART_MARGIN}
      accessibilityLayer={false}
    >
      <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
      <XAxis
        type="number"
        domain={domain}
        ticks={ticks}
        allowDataOverflow
        tickFormatter={formatTick}
        tick={AXIS_TICK}
        axisLine={props.axis === 'bottom' ? AXIS_LINE : false}
        tickLine={TICK_LINE}
        height={X_AXIS_HEIGHT}
        interval={0}
        label={xLabel}
      />
      <YAxis
        type="category"
        dataKey="label"
        width={props.labelWidth}
        tick={ROW_LABEL_TICK}
        axisLine={false}
        tickLine={false}
        interval={0}
      />
      <YAxis
        yAxisId="notes"
        orientation="right"
        type="category"
        dataKey="label"
        width={props.noteWidth}
        tick={NOTE_TICK}
        tickFormatter={note}
        axisLine={false}
        tickLine={false}
        interval={0}
        label={noteLabel}
      />
      {props.axis === 'zero' && <ReferenceLine x={0} stroke="var(--border)" />}
      {props.children}
    </ComposedChart>
  );
}
