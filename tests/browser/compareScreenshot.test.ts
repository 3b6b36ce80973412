/**
 * Saves screenshots of the comparison view and of the learner's insights (docs/compare.png and
 * docs/insights.png): the real built app in Chromium, after a short comparison of four algorithms
 * and part of a Meta-SGD run.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/cli/browser/harness';
import { servedApp } from './lifecycle';
import { compareView, figure } from './comparePage';
import { openPlayground, waitForBackend, waitForRun } from './playgroundPage';

const app = servedApp({ webgpu: false });

it('saves a screenshot of a finished comparison', async () => {
  const { page, pageErrors, context } = await openPlayground(
    app.browser,
    app.server.baseUrl,
    '?backend=wasm&compare=maml,fomaml,metasgd,anil&shots=5&query=5&innerSteps=1' +
      '&iterations=1500&evalTasks=100&seed=2',
  );
  await page.setViewportSize({ width: 1280, height: 900 });
  await waitForRun(page, (run) => run.state === 'finished', 240_000);
  await compareView(page)
    .locator('caption')
    .filter({ hasText: 'iteration 1,500' })
    .waitFor({ timeout: 60_000 });
  const path = join(REPO_ROOT, 'docs', 'compare.png');
  await compareView(page).screenshot({ path });
  expect(statSync(path).size).toBeGreaterThan(50_000);
  expect(pageErrors).toEqual([]);
  await context.close();
}, 330_000);

it('saves a screenshot of the insights of a Meta-SGD run', async () => {
  const { page, pageErrors, context } = await openPlayground(
    app.browser,
    app.server.baseUrl,
    '?backend=wasm&algorithm=metasgd&metaBatch=16&iterations=100000&seed=2',
  );
  await page.setViewportSize({ width: 1280, height: 900 });
  await waitForBackend(page, 'wasm');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForRun(page, (run) => run.iteration >= 1500, 120_000);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await figure(page, 'inner-rates').locator('.rates-layer').first().waitFor();
  await page.waitForTimeout(1500);
  const section = page.locator('section.insights');
  // Show a cell's details, as a reader pointing at it would see them.
  await section.locator('rect.heat-cell[data-row="2"][data-col="5"]').hover();
  const path = join(REPO_ROOT, 'docs', 'insights.png');
  await section.screenshot({ path });
  expect(statSync(path).size).toBeGreaterThan(50_000);
  expect(pageErrors).toEqual([]);
  await context.close();
}, 240_000);
