import { useId } from 'react';
import { SETTINGS } from '../../core/config';
import type { BackendChoice } from '../training/controller';
import { useController, usePlayground } from '../training/context';

type BackendSpec = Extract<(typeof SETTINGS)[number], { key: 'backend' }>;

/** The choices come from the settings schema, so they always match what links accept. */
const CHOICES: readonly BackendChoice[] = SETTINGS.find(
  (spec): spec is BackendSpec => spec.key === 'backend',
)!.values;

function isChoice(value: string): value is BackendChoice {
  return (CHOICES as readonly string[]).includes(value);
}

/** Where the maths runs. A change is saved in the address and starts a new run on that backend. */
export function BackendSelect() {
  const controller = useController();
  const backend = usePlayground((state) => state.settings.config.backend);
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>Backend</label>
      <select
        id={id}
        value={backend}
        aria-describedby={hintId}
        onChange={(event) => {
          const value = event.currentTarget.value;
          if (isChoice(value)) controller.chooseBackend(value);
        }}
      >
        {CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
      <span id={hintId} className="field-hint">
        auto picks the first that works; changing it starts a new run.
      </span>
    </div>
  );
}
