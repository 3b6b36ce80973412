/**
 * One meta-iteration, step by step, in the real built app: the view shows tasks of the learner's
 * latest meta-batch; each inner step moves their fits toward their support points (or, for
 * images, their predicted labels toward the support images' classes), and the outer step shows
 * the initialisation before and after.
 */
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { servedApp } from './lifecycle';
import { openView } from './chartsPage';
import { openPlayground, waitForBackend } from './playgroundPage';

const app = servedApp({ webgpu: false });

/** The support losses the panels' descriptions state, at the initialisation and after the steps. */
async function taskLosses(page: Page): Promise<{ first: number; shown: number | null }[]> {
  const plots = await page.locator('section.iteration-view svg[role="img"]').all();
  const labels = await Promise.all(
    plots.map(async (plot) => (await plot.getAttribute('aria-label')) ?? ''),
  );
  return labels
    .filter((label) => label.startsWith('Task '))
    .map((label) => {
      const first = /support loss ([\d.]+), query loss [\d.]+ at the initialisation/.exec(label);
      const after = /; support loss ([\d.]+), query loss [\d.]+ after \d+ inner step/.exec(label);
      return { first: Number(first![1]), shown: after ? Number(after[1]) : null };
    });
}

/** The support scores the image panels' descriptions state, at the initialisation and after the steps. */
async function imageTaskScores(
  page: Page,
): Promise<
  { first: { accuracy: number; loss: number }; shown: { accuracy: number; loss: number } | null }[]
> {
  const panels = await page.locator('section.iteration-view div[role="img"]').all();
  const labels = await Promise.all(
    panels.map(async (panel) => (await panel.getAttribute('aria-label')) ?? ''),
  );
  const scores = (match: RegExpExecArray) => ({
    accuracy: Number(match[1]),
    loss: Number(match[2]),
  });
  return labels
    .filter((label) => label.startsWith('Task '))
    .map((label) => {
      const first =
        /support accuracy ([\d.]+) \(loss ([\d.]+)\), query accuracy [\d.]+ \(loss [\d.]+\) at the initialisation/.exec(
          label,
        );
      const after =
        /; support accuracy ([\d.]+) \(loss ([\d.]+)\), query accuracy [\d.]+ \(loss [\d.]+\) after \d+ inner step/.exec(
          label,
        );
      return { first: scores(first!), shown: after ? scores(after) : null };
    });
}

describe('one meta-iteration, step by step', () => {
  it('steps the inner loop of a meta-batch task by task, then the outer step', async () => {
    const { page, pageErrors, context } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?backend=wasm&metaBatch=6&innerSteps=3&innerLr=0.01&iterations=100000',
    );
    await waitForBackend(page, 'wasm');
    await openView(page, 'One iteration');
    const view = page.getByRole('region', { name: 'One meta-iteration, step by step' });
    await expect.poll(() => view.getByRole('status').textContent()).toContain('Step outer');

    await view.getByRole('button', { name: 'Step outer' }).click();
    // Six tasks (the whole meta-batch), each at its initialisation before any inner step.
    await expect.poll(async () => (await taskLosses(page)).length, { timeout: 60_000 }).toBe(6);
    expect((await taskLosses(page)).every((task) => task.shown === null)).toBe(true);
    expect(
      await view.getByRole('img', { name: /^The initialisation before and after/ }).count(),
    ).toBe(0);

    for (let step = 1; step <= 3; step++) {
      await view.getByRole('button', { name: 'Step inner' }).click();
      await expect.poll(() => view.getByRole('status').textContent()).toContain(`${step} of 3`);
    }
    // Each task's fit has moved toward its support points: small gradient steps on the support
    // loss lower it (the query loss need not fall until the initialisation is meta-learned).
    for (const task of await taskLosses(page)) expect(task.shown!).toBeLessThan(task.first);
    expect(await view.getByRole('button', { name: 'Step inner' }).isDisabled()).toBe(true);
    // After the last inner step, the outer step's picture.
    const outer = view.getByRole('img', {
      name: /^The initialisation before and after the outer step of iteration 1\./,
    });
    await expect.poll(() => outer.count()).toBe(1);

    mkdirSync('test-results/screens', { recursive: true });
    await page.screenshot({ path: 'test-results/screens/one-iteration.png', fullPage: true });

    // The next outer step starts the next iteration from its initialisation again.
    await view.getByRole('button', { name: 'Step outer' }).click();
    await expect
      .poll(() => view.getByRole('status').textContent())
      .toContain('Iteration 2: 0 of 3');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('steps image tasks: their images with true and predicted labels, the support loss falling', async () => {
    const { page, pageErrors, context } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      '?task=glyphs&ways=5&shots=1&query=2&algorithm=maml&backend=wasm&metaBatch=3&filters=8&imageSize=14&innerSteps=2&innerLr=0.05&iterations=100000',
    );
    await waitForBackend(page, 'wasm');
    await openView(page, 'One iteration');
    const view = page.getByRole('region', { name: 'One meta-iteration, step by step' });
    await expect.poll(() => view.getByRole('status').textContent()).toContain('Step outer');

    await view.getByRole('button', { name: 'Step outer' }).click();
    await expect
      .poll(async () => (await imageTaskScores(page)).length, { timeout: 120_000 })
      .toBe(3);
    expect((await imageTaskScores(page)).every((task) => task.shown === null)).toBe(true);
    // Each task shows one support and one query image of each of its five classes, each with its
    // true class (A to E) and the class predicted, marked right or wrong in words too.
    const firstTask = view.locator('figure.iteration-panel').first();
    expect(await firstTask.locator('canvas.iteration-glyph').count()).toBe(10);
    expect(await firstTask.locator('.iteration-truth').allTextContents()).toEqual([
      ...['A', 'B', 'C', 'D', 'E'],
      ...['A', 'B', 'C', 'D', 'E'],
    ]);
    expect(await firstTask.locator('.prediction').count()).toBe(10);
    for (const mark of await firstTask.locator('.prediction .visually-hidden').allTextContents()) {
      expect(mark).toMatch(/^, (right|wrong)$/);
    }

    for (let step = 1; step <= 2; step++) {
      await view.getByRole('button', { name: 'Step inner' }).click();
      await expect.poll(() => view.getByRole('status').textContent()).toContain(`${step} of 2`);
    }
    // Small gradient steps on the support images lower their loss and lose none of them.
    for (const task of await imageTaskScores(page)) {
      expect(task.shown!.loss).toBeLessThan(task.first.loss);
      expect(task.shown!.accuracy).toBeGreaterThanOrEqual(task.first.accuracy);
    }
    const outer = view.getByRole('img', {
      name: /^The initialisation before and after the outer step of iteration 1,/,
    });
    await expect.poll(() => outer.count()).toBe(1);

    mkdirSync('test-results/screens', { recursive: true });
    await page.screenshot({
      path: 'test-results/screens/one-iteration-images.png',
      fullPage: true,
    });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
