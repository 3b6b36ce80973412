/**
 * The live charts in the real built app: the loss chart draws new points while the run trains,
 * the held-out evaluations arrive on their own (the page schedules them) and fill the adaptation
 * chart, the page keeps free of long tasks with every chart live, the charts follow the layout's
 * width, and a short run ends with MAML adapting better than both baselines.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readLongTasks } from '../../src/cli/browser/harness';
import { servedApp } from './lifecycle';
import { openPlayground, statusBar, waitForBackend, waitForRun } from './playgroundPage';

const app = servedApp({ webgpu: false });

const LOSS_LINE = 'figure[data-chart="loss"] path.loss-raw-line';
const ADAPTATION_LINES = 'figure[data-chart="adaptation"] path.adaptation-line';

/** Vertices of the loss chart's raw line (0 while the chart is still empty). */
async function lossLinePoints(page: Page): Promise<number> {
  const line = page.locator(LOSS_LINE);
  if ((await line.count()) === 0) return 0;
  const d = (await line.getAttribute('d')) ?? '';
  return (d.match(/[ML]/g) ?? []).length;
}

/** The iteration the status bar shows. */
async function statusIteration(page: Page): Promise<number> {
  const text = (await statusBar(page).textContent()) ?? '';
  const match = /Iteration (\d+) \//.exec(text);
  if (match === null) throw new Error(`no iteration in the status bar: ${text}`);
  return Number(match[1]);
}

/** Curves drawn in the adaptation chart that have at least two vertices. */
async function adaptationCurves(page: Page): Promise<number> {
  const paths = await page.locator(ADAPTATION_LINES).all();
  let drawn = 0;
  for (const path of paths) {
    const d = (await path.getAttribute('d')) ?? '';
    if ((d.match(/L/g) ?? []).length >= 1) drawn += 1;
  }
  return drawn;
}

async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeout: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Curve {
  mean: number[];
  ci95: number[];
}
interface EvaluationView {
  iteration: number;
  tasks: number;
  maml: Curve;
  pretrained: Curve;
  scratch: Curve;
}

/** The held-out evaluations the page has received, oldest first. */
async function readEvaluations(page: Page): Promise<EvaluationView[]> {
  return page.evaluate(() => {
    interface Store {
      getState(): {
        evaluations: {
          points: { iteration: number; evaluation: Omit<EvaluationView, 'iteration'> }[];
        };
      };
    }
    const api = (globalThis as unknown as { playground?: { store: Store } }).playground;
    if (!api) throw new Error('window.playground is missing');
    return api.store
      .getState()
      .evaluations.points.map(({ iteration, evaluation }) => ({ iteration, ...evaluation }));
  });
}

/** Width of each chart's drawing and of the figure around it, and the page's scroll width. */
async function chartWidths(page: Page) {
  const figures = await page.locator('figure.chart').all();
  const widths = [];
  for (const figure of figures) {
    const box = await figure.boundingBox();
    const svg = await figure.locator('svg.plot').first().boundingBox();
    widths.push({ figure: box?.width ?? 0, svg: svg?.width ?? 0 });
  }
  const scrollWidth = await page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
        .documentElement.scrollWidth,
  );
  return { widths, scrollWidth };
}

describe('charts', () => {
  it('draw live while training, without long tasks, and follow the layout', async () => {
    const { page, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?backend=wasm&iterations=3000',
    );
    await waitForBackend(page, 'wasm');
    // The page evaluates the starting point as soon as the run is ready.
    await waitFor(
      () => adaptationCurves(page),
      (n) => n === 3,
      60_000,
      'three adaptation curves',
    );
    expect(await lossLinePoints(page)).toBe(0);

    const started = await page.evaluate(() => performance.now());
    const startedAt = Date.now();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const early = await waitFor(
      async () => ({ iteration: await statusIteration(page), points: await lossLinePoints(page) }),
      (v) => v.iteration > 0 && v.points >= 2,
      10_000,
      'the first points of the loss line',
    );
    await page.waitForTimeout(1500);
    const later = {
      iteration: await statusIteration(page),
      points: await lossLinePoints(page),
    };
    expect(later.iteration).toBeGreaterThan(early.iteration);
    expect(later.points).toBeGreaterThan(early.points);
    // Drawn from a few hundred points however long the run.
    expect(later.points).toBeLessThanOrEqual(600);

    await page.waitForTimeout(Math.max(0, startedAt + 5000 - Date.now()));
    const longTasks = (await readLongTasks(page)).filter((task) => task.startTime >= started);
    expect(longTasks).toEqual([]);
    expect(await adaptationCurves(page)).toBe(3);
    expect(await statusIteration(page)).toBeGreaterThan(later.iteration);

    // Two charts a row at 1280 wide, one at 768; never wider than their figure or the page.
    const wide = await chartWidths(page);
    expect(wide.widths).toHaveLength(4);
    for (const { figure, svg } of wide.widths) {
      expect(svg).toBeGreaterThan(400);
      expect(svg).toBeLessThan(figure + 1);
      expect(figure).toBeLessThan(640);
    }
    await page.setViewportSize({ width: 768, height: 720 });
    await page.waitForTimeout(800);
    const narrow = await chartWidths(page);
    for (const [i, { figure, svg }] of narrow.widths.entries()) {
      expect(figure).toBeGreaterThan(wide.widths[i]!.figure);
      expect(svg).toBeGreaterThan(wide.widths[i]!.svg);
      expect(svg).toBeLessThan(figure + 1);
    }
    expect(narrow.scrollWidth).toBeLessThanOrEqual(768);

    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('a short run ends with a full evaluation where MAML beats both baselines after one step', async () => {
    const { page, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?backend=wasm&iterations=1500&evalTasks=200',
    );
    await waitForBackend(page, 'wasm');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForRun(page, (run) => run.state === 'finished', 170_000);
    const evaluations = await waitFor(
      () => readEvaluations(page),
      (points) => points.at(-1)?.iteration === 1500 && points.at(-1)?.tasks === 200,
      60_000,
      'the final evaluation',
    );
    // The starting point, some during the run (on 100 of the 200 tasks), and the final one.
    expect(evaluations[0]!.iteration).toBe(0);
    const interim = evaluations.slice(1, -1);
    expect(interim.length).toBeGreaterThanOrEqual(1);
    expect(interim.length).toBeLessThanOrEqual(21);
    for (const point of interim) expect(point.tasks).toBe(100);

    const final = evaluations.at(-1)!;
    expect(final.maml.mean[1]).toBeLessThan(final.pretrained.mean[1]!);
    expect(final.maml.mean[1]).toBeLessThan(final.scratch.mean[1]!);

    const adaptation = page.locator('figure[data-chart="adaptation"]');
    await expect.poll(() => adaptation.textContent()).toMatch(/200 new tasks, at iteration 1,500/);
    expect(await adaptationCurves(page)).toBe(3);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 240_000);
});
