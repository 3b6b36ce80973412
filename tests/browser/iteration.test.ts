/**
 * One meta-iteration, step by step, in the real built app: the view shows tasks of the learner's
 * latest meta-batch; each inner step moves their fits toward their support points (their query
 * losses fall), and the outer step shows the initialisation before and after.
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
});
