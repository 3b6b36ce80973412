/**
 * The text shown in one setting's control while it is being edited. Edits stay local until they
 * are committed (change, blur or Enter); a valid commit becomes the new settings, an invalid one
 * stays in the control with a message. When the setting changes elsewhere (a preset, Back,
 * Forward), the control shows the new value and any unfinished edit is dropped.
 */
import { useState } from 'react';
import { formatValue, type SettingSpec } from '../../../core/config';
import { useController, usePlayground } from '../../training/context';
import { readSettingText } from './readSettingText';

interface Draft {
  /** The committed value the edit started from; the draft is stale once that changes. */
  readonly base: string;
  readonly text: string;
  readonly error: string | null;
}

export interface SettingDraft {
  readonly text: string;
  readonly error: string | null;
  /** The user typed: keep the text, clear any message. */
  edit(text: string): void;
  /** Apply `text`, or null for input the browser could not read (e.g. letters in a number box). */
  commit(text: string | null): void;
  /** Back to the committed value. Returns whether there was anything to undo. */
  revert(): boolean;
}

export function useSettingDraft(spec: SettingSpec): SettingDraft {
  const controller = useController();
  const config = usePlayground((state) => state.settings.config);
  const committed = formatValue(config[spec.key as keyof typeof config]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const current = draft !== null && draft.base === committed ? draft : null;

  return {
    text: current?.text ?? committed,
    error: current?.error ?? null,
    edit(text) {
      setDraft({ base: committed, text, error: null });
    },
    commit(text) {
      if (text === null) {
        setDraft({ base: committed, text: current?.text ?? '', error: 'not a number' });
        return;
      }
      const result = readSettingText(config, spec, text);
      if (!result.ok) {
        setDraft({ base: committed, text, error: result.message });
        return;
      }
      setDraft(null);
      controller.commitSettings(result.config);
    },
    revert() {
      if (current === null) return false;
      setDraft(null);
      return true;
    },
  };
}
