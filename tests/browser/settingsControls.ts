/**
 * Test-side helpers for the settings panel: find each setting's control by its role and accessible
 * name (the schema's label), read every control, and read the settings and run from the store.
 */
import type { Locator, Page } from 'playwright-core';
import {
  SETTINGS,
  formatValue,
  settingApplies,
  type ExperimentConfig,
  type SettingKey,
  type SettingSpec,
} from '../../src/core/config';
import { openView } from './chartsPage';

function specOf(key: SettingKey): SettingSpec {
  return SETTINGS.find((spec) => spec.key === key)!;
}

/** The control of one setting, found the way assistive technology finds it. */
export function control(page: Page, key: SettingKey): Locator {
  const spec = specOf(key);
  const name = { name: spec.label, exact: true };
  switch (spec.kind) {
    case 'int':
    case 'float':
      return page.getByRole('spinbutton', name);
    case 'bool':
      return page.getByRole('checkbox', name);
    case 'enum':
      return page.getByRole('combobox', name);
    case 'intList':
      return page.getByRole('textbox', name);
    case 'enumList':
      return page.getByRole('group', name);
  }
}

/** The settings the page gives a control for `config`: those that apply to it. */
export function shownSettings(config: ExperimentConfig) {
  return SETTINGS.filter((spec) => settingApplies(spec.key, config));
}

/** The values ticked in a group of checkboxes, in the page's order (the setting's table order). */
export async function checkedValues(group: Locator): Promise<string[]> {
  const boxes = await group.getByRole('checkbox').all();
  const values: string[] = [];
  for (const box of boxes) {
    if (await box.isChecked()) values.push(await box.inputValue());
  }
  return values;
}

/**
 * What every control on the page shows, as text: checkboxes as 'true' or 'false', a group of
 * checkboxes as its ticked values the way a link writes them. Settings without a control (they do
 * not apply to the experiment) are left out.
 */
export async function readControls(page: Page): Promise<Record<string, string>> {
  const shown: Record<string, string> = {};
  for (const spec of SETTINGS) {
    const locator = control(page, spec.key);
    if ((await locator.count()) === 0) continue;
    if (spec.kind === 'bool') shown[spec.key] = String(await locator.isChecked());
    else if (spec.kind === 'enumList') shown[spec.key] = formatValue(await checkedValues(locator));
    else shown[spec.key] = await locator.inputValue();
  }
  return shown;
}

/** What the controls should show for `config`: one entry per setting that applies. */
export function controlsFor(config: ExperimentConfig): Record<string, string> {
  return Object.fromEntries(
    shownSettings(config).map((spec) => [spec.key, formatValue(config[spec.key])]),
  );
}

/** Types into a number or text box and presses Enter. */
export async function enter(page: Page, key: SettingKey, text: string): Promise<void> {
  const box = control(page, key);
  await box.fill(text);
  await box.press('Enter');
}

export interface StoreView {
  readonly settings: ExperimentConfig;
  readonly problems: readonly { setting: string; message: string }[];
  readonly run: {
    readonly runId: number | null;
    readonly state: string;
    readonly iteration: number;
    readonly config: ExperimentConfig;
  };
}

interface PageGlobals {
  playground?: {
    store: {
      getState(): {
        settings: { config: ExperimentConfig; problems: StoreView['problems'] };
        run: StoreView['run'];
      };
    };
  };
}

/** The settings and the run as the page's store holds them. */
export function readStore(page: Page): Promise<StoreView> {
  return page.evaluate(() => {
    const api = (globalThis as unknown as PageGlobals).playground;
    if (!api) throw new Error('window.playground is missing');
    const { settings, run } = api.store.getState();
    return {
      settings: settings.config,
      problems: settings.problems.map(({ setting, message }) => ({ setting, message })),
      run: { runId: run.runId, state: run.state, iteration: run.iteration, config: run.config },
    };
  });
}

/** The notice that lists the link's problems. */
export function problemsNotice(page: Page): Locator {
  return page.getByRole('alert').filter({ hasText: 'in this link could not be used' });
}

/** Opens the settings panel's "More settings", where all but the key settings live. */
export async function showMoreSettings(page: Page): Promise<void> {
  const more = page.locator('details.settings-more');
  await more.waitFor();
  if ((await more.getAttribute('open')) === null) await more.locator('summary').click();
}

/**
 * Brings every setting's control on screen, so each can be found by role: "More settings" and
 * the Compare view, where the algorithms to compare are ticked.
 */
export async function showEveryControl(page: Page): Promise<void> {
  await showMoreSettings(page);
  await openView(page, 'Compare');
}
