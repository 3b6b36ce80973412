import { ChoiceToggle } from './ChoiceToggle';

export type Measure = 'accuracy' | 'loss';

interface MeasureToggleProps {
  readonly value: Measure;
  readonly onChange: (measure: Measure) => void;
  /** "cross-entropy" or "MSE", named on the loss option. */
  readonly lossName: string;
}

/** Whether a classification chart draws accuracy or the loss. */
export function MeasureToggle({ value, onChange, lossName }: MeasureToggleProps) {
  return (
    <ChoiceToggle
      legend="Show"
      options={[
        ['accuracy', 'Accuracy'],
        ['loss', `Loss (${lossName})`],
      ]}
      value={value}
      onChange={onChange}
    />
  );
}
