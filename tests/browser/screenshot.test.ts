/**
 * Saves a screenshot of the running playground (docs/playground.png, shown in README.md): the real
 * built app in Chromium, mid-way through a short run with its charts and function view live.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  REPO_ROOT,
  launchBrowser,
  startPreview,
  type PreviewHandle,
} from '../../src/cli/browser/harness';
import { openPlayground, waitForBackend, waitForRun } from './playgroundPage';

let server: PreviewHandle;
let browser: Browser;
beforeAll(async () => {
  server = await startPreview();
  browser = await launchBrowser({ webgpu: false });
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

it('saves a screenshot of the playground while it trains', async () => {
  const { page, pageErrors } = await openPlayground(
    browser,
    server.baseUrl,
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
