import { useMemo } from 'react';
import type { EvaluationPoint } from '../store/evaluationSlice';
import type { PlaygroundState } from '../store/playgroundStore';
import { usePlayground } from '../training/context';
import { ChartFrame, type LegendItem } from './ChartFrame';
import { formatCount, formatTick, formatValue, stepsText } from './format';
import { MODEL_STYLES } from './palette';
import { Marker, Plot, linePath, linearScale, logScale, plotArea } from './plot';
import { iterationAxisEnd, iterationTicks, logAxis } from './scales';
import { useThrottledPlayground } from './useThrottledPlayground';

const selectPoints = (state: PlaygroundState) => state.evaluations.points;
const selectLastIteration = (state: PlaygroundState) => state.series.metaTrainLoss.lastIteration;

const SHOWN = ['maml', 'pretrained'] as const;

interface HeldOutRow {
  readonly iteration: number;
  readonly tasks: number;
  readonly maml: number | null;
  readonly pretrained: number | null;
}

function finite(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : null;
}

/** The held-out loss after `step` inner steps (1, or 0 when evaluation takes no steps). */
function rowsOf(points: readonly EvaluationPoint[]): { rows: HeldOutRow[]; step: number } {
  const steps = points.at(-1)?.evaluation.steps.length ?? 2;
  const step = steps > 1 ? 1 : 0;
  const rows = points.map(({ iteration, evaluation }) => ({
    iteration,
    tasks: evaluation.tasks,
    maml: finite(evaluation.maml.mean[step]),
    pretrained: finite(evaluation.pretrained.mean[step]),
  }));
  return { rows, step };
}

function summaryOf(rows: readonly HeldOutRow[], step: number): string {
  const last = rows.at(-1);
  if (last === undefined) return 'No held-out evaluation yet.';
  const { maml, pretrained } = last;
  const head =
    `Latest check at iteration ${formatCount(last.iteration)} on ${formatCount(last.tasks)} ` +
    `new tasks, after ${stepsText(step)}: `;
  if (maml === null || pretrained === null) return `${head}a loss is not a finite number.`;
  const verdict =
    maml < pretrained ? 'MAML is lower' : maml > pretrained ? 'pretrained is lower' : 'a tie';
  return `${head}MAML ${formatValue(maml)}, pretrained ${formatValue(pretrained)} (${verdict}).`;
}

interface HeldOutPlotProps {
  readonly rows: readonly HeldOutRow[];
  readonly lastIteration: number;
  readonly width: number;
}

function HeldOutPlot({ rows, lastIteration, width }: HeldOutPlotProps) {
  const area = plotArea(width);
  const values = rows.flatMap((row) => [row.maml, row.pretrained]).filter((v) => v !== null);
  const y = logAxis(Math.min(...values), Math.max(...values));
  const xEnd = iterationAxisEnd(Math.max(lastIteration, rows.at(-1)?.iteration ?? 0));
  const xScale = linearScale([0, xEnd], [0, area.width]);
  const yScale = logScale(y.domain, [area.height, 0]);
  return (
    <Plot
      width={width}
      area={area}
      x={{
        scale: xScale,
        ticks: iterationTicks(xEnd),
        format: formatCount,
        label: 'Meta-iteration',
      }}
      y={{ scale: yScale, ticks: y.ticks, format: formatTick, label: 'Held-out loss (log)' }}
    >
      {SHOWN.map((model) => {
        const style = MODEL_STYLES[model];
        const d = linePath(
          rows.length,
          (i) => xScale(rows[i]!.iteration),
          (i) => {
            const value = rows[i]![model];
            return value === null ? null : yScale(value);
          },
        );
        return (
          <g key={model} className={`held-out-series held-out-${model}`}>
            <path
              className="held-out-line"
              d={d}
              fill="none"
              stroke={style.color}
              strokeWidth={2}
              strokeDasharray={style.dash}
            />
            {rows.map((row) => {
              const value = row[model];
              return value === null ? null : (
                <Marker
                  key={row.iteration}
                  shape={style.marker}
                  x={xScale(row.iteration)}
                  y={yScale(value)}
                  color={style.color}
                  size={3}
                />
              );
            })}
          </g>
        );
      })}
    </Plot>
  );
}

/**
 * Held-out loss at intervals during training: how well MAML's and the pretrained network's
 * starting points do on new tasks after one fine-tuning step. Shares the loss chart's x axis.
 */
export function HeldOutChart() {
  const points = usePlayground(selectPoints);
  const lastIteration = useThrottledPlayground(selectLastIteration);
  const { rows, step } = useMemo(() => rowsOf(points), [points]);

  const legend: LegendItem[] = SHOWN.map((model) => ({
    label: `${MODEL_STYLES[model].label}, after ${stepsText(step)}`,
    color: MODEL_STYLES[model].color,
    kind: 'line',
    dash: MODEL_STYLES[model].dash,
    marker: MODEL_STYLES[model].marker,
  }));

  return (
    <ChartFrame
      name="held-out"
      title="Held-out loss during training"
      subtitle={`Loss on new tasks after ${stepsText(step)} of fine-tuning, checked at intervals.`}
      legend={legend}
      summary={summaryOf(rows, step)}
      empty={rows.length === 0 ? 'Waiting for the first held-out evaluation…' : null}
    >
      {(width) => <HeldOutPlot rows={rows} lastIteration={lastIteration} width={width} />}
    </ChartFrame>
  );
}
