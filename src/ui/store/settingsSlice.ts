/**
 * The `settings` slice: the experiment settings, read from the page address. Every committed change
 * writes the whole, corrected set to the address as a new history entry, so the link always shares
 * this experiment and Back and Forward move between experiments.
 */
import {
  findSetting,
  formatValue,
  isPageKey,
  parseLink,
  toQuery,
  type ConfigProblem,
  type ExperimentConfig,
  type SettingKey,
} from '../../core/config';

export interface SettingsSlice {
  /** Always complete and valid. */
  readonly config: ExperimentConfig;
  /**
   * What could not be used from the link that was opened (rendered as text only). Problems about a
   * setting are dropped once that setting is changed; the others stay until dismissed.
   */
  readonly problems: readonly ConfigProblem[];
}

/** The settings part of the address: the query and the hash, which may also carry settings. */
export function currentLinkText(): string {
  return window.location.search + window.location.hash;
}

/**
 * The keys of the current address that say how the page shows a run (a lesson, classroom mode,
 * hidden controls), as query text ('present=1&hide=settings'), or '' when there are none. They
 * stay in the address as the settings change, so a classroom link stays one.
 */
export function currentPageQuery(): string {
  const page = new URLSearchParams();
  for (const part of [window.location.search, window.location.hash]) {
    new URLSearchParams(part.replace(/^[?#]/, '')).forEach((value, key) => {
      if (isPageKey(key)) page.set(key, value);
    });
  }
  return page.toString();
}

/** Settings' query text with the page keys of the current address after them. */
function addressQuery(config: ExperimentConfig): string {
  const page = currentPageQuery();
  return page === '' ? toQuery(config) : `${toQuery(config)}&${page}`;
}

/** The full address of an experiment: this page with every setting and the schema version. */
export function linkFor(config: ExperimentConfig): string {
  return `${window.location.origin}${window.location.pathname}?${addressQuery(config)}`;
}

/** What this page keeps in each history entry it pushes: the link's problems still shown. */
interface SettingsHistoryState {
  readonly settingsProblems: readonly ConfigProblem[];
}

const PROBLEM_FIELDS = ['setting', 'given', 'allowed', 'issue', 'outcome', 'message'] as const;

function isProblem(value: unknown): value is ConfigProblem {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return PROBLEM_FIELDS.every((field) => typeof record[field] === 'string');
}

/** The problems saved in a history entry; anything malformed is ignored. */
function problemsInHistory(state: unknown): ConfigProblem[] {
  if (typeof state !== 'object' || state === null) return [];
  const saved = (state as Partial<Record<keyof SettingsHistoryState, unknown>>).settingsProblems;
  return Array.isArray(saved) ? saved.filter(isProblem) : [];
}

/**
 * The settings in address text, with the problems of the text itself followed by those carried in
 * the history entry (`historyState`, e.g. `history.state`) from the link first opened.
 */
export function settingsFromLink(text: string, historyState: unknown = null): SettingsSlice {
  // A bare address opens on a run that tells the story in seconds, not the paper's two hours.
  const { config, problems } = parseLink(text);
  return { config, problems: [...problems, ...problemsInHistory(historyState)] };
}

export function withSetting<K extends SettingKey>(
  config: ExperimentConfig,
  key: K,
  value: ExperimentConfig[K],
): ExperimentConfig {
  return Object.freeze({ ...config, [key]: value });
}

/**
 * The slice after the user commits `config`: the link's problems about settings that changed are
 * answered, so they go; problems about the link as a whole, or untouched settings, stay.
 */
export function settingsAfterCommit(slice: SettingsSlice, config: ExperimentConfig): SettingsSlice {
  const problems = slice.problems.filter((problem) => {
    const spec = findSetting(problem.setting);
    if (spec === undefined) return true;
    const key = spec.key as SettingKey;
    return formatValue(slice.config[key]) === formatValue(config[key]);
  });
  return { config, problems };
}

/**
 * Writes the settings into the address of the current history entry, e.g. for the opening
 * experiment of a bare address, so the address bar shares it like any other link.
 */
export function replaceLinkWithSettings(slice: SettingsSlice): void {
  const state: SettingsHistoryState = { settingsProblems: slice.problems };
  window.history.replaceState(
    state,
    '',
    `${window.location.pathname}?${addressQuery(slice.config)}`,
  );
}

/**
 * Puts the settings into the address as a new history entry. Every setting is written to the query
 * and the hash is dropped, since settings in the hash would override the query on reload.
 */
export function pushSettingsToLink(slice: SettingsSlice): void {
  const url = `${window.location.pathname}?${addressQuery(slice.config)}`;
  const state: SettingsHistoryState = { settingsProblems: slice.problems };
  window.history.pushState(state, '', url);
}

/** Whether two configs are the same experiment. */
export function sameConfig(a: ExperimentConfig, b: ExperimentConfig): boolean {
  return toQuery(a) === toQuery(b);
}
