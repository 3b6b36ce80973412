import { useId } from 'react';
import {
  PRESETS,
  PRESET_FAMILIES,
  matchingPreset,
  presetConfig,
  presetTitle,
  type PresetFamily,
} from '../../../core/config';
import { useController, usePlayground } from '../../training/context';

const FAMILIES = Object.keys(PRESET_FAMILIES) as PresetFamily[];

const CUSTOM = 'custom';

/** Picks a named experiment: all its settings apply at once (seed and backend stay) and it starts. */
export function PresetSelect() {
  const controller = useController();
  const config = usePlayground((state) => state.settings.config);
  const id = useId();
  const hintId = `${id}-hint`;
  const current = matchingPreset(config);
  return (
    <div className="settings-preset">
      <label htmlFor={id} className="setting-name">
        Preset
      </label>
      <select
        id={id}
        className="setting-input"
        aria-describedby={hintId}
        value={current?.id ?? CUSTOM}
        onChange={(event) => {
          const chosen = PRESETS.find((preset) => preset.id === event.currentTarget.value);
          if (chosen !== undefined) {
            controller.commitSettings(presetConfig(chosen, config), { start: true });
          }
        }}
      >
        {current === undefined && (
          <option value={CUSTOM} disabled>
            Custom settings
          </option>
        )}
        {FAMILIES.map((family) => (
          <optgroup key={family} label={PRESET_FAMILIES[family]}>
            {PRESETS.filter((preset) => preset.family === family).map((preset) => (
              <option key={preset.id} value={preset.id}>
                {presetTitle(preset)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <span id={hintId} className="setting-allowed">
        Sets every setting but the seed and backend, and starts training.
      </span>
    </div>
  );
}
