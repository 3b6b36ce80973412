import { useCallback, useEffect, useMemo } from 'react';
import { ComposedChart, Line } from 'recharts';
import type { PlaygroundState } from '../store/playgroundStore';
import { useController, usePlayground } from '../training/context';
import { ChartFrame, type LegendItem } from './ChartFrame';
import { rowsTable } from './export/rowTables';
import { formatCount, formatValue, stepsText } from './format';
import { ChartGrid, LogYAxis, NumberXAxis } from './kit/axes';
import { CHART_MARGIN, STATIC_SERIES, Y_AXIS_WIDTH } from './kit/chartStyle';
import { markerProps } from './kit/series';
import { useLogAxis } from './kit/useLogAxis';
import { lossKindLabel, lossKindOf, useModelStyles } from './learner';
import { useLiveValue } from './live/useLiveValue';
import type { LogAxis } from './scales';
import { connectorPoints, median, rankTicks, taskRows, type TaskRow } from './taskRows';

const selectTasks = (state: PlaygroundState) => ({
  taskLossBefore: state.series.taskLossBefore,
  taskLossAfter: state.series.taskLossAfter,
  iteration: state.series.latestIteration,
});
const selectInnerSteps = (state: PlaygroundState) => state.run.config.innerSteps;
const selectTask = (state: PlaygroundState) => state.run.config.task;

function summaryOf(rows: readonly TaskRow[], iteration: number, steps: number): string {
  if (rows.length === 0) return 'No meta-batch yet.';
  if (rows.every((row) => row.before === null)) {
    return (
      `Iteration ${formatCount(iteration)}, ${rows.length} tasks: median query loss ` +
      `${formatValue(median(rows.map((r) => r.after)))} after ${stepsText(steps)}. Losses ` +
      'before adaptation are computed while this view is open: they show from the next iteration.'
    );
  }
  const improved = rows.filter(
    (row) => row.before !== null && row.after !== null && row.after < row.before,
  ).length;
  return (
    `Iteration ${formatCount(iteration)}, ${rows.length} tasks: median query loss ` +
    `${formatValue(median(rows.map((r) => r.before)))} before adaptation and ` +
    `${formatValue(median(rows.map((r) => r.after)))} after ${stepsText(steps)}; ` +
    `${improved} of ${rows.length} tasks improved.`
  );
}

interface TaskPlotProps {
  readonly rows: readonly TaskRow[];
  readonly log: LogAxis;
  readonly color: string;
  /** "MSE" or "cross-entropy". */
  readonly measure: string;
  readonly width: number;
  readonly height: number;
}

/**
 * Per task, its loss before (hollow) and after (filled) as the dots of two lines that are not
 * drawn, joined by one grey line that breaks between tasks: a few elements per task, where a
 * scatter series would cost several times as much to redraw.
 */
function TaskPlot({ rows, log, color, measure, width, height }: TaskPlotProps) {
  const count = rows.length;
  const domain = useMemo(() => [0.5, count + 0.5] as const, [count]);
  const plotWidth = width - Y_AXIS_WIDTH - CHART_MARGIN.left - CHART_MARGIN.right;
  const ticks = useMemo(() => rankTicks(count, plotWidth), [count, plotWidth]);
  const connectors = useMemo(() => connectorPoints(rows), [rows]);
  return (
    <ComposedChart
      width={width}
      height={height}
      data={rows}
      margin={CHART_MARGIN}
      accessibilityLayer={false}
    >
      <ChartGrid />
      <NumberXAxis
        domain={domain}
        ticks={ticks}
        label="Task (sorted by loss before adaptation)"
        format={String}
        dataKey="rank"
      />
      <LogYAxis log={log} label={`Query ${measure} (log)`} />
      <Line
        {...STATIC_SERIES}
        className="task-connectors"
        data={connectors}
        dataKey="loss"
        type="linear"
        dot={false}
        stroke="var(--chart-connector)"
        strokeWidth={2}
      />
      <Line
        {...STATIC_SERIES}
        className="task-before"
        dataKey="before"
        type="linear"
        {...markerProps(
          { color, dash: undefined, marker: 'circle', hollow: true },
          'normal',
          count,
        )}
        stroke={color}
        strokeOpacity={0}
      />
      <Line
        {...STATIC_SERIES}
        className="task-after"
        dataKey="after"
        type="linear"
        {...markerProps({ color, dash: undefined, marker: 'circle' }, 'normal', count)}
        stroke={color}
        strokeOpacity={0}
      />
    </ComposedChart>
  );
}

/**
 * Each task of the latest meta-batch: its query loss at the learner's shared starting point
 * (hollow) and after the inner steps (filled), joined by a line.
 */
export function TaskLossChart({ height }: { readonly height?: number }) {
  const { value: tasks, ref } = useLiveValue(selectTasks);
  const controller = useController();
  // The unadapted pass costs a forward pass over every query: only while this chart is shown.
  useEffect(() => controller.showTaskLosses(), [controller]);
  const steps = usePlayground(selectInnerSteps);
  const measure = lossKindLabel(lossKindOf({ task: usePlayground(selectTask) }));
  const { color } = useModelStyles().learner;
  const rows = useMemo(() => taskRows(tasks), [tasks]);
  const [low, high] = useMemo(() => {
    const values = rows.flatMap((row) => [row.before ?? NaN, row.after ?? NaN]);
    const finite = values.filter(Number.isFinite);
    return [Math.min(...finite), Math.max(...finite)];
  }, [rows]);
  const log = useLogAxis(low, high);
  const table = useCallback(
    () =>
      rowsTable({ label: 'task rank (worst start first)', key: 'rank' }, rows, [
        { label: 'query loss before adaptation', unit: measure, key: 'before' },
        { label: `query loss after ${stepsText(steps)}`, unit: measure, key: 'after' },
      ]),
    [rows, measure, steps],
  );

  const legend: LegendItem[] = [
    { label: 'Before adaptation', color, kind: 'hollow-marker' },
    { label: `After ${stepsText(steps)}`, color, kind: 'marker' },
  ];

  return (
    <ChartFrame
      bodyRef={ref}
      name="tasks"
      title="Tasks of the latest meta-batch"
      subtitle="Query loss of each training task before and after its inner steps, worst start first."
      legend={legend}
      summary={summaryOf(rows, tasks.iteration, steps)}
      empty={rows.length === 0 ? 'Waiting for the first meta-batch…' : null}
      height={height}
      table={table}
    >
      {(width, plotHeight) => (
        <TaskPlot
          rows={rows}
          log={log}
          color={color}
          measure={measure}
          width={width}
          height={plotHeight}
        />
      )}
    </ChartFrame>
  );
}
