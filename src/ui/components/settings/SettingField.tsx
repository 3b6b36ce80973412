import { useId } from 'react';
import { describeAllowed, type SettingSpec } from '../../../core/config';
import { SettingControl } from './SettingControl';
import { useSettingDraft } from './useSettingDraft';

/**
 * One setting: its label, its control, a one-line explanation and what it accepts, shown on hover
 * and while the control has focus, and why a rejected value was not applied. A group of checkboxes
 * carries its own label, as the legend of its fieldset.
 */
export function SettingField({ spec }: { readonly spec: SettingSpec }) {
  const id = useId();
  const draft = useSettingDraft(spec);
  const tipId = `${id}-tip`;
  const allowedId = `${id}-allowed`;
  const errorId = `${id}-error`;
  const label = (
    <label htmlFor={id} className="setting-name">
      {spec.label}
    </label>
  );
  const control = (
    <SettingControl
      spec={spec}
      id={id}
      describedBy={`${tipId} ${allowedId} ${errorId}`}
      draft={draft}
    />
  );
  return (
    <div className={`setting-field setting-field-${spec.kind} setting-field-key-${spec.key}`}>
      {spec.kind === 'enumList' ? (
        control
      ) : spec.kind === 'bool' ? (
        <div className="setting-check">
          {control}
          {label}
        </div>
      ) : (
        <>
          {label}
          {control}
        </>
      )}
      {/* A group of labelled boxes shows its choices itself; the range text is for screen readers. */}
      {spec.kind === 'enumList' && (
        <span id={allowedId} className="visually-hidden">
          {describeAllowed(spec)}
        </span>
      )}
      {/* What a field accepts sits in the tip rather than below the field: a line that appeared
          on focus and went on blur would move the fields below it under the pointer. */}
      <span role="tooltip" className="setting-tip">
        <span id={tipId}>{spec.description}</span>
        {spec.kind !== 'enumList' && (
          <span id={allowedId} className="setting-tip-allowed">
            {describeAllowed(spec)}
          </span>
        )}
      </span>
      <span id={errorId} className="setting-error" aria-live="polite">
        {draft.error === null ? '' : `Not applied: ${draft.error}`}
      </span>
    </div>
  );
}
