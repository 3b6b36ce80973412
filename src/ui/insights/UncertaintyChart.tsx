import type { TaskUncertainty } from '../../core/session';
import { ChartFrame, type LegendItem } from '../charts/ChartFrame';
import { formatCount, formatValue } from '../charts/format';
import { Marker, diamondPath } from '../charts/plot';
import { RowLabel, RowsPlot } from './RowsPlot';

const ROW = 30;
const MARGIN = { top: 8, right: 96, bottom: 40, left: 92 } as const;
const SIGMA = 'var(--model-maml)';
const NOISE = 'var(--model-pretrained)';

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

function UncertaintyPlot({ tasks, width }: { tasks: readonly TaskUncertainty[]; width: number }) {
  return (
    <RowsPlot
      width={width}
      rows={tasks.length}
      rowHeight={ROW}
      margin={MARGIN}
      values={tasks.flatMap((task) => [task.sigma, task.noise])}
      label="Standard deviation"
      axis="bottom"
    >
      {(x, inner) => (
        <>
          <text x={inner + 10} y={-1} className="plot-label">
            weight
          </text>
          {tasks.map((task, i) => {
            const cy = i * ROW + ROW / 2;
            return (
              <g key={task.label} className="uncertainty-task">
                <RowLabel cy={cy}>{task.label}</RowLabel>
                <line
                  x1={x(task.noise)}
                  x2={x(task.sigma)}
                  y1={cy}
                  y2={cy}
                  stroke="var(--chart-connector)"
                  strokeWidth={2}
                />
                <Marker shape="circle" x={x(task.sigma)} y={cy} color={SIGMA} size={4.5} />
                {/* An outline on top, so a sigma that has found the noise level leaves both seen. */}
                <path
                  d={diamondPath(x(task.noise), cy, 6)}
                  fill="none"
                  stroke={NOISE}
                  strokeWidth={2}
                />
                <text x={inner + 10} y={cy} dy="0.35em">
                  {formatValue(task.weight)}
                </text>
              </g>
            );
          })}
        </>
      )}
    </RowsPlot>
  );
}

/**
 * Multi-task learning with uncertainty weighting learns a noise level sigma per task and weights
 * its loss by 1/(2 sigma^2): noisier tasks should get a larger sigma and so count for less. Each
 * task's learned sigma beside the noise its targets really have, with the weight it gets.
 */
export function UncertaintyChart({ tasks, iteration, emptyText }: UncertaintyChartProps) {
  const legend: LegendItem[] = [
    { label: 'Learned sigma', color: SIGMA, kind: 'marker', marker: 'circle' },
    { label: 'True noise level', color: NOISE, kind: 'hollow-marker', marker: 'diamond' },
  ];
  return (
    <ChartFrame
      name="uncertainty"
      title="Multi-task: learned uncertainty per task"
      subtitle="Each task's loss is weighted by 1/(2 sigma²); the weight is on the right."
      legend={legend}
      summary={tasks === null ? emptyText : summaryOf(tasks, iteration)}
      empty={tasks === null ? emptyText : null}
    >
      {(width) => (tasks === null ? null : <UncertaintyPlot tasks={tasks} width={width} />)}
    </ChartFrame>
  );
}
