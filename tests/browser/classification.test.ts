/**
 * Few-shot classification in the real built app, in headless Chromium with the real worker: a
 * glyphs preset shows the classification controls, trains, draws its accuracy charts against
 * chance and ends with held-out accuracy well above chance; the task viewer shows a held-out
 * task's support images by class and marks every query's label, and follows training.
 */
import { describe, expect, it } from 'vitest';
import { COLD_START_MS, readStalls } from '../../src/cli/browser/harness';
import { servedApp } from './lifecycle';
import { bringIntoView, seriesLines, vertices } from './chartsPage';
import { chart, readClassification } from './classificationPage';
import { openPlayground, waitForBackend, waitForRun, waitUntil } from './playgroundPage';
import { control, enter, readStore, showMoreSettings } from './settingsControls';

const app = servedApp({ webgpu: false });

const PRESET = 'Glyphs 5-way 1-shot, prototypical networks';
/** Fewer iterations than the preset's, so the test takes about a minute on two cores. */
const ITERATIONS = 40;

describe('classification', () => {
  it('a glyphs preset trains, draws accuracy against chance and ends well above chance', async () => {
    const { page, pageErrors, consoleErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?backend=wasm&seed=3',
    );
    await waitForBackend(page, 'wasm');
    await showMoreSettings(page);
    // Sine-wave settings only: no image controls yet.
    expect(await control(page, 'ways').count()).toBe(0);
    expect(await control(page, 'filters').count()).toBe(0);
    expect(await control(page, 'hidden').count()).toBe(1);

    await page
      .getByRole('combobox', { name: 'Preset', exact: true })
      .selectOption({ label: PRESET });
    await expect.poll(async () => (await readStore(page)).run.config.task).toBe('glyphs');
    const preset = (await readStore(page)).run.config;
    expect(preset).toMatchObject({ algorithm: 'protonet', ways: 5, shots: 1, seed: 3 });
    // Image controls appear, those that mean nothing here go.
    expect(await control(page, 'ways').inputValue()).toBe('5');
    expect(await control(page, 'filters').inputValue()).toBe('16');
    expect(await control(page, 'hidden').count()).toBe(0);
    expect(await control(page, 'innerSteps').count()).toBe(0);
    expect(await control(page, 'rotations').count()).toBe(0);

    // The preset starts training. A shorter run of the same settings then starts from the button.
    await waitForRun(page, (run) => run.state === 'running' && run.iteration > 0, 120_000);
    await enter(page, 'iterations', String(ITERATIONS));
    await expect.poll(async () => (await readStore(page)).run.config.iterations).toBe(ITERATIONS);
    await waitForRun(page, (run) => run.state === 'idle', 60_000);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForRun(page, (run) => run.state === 'running' && run.iteration > 0, 60_000);

    // The accuracy chart draws as training goes (once in view), with the page's thread free (its
    // first redraws run uncompiled code: see COLD_START_MS).
    await bringIntoView(chart(page, 'accuracy'));
    const started = await page.evaluate(() => performance.now());
    await expect
      .poll(() => vertices(seriesLines(chart(page, 'accuracy'), 'accuracy-raw-line')), {
        timeout: 30_000,
      })
      .toBeGreaterThan(2);
    expect(await chart(page, 'accuracy').locator('g.chance-line').count()).toBe(1);
    await page.waitForTimeout(4000);
    const stalls = await readStalls(page, started, started + COLD_START_MS);
    expect(stalls).toEqual([]);

    await waitForRun(page, (run) => run.state === 'finished', 170_000);
    const config = { ...preset, iterations: ITERATIONS };
    const view = await waitUntil(
      () => readClassification(page),
      (v) =>
        v.evaluations.at(-1)?.iteration === config.iterations &&
        v.evaluations.at(-1)?.tasks === config.evalTasks,
      60_000,
      'the final evaluation',
    );
    const final = view.evaluations.at(-1)!;
    expect(final.lossKind).toBe('cross-entropy');
    const accuracy = final.accuracy!;
    const last = final.steps.length - 1;
    const chance = 1 / config.ways;
    // Well above chance and not by luck: the whole 95% interval clears chance by 0.3. A random
    // embedding already beats chance with class means, so training must also have improved on
    // where it started.
    expect(accuracy.learner.mean[last]! - accuracy.learner.ci95[last]!).toBeGreaterThan(
      chance + 0.3,
    );
    const start = view.evaluations[0]!;
    expect(start.iteration).toBe(0);
    expect(accuracy.learner.mean[last]!).toBeGreaterThan(start.accuracy!.learner.mean[last]! + 0.1);
    expect(view.accuracyPoints).toBe(config.iterations);

    // Every accuracy chart shows chance; the legends name the learner.
    for (const name of ['accuracy', 'held-out', 'adaptation']) {
      await bringIntoView(chart(page, name));
      await expect.poll(() => chart(page, name).locator('g.chance-line').count()).toBe(1);
      expect(await chart(page, name).getByRole('list', { name: 'Legend' }).textContent()).toContain(
        'Chance (1 in 5, 20.0%)',
      );
    }
    expect(
      await chart(page, 'adaptation').getByRole('list', { name: 'Legend' }).textContent(),
    ).toContain('Prototypical networks');
    const heldOutSummary = await chart(page, 'held-out').locator('figcaption').textContent();
    expect(heldOutSummary).toMatch(/Prototypical networks \d+\.\d%/);

    // The adaptation chart switches between accuracy and loss.
    const adaptation = chart(page, 'adaptation');
    expect(await adaptation.getByRole('radio', { name: 'Accuracy' }).isChecked()).toBe(true);
    const drawing = adaptation.locator('svg.recharts-surface');
    expect(await drawing.textContent()).toContain('Held-out accuracy');
    await adaptation.getByRole('radio', { name: 'Loss (cross-entropy)' }).check();
    await expect.poll(() => drawing.textContent()).toContain('Held-out cross-entropy (log)');
    expect(await adaptation.locator('g.chance-line').count()).toBe(0);
    expect(await vertices(seriesLines(adaptation, 'adaptation-line'))).toBeGreaterThan(1);

    // Sine-wave runs have a function view; image runs the task viewer instead.
    expect(await page.getByRole('heading', { name: 'Labelling a new task' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Adapting to a new task' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('the task viewer shows the support images by class and marks every query, and follows training', async () => {
    const ways = 4;
    const shots = 2;
    const query = 3;
    const { page, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      `?backend=wasm&task=glyphs&algorithm=maml&ways=${ways}&shots=${shots}&query=${query}` +
        '&metaBatch=2&filters=8&iterations=6&testInnerSteps=2&innerLr=0.4&evalTasks=4&evalQuery=3',
    );
    await waitForBackend(page, 'wasm');
    // The viewer shows the first held-out task by itself once the run is ready.
    const next = page.getByRole('button', { name: 'Next task' });
    const previous = page.getByRole('button', { name: 'Previous task' });

    const support = page.getByRole('img', { name: /^Support image \d+ of class [A-Z]$/ });
    await expect.poll(() => support.count(), { timeout: 30_000 }).toBe(ways * shots);
    for (const name of ['A', 'B', 'C', 'D']) {
      expect(
        await page
          .getByRole('img', { name: new RegExp(`^Support image \\d of class ${name}$`) })
          .count(),
      ).toBe(shots);
    }
    const tiles = page.locator('.query-tile');
    expect(await tiles.count()).toBe(ways * query);
    for (const tile of await tiles.all()) {
      expect(
        await tile.getByRole('img', { name: /^Query image \d+ of class [A-D]$/ }).count(),
      ).toBe(1);
      // MAML: a label before and after adapting, each marked right or wrong by a symbol.
      const marks = tile.locator('.prediction');
      expect(await marks.count()).toBe(2);
      for (const mark of await marks.all()) {
        const text = (await mark.textContent()) ?? '';
        const right = (await mark.getAttribute('data-correct')) === 'true';
        expect(text).toContain(right ? '✓' : '✗');
        expect(text).toMatch(right ? /, right$/ : /, wrong$/);
      }
    }
    // The per-class counts are folded away until asked for.
    await page.getByText('Right and wrong per class').click();
    const table = page.getByRole('table', {
      name: 'Query images labelled right, per class, on this task',
    });
    expect(await table.getByRole('row').count()).toBe(1 + ways + 1);
    expect(await table.getByRole('columnheader').allTextContents()).toEqual([
      'Class',
      'Before adapting',
      'After 2 steps',
    ]);
    const status = page.locator('.task-viewer-status');
    expect(await status.textContent()).toContain(
      'Held-out task 1: 4 classes, 2 support and 3 query images each.',
    );
    expect(await status.textContent()).toContain('as of iteration 0');

    // Training moves on; after its evaluations the viewer shows the newer model.
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForRun(page, (run) => run.state === 'finished', 120_000);
    await expect
      .poll(async () => (await readClassification(page)).shownTask?.iteration, { timeout: 60_000 })
      .toBe(6);
    expect(await status.textContent()).toContain('as of iteration 6');

    expect(await previous.isDisabled()).toBe(true);
    await next.click();
    await expect.poll(() => status.textContent()).toContain('Held-out task 2:');
    expect(await support.count()).toBe(ways * shots);
    expect(await previous.isDisabled()).toBe(false);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
