import { memo } from 'react';
import type { TaskUpClose } from '../../core/trainer';
import { PlotFrame } from './PlotFrame';
import { formatScore, stepsText } from './scoreText';
import { curvePath, toSvgX, toSvgY, type SmallPlotFrame } from './smallPlot';

interface TaskPanelProps {
  readonly index: number;
  readonly task: TaskUpClose;
  readonly gridX: Float32Array;
  readonly frame: SmallPlotFrame;
  /** Inner steps shown so far (0: the initialisation's fit only). */
  readonly shownSteps: number;
}

/**
 * One task of the meta-batch: its support points (filled, what the inner loop fits), its query
 * points (hollow, what the outer step is judged on), and the learner's fit after each inner step
 * shown so far, the latest drawn boldest.
 */
export const TaskPanel = memo(function TaskPanel({
  index,
  task,
  gridX,
  frame,
  shownSteps,
}: TaskPanelProps) {
  const steps = Math.min(shownSteps, task.fits.length - 1);
  const details = task.details.map((d) => `${d.name} ${d.value}`).join(', ');
  const losses = (step: number): string =>
    `support loss ${formatScore(task.supportLoss[step])}, query loss ${formatScore(task.queryLoss[step])}`;
  const summary =
    `Task ${index + 1} (${details}): ${losses(0)} at the initialisation` +
    (steps > 0 ? `; ${losses(steps)} after ${stepsText(steps)}.` : '.');
  return (
    <figure className="iteration-panel">
      <PlotFrame frame={frame} label={summary}>
        {task.fits.slice(0, steps + 1).map((fit, step) => (
          <path
            key={step}
            className={step === steps ? 'iteration-fit iteration-fit-latest' : 'iteration-fit'}
            data-step={step}
            d={curvePath(frame, gridX, fit)}
          />
        ))}
        {Array.from(task.queryX, (x, i) => (
          <circle
            key={`q${i}`}
            className="iteration-query"
            cx={toSvgX(frame, x)}
            cy={toSvgY(frame, task.queryY[i]!)}
            r={2.5}
          />
        ))}
        {Array.from(task.supportX, (x, i) => (
          <circle
            key={`s${i}`}
            className="iteration-support"
            cx={toSvgX(frame, x)}
            cy={toSvgY(frame, task.supportY[i]!)}
            r={3}
          />
        ))}
      </PlotFrame>
      <figcaption>
        <span className="iteration-task-name">Task {index + 1}</span>{' '}
        <span className="iteration-loss">
          support {formatScore(task.supportLoss[0])}
          {steps > 0 && <> → {formatScore(task.supportLoss[steps])}</>}, query{' '}
          {formatScore(task.queryLoss[0])}
          {steps > 0 && <> → {formatScore(task.queryLoss[steps])}</>}
        </span>
      </figcaption>
    </figure>
  );
});
