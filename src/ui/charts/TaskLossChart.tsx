import { useMemo } from 'react';
import type { PlaygroundState } from '../store/playgroundStore';
import type { SeriesSlice } from '../store/seriesSlice';
import { usePlayground } from '../training/context';
import { ChartFrame, type LegendItem } from './ChartFrame';
import { formatCount, formatTick, formatValue, stepsText } from './format';
import { lossKindLabel, lossKindOf, useModelStyles } from './learner';
import { Marker, Plot, linearScale, logScale, plotArea } from './plot';
import { logAxis } from './scales';
import { useThrottledPlayground } from './useThrottledPlayground';

const selectSeries = (state: PlaygroundState) => state.series;
const selectInnerSteps = (state: PlaygroundState) => state.run.config.innerSteps;
const selectTask = (state: PlaygroundState) => state.run.config.task;

interface TaskRow {
  /** 1 for the task that started worst. */
  readonly rank: number;
  readonly before: number;
  readonly after: number;
}

function positive(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : Number.NaN;
}

/** The latest meta-batch's tasks, worst start first, so the chart reads as one calm shape. */
function rowsOf(series: SeriesSlice): TaskRow[] {
  const { taskLossBefore: before, taskLossAfter: after } = series;
  const count = Math.min(before.length, after.length);
  const order = Array.from({ length: count }, (_, i) => i).sort(
    (a, b) => (before[b] ?? 0) - (before[a] ?? 0),
  );
  return order.map((task, rank) => {
    const b = positive(before[task]!);
    const a = positive(after[task]!);
    return { rank: rank + 1, before: b, after: a };
  });
}

function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function summaryOf(rows: readonly TaskRow[], iteration: number, steps: number): string {
  if (rows.length === 0) return 'No meta-batch yet.';
  const improved = rows.filter((row) => row.after < row.before).length;
  return (
    `Iteration ${formatCount(iteration)}, ${rows.length} tasks: median query loss ` +
    `${formatValue(median(rows.map((r) => r.before)))} before adaptation and ` +
    `${formatValue(median(rows.map((r) => r.after)))} after ${stepsText(steps)}; ` +
    `${improved} of ${rows.length} tasks improved.`
  );
}

/** Rank ticks a label apart: every task when there is room, else 1, round ranks and the last. */
function rankTicks(count: number, width: number): number[] {
  const labels = Math.max(2, Math.floor(width / 28));
  if (count <= labels) return Array.from({ length: count }, (_, i) => i + 1);
  const step = [2, 5, 10, 20, 25, 50, 100].find((s) => count / s <= labels) ?? 100;
  // Odd ranks when every other one fits; otherwise 1 and multiples of a round step.
  const ticks = [1];
  for (let rank = step === 2 ? 3 : step; rank <= count; rank += step) ticks.push(rank);
  if (ticks.at(-1) !== count) {
    if (count - ticks.at(-1)! < step * 0.6) ticks.pop();
    ticks.push(count);
  }
  return ticks;
}

interface TaskPlotProps {
  readonly rows: readonly TaskRow[];
  readonly color: string;
  /** "MSE" or "cross-entropy". */
  readonly measure: string;
  readonly width: number;
}

function TaskPlot({ rows, color, measure, width }: TaskPlotProps) {
  const area = plotArea(width);
  const values = rows.flatMap((row) => [row.before, row.after]).filter(Number.isFinite);
  const y = logAxis(Math.min(...values), Math.max(...values));
  const xScale = linearScale([0.5, rows.length + 0.5], [0, area.width]);
  const yScale = logScale(y.domain, [area.height, 0]);
  const size = Math.max(1.5, Math.min(3.5, area.width / rows.length / 3));
  return (
    <Plot
      width={width}
      area={area}
      x={{
        scale: xScale,
        ticks: rankTicks(rows.length, area.width),
        format: String,
        label: 'Task (sorted by loss before adaptation)',
      }}
      y={{ scale: yScale, ticks: y.ticks, format: formatTick, label: `Query ${measure} (log)` }}
    >
      {rows.map((row) => {
        const x = xScale(row.rank);
        const ok = Number.isFinite(row.before) && Number.isFinite(row.after);
        return (
          <g key={row.rank} className="task">
            {ok && (
              <line
                className="task-connector"
                x1={x}
                x2={x}
                y1={yScale(row.before)}
                y2={yScale(row.after)}
              />
            )}
            {Number.isFinite(row.before) && (
              <Marker
                shape="circle"
                x={x}
                y={yScale(row.before)}
                color={color}
                size={size}
                hollow
              />
            )}
            {Number.isFinite(row.after) && (
              <Marker shape="circle" x={x} y={yScale(row.after)} color={color} size={size} />
            )}
          </g>
        );
      })}
    </Plot>
  );
}

/**
 * Each task of the latest meta-batch: its query loss at MAML's shared starting point (hollow) and
 * after the inner steps (filled), joined by a line. Redrawn at most four times a second.
 */
export function TaskLossChart() {
  const series = useThrottledPlayground(selectSeries);
  const steps = usePlayground(selectInnerSteps);
  const measure = lossKindLabel(lossKindOf({ task: usePlayground(selectTask) }));
  const { color } = useModelStyles().maml;
  const rows = useMemo(() => rowsOf(series), [series]);

  const legend: LegendItem[] = [
    { label: 'Before adaptation', color, kind: 'hollow-marker' },
    { label: `After ${stepsText(steps)}`, color, kind: 'marker' },
  ];

  return (
    <ChartFrame
      name="tasks"
      title="Tasks of the latest meta-batch"
      subtitle="Query loss of each training task before and after its inner steps, worst start first."
      legend={legend}
      summary={summaryOf(rows, series.latestIteration, steps)}
      empty={rows.length === 0 ? 'Waiting for the first meta-batch…' : null}
    >
      {(width) => <TaskPlot rows={rows} color={color} measure={measure} width={width} />}
    </ChartFrame>
  );
}
