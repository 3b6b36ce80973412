/**
 * The input for one setting, chosen by its kind: a number box for int and float, a checkbox for
 * bool, a select for enum, a text box for intList and a group of checkboxes for enumList. Number
 * and text boxes commit on change, blur or Enter (Escape undoes an unfinished edit); checkboxes
 * and selects commit at once.
 */
import {
  useEffect,
  useEffectEvent,
  useRef,
  type InputHTMLAttributes,
  type KeyboardEvent,
} from 'react';
import type { EnumSetting, SettingSpec } from '../../../core/config';
import { usePlayground } from '../../training/context';
import { EnumListControl } from './EnumListControl';
import type { SettingDraft } from './useSettingDraft';
import { unavailableReason, valueLabel } from './valueLabels';

interface SettingControlProps {
  readonly spec: SettingSpec;
  readonly id: string;
  readonly describedBy: string;
  readonly draft: SettingDraft;
}

/** The box's text, or null when the browser could not read a number box's text as a number. */
function textOf(input: HTMLInputElement): string | null {
  return input.validity.badInput ? null : input.value;
}

/** Number boxes carry the setting's range, so spin buttons and arrow keys stay inside it. */
function boxAttributes(spec: SettingSpec): InputHTMLAttributes<HTMLInputElement> {
  switch (spec.kind) {
    case 'int':
      return { type: 'number', min: spec.min, max: spec.max, step: 1, inputMode: 'numeric' };
    case 'float':
      return { type: 'number', min: spec.min, max: spec.max, step: 'any', inputMode: 'decimal' };
    default:
      return { type: 'text' };
  }
}

/** A number or text box: edits stay drafts until committed. */
function TextBox({ spec, id, describedBy, draft }: SettingControlProps) {
  const ref = useRef<HTMLInputElement>(null);
  // Spin buttons and arrow keys change a number box without typing: its native change event
  // (which React does not expose) is when to apply them.
  const onNativeChange = useEffectEvent((input: HTMLInputElement) => {
    draft.commit(textOf(input));
  });
  useEffect(() => {
    const input = ref.current;
    if (input === null) return;
    const listener = () => {
      onNativeChange(input);
    };
    input.addEventListener('change', listener);
    return () => {
      input.removeEventListener('change', listener);
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      draft.commit(textOf(event.currentTarget));
    } else if (event.key === 'Escape' && draft.revert()) {
      event.preventDefault();
    }
  };
  return (
    <input
      {...boxAttributes(spec)}
      ref={ref}
      id={id}
      className="setting-input"
      aria-describedby={describedBy}
      aria-invalid={draft.error !== null}
      value={draft.text}
      onChange={(event) => {
        draft.edit(event.currentTarget.value);
      }}
      onBlur={(event) => {
        draft.commit(textOf(event.currentTarget));
      }}
      onKeyDown={onKeyDown}
      autoComplete="off"
      spellCheck={false}
    />
  );
}

/** A select of named choices; those that cannot run with the chosen task are disabled. */
function EnumSelect({ spec, id, describedBy, draft }: SettingControlProps & { spec: EnumSetting }) {
  const task = usePlayground((state) => state.settings.config.task);
  return (
    <select
      id={id}
      className="setting-input"
      aria-describedby={describedBy}
      value={draft.text}
      onChange={(event) => {
        draft.commit(event.currentTarget.value);
      }}
    >
      {spec.values.map((value) => {
        const reason = unavailableReason(spec, value, { task });
        const label = valueLabel(spec, value);
        return (
          <option key={value} value={value} disabled={reason !== null && value !== draft.text}>
            {reason === null ? label : `${label} (${reason})`}
          </option>
        );
      })}
    </select>
  );
}

export function SettingControl(props: SettingControlProps) {
  const { spec, id, describedBy, draft } = props;
  switch (spec.kind) {
    case 'bool':
      return (
        <input
          id={id}
          type="checkbox"
          className="setting-checkbox"
          aria-describedby={describedBy}
          checked={draft.text === 'true'}
          onChange={(event) => {
            draft.commit(String(event.currentTarget.checked));
          }}
        />
      );
    case 'enum':
      return <EnumSelect {...props} spec={spec} />;
    case 'enumList':
      return <EnumListControl {...props} spec={spec} />;
    case 'int':
    case 'float':
    case 'intList':
      return <TextBox {...props} />;
  }
}
