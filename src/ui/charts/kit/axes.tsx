/**
 * The axes the charts share, as recharts axes with domains and ticks computed here (so they step,
 * never jump, while data streams), and the same ticks, format and label for the same quantity on
 * every chart. Tick arrays come memoised from the callers' data.
 */
import { useMemo } from 'react';
import { CartesianGrid, ReferenceLine, XAxis, YAxis, type LabelProps } from 'recharts';
import { ACCURACY_TICKS, chanceOf, formatPercent, formatPercentTick } from '../accuracy';
import { formatCount, formatTick } from '../format';
import type { LogAxis } from '../scales';
import {
  AXIS_LINE,
  AXIS_TICK,
  GRID_STROKE,
  TICK_LINE,
  COMPACT_X_AXIS_HEIGHT,
  X_AXIS_HEIGHT,
  Y_AXIS_WIDTH,
} from './chartStyle';

const ACCURACY_DOMAIN: [number, number] = [0, 1];
const ACCURACY_TICK_LIST = [...ACCURACY_TICKS];
const LABEL_STYLE = { textAnchor: 'middle' } as const;

/** An axis label's props, kept the same object while the text is (recharts compares them). */
function useAxisLabel(value: string, axis: 'x' | 'y'): LabelProps {
  return useMemo(
    (): LabelProps =>
      axis === 'x'
        ? { value, position: 'insideBottom', offset: 0, fill: 'var(--muted)', fontSize: 12.5 }
        : {
            value,
            angle: -90,
            position: 'insideLeft',
            offset: 12,
            fill: 'var(--muted)',
            fontSize: 12.5,
            style: LABEL_STYLE,
          },
    [value, axis],
  );
}

/** Light horizontal grid lines at the y ticks. */
export function ChartGrid() {
  return <CartesianGrid vertical={false} stroke={GRID_STROKE} />;
}

export interface NumberXAxisProps {
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
  readonly label: string;
  readonly format?: (value: number) => string;
  /** The data key of the rows' x value. */
  readonly dataKey?: string;
  /** In a small drawing the axis leaves its label out, which the chart's text names. */
  readonly compact?: boolean;
}

/**
 * What every axis here shares: fixed domains that data may overrun (a spike is clipped, the
 * axis does not jump), every tick given drawn, and one look.
 */
export const AXIS_LOOK = {
  allowDataOverflow: true,
  interval: 0,
  tick: AXIS_TICK,
  axisLine: AXIS_LINE,
  tickLine: TICK_LINE,
} as const;

/** A numeric x axis over a fixed domain with the given ticks (iterations, fine-tuning steps). */
export function NumberXAxis({
  domain,
  ticks,
  label,
  format = formatCount,
  dataKey = 'x',
  compact = false,
}: NumberXAxisProps) {
  const axisLabel = useAxisLabel(label, 'x');
  return (
    <XAxis
      type="number"
      dataKey={dataKey}
      domain={domain}
      ticks={ticks}
      {...AXIS_LOOK}
      tickFormatter={format}
      height={compact ? COMPACT_X_AXIS_HEIGHT : X_AXIS_HEIGHT}
      label={compact ? undefined : axisLabel}
    />
  );
}

interface ValueYAxisProps {
  readonly label: string;
}

/** A loss on a log axis over `log`'s domain and ticks. */
export function LogYAxis({ log, label }: ValueYAxisProps & { readonly log: LogAxis }) {
  const axisLabel = useAxisLabel(label, 'y');
  return (
    <YAxis
      type="number"
      scale="log"
      domain={log.domain}
      ticks={log.ticks}
      {...AXIS_LOOK}
      tickFormatter={formatTick}
      width={Y_AXIS_WIDTH}
      label={axisLabel}
    />
  );
}

/** The fixed 0-100% accuracy axis. */
export function AccuracyYAxis({ label }: ValueYAxisProps) {
  const axisLabel = useAxisLabel(label, 'y');
  return (
    <YAxis
      type="number"
      domain={ACCURACY_DOMAIN}
      ticks={ACCURACY_TICK_LIST}
      {...AXIS_LOOK}
      tickFormatter={formatPercentTick}
      width={Y_AXIS_WIDTH}
      label={axisLabel}
    />
  );
}

/** Chance level (one in `ways`) across the plot, labelled with its value at the right end. */
export function ChanceLine({ ways }: { readonly ways: number }) {
  const chance = chanceOf(ways);
  const label = useMemo(
    (): LabelProps => ({
      value: `chance ${formatPercent(chance)}`,
      position: 'insideTopRight',
      fill: 'var(--muted)',
      fontSize: 11.5,
    }),
    [chance],
  );
  return (
    <ReferenceLine
      className="chance-line"
      y={chance}
      stroke="var(--muted)"
      strokeWidth={1.5}
      strokeDasharray="2 4"
      label={label}
    />
  );
}

/** A loss on a log axis fitted to it, or an accuracy on 0-100% with chance marked. */
export type CurveAxis =
  | { readonly kind: 'log'; readonly log: LogAxis; readonly label: string }
  | { readonly kind: 'accuracy'; readonly label: string; readonly ways: number };

/** The value axis of a curve plot: a log loss axis, or accuracy with its chance line. */
export function CurveYAxis({ axis }: { readonly axis: CurveAxis }) {
  return axis.kind === 'log' ? (
    <LogYAxis log={axis.log} label={axis.label} />
  ) : (
    <>
      <AccuracyYAxis label={axis.label} />
      <ChanceLine ways={axis.ways} />
    </>
  );
}
