/**
 * The `settings` slice: the experiment settings, read from the page address. Changing a setting
 * writes the whole, corrected set back to the address, so the link always shares this experiment.
 */
import {
  parseQuery,
  toQuery,
  type ConfigProblem,
  type ExperimentConfig,
  type SettingKey,
} from '../../core/config';

export interface SettingsSlice {
  /** Always complete and valid. */
  readonly config: ExperimentConfig;
  /** What could not be used from the address (rendered as text only). */
  readonly problems: readonly ConfigProblem[];
}

/** The settings part of the address: the query and the hash, which may also carry settings. */
export function currentLinkText(): string {
  return window.location.search + window.location.hash;
}

export function settingsFromLink(text: string): SettingsSlice {
  const { config, problems } = parseQuery(text);
  return { config, problems };
}

export function withSetting<K extends SettingKey>(
  config: ExperimentConfig,
  key: K,
  value: ExperimentConfig[K],
): ExperimentConfig {
  return Object.freeze({ ...config, [key]: value });
}

/**
 * Puts the settings into the address without a new history entry. Every setting is written to the
 * query and the hash is dropped, since settings in the hash would override the query on reload.
 */
export function writeSettingsToLink(config: ExperimentConfig): void {
  const url = `${window.location.pathname}?${toQuery(config)}`;
  window.history.replaceState(window.history.state, '', url);
}

/** Whether two configs are the same experiment. */
export function sameConfig(a: ExperimentConfig, b: ExperimentConfig): boolean {
  return toQuery(a) === toQuery(b);
}
