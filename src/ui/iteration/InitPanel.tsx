import { memo } from 'react';
import type { IterationPicture } from '../../core/trainer';
import { curvePath, toSvgY, type SmallPlotFrame } from './smallPlot';

interface InitPanelProps {
  readonly picture: IterationPicture;
  readonly frame: SmallPlotFrame;
}

const mean = (values: readonly number[]): number =>
  values.reduce((sum, v) => sum + v, 0) / values.length;

/** The outer step: the initialisation's fit before it (dashed) and after it (solid). */
export const InitPanel = memo(function InitPanel({ picture, frame }: InitPanelProps) {
  const after = picture.tasks.map((task) => task.queryLoss[task.queryLoss.length - 1]!);
  const objective = after.length > 0 ? mean(after).toFixed(3) : '—';
  const label =
    `The initialisation before and after the outer step of iteration ${picture.iteration}. ` +
    `Mean query loss after adapting, over the tasks shown: ${objective}.`;
  return (
    <figure className="iteration-panel iteration-init">
      <svg
        className="iteration-plot"
        viewBox={`0 0 ${frame.width} ${frame.height}`}
        role="img"
        aria-label={label}
      >
        <line
          className="iteration-axis"
          x1={0}
          x2={frame.width}
          y1={toSvgY(frame, 0)}
          y2={toSvgY(frame, 0)}
        />
        <path
          className="iteration-init-before"
          d={curvePath(frame, picture.gridX, picture.before)}
        />
        <path className="iteration-init-after" d={curvePath(frame, picture.gridX, picture.after)} />
      </svg>
      <figcaption>
        <span className="iteration-task-name">Outer step</span>{' '}
        <span className="iteration-loss">mean query loss after adapting {objective}</span>
      </figcaption>
    </figure>
  );
});
