/**
 * Classroom links in the real built app: present=1 enlarges the type (computed font size of the
 * same element with and without it), folds the settings away where the keyboard still reaches
 * them, and keeps the stage on the first screen; hide= removes exactly the named controls, found
 * by role and accessible name, and a bad hide= says so; Copy classroom link and Copy lesson link
 * copy what they promise. Classroom mode at 1280x720 and 1920x1080 is kept as a picture under
 * test-results/screens/ for a person to look at.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { servedApp } from './lifecycle';
import { openPlayground, readRun, statusBar, waitForRun } from './playgroundPage';

const app = servedApp({ webgpu: false });

/** A short run on WASM, so no backend is measured first. */
const EXPERIMENT = '?backend=wasm&iterations=2000&seed=2';

async function fontSizeOf(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    const scope = globalThis as unknown as {
      getComputedStyle(target: unknown): { fontSize: string };
    };
    return Number.parseFloat(scope.getComputedStyle(element).fontSize);
  });
}

async function strokeWidthOf(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    const scope = globalThis as unknown as {
      getComputedStyle(target: unknown): { strokeWidth: string };
    };
    return Number.parseFloat(scope.getComputedStyle(element).strokeWidth);
  });
}

function startButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Start', exact: true });
}

function functionView(page: Page): Locator {
  return page.getByRole('region', { name: 'Adapting to a new task' });
}

function mainChart(page: Page): Locator {
  return page.locator('figure[data-chart="main"]');
}

function settingsPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'Experiment', exact: true });
}

function pageNotice(page: Page): Locator {
  return page.getByRole('alert').filter({ hasText: 'could not be used' });
}

async function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() =>
    (
      globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
    ).navigator.clipboard.readText(),
  );
}

async function onFirstScreen(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  if (box === null || viewport === null) return false;
  return (
    box.x >= 0 &&
    box.y >= 0 &&
    box.x + box.width <= viewport.width + 0.5 &&
    box.y + box.height <= viewport.height + 0.5
  );
}

describe('classroom mode', () => {
  it('present=1 enlarges type and lines, folds the settings away and keeps the learning in view', async () => {
    const plain = await openPlayground(app.browser, app.server.baseUrl, EXPERIMENT);
    const shown = await openPlayground(app.browser, app.server.baseUrl, `${EXPERIMENT}&present=1`);
    for (const { page } of [plain, shown]) await page.setViewportSize({ width: 1280, height: 720 });
    await startButton(shown.page).waitFor();
    await startButton(plain.page).waitFor();

    for (const pick of [
      startButton,
      statusBar,
      (page: Page) => page.getByRole('heading', { level: 1 }),
    ]) {
      const before = await fontSizeOf(pick(plain.page));
      const after = await fontSizeOf(pick(shown.page));
      expect(after).toBeGreaterThanOrEqual(before * 1.15);
    }
    expect(await shown.page.evaluate('document.documentElement.hasAttribute("data-present")')).toBe(
      true,
    );
    expect(await plain.page.evaluate('document.documentElement.hasAttribute("data-present")')).toBe(
      false,
    );
    await plain.context.close();

    const { page, pageErrors } = shown;
    // The settings are folded away, and the keyboard opens and closes them.
    const preset = page.getByRole('combobox', { name: 'Preset', exact: true });
    expect(await preset.isVisible()).toBe(false);
    const summary = page.locator('summary', { hasText: 'Experiment settings' });
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => preset.isVisible()).toBe(true);
    await preset.focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => preset.isVisible()).toBe(false);
    expect(
      await summary.evaluate((element) => {
        const scope = globalThis as unknown as { document: { activeElement: unknown } };
        return element === scope.document.activeElement;
      }),
    ).toBe(true);

    // The learning: the run's controls, the function view and the main chart on the first screen.
    await startButton(page).click();
    await waitForRun(page, (run) => run.iteration >= 200, 120_000);
    await page.waitForTimeout(1500);
    for (const part of [startButton(page), statusBar(page), functionView(page), mainChart(page)]) {
      expect(await onFirstScreen(page, part)).toBe(true);
    }
    // Lines are thicker than recharts was told (3 becomes 4.5), and axis ticks larger than 12px.
    // Polled: a live chart may replace the element between finding it and reading its style.
    const line = page.locator('.stage path.recharts-curve[stroke-width="3"]').first();
    await expect.poll(() => strokeWidthOf(line)).toBeGreaterThan(4);
    const tick = mainChart(page).locator('.recharts-cartesian-axis-tick-value').first();
    await expect.poll(() => fontSizeOf(tick)).toBeGreaterThan(14);
    await page.screenshot({ path: 'test-results/screens/classroom-1280x720.png' });

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForTimeout(1500);
    for (const part of [startButton(page), functionView(page), mainChart(page)]) {
      expect(await onFirstScreen(page, part)).toBe(true);
    }
    await page.screenshot({ path: 'test-results/screens/classroom-1920x1080.png' });
    expect(pageErrors).toEqual([]);
    await shown.context.close();
  });

  it('hide= removes exactly the named controls and panels', async () => {
    const named = await openPlayground(
      app.browser,
      app.server.baseUrl,
      `${EXPERIMENT}&hide=settings,backends,compare,help`,
    );
    const { page } = named;
    await startButton(page).waitFor();
    expect(await settingsPanel(page).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Preset', exact: true }).count()).toBe(0);
    expect(await page.locator('details.backends').count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Compare', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Help' }).count()).toBe(0);
    // Everything else stays.
    expect(await startButton(page).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Step', exact: true }).isVisible()).toBe(true);
    expect(await statusBar(page).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Meta-Learning Playground' }).isVisible()).toBe(
      true,
    );
    expect(await functionView(page).isVisible()).toBe(true);
    expect(await mainChart(page).isVisible()).toBe(true);
    for (const tab of ['Learning curves', 'Meta-batch tasks', 'Inside the learner', 'About MAML']) {
      expect(await page.getByRole('tab', { name: tab, exact: true }).isVisible()).toBe(true);
    }
    expect(await pageNotice(page).count()).toBe(0);
    expect(named.pageErrors).toEqual([]);
    await named.context.close();

    const others = await openPlayground(
      app.browser,
      app.server.baseUrl,
      `${EXPERIMENT}&hide=controls,status,tabs,header`,
    );
    const second = others.page;
    await settingsPanel(second).waitFor();
    expect(await startButton(second).count()).toBe(0);
    expect(await second.getByRole('button', { name: 'Reset', exact: true }).count()).toBe(0);
    expect(await statusBar(second).count()).toBe(0);
    expect(await second.getByRole('tablist', { name: 'Views' }).count()).toBe(0);
    expect(await second.getByRole('heading', { name: 'Meta-Learning Playground' }).count()).toBe(0);
    expect(await second.getByRole('button', { name: 'Help' }).count()).toBe(0);
    expect(await second.getByRole('combobox', { name: 'Preset', exact: true }).isVisible()).toBe(
      true,
    );
    expect(await second.getByRole('button', { name: 'Copy link', exact: true }).isVisible()).toBe(
      true,
    );
    expect(await second.getByText('Backends').first().isVisible()).toBe(true);
    expect(await functionView(second).isVisible()).toBe(true);
    // Without the controls, their keys do nothing either (once the run could start).
    await expect
      .poll(async () => (await readRun(second)).backend, { timeout: 120_000 })
      .toBe('wasm');
    for (const key of ['Space', 'k', 's']) await second.keyboard.press(key);
    await second.waitForTimeout(1500);
    expect((await readRun(second)).iteration).toBe(0);
    expect(others.pageErrors).toEqual([]);
    await others.context.close();
  });

  it('a bad hide= or present= shows a notice, and the rest still applies', async () => {
    const { page, context, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      `${EXPERIMENT}&hide=compare,bogus,__proto__&present=maybe`,
    );
    const notice = pageNotice(page);
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('"bogus"');
    expect(text).toContain('"__proto__"');
    expect(text).toContain('settings, presets');
    expect(text).toContain('present="maybe"');
    expect(await page.getByRole('tab', { name: 'Compare', exact: true }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Learning curves', exact: true }).isVisible()).toBe(
      true,
    );
    expect(await page.evaluate('document.documentElement.hasAttribute("data-present")')).toBe(
      false,
    );
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    expect(await notice.count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('Copy classroom link has present=1 and the hidden parts; Copy lesson link has neither', async () => {
    const opened = await openPlayground(
      app.browser,
      app.server.baseUrl,
      `${EXPERIMENT}&hide=compare,backends`,
    );
    const { page, context } = opened;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: app.server.baseUrl,
    });
    await page.getByRole('button', { name: 'Copy classroom link', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
    const classroom = new URL(await readClipboard(page));
    expect(classroom.searchParams.get('present')).toBe('1');
    expect(classroom.searchParams.get('hide')).toBe('backends,compare');
    expect(classroom.searchParams.get('iterations')).toBe('2000');
    expect(classroom.searchParams.get('seed')).toBe('2');
    expect(classroom.searchParams.has('lesson')).toBe(false);

    await page.getByRole('button', { name: 'Copy lesson link', exact: true }).click();
    await expect
      .poll(async () => new URL(await readClipboard(page)).search)
      .not.toBe(classroom.search);
    const lesson = new URL(await readClipboard(page));
    expect(lesson.searchParams.has('present')).toBe(false);
    expect(lesson.searchParams.has('hide')).toBe(false);
    expect(lesson.searchParams.get('iterations')).toBe('2000');

    // The classroom link opens in classroom mode with the same parts hidden.
    const second = await openPlayground(app.browser, app.server.baseUrl, classroom.search);
    await startButton(second.page).waitFor();
    expect(
      await second.page.evaluate('document.documentElement.hasAttribute("data-present")'),
    ).toBe(true);
    expect(await second.page.getByRole('tab', { name: 'Compare', exact: true }).count()).toBe(0);
    expect(opened.pageErrors).toEqual([]);
    expect(second.pageErrors).toEqual([]);
    await context.close();
    await second.context.close();
  });
});
