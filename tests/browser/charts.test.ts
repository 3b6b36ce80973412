/**
 * The live recharts charts in the real built app: the loss chart draws new points while the run
 * trains, the held-out evaluations arrive on their own (the worker schedules them) and fill the
 * adaptation chart, the page never stalls (no task over 100 ms) with every chart live, the charts follow the
 * layout's width, and a short run ends with MAML adapting better than both baselines. The main
 * chart on the first screen is recharts too: it redraws a few times a second while training, a
 * chart out of view does not, and it switches to the adaptation view from the keyboard.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { COLD_START_MS, readStalls } from '../../src/cli/browser/harness';
import {
  PRETRAINED,
  SCRATCH,
  baselineCurves,
  leadCurves,
  type Evaluation,
} from '../../src/core/results/evaluation';
import { MAX_LOSS_POINTS } from '../../src/ui/charts/lossCurve';
import {
  bringIntoView,
  chartFigure,
  drawnPaths,
  seriesAreas,
  seriesMarkers,
  seriesLines,
  vertices,
} from './chartsPage';
import { servedApp } from './lifecycle';
import { openPlayground, statusBar, waitForBackend, waitForRun, waitUntil } from './playgroundPage';

const app = servedApp({ webgpu: false });

/** The detailed charts of the "Learning curves" view. */
function panelChart(page: Page, name: string) {
  return page.locator(`section.charts figure[data-chart="${name}"]`);
}

/** Vertices of the loss chart's raw line (0 while the chart is still empty). */
function lossLinePoints(page: Page): Promise<number> {
  return vertices(seriesLines(panelChart(page, 'loss'), 'loss-raw-line'));
}

/** Curves drawn in the adaptation chart that have at least two vertices. */
function adaptationCurves(page: Page): Promise<number> {
  return drawnPaths(seriesLines(panelChart(page, 'adaptation'), 'adaptation-line'));
}

/** The iteration the status bar shows. */
async function statusIteration(page: Page): Promise<number> {
  const text = (await statusBar(page).textContent()) ?? '';
  const match = /Iteration ([\d,]+) \//.exec(text);
  if (match === null) throw new Error(`no iteration in the status bar: ${text}`);
  return Number(match[1]!.replaceAll(',', ''));
}

interface Curve {
  mean: number[];
  ci95: number[];
}
interface EvaluationView {
  iteration: number;
  tasks: number;
  /** The run's (first) learner, then the baselines, each read by id. */
  learner: Curve;
  pretrained: Curve;
  scratch: Curve;
}

/** The held-out evaluations the page has received, oldest first. */
async function readEvaluations(page: Page): Promise<EvaluationView[]> {
  const points = await page.evaluate(() => {
    interface Store {
      getState(): { evaluations: { points: { iteration: number; evaluation: Evaluation }[] } };
    }
    const api = (globalThis as unknown as { playground?: { store: Store } }).playground;
    if (!api) throw new Error('window.playground is missing');
    return api.store.getState().evaluations.points;
  });
  return points.map(({ iteration, evaluation }) => ({
    iteration,
    tasks: evaluation.tasks,
    learner: leadCurves(evaluation).loss,
    pretrained: baselineCurves(evaluation, PRETRAINED).loss,
    scratch: baselineCurves(evaluation, SCRATCH).loss,
  }));
}

/** Width of each detailed chart's drawing and of the figure around it, and the page's width. */
async function chartWidths(page: Page) {
  const figures = await page.locator('section.charts figure.chart').all();
  const widths = [];
  for (const figure of figures) {
    const box = await figure.boundingBox();
    const svg = await figure.locator('svg.recharts-surface').first().boundingBox();
    widths.push({ figure: box?.width ?? 0, svg: svg?.width ?? 0 });
  }
  const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
  return { widths, scrollWidth };
}

/**
 * Counts, in the page, how often the `d` of the first path matching `selector` changes from now
 * on (looked at every 50 ms: recharts may replace the path element when it redraws); read the
 * count back with `readChanges`.
 */
async function countChanges(page: Page, selector: string): Promise<void> {
  await page.evaluate(`(() => {
    const read = () => document.querySelector(${JSON.stringify(selector)})?.getAttribute('d');
    let last = read();
    window.__dChanges = 0;
    setInterval(() => {
      const now = read();
      if (now !== last) window.__dChanges += 1;
      last = now;
    }, 50);
  })()`);
}

async function readChanges(page: Page): Promise<number> {
  return await page.evaluate<number>('window.__dChanges');
}

describe('charts', () => {
  it('draw live while training, without stalling the page, and follow the layout', async () => {
    const { page, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?backend=wasm&iterations=3000',
    );
    await page.setViewportSize({ width: 1280, height: 720 });
    await waitForBackend(page, 'wasm');
    // The worker evaluates the starting point as soon as the run is ready.
    await bringIntoView(panelChart(page, 'adaptation'));
    await waitUntil(
      () => adaptationCurves(page),
      (n) => n === 3,
      60_000,
      'three adaptation curves',
    );
    expect(await seriesAreas(panelChart(page, 'adaptation'), 'adaptation-band').count()).toBe(3);
    await bringIntoView(panelChart(page, 'loss'));
    expect(await lossLinePoints(page)).toBe(0);

    // Training, with the first screen in view: the main chart and the function view are live.
    await page.evaluate('window.scrollTo(0, 0)');
    const started = await page.evaluate<number>('performance.now()');
    const startedAt = Date.now();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const mainLine = seriesLines(chartFigure(page, 'main'), 'main-raw-line');
    const early = await waitUntil(
      async () => ({ iteration: await statusIteration(page), points: await vertices(mainLine) }),
      (v) => v.iteration > 0 && v.points >= 2,
      10_000,
      'the first points of the main chart',
    );
    // The charts' first redraws run code the engine has not compiled yet (see COLD_START_MS).
    const warm = (await page.evaluate<number>('performance.now()')) + COLD_START_MS;
    await page.waitForTimeout(1500);
    const later = { iteration: await statusIteration(page), points: await vertices(mainLine) };
    expect(later.iteration).toBeGreaterThan(early.iteration);
    expect(later.points).toBeGreaterThan(early.points);
    await page.waitForTimeout(Math.max(0, startedAt + 5000 - Date.now()));
    const stalls = await readStalls(page, started, warm);
    expect(stalls).toEqual([]);

    // The detailed loss chart, out of view meanwhile, has not drawn; brought into view it catches
    // up, drawn from a couple of hundred points however long the run.
    expect(await lossLinePoints(page)).toBe(0);
    await bringIntoView(panelChart(page, 'loss'));
    await expect.poll(() => lossLinePoints(page), { timeout: 5000 }).toBeGreaterThan(2);
    expect(await lossLinePoints(page)).toBeLessThanOrEqual(MAX_LOSS_POINTS);
    expect(await statusIteration(page)).toBeGreaterThan(later.iteration);

    // Every drawing is as wide as its figure, and follows it when the window narrows.
    const wide = await chartWidths(page);
    expect(wide.widths.length).toBeGreaterThanOrEqual(3);
    for (const { figure, svg } of wide.widths) {
      expect(svg).toBeGreaterThan(300);
      expect(svg).toBeGreaterThan(figure - 2);
      expect(svg).toBeLessThan(figure + 1);
    }
    await page.setViewportSize({ width: 768, height: 720 });
    await page.waitForTimeout(800);
    const narrow = await chartWidths(page);
    for (const [i, { figure, svg }] of narrow.widths.entries()) {
      expect(figure).not.toBe(wide.widths[i]!.figure);
      expect(svg).toBeGreaterThan(figure - 2);
      expect(svg).toBeLessThan(figure + 1);
    }
    expect(narrow.scrollWidth).toBeLessThanOrEqual(768);

    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('the main chart is recharts, redraws a few times a second while training, and switches views', async () => {
    const { page, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?backend=wasm&iterations=100000',
    );
    await page.setViewportSize({ width: 1280, height: 720 });
    await waitForBackend(page, 'wasm');
    const main = chartFigure(page, 'main');
    // The starting point's held-out check: the learner and the pretrained baseline, one marker each.
    const learnerMarkers = seriesMarkers(main, 'main-held-out-learner', 'learner');
    await expect.poll(() => learnerMarkers.count(), { timeout: 60_000 }).toBe(1);
    expect(await seriesMarkers(main, 'main-held-out-pretrained', 'pretrained').count()).toBe(1);
    expect(await main.locator('.recharts-wrapper svg.recharts-surface').count()).toBe(1);

    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const raw = seriesLines(main, 'main-raw-line');
    await expect.poll(() => vertices(raw), { timeout: 15_000 }).toBeGreaterThan(2);
    const first = await vertices(raw);
    await page.waitForTimeout(2000);
    expect(await vertices(raw)).toBeGreaterThan(first);
    expect(await vertices(seriesLines(main, 'main-smooth-line'))).toBeGreaterThan(first);

    // Redrawn between once and four times a second, not on each of the worker's reports; a
    // detailed chart out of view meanwhile is not redrawn at all.
    const hidden = panelChart(page, 'loss');
    const hiddenBox = await hidden.boundingBox();
    expect(hiddenBox === null || hiddenBox.y > 720).toBe(true);
    const hiddenBefore = await vertices(seriesLines(hidden, 'loss-raw-line'));
    await countChanges(page, 'figure[data-chart="main"] g.main-raw-line path.recharts-line-curve');
    await page.waitForTimeout(5000);
    const changes = await readChanges(page);
    expect(changes).toBeGreaterThanOrEqual(4);
    expect(changes).toBeLessThanOrEqual(22);
    expect(await vertices(seriesLines(hidden, 'loss-raw-line'))).toBe(hiddenBefore);

    // The view switch is a radio group: the arrow key moves to the adaptation curves.
    const training = main.getByRole('radio', { name: 'Training', exact: true });
    expect(await training.isChecked()).toBe(true);
    await training.focus();
    await page.keyboard.press('ArrowRight');
    const adaptation = main.getByRole('radio', { name: 'Adaptation', exact: true });
    await expect.poll(() => adaptation.isChecked()).toBe(true);
    expect(await page.evaluate<string>('document.activeElement?.getAttribute("value")')).toBe(
      'adaptation',
    );
    await expect
      .poll(() => drawnPaths(seriesLines(main, 'adaptation-line')), { timeout: 30_000 })
      .toBe(3);
    expect(await seriesAreas(main, 'adaptation-band').count()).toBe(3);
    expect(await seriesLines(main, 'main-raw-line').count()).toBe(0);
    expect(await main.getByRole('heading').textContent()).toBe('Adapting to new tasks');
    expect(await main.getByRole('list', { name: 'Legend' }).textContent()).toContain(
      '95% interval',
    );
    expect(await main.locator('figcaption').textContent()).toMatch(
      /new tasks, after 1 step: MAML [\d.]+ ± [\d.]+, pretrained/,
    );

    await main.getByRole('radio', { name: 'Training', exact: true }).check();
    await expect.poll(() => vertices(seriesLines(main, 'main-raw-line'))).toBeGreaterThan(2);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('a short run ends with a full evaluation where MAML beats both baselines after one step', async () => {
    const { page, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?backend=wasm&iterations=1500&evalTasks=200',
    );
    await waitForBackend(page, 'wasm');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForRun(page, (run) => run.state === 'finished', 170_000);
    const evaluations = await waitUntil(
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
    expect(final.learner.mean[1]).toBeLessThan(final.pretrained.mean[1]!);
    expect(final.learner.mean[1]).toBeLessThan(final.scratch.mean[1]!);

    const adaptation = panelChart(page, 'adaptation');
    await bringIntoView(adaptation);
    await expect.poll(() => adaptation.textContent()).toMatch(/200 new tasks, at iteration 1,500/);
    expect(await adaptationCurves(page)).toBe(3);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 240_000);
});
