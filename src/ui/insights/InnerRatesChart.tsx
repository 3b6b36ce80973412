import type { LayerRates } from '../../core/session';
import { ChartFrame, type LegendItem } from '../charts/ChartFrame';
import { formatCount, formatTick, formatValue } from '../charts/format';
import { linearScale } from '../charts/plot';
import { linearTicks, paddedDomain } from './linearTicks';

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

function RatesPlot({
  rates,
  initial,
  width,
}: {
  rates: readonly LayerRates[];
  initial: number;
  width: number;
}) {
  const height = MARGIN.top + rates.length * ROW + MARGIN.bottom;
  const inner = Math.max(40, width - MARGIN.left - MARGIN.right);
  const domain = paddedDomain([initial, ...rates.flatMap((r) => [r.min, r.max, r.meanAbs])]);
  const x = linearScale(domain, [0, inner]);
  const ticks = linearTicks(domain[0], domain[1]);
  const bottom = rates.length * ROW;
  return (
    <svg
      className="plot"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
      focusable="false"
    >
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        {ticks.map((tick) => (
          <g key={tick} className="plot-tick" transform={`translate(${x(tick)},0)`}>
            <line className="plot-grid" y1={0} y2={bottom} />
            <text y={bottom + 16} textAnchor="middle">
              {formatTick(tick)}
            </text>
          </g>
        ))}
        <line className="plot-axis" x1={x(0)} x2={x(0)} y1={0} y2={bottom} />
        <text className="plot-label" x={inner / 2} y={bottom + 34} textAnchor="middle">
          Inner learning rate per weight
        </text>
        {rates.map((layer, i) => {
          const cy = i * ROW + ROW / 2;
          return (
            <g key={layer.name} className="rates-layer">
              <text x={-8} y={cy} dy="0.35em" textAnchor="end">
                {layer.name}
              </text>
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
              <line
                x1={x(layer.min)}
                x2={x(layer.min)}
                y1={cy - 5}
                y2={cy + 5}
                stroke="var(--text)"
                strokeWidth={1.5}
              />
              <line
                x1={x(layer.max)}
                x2={x(layer.max)}
                y1={cy - 5}
                y2={cy + 5}
                stroke="var(--text)"
                strokeWidth={1.5}
              />
              <path
                className="rates-mean"
                d={`M${x(layer.mean)},${cy - 5}L${x(layer.mean) + 5},${cy}L${x(layer.mean)},${cy + 5}L${x(layer.mean) - 5},${cy}Z`}
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
      </g>
    </svg>
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
