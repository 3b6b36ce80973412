/**
 * The control of a list of distinct choices (e.g. the algorithms to compare): a group of
 * checkboxes named by the setting's label. Every tick commits the whole list, in the order of the
 * setting's table, so the same choice always makes the same link.
 */
import { EMPTY_LIST_WORD, type EnumListSetting } from '../../../core/config';
import { usePlayground } from '../../training/context';
import type { SettingDraft } from './useSettingDraft';
import { unavailableReason, valueLabel } from './valueLabels';

interface EnumListControlProps {
  readonly spec: EnumListSetting;
  readonly id: string;
  readonly describedBy: string;
  readonly draft: SettingDraft;
}

function chosenIn(text: string): Set<string> {
  return new Set(text === EMPTY_LIST_WORD ? [] : text.split(','));
}

export function EnumListControl({ spec, id, describedBy, draft }: EnumListControlProps) {
  const task = usePlayground((state) => state.settings.config.task);
  const chosen = chosenIn(draft.text);
  const toggle = (value: string, on: boolean) => {
    const next = spec.values.filter((v) => (v === value ? on : chosen.has(v)));
    draft.commit(next.length === 0 ? EMPTY_LIST_WORD : next.join(','));
  };
  return (
    <fieldset id={id} className="setting-choices" aria-describedby={describedBy}>
      <legend className="setting-name">{spec.label}</legend>
      {spec.values.map((value) => {
        const reason = unavailableReason(spec, value, { task });
        const reasonId = `${id}-${value}-why`;
        return (
          <div key={value} className="setting-choice">
            <input
              id={`${id}-${value}`}
              type="checkbox"
              className="setting-checkbox"
              value={value}
              checked={chosen.has(value)}
              disabled={reason !== null && !chosen.has(value)}
              aria-describedby={reason === null ? undefined : reasonId}
              onChange={(event) => {
                toggle(value, event.currentTarget.checked);
              }}
            />
            <label htmlFor={`${id}-${value}`}>{valueLabel(spec, value)}</label>
            {reason !== null && (
              <span id={reasonId} className="setting-choice-note">
                ({reason})
              </span>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
