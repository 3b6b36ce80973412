import { memo } from 'react';
import type { ClassificationIterationPicture } from '../../core/trainer';
import { formatAccuracy, formatScore, mean } from './scoreText';

interface ImageInitPanelProps {
  readonly picture: ClassificationIterationPicture;
}

/**
 * The outer step of an image run: the initialisation's mean query accuracy and loss on the tasks
 * shown, unadapted, before the step and after it, as two bars and in words.
 */
export const ImageInitPanel = memo(function ImageInitPanel({ picture }: ImageInitPanelProps) {
  const rows = [
    { when: 'before', scores: picture.before },
    { when: 'after', scores: picture.after },
  ].map(({ when, scores }) => ({
    when,
    accuracy: scores.queryAccuracy.length > 0 ? mean(scores.queryAccuracy) : NaN,
    loss: scores.queryLoss.length > 0 ? mean(scores.queryLoss) : NaN,
  }));
  const words = rows
    .map(
      (row) =>
        `${row.when}: query accuracy ${formatAccuracy(row.accuracy)}, loss ${formatScore(row.loss)}`,
    )
    .join('; ');
  const label =
    `The initialisation before and after the outer step of iteration ${picture.iteration}, ` +
    `unadapted, over the tasks shown: ${words}.`;
  return (
    <figure className="iteration-panel iteration-init">
      <div className="iteration-images" role="img" aria-label={label}>
        {rows.map((row) => (
          <div key={row.when} className="iteration-bar-row">
            <span className="iteration-set-name">{row.when}</span>
            <span className="iteration-bar">
              <span
                className={`iteration-bar-fill iteration-init-${row.when}-bar`}
                style={{
                  width: `${Math.round(100 * (Number.isFinite(row.accuracy) ? row.accuracy : 0))}%`,
                }}
              />
            </span>
            <span className="iteration-loss">{formatAccuracy(row.accuracy)}</span>
          </div>
        ))}
      </div>
      <figcaption>
        <span className="iteration-task-name">Outer step</span>{' '}
        <span className="iteration-loss">
          mean query accuracy of the initialisation {formatAccuracy(rows[0]!.accuracy)} →{' '}
          {formatAccuracy(rows[1]!.accuracy)}, loss {formatScore(rows[0]!.loss)} →{' '}
          {formatScore(rows[1]!.loss)}
        </span>
      </figcaption>
    </figure>
  );
});
