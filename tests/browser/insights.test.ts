/**
 * The learner's insights in the real built app: the task-relations heatmap explains itself before
 * training and then draws an n x n grid of cosines in [-1, 1] that the keyboard and the pointer
 * can explore, without stalling the page; Meta-SGD and MAML++ show their learned inner rates,
 * and multi-task learning with uncertainty weighting each task's sigma beside its noise.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readStalls } from '../../src/cli/browser/harness';
import { servedApp } from './lifecycle';
import { bringIntoView, chartFigure as figure, openView, seriesMarkers } from './chartsPage';
import { readHeatmap, relationsGrid } from './comparePage';
import { openPlayground, readRun, waitForBackend, type PageGlobals } from './playgroundPage';

const app = servedApp({ webgpu: false });

const insightsPanel = 'section.insights';

interface Seen {
  __insightsSeen?: { count: number };
}

/** From now on, counts the insights pictures the worker sends the page. */
async function countInsightsPictures(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen = { count: 0 };
    (globalThis as unknown as Seen).__insightsSeen = seen;
    (globalThis as unknown as PageGlobals).playground!.client.listen((event) => {
      if (event.type === 'insights') seen.count += 1;
    });
  });
}

function insightsPictures(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as Seen).__insightsSeen?.count ?? 0);
}

describe('insights', () => {
  it('the task-relations heatmap draws an n x n grid of cosines once training starts', async () => {
    const metaBatch = 12;
    const { page, pageErrors, context } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      `?backend=wasm&metaBatch=${metaBatch}&iterations=100000`,
    );
    await waitForBackend(page, 'wasm');
    await openView(page, 'Inside the learner');
    const panel = page.locator(insightsPanel);
    expect(await panel.textContent()).toContain('Task relations appear after the first iteration.');
    expect(await relationsGrid(page).count()).toBe(0);

    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect
      .poll(async () => (await readHeatmap(page)).cells.length, { timeout: 60_000 })
      .toBe(metaBatch * metaBatch);
    // Redrawn about once a second while training, and the page stays free meanwhile (measured
    // before the checks below, whose searches by role run in the page too).
    const quietFrom = await page.evaluate(() => performance.now());
    const firstCells = (await readHeatmap(page)).cells.join(',');
    await countInsightsPictures(page);
    await page.waitForTimeout(4000);
    // The worker sends them unasked while the view is shown, about once a second.
    expect(await insightsPictures(page)).toBeGreaterThanOrEqual(2);
    const stalls = await readStalls(page, quietFrom);
    expect(stalls).toEqual([]);
    expect((await readHeatmap(page)).cells.join(',')).not.toBe(firstCells);

    const { labels, cells } = await readHeatmap(page);
    expect(labels).toHaveLength(metaBatch);
    for (const value of cells) {
      expect(Number.isFinite(value)).toBe(true);
      expect(Math.abs(value)).toBeLessThanOrEqual(1 + 1e-6);
    }
    // A task's gradient is perfectly alike itself; the matrix is symmetric.
    for (let i = 0; i < metaBatch; i += 1) {
      expect(cells[i * metaBatch + i]).toBeCloseTo(1, 4);
      for (let j = 0; j < i; j += 1) {
        expect(cells[i * metaBatch + j]).toBeCloseTo(cells[j * metaBatch + i]!, 4);
      }
    }

    // The keyboard walks the grid: one tab stop, arrow keys between cells, the details follow.
    const grid = relationsGrid(page);
    const first = grid.getByRole('gridcell').first();
    expect(await first.getAttribute('tabindex')).toBe('0');
    await first.focus();
    await page.keyboard.press('ArrowRight');
    const details = panel.locator('.heat-details');
    await expect.poll(() => details.textContent()).toMatch(/task 1 and task 2: cosine/);
    expect(await details.textContent()).toMatch(/amplitude/i);
    await page.keyboard.press('Home');
    expect(
      await page.evaluate(() =>
        (
          globalThis as unknown as {
            document: { activeElement: { getAttribute(n: string): string | null } };
          }
        ).document.activeElement.getAttribute('role'),
      ),
    ).toBe('rowheader');
    // Pointing at a task's label shows what defines it.
    await grid.getByRole('rowheader').nth(2).hover();
    await expect.poll(() => details.textContent()).toMatch(/^task 3/);

    // Hidden, the view wants no more: training goes on, and no picture comes after the last.
    await openView(page, 'Learning curves');
    await page.waitForTimeout(1000);
    const hiddenAt = { pictures: await insightsPictures(page), run: await readRun(page) };
    await page.waitForTimeout(3000);
    expect((await readRun(page)).iteration).toBeGreaterThan(hiddenAt.run.iteration);
    expect(await insightsPictures(page)).toBe(hiddenAt.pictures);

    expect(pageErrors).toEqual([]);
    await context.close();
  }, 240_000);

  it('Meta-SGD shows its learned inner learning rates per layer against the initial rate', async () => {
    const { page, pageErrors, context } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?backend=wasm&algorithm=metasgd&metaBatch=5&iterations=100000',
    );
    await waitForBackend(page, 'wasm');
    await openView(page, 'Inside the learner');
    const rates = figure(page, 'inner-rates');
    await bringIntoView(rates);
    expect(await rates.textContent()).toContain(
      'The learned rates appear after the first iteration.',
    );
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    // Hidden layers 40,40: weights and bias of three layers, one bar each. The chart redraws while
    // in view, and the heatmap above it grows once training starts: it is brought into view again
    // on every look.
    await expect
      .poll(
        async () => {
          await bringIntoView(rates);
          return rates.locator('path.rates-bar').count();
        },
        { timeout: 60_000 },
      )
      .toBe(6);
    expect(await rates.locator('g.rates-initial').count()).toBe(1);
    expect(await rates.getByRole('list', { name: 'Legend' }).textContent()).toContain(
      'Initial rate (0.01)',
    );
    expect(await rates.locator('figcaption').textContent()).toMatch(
      /layer 1 weights: mean \|rate\|/,
    );
    expect(await rates.textContent()).toContain('Meta-SGD: learned inner learning rates');
    expect(await figure(page, 'uncertainty').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 180_000);

  it('MAML++ shows one learned rate per layer and inner step, named after itself', async () => {
    const { page, pageErrors, context } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?backend=wasm&algorithm=mamlpp&innerSteps=2&metaBatch=5&iterations=100000',
    );
    await waitForBackend(page, 'wasm');
    await openView(page, 'Inside the learner');
    const rates = figure(page, 'inner-rates');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    // Weights and bias of three layers at each of two inner steps: twelve rows.
    await expect
      .poll(
        async () => {
          await bringIntoView(rates);
          return rates.locator('path.rates-bar').count();
        },
        { timeout: 60_000 },
      )
      .toBe(12);
    expect(await rates.textContent()).toContain('MAML++ (LSLR): learned inner learning rates');
    expect(await rates.locator('figcaption').textContent()).toMatch(/step 2, layer 1 weights/);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 180_000);

  it('multi-task learning shows each task sigma beside its true noise, with its weight', async () => {
    const tasks = 4;
    const { page, pageErrors, context } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      `?backend=wasm&algorithm=multitask&mtlTasks=${tasks}&weighting=uncertainty&taskNoise=1.5` +
        '&iterations=100000',
    );
    await waitForBackend(page, 'wasm');
    await openView(page, 'Inside the learner');
    const uncertainty = figure(page, 'uncertainty');
    expect(await uncertainty.count()).toBe(1);
    await bringIntoView(uncertainty);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect
      .poll(
        async () => {
          await bringIntoView(uncertainty);
          return seriesMarkers(uncertainty, 'uncertainty-sigma', 'sigma').count();
        },
        { timeout: 60_000 },
      )
      .toBe(tasks);
    expect(await seriesMarkers(uncertainty, 'uncertainty-noise', 'noise').count()).toBe(tasks);
    expect(await uncertainty.locator('figcaption').textContent()).toMatch(
      /sigma [\d.]+ for noise [\d.]+, weight [\d.]+/,
    );
    // Its task relations compare the fixed training tasks with one another.
    await expect
      .poll(async () => (await readHeatmap(page)).labels.length, { timeout: 30_000 })
      .toBe(tasks);
    expect(await figure(page, 'inner-rates').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 180_000);
});
