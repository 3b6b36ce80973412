import type { TaskUncertainty } from '../../core/session';
import { ChartFrame, type LegendItem } from '../charts/ChartFrame';
import { formatCount, formatTick, formatValue } from '../charts/format';
import { Marker, linearScale } from '../charts/plot';
import { linearTicks, paddedDomain } from './linearTicks';

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
  const height = MARGIN.top + tasks.length * ROW + MARGIN.bottom;
  const inner = Math.max(40, width - MARGIN.left - MARGIN.right);
  const domain = paddedDomain(tasks.flatMap((task) => [task.sigma, task.noise]));
  const x = linearScale(domain, [0, inner]);
  const ticks = linearTicks(domain[0], domain[1]);
  const bottom = tasks.length * ROW;
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
        <line className="plot-axis" x1={0} x2={inner} y1={bottom} y2={bottom} />
        <text className="plot-label" x={inner / 2} y={bottom + 34} textAnchor="middle">
          Standard deviation
        </text>
        <text x={inner + 10} y={-1} className="plot-label">
          weight
        </text>
        {tasks.map((task, i) => {
          const cy = i * ROW + ROW / 2;
          return (
            <g key={task.label} className="uncertainty-task">
              <text x={-8} y={cy} dy="0.35em" textAnchor="end">
                {task.label}
              </text>
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
                d={`M${x(task.noise)},${cy - 6}L${x(task.noise) + 6},${cy}L${x(task.noise)},${cy + 6}L${x(task.noise) - 6},${cy}Z`}
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
      </g>
    </svg>
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
