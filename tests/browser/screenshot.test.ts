/**
 * Saves a screenshot of the running playground (docs/playground.png, shown in README.md): the real
 * built app in Chromium, mid-way through a short run with its charts and function view live.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/cli/browser/harness';
import { servedApp } from './lifecycle';
import { openPlayground, waitForBackend, waitForRun } from './playgroundPage';

const app = servedApp({ webgpu: false });

it('saves a screenshot of the playground while it trains', async () => {
  const { page, pageErrors } = await openPlayground(
    app.browser,
    app.server.baseUrl,
    '?backend=wasm&iterations=1500&evalTasks=100&seed=2',
  );
  await page.setViewportSize({ width: 1280, height: 720 });
  await waitForBackend(page, 'wasm');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await waitForRun(page, (run) => run.state === 'finished', 180_000);
  // Let the final evaluation and the function view's last predictions arrive.
  await page.waitForTimeout(3000);
  const path = join(REPO_ROOT, 'docs', 'playground.png');
  await page.screenshot({ path, fullPage: true });
  expect(statSync(path).size).toBeGreaterThan(50_000);
  expect(pageErrors).toEqual([]);
  await page.context().close();
});
