/**
 * Saves a screenshot of few-shot classification in the playground (docs/classification.png): the
 * real built app in Chromium after a short glyphs run, with its accuracy charts and the task
 * viewer showing a held-out task.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/cli/browser/harness';
import { readClassification, waitUntil } from './classificationPage';
import { servedApp } from './lifecycle';
import { openPlayground, waitForBackend, waitForRun } from './playgroundPage';

const app = servedApp({ webgpu: false });

/** The "Glyphs 5-way 1-shot, MAML (quick)" preset, shortened to under a minute on two cores. */
const ITERATIONS = 30;
const QUERY =
  '?backend=wasm&seed=2&task=glyphs&algorithm=maml&ways=5&shots=1&query=5&metaBatch=8' +
  `&innerSteps=1&innerLr=0.4&testInnerSteps=3&metaLr=0.003&filters=16&iterations=${ITERATIONS}` +
  '&evalTasks=20&evalQuery=5';

it('saves a screenshot of a glyphs run with the task viewer open', async () => {
  const { page, pageErrors } = await openPlayground(app.browser, app.server.baseUrl, QUERY);
  await page.setViewportSize({ width: 1280, height: 720 });
  await waitForBackend(page, 'wasm');
  await page.getByRole('button', { name: 'Show a held-out task' }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForRun(page, (run) => run.state === 'finished', 240_000);
  await waitUntil(
    () => readClassification(page),
    (view) =>
      view.evaluations.at(-1)?.iteration === ITERATIONS &&
      view.evaluations.at(-1)?.tasks === 20 &&
      view.shownTask?.iteration === ITERATIONS,
    90_000,
    'the final evaluation and the task viewer following it',
  );
  await page.waitForTimeout(1000);
  const path = join(REPO_ROOT, 'docs', 'classification.png');
  await page.screenshot({ path, fullPage: true });
  expect(statSync(path).size).toBeGreaterThan(50_000);
  expect(pageErrors).toEqual([]);
  await page.context().close();
}, 360_000);
