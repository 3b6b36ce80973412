/**
 * Several seeds in the real built app, on WASM: Start trains seed 7, 8 and 9 one after another,
 * the status says which; each seed's losses and final evaluation are exactly those of a page run
 * of that seed alone; the adaptation chart draws the mean over seeds with a 95% interval across
 * seeds (the runner's summary of the seeds' runs made alone), "Show each seed" adds one line per
 * seed there and faint training curves beside the last seed's, the CSV holds what is drawn, and
 * the results file holds every seed's run. A comparison tables each learner's mean across seeds,
 * and the runner's file of two seeds opens as their mean.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { acrossSeeds } from '../../src/core/results/acrossSeeds';
import type { Evaluation } from '../../src/core/results/evaluation';
import { readResults } from '../../src/core/results/resultsFile';
import { formatSpread, formatValue } from '../../src/ui/charts/format';
import { csvRecords } from '../helpers/csvRecords';
import { runCli } from '../helpers/runCli';
import { bringIntoView, chartFigure, openView, seriesLines } from './chartsPage';
import { compareView, runComparisonButton, scrollWidth } from './comparePage';
import { servedApp } from './lifecycle';
import { openPlayground, waitForBackend, waitUntil } from './playgroundPage';

const app = servedApp({ webgpu: false });

const SETTINGS = 'task=sinusoid&algorithm=maml&backend=wasm&iterations=12&evalTasks=10';
const SEEDS = [7, 8, 9];

interface Curve {
  readonly mean: number[];
  readonly ci95: number[];
}
interface ModelView {
  readonly id: string;
  readonly loss: Curve;
}
interface SeedView {
  readonly seed: number;
  readonly losses: number[];
  readonly models: ModelView[] | null;
}

/** Reads the page's store (window.playground), as a researcher could from devtools. */
function readSeeds(page: Page) {
  return page.evaluate(() => {
    interface Evaluation {
      tasks: number;
      models: { id: string; loss: { mean: number[]; ci95: number[] } }[];
    }
    interface State {
      run: { state: string; iteration: number };
      series: { metaTrainLoss: { values: Float32Array; stride: number } };
      evaluations: { points: { iteration: number; evaluation: Evaluation }[] };
      seeds: {
        index: number;
        finished: {
          run: { seed: number; metaTrainLoss: number[]; evaluation: Evaluation | null };
        }[];
      };
    }
    const api = (globalThis as unknown as { playground: { store: { getState(): State } } })
      .playground;
    const state = api.store.getState();
    const strip = (evaluation: Evaluation | null) =>
      evaluation === null
        ? null
        : evaluation.models.map(({ id, loss }) => ({
            id,
            loss: { mean: loss.mean, ci95: loss.ci95 },
          }));
    const latest = state.evaluations.points.at(-1);
    return {
      state: state.run.state,
      iteration: state.run.iteration,
      losses: Array.from(state.series.metaTrainLoss.values),
      latest: latest
        ? {
            iteration: latest.iteration,
            tasks: latest.evaluation.tasks,
            models: strip(latest.evaluation),
          }
        : null,
      finished: state.seeds.finished.map(({ run }) => ({
        seed: run.seed,
        losses: run.metaTrainLoss,
        models: strip(run.evaluation),
      })),
    };
  });
}

/** Trains seed `seed` alone (seeds=1) to the end and returns its losses and final evaluation. */
async function aloneRun(seed: number): Promise<SeedView> {
  const { page, pageErrors, context } = await openPlayground(
    app.browser,
    app.server.baseUrl,
    `?${SETTINGS}&seed=${seed}&seeds=1`,
  );
  await waitForBackend(page, 'wasm');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const done = await waitUntil(
    () => readSeeds(page),
    (view) =>
      view.state === 'finished' && view.latest?.iteration === 12 && view.latest.tasks === 10,
    60_000,
    `seed ${seed} trained alone`,
  );
  expect(pageErrors).toEqual([]);
  await context.close();
  return { seed, losses: done.losses, models: done.latest!.models };
}

/**
 * Every text the seeds status line shows, in order, recorded in the page as it changes (a string,
 * run in the page: Node's type-check has no DOM).
 */
const RECORD_STATUSES = `(() => {
  const seen = [];
  globalThis.seenStatuses = seen;
  const note = () => {
    const text = document.querySelector('.seeds-status')?.textContent ?? '';
    if (text !== '' && seen.at(-1) !== text) seen.push(text);
  };
  note();
  new MutationObserver(note).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
  });
})()`;

async function download(page: Page, press: () => Promise<void>): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), press()]);
  return readFile(await file.path(), 'utf8');
}

function learnerLoss(models: readonly ModelView[]): Curve {
  return models[0]!.loss;
}

function adaptationChart(page: Page): Locator {
  return page.locator('section.charts figure[data-chart="adaptation"]');
}

describe('several seeds on the page', () => {
  it('trains each seed as alone, shows the mean across seeds and writes every seed', async () => {
    const { page, pageErrors, context } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      `?${SETTINGS}&seed=7&seeds=3`,
    );
    await waitForBackend(page, 'wasm');
    const status = page.getByRole('status').filter({ hasText: /^Seed \d of 3|^All 3 seeds/ });
    await expect.poll(() => status.textContent()).toBe('Seed 1 of 3 (seed 7)');
    await page.evaluate(RECORD_STATUSES);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await status
      .filter({ hasText: 'All 3 seeds done (seeds 7 to 9)' })
      .waitFor({ timeout: 90_000 });
    const seen = await page.evaluate(
      () => (globalThis as unknown as { seenStatuses: string[] }).seenStatuses,
    );
    expect(seen).toEqual([
      'Seed 1 of 3 (seed 7)',
      'Seed 2 of 3 (seed 8)',
      'Seed 3 of 3 (seed 9)',
      'All 3 seeds done (seeds 7 to 9)',
    ]);
    const several = await readSeeds(page);
    expect(several.finished.map((seed) => seed.seed)).toEqual(SEEDS);

    // Each seed exactly as a run of that seed alone: the same losses, the same held-out numbers.
    const alone: SeedView[] = [];
    for (const seed of SEEDS) alone.push(await aloneRun(seed));

    for (const [k, seed] of several.finished.entries()) {
      expect(seed.losses).toHaveLength(12);
      expect(seed.losses).toEqual(alone[k]!.losses);
      expect(seed.models).toEqual(alone[k]!.models);
    }

    // The chart: the mean over the three seeds with a t interval across them, computed here.
    await openView(page, 'Learning curves');
    const chart = adaptationChart(page);
    await bringIntoView(chart);
    await expect
      .poll(() => chart.textContent(), { timeout: 30_000 })
      .toContain('mean over 3 seeds with a 95% interval across seeds');
    const title = ((await chart.locator('.chart-title').first().textContent()) ?? '').trim();
    const csvButton = page.getByRole('button', { name: `Download CSV of ${title}`, exact: true });
    const [header, ...records] = csvRecords(await download(page, () => csvButton.click()));
    const learnerMean = header!.findIndex((name) => name.includes('mean held-out loss'));
    const perStep = records.map((record) => record.map(Number));
    const independent = alone.map((run) => learnerLoss(run.models!));
    for (const [step, line] of perStep.entries()) {
      const expected = acrossSeeds(independent.map((curve) => curve.mean[step]!));
      expect(line[learnerMean]).toBeCloseTo(expected.mean, 12);
      // Interval high (the low end may be clamped to the log axis).
      expect(line[learnerMean + 2]! - line[learnerMean]!).toBeCloseTo(expected.ci95, 10);
    }

    // "Show each seed" (a labelled checkbox, by keyboard) adds one line per seed, in the CSV too.
    const seedLines = seriesLines(chart, 'adaptation-seed-line');
    const allLines = chart.locator('path.recharts-line-curve');
    const linesBefore = await allLines.count();
    expect(await seedLines.count()).toBe(0);
    const toggle = page.getByRole('checkbox', { name: 'Show each seed' });
    await toggle.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => seedLines.count(), { timeout: 30_000 }).toBe(3);
    expect(await allLines.count()).toBe(linesBefore + 3);
    // The training curves: the two seeds before the last one faintly beside it.
    const lossChart = page.locator('section.charts figure[data-chart="loss"]');
    await bringIntoView(lossChart);
    await expect
      .poll(() => seriesLines(lossChart, 'loss-seed-line').count(), { timeout: 30_000 })
      .toBe(2);
    await bringIntoView(chart);
    const [withSeeds, ...seedRecords] = csvRecords(await download(page, () => csvButton.click()));
    for (const [k, seed] of SEEDS.entries()) {
      const column = withSeeds!.findIndex((name) => name.includes(`seed ${seed} mean`));
      expect(column).toBeGreaterThan(0);
      expect(seedRecords.map((record) => Number(record[column]))).toEqual(independent[k]!.mean);
    }

    // The results file: the runner's format, every seed's run, the summary as the mean.
    await openView(page, 'Save & export');
    const text = await download(page, () =>
      page.getByRole('button', { name: 'Download results (JSON)' }).click(),
    );
    const read = readResults(JSON.parse(text));
    if (!read.ok) throw new Error(read.message);
    const { results } = read;
    expect(results.config).toMatchObject({ seed: 7, seeds: 3, iterations: 12 });
    expect(results.seedRuns.map((run) => run.seed)).toEqual(SEEDS);
    for (const [k, run] of results.seedRuns.entries()) {
      expect(run.metaTrainLoss).toEqual(alone[k]!.losses);
    }
    const summary = results.evaluation!.models[0]!.loss;
    for (const [step, mean] of summary.mean.entries()) {
      const expected = acrossSeeds(independent.map((curve) => curve.mean[step]!));
      expect(mean).toBeCloseTo(expected.mean, 12);
      expect(summary.ci95[step]!).toBeCloseTo(expected.ci95, 10);
    }
    expect(results.metaTrainLoss[0]).toBeCloseTo(
      (alone[0]!.losses[0]! + alone[1]!.losses[0]! + alone[2]!.losses[0]!) / 3,
      12,
    );
    expect(results.parameters.length).toBeGreaterThan(0);

    // On a phone the status and its notice fit the width.
    await page.setViewportSize({ width: 390, height: 800 });
    await bringIntoView(page.locator('.seeds-notice'));
    await expect.poll(() => scrollWidth(page)).toBeLessThanOrEqual(390);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 180_000);

  it('a comparison of two seeds trains every learner per seed and tables the mean', async () => {
    const { page, pageErrors, context } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?backend=wasm&compare=maml,fomaml&iterations=8&metaBatch=5&evalTasks=10&seed=3&seeds=2',
    );
    await waitForBackend(page, 'wasm');
    await runComparisonButton(page).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'All 2 seeds done (seeds 3 to 4)' })
      .waitFor({ timeout: 90_000 });
    const { finished } = await readSeeds(page);
    expect(finished.map((seed) => seed.seed)).toEqual([3, 4]);
    for (const seed of finished) {
      expect(seed.models!.map((model) => model.id)).toEqual([
        'maml',
        'fomaml',
        'pretrained',
        'scratch',
      ]);
    }
    const table = compareView(page).getByRole('table');
    await expect
      .poll(() => table.locator('caption').textContent(), { timeout: 30_000 })
      .toBe(
        'Held-out results at iteration 8, on 10 new tasks, ' +
          'mean over 2 seeds with a 95% interval across seeds',
      );
    // Each learner's loss before adapting: the mean of its two seeds with their t interval.
    for (const [row, name] of [
      [0, 'MAML'],
      [1, 'First-order MAML'],
    ] as const) {
      const line = table.locator('tbody tr').nth(row);
      expect(await line.getByRole('rowheader').textContent()).toBe(name);
      const { mean, ci95 } = acrossSeeds(finished.map((seed) => seed.models![row]!.loss.mean[0]!));
      const cell = (await line.getByRole('cell').nth(1).textContent()) ?? '';
      expect(cell.startsWith(`${formatValue(mean)} ± ${formatSpread(ci95)}`)).toBe(true);
    }
    const adaptation = chartFigure(page, 'compare-adaptation');
    await bringIntoView(adaptation);
    await expect
      .poll(() => adaptation.textContent(), { timeout: 30_000 })
      .toContain('mean over 2 seeds with a 95% interval across seeds');
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 120_000);

  it("opens the runner's file of two seeds as their mean, each seed on demand", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seeds-test-'));
    try {
      const out = join(dir, 'two-seeds.json');
      const sets = [...SETTINGS.split('&'), 'seed=5', 'seeds=2'].flatMap((set) => ['--set', set]);
      const cli = runCli([...sets, '--backend', 'wasm', '--out', out]);
      expect(cli.status, cli.stderr).toBe(0);
      const read = readResults(JSON.parse(readFileSync(out, 'utf8')));
      if (!read.ok) throw new Error(read.message);
      const file = read.results;
      expect(file.seedRuns.map((run) => run.seed)).toEqual([5, 6]);

      const { page, pageErrors, context } = await openPlayground(
        app.browser,
        app.server.baseUrl,
        `?${SETTINGS}&seed=5&seeds=2`,
      );
      await waitForBackend(page, 'wasm');
      await openView(page, 'Save & export');
      await page.getByLabel('Open results…').setInputFiles(out);
      await openView(page, 'Learning curves');
      const chart = adaptationChart(page);
      await bringIntoView(chart);
      await expect
        .poll(() => chart.textContent(), { timeout: 30_000 })
        .toContain('mean over 2 seeds with a 95% interval across seeds');
      await page.getByRole('checkbox', { name: 'Show each seed' }).check();
      await expect
        .poll(() => seriesLines(chart, 'adaptation-seed-line').count(), { timeout: 30_000 })
        .toBe(2);
      const title = ((await chart.locator('.chart-title').first().textContent()) ?? '').trim();
      const csvButton = page.getByRole('button', { name: `Download CSV of ${title}`, exact: true });
      const [header, ...records] = csvRecords(await download(page, () => csvButton.click()));
      const mean = header!.findIndex((name) => name.includes('mean held-out loss'));
      const lead = (evaluation: Evaluation) => evaluation.models[0]!.loss.mean;
      expect(records.map((record) => Number(record[mean]))).toEqual(lead(file.evaluation!));
      for (const run of file.seedRuns) {
        const column = header!.findIndex((name) => name.includes(`seed ${run.seed} mean`));
        expect(records.map((record) => Number(record[column]))).toEqual(lead(run.evaluation!));
      }
      expect(pageErrors).toEqual([]);
      await context.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
