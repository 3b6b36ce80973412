/**
 * Shared links and the settings panel, in the real built app in headless Chromium: a link sets
 * every control, a copied link reproduces the run exactly, bad or hostile links are reported as
 * plain text, Back and Forward move between experiments, and presets apply their settings.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  SETTINGS,
  applyOverrides,
  describeAllowed,
  parseQuery,
  toQuery,
  type ExperimentConfig,
} from '../../src/core/config';
import { launchBrowser, startPreview, type PreviewHandle } from '../../src/cli/browser/harness';
import { openPlayground as openPage, readRun, waitForBackend, waitForRun } from './playgroundPage';
import {
  control,
  controlsFor,
  enter,
  problemsNotice,
  readControls,
  readStore,
  showEveryControl,
  shownSettings,
} from './settingsControls';

let server: PreviewHandle;
let browser: Browser;

beforeAll(async () => {
  server = await startPreview();
  browser = await launchBrowser({ webgpu: false });
});

afterAll(async () => {
  await browser.close();
  await server.close();
});

/** Opens the playground with every setting's control in view, "More settings" included. */
async function openPlayground(...args: Parameters<typeof openPage>) {
  const opened = await openPage(...args);
  await showEveryControl(opened.page);
  return opened;
}

function config(overrides: Partial<ExperimentConfig>): ExperimentConfig {
  return { ...DEFAULT_CONFIG, ...overrides };
}

/** Trains the page's current run to the end and returns its meta-training losses. */
async function trainToEnd(page: Page, iterations: number): Promise<number[]> {
  await waitForBackend(page, 'wasm');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const run = await waitForRun(page, (r) => r.state === 'finished', 5 * 60_000);
  expect(run.iteration).toBe(iterations);
  expect(run.firstIteration).toBe(1);
  return run.losses;
}

function historyLength(page: Page): Promise<number> {
  return page.evaluate(
    () => (globalThis as unknown as { history: { length: number } }).history.length,
  );
}

describe('shared links', () => {
  it('a link sets every control; its copied link opens the same settings and the same run', async () => {
    const query = '?shots=5&metaBatch=8&iterations=30&seed=4&hidden=32,32&backend=wasm';
    const opened = await openPlayground(browser, server.baseUrl, query);
    const { page } = opened;
    await opened.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: server.baseUrl,
    });
    const linked = config({
      shots: 5,
      metaBatch: 8,
      iterations: 30,
      seed: 4,
      hidden: [32, 32],
      backend: 'wasm',
    });
    expect(parseQuery(query)).toEqual({ config: linked, problems: [] });
    expect(await readControls(page)).toEqual(controlsFor(linked));
    expect(await control(page, 'shots').inputValue()).toBe('5');
    expect(await control(page, 'hidden').inputValue()).toBe('32,32');
    expect(await control(page, 'backend').inputValue()).toBe('wasm');

    // One change through the page: applied, in the address, and a new run with it.
    const runBefore = (await readStore(page)).run.runId!;
    await enter(page, 'innerLr', '0.02');
    const changed: ExperimentConfig = { ...linked, innerLr: 0.02 };
    await expect.poll(async () => (await readStore(page)).settings).toEqual(changed);
    const store = await readStore(page);
    expect(store.run.config).toEqual(changed);
    expect(store.run.runId).toBeGreaterThan(runBefore);
    expect(store.run.iteration).toBe(0);
    expect(new URL(page.url()).search).toBe(`?${toQuery(changed)}`);
    expect(await readControls(page)).toEqual(controlsFor(changed));

    await page.getByRole('button', { name: 'Copy link', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
    const copied = await page.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
    expect(copied).toBe(`${server.baseUrl}/?${toQuery(changed)}`);
    expect(copied).toContain('v=1&');

    const second = await openPlayground(browser, server.baseUrl, new URL(copied).search);
    expect(await readControls(second.page)).toEqual(controlsFor(changed));
    expect(await problemsNotice(second.page).count()).toBe(0);

    const losses = await trainToEnd(page, 30);
    const lossesOfCopy = await trainToEnd(second.page, 30);
    expect(losses).toHaveLength(30);
    expect(lossesOfCopy).toEqual(losses);
    expect((await readRun(second.page)).backend).toBe('wasm');

    for (const { pageErrors, consoleErrors } of [opened, second]) {
      expect(pageErrors).toEqual([]);
      expect(consoleErrors).toEqual([]);
    }
    await opened.context.close();
    await second.context.close();
  });

  it('a link of several seeds says which seed trains and how the runner runs them all', async () => {
    const query = '?iterations=30&seed=4&seeds=3&backend=wasm';
    const opened = await openPlayground(browser, server.baseUrl, query);
    const { page } = opened;
    expect(await control(page, 'seeds').inputValue()).toBe('3');
    const status = page.getByRole('status').filter({ hasText: 'Seed 1 of 3 (seed 4)' });
    await status.waitFor();
    const notice = page.locator('.seeds-notice');
    const text = (await notice.textContent())!;
    expect(text).toContain('Start trains seeds 4 to 6 one after another');
    // The command carries the whole experiment, seeds included, as the runner's --set options.
    const command = /npm run experiment --((?: --set \S+)+)/.exec(text);
    expect(command).not.toBeNull();
    const sets = command![1]!
      .trim()
      .split(/\s*--set /)
      .filter((set) => set !== '');
    expect(applyOverrides(DEFAULT_CONFIG, sets)).toEqual({
      config: config({ iterations: 30, seed: 4, seeds: 3, backend: 'wasm' }),
      problems: [],
    });

    // Back to one seed: the notice goes.
    await enter(page, 'seeds', '1');
    await expect.poll(() => notice.count()).toBe(0);
    expect(opened.pageErrors).toEqual([]);
    await opened.context.close();
  });

  it('bad values fall back to the defaults, and the notice lists each with its reason', async () => {
    const long = '9'.repeat(500);
    const query =
      `?bogus=1&shots=abc&metaBatch=2.5&query=0&innerLr=NaN&metaLr=Infinity&v=99` +
      `&iterations=${long}&firstOrder=maybe&seed=4&backend=wasm`;
    const { page, pageErrors, context } = await openPlayground(browser, server.baseUrl, query);
    const expected = parseQuery(query);
    // Every bad field keeps its default; the good ones are used.
    expect(expected.config).toEqual(config({ seed: 4, backend: 'wasm' }));
    expect(await readControls(page)).toEqual(controlsFor(expected.config));
    expect((await readStore(page)).run.config).toEqual(expected.config);

    const notice = problemsNotice(page);
    await notice.waitFor();
    const items = await notice.getByRole('listitem').allTextContents();
    expect(items).toEqual(expected.problems.map((problem) => problem.message));
    expect(items).toHaveLength(9);
    const text = items.join('\n');
    for (const reason of [
      '"bogus" is not a known setting',
      'shots: "abc" is not a number',
      'metaBatch: "2.5" is not a whole number',
      'query: "0" is below the minimum 1',
      'innerLr: "NaN" is not a number',
      'metaLr: "Infinity" is not a number',
      'v: version 99 is newer than this app understands',
      'iterations: the value is too long (500 characters, at most 200)',
      'firstOrder: "maybe" is not true or false',
      'using the default 10',
    ]) {
      expect(text).toContain(reason);
    }
    expect(text).not.toContain(long);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('script or markup in a link is shown as text and never runs', async () => {
    const query = '?shots=<img src=x onerror="window.__pwned=1">&<script>alert(1)</script>=1';
    const { page, pageErrors, context } = await openPlayground(browser, server.baseUrl, query);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const notice = problemsNotice(page);
    await notice.waitFor();
    // Give an injected image time to fail to load and run its handler.
    await page.waitForTimeout(1000);

    expect(
      await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned),
    ).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await notice.locator('img, script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    const items = await notice.getByRole('listitem').allTextContents();
    expect(items).toEqual(parseQuery(new URL(page.url()).search).problems.map((p) => p.message));
    const text = items.join('\n');
    expect(text).toContain('<img src=x onerror=');
    expect(text).toContain('"<script>alert(1)</script>" is not a known setting');
    expect(await control(page, 'shots').inputValue()).toBe(String(DEFAULT_CONFIG.shots));
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('Back and Forward move between experiments and reconfigure the run', async () => {
    const query = '?shots=abc&bogus=1&seed=4&iterations=50&backend=wasm';
    const { page, pageErrors, context } = await openPlayground(browser, server.baseUrl, query);
    const notice = problemsNotice(page);
    await notice.waitFor();
    expect(await notice.getByRole('listitem').count()).toBe(2);
    const start = await historyLength(page);

    const runIds: number[] = [];
    for (const shots of [7, 9]) {
      await enter(page, 'shots', String(shots));
      await expect.poll(async () => (await readStore(page)).run.config.shots).toBe(shots);
      runIds.push((await readStore(page)).run.runId!);
    }
    expect(await historyLength(page)).toBe(start + 2);
    // Changing shots answered the problem about shots; the unknown name is still reported.
    expect(await notice.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('"bogus" is not a known setting'),
    ]);

    const expectAt = async (shots: number, problems: number) => {
      await expect.poll(() => control(page, 'shots').inputValue()).toBe(String(shots));
      const store = await readStore(page);
      expect(store.settings.shots).toBe(shots);
      expect(store.run.config.shots).toBe(shots);
      expect(store.run.iteration).toBe(0);
      expect(new URL(page.url()).searchParams.get('shots')).toBe(
        problems === 2 ? 'abc' : String(shots),
      );
      expect(await notice.getByRole('listitem').count()).toBe(problems);
      return store.run.runId!;
    };

    await page.goBack();
    const afterBack = await expectAt(7, 1);
    expect(afterBack).toBeGreaterThan(runIds[1]!);
    await page.goBack();
    await expectAt(DEFAULT_CONFIG.shots, 2);
    await page.goForward();
    await expectAt(7, 1);
    await page.goForward();
    const afterForward = await expectAt(9, 1);
    expect(afterForward).toBeGreaterThan(afterBack);
    expect(await historyLength(page)).toBe(start + 2);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('each preset applies its settings, keeps seed and backend, and starts training', async () => {
    const { page, pageErrors, context } = await openPlayground(
      browser,
      server.baseUrl,
      '?seed=4&backend=wasm&shots=20',
    );
    const preset = page.getByRole('combobox', { name: 'Preset', exact: true });
    expect(await preset.locator('option:checked').textContent()).toBe('Custom settings');
    const kept = { seed: 4, backend: 'wasm' } as const;
    const presets: [string, ExperimentConfig][] = [
      ['MAML paper: sinusoid 5-shot', config({ ...kept, shots: 5, query: 5 })],
      ['First-order MAML (10-shot)', config({ ...kept, firstOrder: true })],
      [
        'Quick demo (about 10 s)',
        config({ ...kept, iterations: 2000, metaLr: 0.003, evalTasks: 100 }),
      ],
      ['MAML paper: sinusoid 10-shot', config(kept)],
    ];
    for (const [label, expected] of presets) {
      const before = (await readStore(page)).run.runId!;
      await preset.selectOption({ label });
      await expect.poll(async () => (await readStore(page)).settings).toEqual(expected);
      expect(await readControls(page)).toEqual(controlsFor(expected));
      expect(await preset.locator('option:checked').textContent()).toBe(label);
      expect(new URL(page.url()).search).toBe(`?${toQuery(expected)}`);
      const store = await readStore(page);
      expect(store.run.config).toEqual(expected);
      expect(store.run.runId).toBeGreaterThan(before);
      await waitForRun(page, (run) => run.state === 'running' && run.iteration > 0, 120_000);
    }
    expect(await control(page, 'firstOrder').isChecked()).toBe(false);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

describe('setting controls', () => {
  it('reject invalid input with a message, explain themselves on hover and focus', async () => {
    const { page, pageErrors, context } = await openPlayground(
      browser,
      server.baseUrl,
      '?backend=wasm',
    );
    const shots = control(page, 'shots');
    const start = await historyLength(page);
    await shots.fill('0');
    await shots.press('Tab');
    const message = page.getByText('Not applied: "0" is below the minimum 1');
    await message.waitFor();
    expect(await shots.getAttribute('aria-invalid')).toBe('true');
    expect((await readStore(page)).settings.shots).toBe(DEFAULT_CONFIG.shots);
    expect(new URL(page.url()).search).toBe('?backend=wasm');
    expect(await historyLength(page)).toBe(start);
    await shots.press('Escape');
    expect(await shots.inputValue()).toBe(String(DEFAULT_CONFIG.shots));
    expect(await message.count()).toBe(0);

    await enter(page, 'hidden', '40,abc');
    await page.getByText(/Not applied: "40,abc" has a bad entry/).waitFor();
    expect((await readStore(page)).settings.hidden).toEqual(DEFAULT_CONFIG.hidden);
    await enter(page, 'hidden', 'none');
    await expect.poll(async () => (await readStore(page)).settings.hidden).toEqual([]);
    expect(new URL(page.url()).searchParams.get('hidden')).toBe('none');

    await control(page, 'firstOrder').check();
    await expect.poll(async () => (await readStore(page)).run.config.firstOrder).toBe(true);

    // Each control is described by its explanation and its allowed values; the explanation is
    // hidden until the field is hovered or focused.
    for (const spec of shownSettings((await readStore(page)).settings)) {
      const ids = (await control(page, spec.key).getAttribute('aria-describedby')) ?? '';
      const texts = await Promise.all(
        ids.split(' ').map((id) => page.locator(`[id="${id}"]`).textContent()),
      );
      expect(texts).toContain(spec.description);
      expect(texts.join(' ')).toContain(describeAllowed(spec));
    }
    const lrTip = page.getByText(SETTINGS.find((s) => s.key === 'innerLr')!.description);
    const seedTip = page.getByText(SETTINGS.find((s) => s.key === 'seed')!.description);
    await page.mouse.move(0, 0);
    expect(await lrTip.isVisible()).toBe(false);
    await control(page, 'innerLr').focus();
    expect(await lrTip.isVisible()).toBe(true);
    await page.getByText('Random seed', { exact: true }).hover();
    expect(await seedTip.isVisible()).toBe(true);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('Copy link falls back to a selected read-only field when the clipboard refuses', async () => {
    const { page, context } = await openPlayground(browser, server.baseUrl, '?shots=3');
    await page.addInitScript(() => {
      const scope = globalThis as unknown as {
        navigator: { clipboard: { writeText: (text: string) => Promise<void> } };
      };
      scope.navigator.clipboard.writeText = () => Promise.reject(new Error('not allowed'));
    });
    await page.reload();
    await page.getByRole('button', { name: 'Copy link', exact: true }).click();
    const field = page.getByRole('textbox', { name: 'Link to this experiment' });
    await field.waitFor();
    expect(await field.inputValue()).toBe(`${server.baseUrl}/?${toQuery(config({ shots: 3 }))}`);
    expect(await field.getAttribute('readonly')).not.toBeNull();
    const selected = await page.evaluate(() => {
      interface FocusedBox {
        readonly value?: string;
        readonly selectionStart?: number | null;
        readonly selectionEnd?: number | null;
        getAttribute(name: string): string | null;
      }
      const scope = globalThis as unknown as { document: { activeElement: FocusedBox | null } };
      const box = scope.document.activeElement;
      return (
        box?.getAttribute('aria-label') === 'Link to this experiment' &&
        box.selectionStart === 0 &&
        box.selectionEnd === box.value?.length
      );
    });
    expect(selected).toBe(true);
    await page.getByRole('status').filter({ hasText: 'Could not copy automatically' }).waitFor();
    await context.close();
  });
});
