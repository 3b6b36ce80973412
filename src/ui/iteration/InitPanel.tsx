import { memo } from 'react';
import type { RegressionIterationPicture } from '../../core/trainer';
import { PlotFrame } from './PlotFrame';
import { mean } from './scoreText';
import { curvePath, type SmallPlotFrame } from './smallPlot';

interface InitPanelProps {
  readonly picture: RegressionIterationPicture;
  readonly frame: SmallPlotFrame;
}

/** The outer step: the initialisation's fit before it (dashed) and after it (solid). */
export const InitPanel = memo(function InitPanel({ picture, frame }: InitPanelProps) {
  const after = picture.tasks.map((task) => task.queryLoss[task.queryLoss.length - 1]!);
  const objective = after.length > 0 ? mean(after).toFixed(3) : '—';
  const label =
    `The initialisation before and after the outer step of iteration ${picture.iteration}. ` +
    `Mean query loss after adapting, over the tasks shown: ${objective}.`;
  return (
    <figure className="iteration-panel iteration-init">
      <PlotFrame frame={frame} label={label}>
        <path
          className="iteration-init-before"
          d={curvePath(frame, picture.gridX, picture.before)}
        />
        <path className="iteration-init-after" d={curvePath(frame, picture.gridX, picture.after)} />
      </PlotFrame>
      <figcaption>
        <span className="iteration-task-name">Outer step</span>{' '}
        <span className="iteration-loss">mean query loss after adapting {objective}</span>
      </figcaption>
    </figure>
  );
});
