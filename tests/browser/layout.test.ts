/**
 * The page as one screen, in the real built app: at 1280x720 the run, the function view and the
 * main chart are in view and move while training; at 390x844 Start and the status lead; at
 * 1920x1080 the room is used; the help dialog and the row of views work from the keyboard; a bare
 * address opens on the quick demo and writes it into the address. Each layout is kept as a picture
 * under test-results/screens/ for a person to look at.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { servedApp } from './lifecycle';
import { openPlayground, readRun, statusBar, waitForRun } from './playgroundPage';

const app = servedApp({ webgpu: false });

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error('the element is not rendered');
  return box;
}

/** Whether the whole box lies on the first screen of a viewport of this size, unscrolled. */
function onFirstScreen(box: Box, width: number, height: number): boolean {
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
}

const SCROLL = `({
  x: document.documentElement.scrollLeft, y: document.documentElement.scrollTop,
  width: document.documentElement.scrollWidth,
})`;

/**
 * Keeps what the test saw for a person to look at (test-results/ is not tracked; `npm run
 * screenshots` alone refreshes the pictures in docs/).
 */
async function keepPicture(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png` });
}

async function scrollState(page: Page): Promise<{ x: number; y: number; width: number }> {
  return await page.evaluate<{ x: number; y: number; width: number }>(SCROLL);
}

function mainChart(page: Page): Locator {
  return page.locator('figure[data-chart="main"]');
}

function functionView(page: Page): Locator {
  return page.getByRole('region', { name: 'Adapting to a new task' });
}

/** The path data of every line recharts drew inside `scope`, joined: it changes as data arrives. */
async function drawnLines(scope: Locator): Promise<string> {
  const paths = await scope.locator('path.recharts-curve').all();
  const parts: string[] = [];
  for (const path of paths) parts.push((await path.getAttribute('d')) ?? '');
  return parts.join('|');
}

describe('one screen', () => {
  it('at 1280x720 shows the run, the function view and the main chart live after Start', async () => {
    const { page, pageErrors } = await openPlayground(app.browser, app.server.baseUrl, '');
    await page.setViewportSize({ width: 1280, height: 720 });
    // A bare address opens on the quick demo, and the address then carries it.
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Preset', exact: true }).inputValue())
      .toBe('quick');
    expect(new URL(page.url()).searchParams.get('iterations')).toBe('2000');

    const start = page.getByRole('button', { name: 'Start', exact: true });
    await expect.poll(() => start.isEnabled(), { timeout: 60_000 }).toBe(true);
    const chartBefore = await drawnLines(mainChart(page));
    await start.click();
    const started = Date.now();
    await waitForRun(page, (run) => run.iteration > 0, 15_000);
    // Let the charts and the function view take in a few updates.
    await expect
      .poll(async () => (await drawnLines(mainChart(page))) !== chartBefore, { timeout: 15_000 })
      .toBe(true);
    const fitsBefore = await drawnLines(functionView(page));
    await expect
      .poll(async () => (await drawnLines(functionView(page))) !== fitsBefore, {
        timeout: Math.max(1000, started + 15_000 - Date.now()),
      })
      .toBe(true);
    const iteration = (await readRun(page)).iteration;
    await page.waitForTimeout(1000);
    expect((await readRun(page)).iteration).toBeGreaterThan(iteration);

    expect(await scrollState(page)).toEqual({ x: 0, y: 0, width: 1280 });
    const parts: [string, Locator][] = [
      ['Start', start],
      ['status', statusBar(page)],
      ['main chart', mainChart(page)],
      ['function view', functionView(page)],
      ['views', page.getByRole('tablist', { name: 'Views' })],
    ];
    for (const [name, locator] of parts) {
      const box = await boxOf(locator);
      expect(onFirstScreen(box, 1280, 720), `${name} at ${JSON.stringify(box)}`).toBe(true);
    }
    expect(await mainChart(page).locator('.recharts-wrapper').count()).toBeGreaterThan(0);
    await keepPicture(page, 'layout-1280x720-training');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('at 390x844 stacks with Start and the status on the first screen, no sideways scroll', async () => {
    const { page, pageErrors } = await openPlayground(app.browser, app.server.baseUrl, '');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(500);
    const start = page.getByRole('button', { name: 'Start', exact: true });
    expect(onFirstScreen(await boxOf(start), 390, 844)).toBe(true);
    expect(onFirstScreen(await boxOf(statusBar(page)), 390, 844)).toBe(true);
    expect(onFirstScreen(await boxOf(page.getByRole('button', { name: 'Help' })), 390, 844)).toBe(
      true,
    );
    expect((await scrollState(page)).width).toBeLessThanOrEqual(390);
    // One column: the function view below the run bar, the settings below the function view.
    const view = await boxOf(functionView(page));
    const settings = await boxOf(page.getByRole('region', { name: 'Experiment' }));
    expect(view.y).toBeGreaterThan((await boxOf(start)).y);
    expect(settings.y).toBeGreaterThan(view.y);
    await keepPicture(page, 'layout-390x844');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('at 1920x1080 gives the stage the room and the views start on the first screen', async () => {
    const { page } = await openPlayground(app.browser, app.server.baseUrl, '');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForTimeout(300);
    const small = await boxOf(mainChart(page));
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForTimeout(500);
    const large = await boxOf(mainChart(page));
    expect(large.width).toBeGreaterThan(small.width * 1.3);
    expect(large.height).toBeGreaterThan(small.height);
    const panel = await boxOf(page.getByRole('tabpanel'));
    expect(panel.y).toBeLessThan(1080 - 100);
    expect((await scrollState(page)).width).toBeLessThanOrEqual(1920);
    await keepPicture(page, 'layout-1920x1080');
    await page.context().close();
  });
});

describe('help and views', () => {
  it('opens the help with "?" and closes it with Escape', async () => {
    const { page } = await openPlayground(app.browser, app.server.baseUrl, '?backend=wasm');
    const dialog = page.getByRole('dialog', { name: 'Help' });
    expect(await dialog.isVisible()).toBe(false);
    await page.locator('body').press('?');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Keyboard shortcuts');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Help' }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.context().close();
  });

  it('moves between views with the arrow keys, one panel at a time', async () => {
    const { page } = await openPlayground(app.browser, app.server.baseUrl, '?backend=wasm');
    const tabs = page.getByRole('tablist', { name: 'Views' }).getByRole('tab');
    const names = await tabs.allTextContents();
    expect(names).toEqual([
      'Learning curves',
      'Meta-batch tasks',
      'One iteration',
      'Compare',
      'Inside the learner',
      'Save & export',
      'About MAML',
    ]);
    const first = tabs.first();
    expect(await first.getAttribute('aria-selected')).toBe('true');
    await first.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const compare = page.getByRole('tab', { name: 'Compare', exact: true });
    expect(await compare.getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Compare');
    await page.getByRole('region', { name: 'Compare algorithms' }).waitFor();
    expect(await page.getByRole('tabpanel').count()).toBe(1);
    await page.keyboard.press('End');
    await page.getByRole('region', { name: 'What is MAML?' }).waitFor();
    await page.keyboard.press('Home');
    expect(await first.getAttribute('aria-selected')).toBe('true');
    await page.context().close();
  });

  it('keeps the settings that matter most in sight and the rest under "More settings"', async () => {
    const { page } = await openPlayground(app.browser, app.server.baseUrl, '?backend=wasm');
    const panel = page.getByRole('region', { name: 'Experiment' });
    for (const name of ['Task family', 'Algorithm', 'Shots (K)', 'Meta-batch size']) {
      expect(await panel.getByLabel(name, { exact: true }).isVisible()).toBe(true);
    }
    const iterations = panel.getByRole('spinbutton', { name: 'Meta-iterations', exact: true });
    expect(await iterations.isVisible()).toBe(false);
    await panel.getByText('More settings').click();
    expect(await iterations.isVisible()).toBe(true);
    await page.context().close();
  });

  it('opens a comparison link on the comparison view', async () => {
    const { page } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?backend=wasm&compare=maml,fomaml&iterations=20',
    );
    const compare = page.getByRole('tab', { name: 'Compare', exact: true });
    expect(await compare.getAttribute('aria-selected')).toBe('true');
    await page.context().close();
  });
});
