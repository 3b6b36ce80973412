/**
 * Checks what was typed or chosen in one control with the same rules as links, so a value is
 * accepted on the page exactly when it would be accepted in the address.
 */
import {
  applyOverrides,
  describeAllowed,
  type ExperimentConfig,
  type SettingSpec,
} from '../../../core/config';

export type SettingTextResult =
  | { readonly ok: true; readonly config: ExperimentConfig }
  | { readonly ok: false; readonly message: string };

/** `config` with `text` as the new value of `spec`, or why the text cannot be used. */
export function readSettingText(
  config: ExperimentConfig,
  spec: SettingSpec,
  text: string,
): SettingTextResult {
  const { config: next, problems } = applyOverrides(config, [`${spec.key}=${text}`]);
  if (problems.length === 0) return { ok: true, config: next };
  // Issues name the setting and end with what it allows; the field already shows both.
  const prefix = `${spec.key}: `;
  const suffix = `; allowed: ${describeAllowed(spec)}`;
  const message = problems
    .map(({ issue }) => {
      const start = issue.startsWith(prefix) ? prefix.length : 0;
      const end = issue.endsWith(suffix) ? issue.length - suffix.length : issue.length;
      return issue.slice(start, end);
    })
    .join('; ');
  return { ok: false, message };
}
