import { memo } from 'react';
import type { ImageTaskUpClose } from '../../core/trainer';
import { ImageTiles } from './ImageTiles';
import { formatAccuracy, formatScore, stepsText } from './scoreText';

interface ImageTaskPanelProps {
  readonly index: number;
  readonly task: ImageTaskUpClose;
  readonly imageSize: number;
  /** Inner steps shown so far (0: the initialisation's predictions only). */
  readonly shownSteps: number;
}

/**
 * One image task of the meta-batch: a few of its support images (what the inner loop fits) and
 * query images (what the outer step is judged on), each with its true label and the label the
 * learner gives it after the inner steps shown so far, and the scores on the whole task.
 */
export const ImageTaskPanel = memo(function ImageTaskPanel({
  index,
  task,
  imageSize,
  shownSteps,
}: ImageTaskPanelProps) {
  const steps = Math.min(shownSteps, task.supportLoss.length - 1);
  const scores = (step: number): string =>
    `support accuracy ${formatAccuracy(task.supportAccuracy[step])} (loss ${formatScore(task.supportLoss[step])}), ` +
    `query accuracy ${formatAccuracy(task.queryAccuracy[step])} (loss ${formatScore(task.queryLoss[step])})`;
  const summary =
    `Task ${index + 1}: ${scores(0)} at the initialisation` +
    (steps > 0 ? `; ${scores(steps)} after ${stepsText(steps)}.` : '.');
  const change = (values: readonly number[], format: (v: number | undefined) => string) => (
    <>
      {format(values[0])}
      {steps > 0 && <> → {format(values[steps])}</>}
    </>
  );
  return (
    <figure className="iteration-panel">
      <div className="iteration-images" role="img" aria-label={summary} data-step={steps}>
        <ImageTiles
          set="Support"
          images={task.support}
          imageSize={imageSize}
          classNames={task.classNames}
          step={steps}
        />
        <ImageTiles
          set="Query"
          images={task.query}
          imageSize={imageSize}
          classNames={task.classNames}
          step={steps}
        />
      </div>
      <figcaption>
        <span className="iteration-task-name">Task {index + 1}</span>{' '}
        <span className="iteration-loss">
          support accuracy {change(task.supportAccuracy, formatAccuracy)}, loss{' '}
          {change(task.supportLoss, formatScore)}; query accuracy{' '}
          {change(task.queryAccuracy, formatAccuracy)}, loss {change(task.queryLoss, formatScore)}
        </span>
      </figcaption>
    </figure>
  );
});
