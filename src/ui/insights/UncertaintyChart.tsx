import { useCallback, useMemo } from 'react';
import { ErrorBar, Line } from 'recharts';
import type { TaskUncertainty } from '../../core/trainer';
import { ChartFrame, type LegendItem } from '../charts/ChartFrame';
import { rowsTable } from '../charts/export/rowTables';
import { formatCount, formatValue } from '../charts/format';
import { STATIC_SERIES } from '../charts/kit/chartStyle';
import { outlineDiamondShape } from '../charts/kit/markers';
import { markerProps } from '../charts/kit/series';
import { useLiveProp } from '../charts/live/useLiveValue';
import { RowsPlot, rowsPlotHeight } from './RowsPlot';

const ROW = 30;
const SIGMA = 'var(--model-learner)';
const NOISE = 'var(--model-pretrained)';
const SIGMA_LOOK = { color: SIGMA, dash: undefined, marker: 'circle' } as const;

interface UncertaintyChartProps {
  /** Null until the learner reports its sigmas. */
  readonly tasks: readonly TaskUncertainty[] | null;
  readonly iteration: number;
  /** What to say while there is nothing to draw. */
  readonly emptyText: string;
}

function summaryOf(tasks: readonly TaskUncertainty[], iteration: number): string {
  const rows = tasks.map(
    (task) =>
      `${task.label}: sigma ${formatValue(task.sigma)} for noise ${formatValue(task.noise)}, ` +
      `weight ${formatValue(task.weight)}`,
  );
  return `Learned task uncertainties at iteration ${formatCount(iteration)}. ${rows.join('; ')}.`;
}

/** One row per task as drawn: sigma, the true noise, and the connector's reach either side. */
function uncertaintyRows(tasks: readonly TaskUncertainty[]) {
  return tasks.map((task) => ({
    label: task.label,
    sigma: task.sigma,
    noise: task.noise,
    gap: [Math.max(0, task.sigma - task.noise), Math.max(0, task.noise - task.sigma)],
  }));
}

/** The table of what is drawn, for the CSV download (the connector follows from the two). */
function uncertaintyTable(tasks: readonly TaskUncertainty[]) {
  const unit = 'standard deviation of the targets';
  return rowsTable({ label: 'task', key: 'label' }, uncertaintyRows(tasks), [
    { label: 'learned sigma', unit, key: 'sigma' },
    { label: 'true noise level', unit, key: 'noise' },
  ]);
}

/**
 * Per task: its learned sigma (a dot) and the noise its targets really have (a diamond outline,
 * drawn on top so a sigma that has found the noise level leaves both seen), joined by a grey
 * line drawn as an error bar around the sigma; the task's weight on the right.
 */
function UncertaintyPlot({ tasks, width }: { tasks: readonly TaskUncertainty[]; width: number }) {
  const rows = useMemo(() => uncertaintyRows(tasks), [tasks]);
  const values = useMemo(() => tasks.flatMap((task) => [task.sigma, task.noise]), [tasks]);
  const note = useCallback(
    (label: string) => {
      const task = tasks.find((t) => t.label === label);
      return task === undefined ? '' : formatValue(task.weight);
    },
    [tasks],
  );
  return (
    <RowsPlot
      width={width}
      rows={rows}
      rowHeight={ROW}
      labelWidth={92}
      noteWidth={96}
      values={values}
      label="Standard deviation"
      axis="bottom"
      note={note}
      noteTitle="weight"
    >
      <Line
        {...STATIC_SERIES}
        className="uncertainty-sigma"
        dataKey="sigma"
        stroke={SIGMA}
        strokeOpacity={0}
        {...markerProps(SIGMA_LOOK, 'large', rows.length)}
      >
        <ErrorBar
          dataKey="gap"
          direction="x"
          width={0}
          stroke="var(--chart-connector)"
          strokeWidth={2}
          isAnimationActive={false}
        />
      </Line>
      <Line
        {...STATIC_SERIES}
        className="uncertainty-noise"
        dataKey="noise"
        stroke={NOISE}
        strokeOpacity={0}
        dot={false}
        shape={outlineDiamondShape}
      />
    </RowsPlot>
  );
}

/**
 * Multi-task learning with uncertainty weighting learns a noise level sigma per task and weights
 * its loss by 1/(2 sigma^2): noisier tasks should get a larger sigma and so count for less. Each
 * task's learned sigma beside the noise its targets really have, with the weight it gets.
 */
export function UncertaintyChart({ emptyText, ...latest }: UncertaintyChartProps) {
  const { value, ref } = useLiveProp(latest);
  const { tasks, iteration } = value;
  const legend: LegendItem[] = [
    { label: 'Learned sigma', color: SIGMA, kind: 'marker', marker: 'circle' },
    { label: 'True noise level', color: NOISE, kind: 'hollow-marker', marker: 'diamond' },
  ];
  const height = tasks === null ? 120 : rowsPlotHeight(tasks.length, ROW);
  const table = useCallback(() => (tasks === null ? null : uncertaintyTable(tasks)), [tasks]);
  return (
    <ChartFrame
      bodyRef={ref}
      name="uncertainty"
      title="Multi-task: learned uncertainty per task"
      subtitle="Each task's loss is weighted by 1/(2 sigma²); the weight is on the right."
      legend={legend}
      summary={tasks === null ? emptyText : summaryOf(tasks, iteration)}
      empty={tasks === null ? emptyText : null}
      height={height}
      table={table}
    >
      {(width) => (tasks === null ? null : <UncertaintyPlot tasks={tasks} width={width} />)}
    </ChartFrame>
  );
}
