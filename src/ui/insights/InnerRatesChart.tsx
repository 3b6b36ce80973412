import { useCallback, useMemo } from 'react';
import { Bar, ErrorBar, Line, ReferenceLine } from 'recharts';
import type { LayerRates } from '../../core/trainer';
import { ChartFrame, type LegendItem } from '../charts/ChartFrame';
import { rowsTable } from '../charts/export/rowTables';
import { formatCount, formatValue } from '../charts/format';
import { STATIC_SERIES } from '../charts/kit/chartStyle';
import { markerProps } from '../charts/kit/series';
import { useLiveProp } from '../charts/live/useLiveValue';
import { RowsPlot, rowsPlotHeight } from './RowsPlot';

const ROW = 34;
const COLOR = 'var(--model-learner)';
const MEAN_LOOK = {
  color: 'var(--text)',
  dash: undefined,
  marker: 'diamond',
  hollow: true,
} as const;

interface InnerRatesChartProps {
  /** The learner's name, and what one of its rates belongs to. */
  readonly learner: string;
  readonly note: string;
  /** Null until the learner reports its rates. */
  readonly rates: readonly LayerRates[] | null;
  /** The inner learning rate every weight started from (config.innerLr). */
  readonly initial: number;
  readonly iteration: number;
  /** What to say while there is nothing to draw. */
  readonly emptyText: string;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function summaryOf(rates: readonly LayerRates[], initial: number, iteration: number): string {
  const layers = rates.map(
    (layer) =>
      `${layer.name}: mean |rate| ${formatValue(layer.meanAbs)}, from ${formatValue(layer.min)} ` +
      `to ${formatValue(layer.max)}, ${percent(layer.negative)} negative`,
  );
  return (
    `Learned inner learning rates at iteration ${formatCount(iteration)}, against the initial ` +
    `${String(initial)}. ${layers.join('; ')}.`
  );
}

interface RatesPlotProps {
  readonly rates: readonly LayerRates[];
  readonly initial: number;
  readonly width: number;
}

/** One row per layer as drawn: the bar, the mean, and the error bar's reach below and above it. */
function ratesRows(rates: readonly LayerRates[]) {
  return rates.map((layer) => ({
    label: layer.name,
    meanAbs: layer.meanAbs,
    mean: layer.mean,
    range: [layer.mean - layer.min, layer.max - layer.mean],
  }));
}

/** The table of what is drawn, for the CSV download. */
function ratesTable(rates: readonly LayerRates[]) {
  return rowsTable({ label: 'layer', key: 'label' }, ratesRows(rates), [
    { label: 'mean |inner learning rate|', key: 'meanAbs' },
    { label: 'mean inner learning rate', key: 'mean' },
    { label: 'mean minus smallest rate', key: 'range', end: 0 },
    { label: 'largest rate minus mean', key: 'range', end: 1 },
  ]);
}

/**
 * Per layer: a bar to its mean |rate|, its range from min to max as an error bar around the mean
 * (a hollow diamond), and the share of negative rates on the right; the initial rate is a line.
 */
function RatesPlot({ rates, initial, width }: RatesPlotProps) {
  const rows = useMemo(() => ratesRows(rates), [rates]);
  const values = useMemo(
    () => [initial, ...rates.flatMap((r) => [r.min, r.max, r.meanAbs])],
    [rates, initial],
  );
  const note = useCallback(
    (name: string) => {
      const layer = rates.find((r) => r.name === name);
      return layer === undefined ? '' : `${percent(layer.negative)} < 0`;
    },
    [rates],
  );
  return (
    <RowsPlot
      width={width}
      rows={rows}
      rowHeight={ROW}
      labelWidth={118}
      noteWidth={76}
      values={values}
      label="Inner learning rate per weight"
      axis="zero"
      note={note}
    >
      <Bar
        isAnimationActive={false}
        className="rates-bar"
        dataKey="meanAbs"
        barSize={14}
        fill={COLOR}
        fillOpacity={0.45}
      />
      <Line
        {...STATIC_SERIES}
        className="rates-mean"
        dataKey="mean"
        stroke="var(--text)"
        strokeOpacity={0}
        {...markerProps(MEAN_LOOK, 'large', rows.length)}
      >
        <ErrorBar
          className="rates-range"
          dataKey="range"
          direction="x"
          width={10}
          stroke="var(--text)"
          strokeWidth={1.5}
          isAnimationActive={false}
        />
      </Line>
      <ReferenceLine
        className="rates-initial"
        x={initial}
        stroke="var(--model-pretrained)"
        strokeWidth={2}
        strokeDasharray="5 3"
      />
    </RowsPlot>
  );
}

/**
 * A learner of inner rates (Meta-SGD: one per weight; MAML++: one per layer and step). Per row:
 * the typical size of its rates (bar), their whole range, their mean, and how many are negative,
 * against the rate every weight started from.
 */
export function InnerRatesChart({
  learner,
  note,
  initial,
  emptyText,
  ...latest
}: InnerRatesChartProps) {
  const { value, ref } = useLiveProp(latest);
  const { rates, iteration } = value;
  const legend: LegendItem[] = [
    { label: 'Mean |rate|', color: COLOR, kind: 'band' },
    { label: 'Range (min to max)', color: 'var(--text)', kind: 'line', width: 1.5 },
    { label: 'Mean rate', color: 'var(--text)', kind: 'hollow-marker', marker: 'diamond' },
    {
      label: `Initial rate (${String(initial)})`,
      color: 'var(--model-pretrained)',
      kind: 'line',
      dash: '5 3',
    },
  ];
  const height = rates === null ? 120 : rowsPlotHeight(rates.length, ROW);
  const table = useCallback(() => (rates === null ? null : ratesTable(rates)), [rates]);
  return (
    <ChartFrame
      bodyRef={ref}
      name="inner-rates"
      title={`${learner}: learned inner learning rates`}
      subtitle={note}
      legend={legend}
      summary={rates === null ? emptyText : summaryOf(rates, initial, iteration)}
      empty={rates === null ? emptyText : null}
      height={height}
      table={table}
    >
      {(width) =>
        rates === null ? null : <RatesPlot rates={rates} initial={initial} width={width} />
      }
    </ChartFrame>
  );
}
