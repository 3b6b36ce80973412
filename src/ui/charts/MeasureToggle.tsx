import { useId } from 'react';

export type Measure = 'accuracy' | 'loss';

interface MeasureToggleProps {
  readonly value: Measure;
  readonly onChange: (measure: Measure) => void;
  /** "cross-entropy" or "MSE", named on the loss option. */
  readonly lossName: string;
}

/** Two radio buttons: which measure a chart draws (arrow keys move between them). */
export function MeasureToggle({ value, onChange, lossName }: MeasureToggleProps) {
  const name = useId();
  const options: readonly [Measure, string][] = [
    ['accuracy', 'Accuracy'],
    ['loss', `Loss (${lossName})`],
  ];
  return (
    <fieldset className="measure-toggle">
      <legend>Show</legend>
      {options.map(([measure, label]) => (
        <label key={measure}>
          <input
            type="radio"
            name={name}
            value={measure}
            checked={value === measure}
            onChange={() => {
              onChange(measure);
            }}
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
}
