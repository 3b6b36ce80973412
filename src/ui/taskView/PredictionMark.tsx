import { className } from './taskViewModel';

interface PredictionMarkProps {
  /** "before", "after" or "label" (when there is no adapting, as for prototypical networks). */
  readonly when: string;
  readonly predicted: number;
  readonly truth: number;
}

/** A predicted class, marked right (check mark, green) or wrong (cross, red): never colour alone. */
export function PredictionMark({ when, predicted, truth }: PredictionMarkProps) {
  const right = predicted === truth;
  return (
    <span
      className={`prediction ${right ? 'prediction-right' : 'prediction-wrong'}`}
      data-correct={right}
    >
      <span className="prediction-when">{when}</span> <b>{className(predicted)}</b>{' '}
      <span aria-hidden="true" className="prediction-symbol">
        {right ? '✓' : '✗'}
      </span>
      <span className="visually-hidden">{right ? ', right' : ', wrong'}</span>
    </span>
  );
}
