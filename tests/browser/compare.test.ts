/**
 * Comparing algorithms in the real built app: the algorithms to compare are a setting like any
 * other (checkboxes that round-trip through the address), the run button says why it is disabled,
 * and a shared comparison link opens with its algorithms ticked, runs them side by side and ends
 * with overlaid curves and a table of results that names every algorithm.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseQuery, toQuery } from '../../src/core/config';
import { servedApp } from './lifecycle';
import { bringIntoView, chartFigure, drawnPaths, seriesAreas, seriesLines } from './chartsPage';
import { algorithmBox, compareView, runComparisonButton, scrollWidth } from './comparePage';
import { openPlayground, waitForBackend, waitForRun } from './playgroundPage';
import {
  control,
  controlsFor,
  readControls,
  readStore,
  showEveryControl,
} from './settingsControls';

const app = servedApp({ webgpu: false });

const ITERATIONS = 60;

describe('comparison view', () => {
  it('the algorithms to compare round-trip through the address, and Run says why it waits', async () => {
    const { page, pageErrors, context } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?backend=wasm&iterations=50',
    );
    await waitForBackend(page, 'wasm');
    await showEveryControl(page);
    const button = runComparisonButton(page);
    expect(await control(page, 'compare').count()).toBe(1);
    expect(await button.isDisabled()).toBe(true);
    expect(await button.getAttribute('aria-describedby')).toBeTruthy();
    await expect
      .poll(async () =>
        page.locator(`[id="${await button.getAttribute('aria-describedby')}"]`).textContent(),
      )
      .toBe('Choose at least 2 algorithms to compare.');
    // Algorithms are offered by name; the ones that cannot fit sine waves are disabled.
    expect(await algorithmBox(page, 'Prototypical networks').isDisabled()).toBe(true);
    const select = control(page, 'algorithm');
    expect(await select.locator('option:checked').textContent()).toBe('MAML');
    expect(await select.inputValue()).toBe('maml');

    await algorithmBox(page, 'Reptile').check();
    await expect.poll(async () => (await readStore(page)).settings.compare).toEqual(['reptile']);
    expect(await button.isDisabled()).toBe(true);
    await algorithmBox(page, 'MAML').check();
    // Committed in the setting's table order, whatever the order of the ticks.
    await expect
      .poll(async () => (await readStore(page)).settings.compare)
      .toEqual(['maml', 'reptile']);
    const chosen = {
      ...DEFAULT_CONFIG,
      iterations: 50,
      backend: 'wasm',
      compare: ['maml', 'reptile'],
    } as const;
    expect(new URL(page.url()).search).toBe(`?${toQuery(chosen)}`);
    expect(new URL(page.url()).searchParams.get('compare')).toBe('maml,reptile');
    expect(await button.isEnabled()).toBe(true);
    const before = (await readStore(page)).run.runId!;
    await button.click();
    const run = await waitForRun(page, (r) => r.state === 'finished', 120_000);
    expect(run.iteration).toBe(50);
    const store = await readStore(page);
    expect(store.run.config.compare).toEqual(['maml', 'reptile']);
    expect(store.run.runId).toBeGreaterThanOrEqual(before);
    // Once it has run, the button runs it again from the start.
    await button.click();
    await expect
      .poll(async () => (await readStore(page)).run.runId)
      .toBeGreaterThan(store.run.runId!);

    // The link holds the choice: a reload ticks the same boxes, and Back undoes the last tick.
    await page.reload();
    await waitForBackend(page, 'wasm');
    await showEveryControl(page);
    expect(await readControls(page)).toEqual(controlsFor(chosen));
    expect(await algorithmBox(page, 'MAML').isChecked()).toBe(true);
    expect(await algorithmBox(page, 'Reptile').isChecked()).toBe(true);
    expect(await algorithmBox(page, 'Meta-SGD').isChecked()).toBe(false);
    await page.goBack();
    await expect.poll(() => algorithmBox(page, 'MAML').isChecked()).toBe(false);
    expect((await readStore(page)).settings.compare).toEqual(['reptile']);
    await algorithmBox(page, 'Reptile').uncheck();
    await expect.poll(async () => (await readStore(page)).settings.compare).toEqual([]);
    expect(new URL(page.url()).searchParams.get('compare')).toBe('none');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('a comparison link opens ticked, waits for a click, runs, and ends with overlaid curves and a results table', async () => {
    const query =
      `?backend=wasm&compare=maml,reptile&iterations=${ITERATIONS}&metaBatch=5` +
      '&evalTasks=20&seed=3';
    const opened = await openPlayground(app.browser, app.server.baseUrl, query);
    const { page, pageErrors, consoleErrors, context } = opened;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: app.server.baseUrl,
    });
    expect(await algorithmBox(page, 'MAML').isChecked()).toBe(true);
    expect(await algorithmBox(page, 'Reptile').isChecked()).toBe(true);
    expect(await algorithmBox(page, 'First-order MAML').isChecked()).toBe(false);

    // A shared comparison shows what it will run and waits for a click.
    await expect
      .poll(() => compareView(page).getByText('Ready: nothing trains until you press').count(), {
        timeout: 60_000,
      })
      .toBe(1);
    await page.waitForTimeout(1000);
    expect((await readStore(page)).run.iteration).toBe(0);
    await runComparisonButton(page).click();
    await waitForRun(page, (run) => run.iteration > 0, 120_000);
    expect((await readStore(page)).run.config.compare).toEqual(['maml', 'reptile']);
    // A comparison draws in its own view; the single-run charts give way to it.
    expect(await chartFigure(page, 'held-out').count()).toBe(0);
    await bringIntoView(chartFigure(page, 'compare-loss'));
    const lossLines = seriesLines(chartFigure(page, 'compare-loss'), 'compare-loss-line');
    await expect.poll(() => drawnPaths(lossLines), { timeout: 60_000 }).toBe(2);

    await waitForRun(page, (run) => run.state === 'finished', 170_000);
    const table = compareView(page).getByRole('table');
    await expect
      .poll(() => table.locator('caption').textContent(), { timeout: 60_000 })
      .toBe(`Held-out results at iteration ${ITERATIONS}, on 20 new tasks`);
    const rows = await table.locator('tbody').getByRole('rowheader').allTextContents();
    expect(rows).toEqual(['MAML', 'Reptile', 'Pretrained', 'Scratch']);
    // Each loss column marks its lowest mean in words, not by colour alone.
    const columns = (await table.locator('thead th').allTextContents()).filter((title) =>
      title.startsWith('Loss'),
    );
    expect(columns).toEqual(['Loss before adapting', 'Loss after 1 step', 'Loss after 10 steps']);
    expect(await table.getByText('(lowest)').count()).toBeGreaterThanOrEqual(columns.length);
    for (const row of await table.locator('tbody tr').all()) {
      const cells = await row.getByRole('cell').allTextContents();
      for (const cell of cells.slice(1, 4)) expect(cell).toMatch(/^[\d.e+-]+ ± [\d.e+-]+/);
    }

    // Every algorithm and both baselines adapt on the same chart, each with its band.
    const adaptation = chartFigure(page, 'compare-adaptation');
    await bringIntoView(adaptation);
    await expect.poll(() => drawnPaths(seriesLines(adaptation, 'compare-line'))).toBe(4);
    expect(await seriesAreas(adaptation, 'compare-band').count()).toBe(4);
    const legend = await adaptation.getByRole('list', { name: 'Legend' }).textContent();
    for (const name of ['MAML', 'Reptile', 'Pretrained', 'Scratch', '95% interval']) {
      expect(legend).toContain(name);
    }

    // The comparison's own link is this experiment's link.
    await page.getByRole('button', { name: 'Copy comparison link', exact: true }).click();
    await compareView(page).getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
    const copied = await page.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
    expect(new URL(copied).searchParams.get('compare')).toBe('maml,reptile');
    expect(new URL(copied).search).toBe(`?${toQuery(parseQuery(query).config)}`);

    // At 768 wide the view still fits: the table scrolls inside its own box.
    await page.setViewportSize({ width: 768, height: 900 });
    await page.waitForTimeout(500);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(768);

    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 300_000);
});
