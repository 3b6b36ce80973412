import { useId } from 'react';

interface ChoiceToggleProps<T extends string> {
  /** The group's visible name, e.g. "Show". */
  readonly legend: string;
  readonly options: readonly (readonly [T, string])[];
  readonly value: T;
  readonly onChange: (value: T) => void;
  readonly className?: string;
  /** Leaves the group's name to assistive technology, where the choices speak for themselves. */
  readonly hideLegend?: boolean;
}

/**
 * A labelled group of radio buttons drawn as a row of segments: one tab stop, the arrow keys move
 * between the choices, as for any radio group.
 */
export function ChoiceToggle<T extends string>(props: ChoiceToggleProps<T>) {
  const name = useId();
  const { value, onChange } = props;
  return (
    <fieldset className={`choice-toggle ${props.className ?? ''}`}>
      <legend className={props.hideLegend === true ? 'visually-hidden' : undefined}>
        {props.legend}
      </legend>
      {props.options.map(([option, label]) => (
        <label key={option}>
          <input
            type="radio"
            name={name}
            value={option}
            checked={value === option}
            onChange={() => {
              onChange(option);
            }}
          />
          <span>{label}</span>
        </label>
      ))}
    </fieldset>
  );
}
