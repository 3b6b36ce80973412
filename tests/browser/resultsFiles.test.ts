/**
 * Results files in the real built app: a trained run downloads as a file the runner's reader
 * accepts, with every iteration's loss as the page holds it; a file the runner wrote opens
 * read-only in the charts, which show its numbers, and closing it returns to the live run as it
 * was; a comparison's file fills the Compare view; a damaged file is refused with an alert and
 * changes nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJson } from '../../src/core/config';
import { learnerLabel } from '../../src/core/learners/registry';
import { leadCurves } from '../../src/core/results/evaluation';
import { readResults, type Results } from '../../src/core/results/resultsFile';
import { formatCount, formatValue } from '../../src/ui/charts/format';
import { runCli } from '../helpers/runCli';
import { bringIntoView, chartFigure, openView } from './chartsPage';
import { servedApp } from './lifecycle';
import { openPlayground, waitForBackend, waitForRun, waitUntil } from './playgroundPage';

const app = servedApp({ webgpu: false });
const dir = mkdtempSync(join(tmpdir(), 'results-files-test-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A short sine-wave run on WASM that the page trains to the end. */
const LINK = '?task=sinusoid&algorithm=maml&backend=wasm&iterations=25&evalTasks=20';

interface PageNumbers {
  readonly iteration: number;
  readonly losses: number[];
  readonly stride: number;
  readonly evaluationIteration: number | null;
}

/** The live run's numbers as the page's store holds them. */
function readPage(page: Page): Promise<PageNumbers> {
  return page.evaluate(() => {
    interface Store {
      getState(): {
        run: { iteration: number };
        series: { metaTrainLoss: { values: Float32Array; stride: number } };
        evaluations: { points: { iteration: number }[] };
      };
    }
    const api = (globalThis as unknown as { playground: { store: Store } }).playground;
    const { run, series, evaluations } = api.store.getState();
    return {
      iteration: run.iteration,
      losses: Array.from(series.metaTrainLoss.values),
      stride: series.metaTrainLoss.stride,
      evaluationIteration: evaluations.points.at(-1)?.iteration ?? null,
    };
  });
}

/** Opens the page and trains its run to the end, with the final evaluation in. */
async function trainedPage(): Promise<Awaited<ReturnType<typeof openPlayground>>> {
  const opened = await openPlayground(app.browser, app.server.baseUrl, LINK);
  const { page } = opened;
  await waitForBackend(page, 'wasm');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForRun(page, (run) => run.state === 'finished', 120_000);
  await waitUntil(
    () => readPage(page),
    (numbers) => numbers.evaluationIteration === 25,
    60_000,
    'the final evaluation',
  );
  return opened;
}

/**
 * The "Learning curves" adaptation chart's text (subtitle and summary included), once it draws
 * an evaluation made at `iteration` (a live chart draws on its first turn, not at once).
 */
async function adaptationText(page: Page, iteration: number): Promise<string> {
  await openView(page, 'Learning curves');
  const chart = page.locator('section.charts figure[data-chart="adaptation"]');
  await bringIntoView(chart);
  return waitUntil(
    async () => (await chart.textContent()) ?? '',
    (text) => text.includes(`at iteration ${formatCount(iteration)}.`),
    30_000,
    `the adaptation chart at iteration ${iteration}`,
  );
}

/** Runs the runner with these settings on WASM and reads back the results file it wrote. */
function runnerFile(name: string, settings: readonly string[]): { path: string; file: Results } {
  const path = join(dir, name);
  const pairs = settings.flatMap((pair) => ['--set', pair]);
  const cli = runCli([...pairs, '--backend', 'wasm', '--out', path]);
  expect(cli.status, cli.stderr).toBe(0);
  const read = readResults(JSON.parse(readFileSync(path, 'utf8')));
  if (!read.ok) throw new Error(read.message);
  return { path, file: read.results };
}

function openResultsInput(page: Page) {
  return page.getByLabel('Open results…');
}

describe('results files', () => {
  it('downloads the run as a results file the runner reader accepts', async () => {
    const { page, pageErrors } = await trainedPage();
    const numbers = await readPage(page);
    await openView(page, 'Save & export');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download results (JSON)' }).click(),
    ]);
    const path = join(dir, 'page.json');
    await download.saveAs(path);
    const read = readResults(JSON.parse(readFileSync(path, 'utf8')));
    if (!read.ok) throw new Error(read.message);
    const { results } = read;
    expect(results.iterations).toBe(25);
    expect(results.metaTrainLoss).toHaveLength(results.iterations);
    // Every iteration as the page holds it (a curve this short is kept point by point).
    expect(numbers.stride).toBe(1);
    expect(results.metaTrainLoss).toEqual(numbers.losses);
    expect(results.backend).toBe('wasm');
    expect(results.config).toMatchObject({ task: 'sinusoid', algorithm: 'maml', iterations: 25 });
    expect(results.evaluation?.tasks).toBe(20);
    expect(results.trainingSeconds).toBeGreaterThan(0);
    // The network as the runner writes it: W1, b1, W2, b2, W3, b3 of the default 1-40-40-1 MLP.
    expect(results.parameters.map((tensor) => tensor.length)).toEqual([40, 40, 1600, 40, 40, 1]);
    expect(results.parameters.flat().every(Number.isFinite)).toBe(true);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 240_000);

  it("opens a runner's file read-only in the charts, and Close returns to the live run", async () => {
    const { path: out, file } = runnerFile('runner-run.json', [
      'task=sinusoid',
      'algorithm=maml',
      'iterations=30',
      'evalTasks=10',
    ]);
    const lead = leadCurves(file.evaluation!).loss;
    const learner = learnerLabel(parseJson(file.config).config);

    // A live run one step in, paused, so Step would train it on.
    const { page, pageErrors } = await openPlayground(app.browser, app.server.baseUrl, LINK);
    await waitForBackend(page, 'wasm');
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await waitUntil(
      () => readPage(page),
      (numbers) => numbers.iteration === 1 && numbers.evaluationIteration === 1,
      60_000,
      'one iteration and its evaluation',
    );
    const liveText = await adaptationText(page, 1);
    const start = page.getByRole('button', { name: 'Start', exact: true });
    const step = page.getByRole('button', { name: 'Step', exact: true });
    const before = await readPage(page);

    await openView(page, 'Save & export');
    await openResultsInput(page).setInputFiles(out);
    const notice = page.getByRole('status').filter({ hasText: 'results from a file' });
    await expect
      .poll(() => notice.textContent())
      .toContain('Showing runner-run.json: results from a file, read-only');
    expect(await step.isDisabled()).toBe(true);
    expect(await start.isDisabled()).toBe(true);

    // The file's numbers, not the run's: its iteration, tasks and the learner after one step.
    const shown = await adaptationText(page, file.iterations);
    expect(shown).toContain(`${formatCount(file.evaluation!.tasks)} held-out tasks`);
    expect(shown).toContain(`After 1 step: ${learner} ${formatValue(lead.mean[1]!)}`);
    // The main chart on the first screen too (a live chart redraws only in view).
    const main = chartFigure(page, 'main');
    await bringIntoView(main);
    await expect
      .poll(() => main.textContent(), { timeout: 30_000 })
      .toContain(
        `Held-out after 1 step (iteration ${formatCount(file.iterations)}): ` +
          `${learner} ${formatValue(lead.mean[1]!)}`,
      );
    const lossChart = page.locator('section.charts figure[data-chart="loss"]');
    await bringIntoView(lossChart);
    await expect
      .poll(() => lossChart.textContent(), { timeout: 30_000 })
      .toContain(`At iteration ${formatCount(file.iterations)} the meta-training loss`);
    // The live run underneath did not move.
    expect(await readPage(page)).toEqual(before);

    await page.getByRole('button', { name: 'Close results' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    expect(await adaptationText(page, 1)).toBe(liveText);
    expect(await step.isDisabled()).toBe(false);
    expect(await readPage(page)).toEqual(before);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it("opens a comparison's file in the Compare view, though the live run compares nothing", async () => {
    const { path, file } = runnerFile('compare-run.json', [
      'task=sinusoid',
      'compare=maml,reptile',
      'iterations=30',
      'evalTasks=10',
    ]);
    const reptile = file.evaluation!.models.find((model) => model.id === 'reptile')!;
    const { page, pageErrors } = await openPlayground(app.browser, app.server.baseUrl, LINK);
    await waitForBackend(page, 'wasm');
    const table = page.getByRole('table').filter({ hasText: 'Held-out results at iteration' });
    await openView(page, 'Compare');
    await page.getByRole('heading', { name: 'Compare algorithms' }).waitFor();
    expect(await table.count()).toBe(0);

    await openView(page, 'Save & export');
    await openResultsInput(page).setInputFiles(path);
    await openView(page, 'Compare');
    await expect
      .poll(() => table.textContent())
      .toContain(
        `Held-out results at iteration 30, on ${formatCount(file.evaluation!.tasks)} new tasks`,
      );
    const row = table.getByRole('row').filter({ hasText: 'Reptile' });
    expect(await row.textContent()).toContain(formatValue(reptile.loss.mean[1]!));

    await page.getByRole('button', { name: 'Close results' }).click();
    await expect.poll(() => table.count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('refuses a damaged file with an alert and changes nothing', async () => {
    const { page, pageErrors } = await trainedPage();
    const liveText = await adaptationText(page, 25);
    const before = await readPage(page);
    await openView(page, 'Save & export');
    await openResultsInput(page).setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": 2, "metaTrainLoss": [0.5, 0.2'),
    });
    const alert = page.getByRole('alert').filter({ hasText: 'broken.json' });
    await expect
      .poll(() => alert.textContent())
      .toMatch(
        /^Could not open broken\.json: not a results file: it is not JSON .*Nothing changed\.$/,
      );
    expect(await page.getByRole('button', { name: 'Close results' }).count()).toBe(0);
    expect(await readPage(page)).toEqual(before);
    expect(await adaptationText(page, 25)).toBe(liveText);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 240_000);
});
