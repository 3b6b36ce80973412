/**
 * Every chart downloads as CSV, SVG and PNG from its own labelled buttons, in the real built app:
 * the CSV holds what the store says was drawn (one line per trained iteration, per evaluation, per
 * fine-tuning step, per task or per layer; values that parse as numbers), the SVG parses on its own
 * with the chart's marks and no page styles left to resolve, and the PNG is the chart at twice its
 * size. The learning curves, the function view, the meta-batch's tasks, the parameter plane (each
 * set of points in the order drawn), a comparison and Meta-SGD's inner rates are each checked. One
 * button is reached and pressed from the keyboard, and the buttons fit a phone's width.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../helpers/csvRecords';
import { DEFAULT_CONFIG, PRESETS, presetConfig, toQuery } from '../../src/core/config';
import { bringIntoView, chartFigure, openView } from './chartsPage';
import { runComparisonButton } from './comparePage';
import { servedApp } from './lifecycle';
import { openPlayground, waitForBackend, waitForRun, waitUntil } from './playgroundPage';

const app = servedApp({ webgpu: false });
const ITERATIONS = 30;
/** Support points of each task: the page's default shots. */
const SHOTS = 10;
/** Tasks in each meta-batch: the page's default. */
const META_BATCH = 25;
/** The drawn path of every recharts line. */
const LINE_MARKS = 'path.recharts-line-curve';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

interface Downloaded {
  readonly fileName: string;
  readonly body: Buffer;
}

/** Presses the button named `name` and returns the file the page downloads. */
async function download(page: Page, press: () => Promise<void>): Promise<Downloaded> {
  const [file] = await Promise.all([page.waitForEvent('download'), press()]);
  const path = await file.path();
  return { fileName: file.suggestedFilename(), body: await readFile(path) };
}

function exportButton(page: Page, format: string, title: string): Locator {
  return page.getByRole('button', { name: `Download ${format} of ${title}`, exact: true });
}

/** What the store holds of the run: losses per iteration and each evaluation. */
interface StoreView {
  readonly iteration: number;
  readonly losses: number[];
  readonly evaluations: { iteration: number; steps: number }[];
}

async function readStore(page: Page): Promise<StoreView> {
  return page.evaluate(() => {
    interface State {
      run: { iteration: number };
      series: { metaTrainLoss: { values: Float32Array } };
      evaluations: { points: { iteration: number; evaluation: { steps: number[] } }[] };
    }
    const api = (globalThis as unknown as { playground?: { store: { getState(): State } } })
      .playground;
    if (!api) throw new Error('window.playground is missing');
    const state = api.store.getState();
    return {
      iteration: state.run.iteration,
      losses: Array.from(state.series.metaTrainLoss.values),
      evaluations: state.evaluations.points.map((point) => ({
        iteration: point.iteration,
        steps: point.evaluation.steps.length,
      })),
    };
  });
}

/**
 * The CSV's header, its records as text, and its lines as numbers (an empty cell is null); every
 * cell from column `numbersFrom` on must be a number (before it: text, e.g. a layer's name).
 */
function readCsv(file: Downloaded, numbersFrom = 0) {
  const [header, ...records] = csvRecords(file.body.toString('utf8'));
  const lines = records.map((record) => record.map((cell) => (cell === '' ? null : Number(cell))));
  for (const line of lines) {
    expect(line).toHaveLength(header!.length);
    for (const value of line.slice(numbersFrom)) {
      if (value !== null) expect(Number.isFinite(value)).toBe(true);
    }
  }
  return { header: header!, records, lines };
}

interface SvgView {
  readonly parsed: boolean;
  readonly width: number;
  readonly height: number;
  readonly viewBox: string;
  readonly lines: number;
  readonly background: string;
  readonly strokes: string[];
}

/** Reads an SVG file with the browser's own XML parser (run in the page: Node has none). */
const SVG_READER = `(markup, marks) => {
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const svg = doc.documentElement;
  const lines = [...doc.querySelectorAll(marks)];
  return {
    parsed: doc.querySelector('parsererror') === null && svg.localName === 'svg',
    width: Number(svg.getAttribute('width')),
    height: Number(svg.getAttribute('height')),
    viewBox: svg.getAttribute('viewBox') ?? '',
    lines: lines.length,
    background: doc.querySelector('svg > rect')?.getAttribute('fill') ?? '',
    strokes: lines.map((path) => path.getAttribute('stroke') ?? ''),
  };
}`;

async function readSvg(page: Page, text: string, marks: string): Promise<SvgView> {
  return page.evaluate<SvgView>(
    `(${SVG_READER})(${JSON.stringify(text)}, ${JSON.stringify(marks)})`,
  );
}

/** The PNG's width and height, from its IHDR chunk (big-endian, right after the signature). */
function pngSize(body: Buffer): { width: number; height: number } {
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
}

/**
 * Downloads the chart's SVG and PNG and checks them against the drawing on the page, whose
 * `marks` (its lines by default) the file must hold as many of.
 */
async function checkImages(
  page: Page,
  figure: Locator,
  title: string,
  slug: string,
  marks = LINE_MARKS,
) {
  const drawing = figure.locator('svg.recharts-surface').first();
  const box = (await drawing.boundingBox())!;
  const linesOnPage = await figure.locator(marks).count();

  const svgFile = await download(page, () => exportButton(page, 'SVG', title).click());
  expect(svgFile.fileName).toBe(`${slug}.svg`);
  const text = svgFile.body.toString('utf8');
  expect(text).not.toContain('var(--');
  const svg = await readSvg(page, text, marks);
  expect(svg.parsed).toBe(true);
  expect(svg.lines).toBe(linesOnPage);
  expect(svg.lines).toBeGreaterThan(0);
  // A line's colour is written onto it as the colour the page computed (no CSS variable).
  if (marks === LINE_MARKS) for (const stroke of svg.strokes) expect(stroke).toMatch(/^rgb/);
  expect(svg.background).toMatch(/^rgb/);
  expect(svg.viewBox.split(' ').slice(2).map(Number)).toEqual([svg.width, svg.height]);
  // The drawing's size, grown only by labels that spill past its edges.
  expect(svg.width).toBeGreaterThanOrEqual(Math.floor(box.width));
  expect(svg.width).toBeLessThanOrEqual(Math.ceil(box.width) + 2 * 24);
  expect(svg.height).toBeGreaterThanOrEqual(Math.floor(box.height));
  expect(svg.height).toBeLessThanOrEqual(Math.ceil(box.height) + 2 * 24);

  const pngFile = await download(page, () => exportButton(page, 'PNG', title).click());
  expect(pngFile.fileName).toBe(`${slug}.png`);
  expect([...pngFile.body.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(pngSize(pngFile.body)).toEqual({ width: 2 * svg.width, height: 2 * svg.height });
}

async function titleOf(figure: Locator): Promise<string> {
  return ((await figure.locator('.chart-title').first().textContent()) ?? '').trim();
}

/** A chart of the detailed panel, brought into view and drawn. */
async function drawnChart(page: Page, name: string): Promise<Locator> {
  const figure = page.locator(`section.charts figure[data-chart="${name}"]`);
  await bringIntoView(figure);
  await waitUntil(
    () => figure.locator('path.recharts-line-curve').count(),
    (n) => n > 0,
    30_000,
    `the ${name} chart's lines`,
  );
  return figure;
}

describe('chart export', () => {
  it('downloads each chart as the data it draws, an SVG and a PNG at twice its size', async () => {
    const { page, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      `?backend=wasm&iterations=${ITERATIONS}`,
    );
    await page.setViewportSize({ width: 1280, height: 720 });
    await waitForBackend(page, 'wasm');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForRun(page, (run) => run.state === 'finished', 170_000);
    const store = await waitUntil(
      () => readStore(page),
      (view) => view.evaluations.some((point) => point.iteration === ITERATIONS),
      60_000,
      'the final evaluation',
    );
    expect(store.iteration).toBe(ITERATIONS);
    expect(store.losses).toHaveLength(ITERATIONS);

    // The loss chart: every trained iteration, its loss exactly as the store holds it.
    const loss = await drawnChart(page, 'loss');
    const lossTitle = await titleOf(loss);
    expect(lossTitle).toBe('Meta-training loss');
    const lossFile = await download(page, () => exportButton(page, 'CSV', lossTitle).click());
    expect(lossFile.fileName).toBe('meta-training-loss.csv');
    const lossCsv = readCsv(lossFile);
    expect(lossCsv.header[0]).toBe('iteration');
    expect(lossCsv.header[1]).toMatch(/ meta-training loss \(MSE\)$/);
    expect(lossCsv.header[2]).toMatch(
      / meta-training loss, moving average over \d+ iterations \(MSE\)$/,
    );
    expect(lossCsv.lines.map((line) => line[0])).toEqual(
      Array.from({ length: ITERATIONS }, (_, i) => i + 1),
    );
    expect(lossCsv.lines.map((line) => line[1])).toEqual(store.losses);
    await checkImages(page, loss, lossTitle, 'meta-training-loss');

    // Held-out results: one line per evaluation, at its iteration.
    const heldOut = await drawnChart(page, 'held-out');
    const heldOutTitle = await titleOf(heldOut);
    const heldOutCsv = readCsv(
      await download(page, () => exportButton(page, 'CSV', heldOutTitle).click()),
    );
    expect(heldOutCsv.header[0]).toBe('iteration');
    expect(
      heldOutCsv.header
        .slice(1)
        .every((h) => / held-out loss after 1 fine-tuning step \(MSE\)$/.test(h)),
    ).toBe(true);
    const evaluated = [...new Set(store.evaluations.map((point) => point.iteration))].sort(
      (a, b) => a - b,
    );
    expect(heldOutCsv.lines.map((line) => line[0])).toEqual(
      store.evaluations.map((point) => point.iteration).sort((a, b) => a - b),
    );
    await checkImages(page, heldOut, heldOutTitle, 'held-out-loss-during-training');

    // Adaptation: one line per fine-tuning step of the latest evaluation, each mean in its band.
    const adaptation = await drawnChart(page, 'adaptation');
    const adaptationTitle = await titleOf(adaptation);
    const adaptationFile = await download(page, () =>
      exportButton(page, 'CSV', adaptationTitle).click(),
    );
    expect(adaptationFile.fileName).toBe('adapting-to-new-tasks.csv');
    const adaptationCsv = readCsv(adaptationFile);
    expect(adaptationCsv.header[0]).toBe('fine-tuning step');
    expect(adaptationCsv.header).toHaveLength(1 + 3 * 3);
    const steps = store.evaluations.at(-1)!.steps;
    expect(adaptationCsv.lines.map((line) => line[0])).toEqual(
      Array.from({ length: steps }, (_, i) => i),
    );
    for (const line of adaptationCsv.lines) {
      for (let model = 0; model < 3; model += 1) {
        const [mean, low, high] = line.slice(1 + 3 * model, 4 + 3 * model);
        expect(low!).toBeLessThanOrEqual(mean!);
        expect(mean!).toBeLessThanOrEqual(high!);
      }
    }
    await checkImages(page, adaptation, adaptationTitle, 'adapting-to-new-tasks');

    // The main chart: training losses of every iteration beside the held-out checks.
    await page.evaluate('window.scrollTo(0, 0)');
    const main = chartFigure(page, 'main');
    const mainTitle = await titleOf(main);
    const mainCsv = readCsv(
      await download(page, () => exportButton(page, 'CSV', mainTitle).click()),
    );
    expect(mainCsv.header).toHaveLength(1 + 2 + 2);
    const iterations = new Set([
      ...Array.from({ length: ITERATIONS }, (_, i) => i + 1),
      ...evaluated,
    ]);
    expect(mainCsv.lines.map((line) => line[0])).toEqual([...iterations].sort((a, b) => a - b));
    expect(mainCsv.lines.filter((line) => line[3] !== null)).toHaveLength(evaluated.length);
    await checkImages(page, main, mainTitle, 'learning-curve');

    // The function view: the true function and both fits on the grid, and the support points.
    const functionView = page.locator('section.fnv .fnv-figure');
    const functionTitle = 'Adapting to a new task';
    const functionCsv = readCsv(
      await download(page, () => exportButton(page, 'CSV', functionTitle).click()),
    );
    expect(functionCsv.header[0]).toBe('x (input)');
    expect(functionCsv.header[1]).toBe('true function, y');
    expect(functionCsv.header.at(-1)).toBe('support point, y');
    const support = functionCsv.lines.filter((line) => line.at(-1) !== null);
    expect(support).toHaveLength(SHOTS);
    const grid = functionCsv.lines.filter((line) => line[1] !== null);
    expect(grid.length).toBeGreaterThan(50);
    const xs = functionCsv.lines.map((line) => line[0]!);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    await checkImages(page, functionView, functionTitle, 'adapting-to-a-new-task');

    // The tasks of the latest meta-batch: one line per task, worst start first.
    await openView(page, 'Meta-batch tasks');
    const tasks = chartFigure(page, 'tasks');
    await bringIntoView(tasks);
    await waitUntil(
      () => tasks.locator('path.recharts-line-curve').count(),
      (n) => n > 0,
      30_000,
      'the tasks chart',
    );
    const tasksTitle = await titleOf(tasks);
    const tasksCsv = readCsv(
      await download(page, () => exportButton(page, 'CSV', tasksTitle).click()),
    );
    expect(tasksCsv.header).toEqual([
      'task rank (worst start first)',
      'query loss before adaptation (MSE)',
      'query loss after 1 step (MSE)',
    ]);
    expect(tasksCsv.lines.map((line) => line[0])).toEqual(
      Array.from({ length: META_BATCH }, (_, i) => i + 1),
    );
    const before = tasksCsv.lines.map((line) => line[1]!);
    expect(before).toEqual([...before].sort((a, b) => b - a));
    await checkImages(page, tasks, tasksTitle, 'tasks-of-the-latest-meta-batch');

    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('downloads the parameter plane as each set of points in the order drawn', async () => {
    const preset = PRESETS.find((p) => p.id === 'param-space')!;
    const query = toQuery({ ...presetConfig(preset, DEFAULT_CONFIG), backend: 'wasm' });
    const { page, pageErrors } = await openPlayground(app.browser, app.server.baseUrl, `?${query}`);
    await waitForBackend(page, 'wasm');
    await openView(page, 'Parameter space');
    const figure = chartFigure(page, 'param-space');
    await waitUntil(
      () => figure.locator('path.param-optimum').count(),
      (n) => n === 30,
      60_000,
      "the held-out tasks' optima",
    );
    const title = await titleOf(figure);
    const csv = readCsv(await download(page, () => exportButton(page, 'CSV', title).click()));
    expect(csv.header[0]).toBe('w (slope)');
    const column = (name: string) => csv.header.indexOf(`${name}: b (intercept)`);
    const optima = column('held-out task best line');
    expect(optima).toBeGreaterThan(0);
    expect(csv.lines.filter((line) => line[optima] !== null)).toHaveLength(30);
    // Each line is one drawn point: its w and its b in its own set's column.
    for (const line of csv.lines) {
      expect(line[0]).not.toBeNull();
      expect(line.slice(1).filter((cell) => cell !== null)).toHaveLength(1);
    }
    const now = csv.header.filter((name) => name.endsWith(' now: b (intercept)'));
    expect(now).toHaveLength(5);
    await checkImages(
      page,
      figure,
      title,
      'maml-s-picture-in-parameter-space',
      'path.param-optimum',
    );
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('downloads the comparison charts with a column per compared algorithm', async () => {
    const { page, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      `?backend=wasm&compare=maml,reptile&iterations=${ITERATIONS}&metaBatch=5&evalTasks=20&seed=3`,
    );
    await waitForBackend(page, 'wasm');
    await runComparisonButton(page).click();
    await waitForRun(page, (run) => run.state === 'finished', 170_000);

    const loss = chartFigure(page, 'compare-loss');
    await bringIntoView(loss);
    await waitUntil(
      () => loss.locator('path.recharts-line-curve').count(),
      (n) => n === 2,
      60_000,
      'two loss lines',
    );
    // A live chart draws in turns: wait for the turn that drew the finished run, not an earlier one.
    await waitUntil(
      async () => (await loss.textContent()) ?? '',
      (text) => text.includes(`At iteration ${ITERATIONS},`),
      60_000,
      `the loss chart drawn at iteration ${ITERATIONS}`,
    );
    const lossTitle = await titleOf(loss);
    const lossCsv = readCsv(
      await download(page, () => exportButton(page, 'CSV', lossTitle).click()),
    );
    expect(lossCsv.header).toEqual([
      'iteration',
      'MAML meta-training loss, moving average over 5 iterations (MSE)',
      'Reptile meta-training loss, moving average over 5 iterations (MSE)',
    ]);
    expect(lossCsv.lines.map((line) => line[0])).toEqual(
      Array.from({ length: ITERATIONS }, (_, i) => i + 1),
    );
    for (const line of lossCsv.lines) expect(line.every((value) => value !== null)).toBe(true);
    await checkImages(page, loss, lossTitle, 'meta-training-loss-side-by-side');

    const adaptation = chartFigure(page, 'compare-adaptation');
    await bringIntoView(adaptation);
    await waitUntil(
      () => adaptation.locator('path.recharts-line-curve').count(),
      (n) => n === 4,
      60_000,
      'four adaptation curves',
    );
    const adaptationTitle = await titleOf(adaptation);
    const adaptationCsv = readCsv(
      await download(page, () => exportButton(page, 'CSV', adaptationTitle).click()),
    );
    expect(adaptationCsv.header[0]).toBe('fine-tuning step');
    expect(adaptationCsv.header.filter((name) => name.includes(' mean held-out loss '))).toEqual([
      'MAML mean held-out loss (MSE)',
      'Reptile mean held-out loss (MSE)',
      'Pretrained mean held-out loss (MSE)',
      'Scratch mean held-out loss (MSE)',
    ]);
    expect(adaptationCsv.lines.length).toBeGreaterThan(1);
    await checkImages(page, adaptation, adaptationTitle, 'adapting-to-new-tasks-side-by-side');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('downloads the learned inner rates one line per layer, in the order drawn', async () => {
    const { page, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      `?backend=wasm&algorithm=metasgd&metaBatch=5&iterations=${ITERATIONS}`,
    );
    await waitForBackend(page, 'wasm');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForRun(page, (run) => run.state === 'finished', 170_000);
    await openView(page, 'Inside the learner');
    const rates = chartFigure(page, 'inner-rates');
    await waitUntil(
      async () => {
        await bringIntoView(rates);
        return rates.locator('path.rates-bar').count();
      },
      (n) => n === 6,
      60_000,
      'a bar per layer',
    );
    const title = await titleOf(rates);
    expect(title).toBe('Meta-SGD: learned inner learning rates');
    const csv = readCsv(await download(page, () => exportButton(page, 'CSV', title).click()), 1);
    expect(csv.header).toEqual([
      'layer',
      'mean |inner learning rate|',
      'mean inner learning rate',
      'mean minus smallest rate',
      'largest rate minus mean',
    ]);
    const labels = csv.records.map((record) => record[0]);
    expect(labels).toHaveLength(6);
    expect(labels[0]).toBe('layer 1 weights');
    for (const line of csv.lines) {
      expect(line[1]).toBeGreaterThanOrEqual(0);
      expect(line[3]).toBeGreaterThanOrEqual(0);
      expect(line[4]).toBeGreaterThanOrEqual(0);
    }
    await checkImages(
      page,
      rates,
      title,
      'meta-sgd-learned-inner-learning-rates',
      'path.rates-bar',
    );
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('is reached and pressed from the keyboard, and fits a phone-width screen', async () => {
    const { page, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?backend=wasm&iterations=5',
    );
    await page.setViewportSize({ width: 390, height: 844 });
    await waitForBackend(page, 'wasm');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForRun(page, (run) => run.state === 'finished', 120_000);
    const loss = await drawnChart(page, 'loss');

    // From the PNG button, Tab goes to SVG, then to CSV; Enter downloads the CSV.
    await exportButton(page, 'PNG', 'Meta-training loss').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate<string | null>(
      "document.activeElement?.getAttribute('aria-label') ?? null",
    );
    expect(focused).toBe('Download CSV of Meta-training loss');
    const file = await download(page, () => page.keyboard.press('Enter'));
    expect(file.fileName).toBe('meta-training-loss.csv');
    expect(readCsv(file).lines).toHaveLength(5);

    // Every button stays on screen at 390 pixels wide, and the page does not scroll sideways.
    for (const button of await loss.getByRole('button', { name: /^Download / }).all()) {
      const box = (await button.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(box.height).toBeGreaterThanOrEqual(24);
    }
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      390,
    );
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
