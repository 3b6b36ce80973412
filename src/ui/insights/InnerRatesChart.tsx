import type { LayerRates } from '../../core/session';
import { ChartFrame, type LegendItem } from '../charts/ChartFrame';
import { formatCount, formatValue } from '../charts/format';
import { diamondPath } from '../charts/plot';
import { RowLabel, RowsPlot } from './RowsPlot';

const ROW = 34;
const MARGIN = { top: 8, right: 64, bottom: 40, left: 118 } as const;
const COLOR = 'var(--model-maml)';

interface InnerRatesChartProps {
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

/** A short upright stroke marking one end of a layer's range. */
function RangeEnd({ x, cy }: { x: number; cy: number }) {
  return <line x1={x} x2={x} y1={cy - 5} y2={cy + 5} stroke="var(--text)" strokeWidth={1.5} />;
}

function RatesPlot({
  rates,
  initial,
  width,
}: {
  rates: readonly LayerRates[];
  initial: number;
  width: number;
}) {
  const bottom = rates.length * ROW;
  return (
    <RowsPlot
      width={width}
      rows={rates.length}
      rowHeight={ROW}
      margin={MARGIN}
      values={[initial, ...rates.flatMap((r) => [r.min, r.max, r.meanAbs])]}
      label="Inner learning rate per weight"
      axis="zero"
    >
      {(x, inner) => (
        <>
          {rates.map((layer, i) => {
            const cy = i * ROW + ROW / 2;
            return (
              <g key={layer.name} className="rates-layer">
                <RowLabel cy={cy}>{layer.name}</RowLabel>
                <rect
                  className="rates-bar"
                  x={Math.min(x(0), x(layer.meanAbs))}
                  y={cy - 7}
                  width={Math.abs(x(layer.meanAbs) - x(0))}
                  height={14}
                  fill={COLOR}
                  fillOpacity={0.45}
                />
                <line
                  className="rates-range"
                  x1={x(layer.min)}
                  x2={x(layer.max)}
                  y1={cy}
                  y2={cy}
                  stroke="var(--text)"
                  strokeWidth={1.5}
                />
                <RangeEnd x={x(layer.min)} cy={cy} />
                <RangeEnd x={x(layer.max)} cy={cy} />
                <path
                  className="rates-mean"
                  d={diamondPath(x(layer.mean), cy, 5)}
                  fill="var(--surface)"
                  stroke="var(--text)"
                  strokeWidth={1.5}
                />
                <text x={inner + 8} y={cy} dy="0.35em">
                  {percent(layer.negative)} &lt; 0
                </text>
              </g>
            );
          })}
          <line
            className="rates-initial"
            x1={x(initial)}
            x2={x(initial)}
            y1={-4}
            y2={bottom}
            stroke="var(--model-pretrained)"
            strokeWidth={2}
            strokeDasharray="5 3"
          />
        </>
      )}
    </RowsPlot>
  );
}

/**
 * Meta-SGD learns a step size and direction for every weight's inner update. Per layer: the
 * typical size of its rates (bar), their whole range, their mean, and how many are negative,
 * against the rate every weight started from.
 */
export function InnerRatesChart({ rates, initial, iteration, emptyText }: InnerRatesChartProps) {
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
  return (
    <ChartFrame
      name="inner-rates"
      title="Meta-SGD: learned inner learning rates"
      subtitle="Every weight has its own learned step; a negative one steps against its gradient."
      legend={legend}
      summary={rates === null ? emptyText : summaryOf(rates, initial, iteration)}
      empty={rates === null ? emptyText : null}
    >
      {(width) =>
        rates === null ? null : <RatesPlot rates={rates} initial={initial} width={width} />
      }
    </ChartFrame>
  );
}
