/**
 * Checkpoints in the real built app, on WASM: a run trained N iterations is saved as a file and
 * in the browser's storage, then trained on to 2N. After a reload, resuming either one puts the
 * run back at N with its curve drawn, and training on to 2N gives bit for bit the losses of the
 * uninterrupted run. The stored list shows name, date and iteration, Delete removes an entry for
 * good, and a damaged file is refused with an alert, leaving the run as it was.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { openPage } from '../../src/cli/browser/harness';
import { openView } from './chartsPage';
import { servedApp } from './lifecycle';
import { openPlayground, waitForBackend, waitForRun, type PageGlobals } from './playgroundPage';

const app = servedApp({ webgpu: false });
const dir = mkdtempSync(join(tmpdir(), 'checkpoints-test-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const N = 12;
const LINK = '?task=sinusoid&algorithm=maml&backend=wasm&iterations=100&evalTasks=10&seed=3';

/** Trains exactly `count` more iterations through the page's client, then waits for the pause. */
async function trainTo(page: Page, iteration: number): Promise<void> {
  const { iteration: now } = await waitForRun(page, (run) => run.state !== 'starting', 60_000);
  await page.evaluate((count) => {
    const client = (globalThis as unknown as PageGlobals).playground!.client as unknown as {
      send(command: { type: 'step'; count: number }): void;
    };
    client.send({ type: 'step', count });
  }, iteration - now);
  await waitForRun(page, (run) => run.iteration === iteration && run.state === 'paused', 120_000);
}

/** Every iteration's training loss the page holds, from iteration 1. */
async function losses(page: Page): Promise<number[]> {
  const run = await waitForRun(page, () => true, 1000);
  expect(run.firstIteration).toBe(1);
  expect(run.stride).toBe(1);
  return run.losses;
}

/** The losses of iterations N+1..2N are the uninterrupted run's, bit for bit. */
function expectSameLosses(resumed: number[], whole: number[]): void {
  expect(resumed).toHaveLength(2 * N);
  for (let i = N; i < 2 * N; i++) {
    expect(Object.is(resumed[i], whole[i]), `iteration ${i + 1}`).toBe(true);
  }
}

/** After a resume: the run stands at N, waiting, its curve so far drawn as the run had it. */
async function expectResumedAtN(page: Page, whole: number[]): Promise<void> {
  await waitForRun(page, (run) => run.iteration === N && run.state === 'idle', 120_000);
  const drawn = await losses(page);
  expect(drawn).toHaveLength(N);
  drawn.forEach((loss, i) => {
    expect(Object.is(loss, whole[i]), `iteration ${i + 1} drawn`).toBe(true);
  });
  expect(await page.getByRole('button', { name: 'Start', exact: true }).isEnabled()).toBe(true);
}

describe('checkpoints', () => {
  it('resume exactly from a file and from browser storage, and delete for good', async () => {
    const { page, context, pageErrors } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      LINK,
    );
    await waitForBackend(page, 'wasm');
    await trainTo(page, N);
    await openView(page, 'Save & export');
    const nameField = page.getByLabel('Checkpoint name');
    expect(await nameField.inputValue()).toBe(`MAML sinusoid, iteration ${N}`);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download checkpoint' }).click(),
    ]);
    const file = join(dir, 'halfway.checkpoint.json');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toBe(`MAML-sinusoid-iteration-${N}.checkpoint.json`);

    const savedBefore = Date.now();
    await nameField.fill('halfway');
    await page.getByRole('button', { name: 'Save checkpoint' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).textContent())
      .toContain('Saved “halfway” in this browser.');
    const row = page.getByRole('row').filter({ hasText: 'halfway' });
    expect(await row.getByRole('cell').nth(1).textContent()).toBe(String(N));
    const savedAt = Date.parse((await row.locator('time').getAttribute('datetime')) ?? '');
    expect(savedAt).toBeGreaterThanOrEqual(savedBefore - 1000);
    expect(savedAt).toBeLessThanOrEqual(Date.now());

    // The uninterrupted run, on to 2N.
    await trainTo(page, 2 * N);
    const whole = await losses(page);
    expect(whole).toHaveLength(2 * N);

    // From the file, after a reload.
    await page.reload();
    await waitForBackend(page, 'wasm');
    await openView(page, 'Save & export');
    await page.getByLabel('Resume from file…').setInputFiles(file);
    await expectResumedAtN(page, whole);
    expect(page.url()).toContain('seed=3');
    await trainTo(page, 2 * N);
    expectSameLosses(await losses(page), whole);

    // From browser storage, after another reload.
    await page.reload();
    await waitForBackend(page, 'wasm');
    await openView(page, 'Save & export');
    await page.getByRole('button', { name: 'Resume halfway' }).click();
    await expectResumedAtN(page, whole);
    await trainTo(page, 2 * N);
    const fromStorage = await losses(page);
    expectSameLosses(fromStorage, whole);

    // A damaged file: an alert, and the run stays as it was.
    await page.getByLabel('Resume from file…').setInputFiles({
      name: 'broken.checkpoint.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"kind": "meta-learning-playground checkpoint", "version": 2'),
    });
    const alert = page.getByRole('alert').filter({ hasText: 'broken.checkpoint.json' });
    await expect.poll(() => alert.textContent()).toContain('cannot be resumed');
    // A checkpoint of a newer version: refused with the reason, the run still as it was.
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    await page.getByLabel('Resume from file…').setInputFiles({
      name: 'newer.checkpoint.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...saved, version: 99 })),
    });
    const newer = page.getByRole('alert').filter({ hasText: 'newer.checkpoint.json' });
    await expect.poll(() => newer.textContent()).toContain('version 99 is newer');
    const after = await waitForRun(page, () => true, 1000);
    expect(after.iteration).toBe(2 * N);
    expect(after.state).toBe('paused');
    expect(after.losses).toEqual(fromStorage);

    // Delete: gone from the list, and still gone after a reload.
    await page.getByRole('button', { name: 'Delete halfway' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'halfway' }).count()).toBe(0);
    await page.reload();
    await waitForBackend(page, 'wasm');
    await openView(page, 'Save & export');
    await expect
      .poll(() => page.getByText('No checkpoints are kept in this browser yet.').count())
      .toBe(1);
    expect(await page.getByRole('button', { name: 'Resume halfway' }).count()).toBe(0);

    expect(pageErrors).toEqual([]);
    await context.close();
  }, 600_000);

  it('says so where browser storage is unavailable, and still downloads', async () => {
    const { page, context, pageErrors } = await openPage(
      app.browser,
      app.server.baseUrl,
      `/${LINK}`,
      {
        beforeNavigate: async (opened) => {
          await opened.addInitScript(() => {
            // As in a browser that blocks storage for this site.
            Object.defineProperty(globalThis, 'indexedDB', { value: undefined });
          });
        },
      },
    );
    await waitForBackend(page, 'wasm');
    await trainTo(page, 2);
    await openView(page, 'Save & export');
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'Browser storage' }).textContent())
      .toContain('Browser storage is not available on this page.');
    expect(await page.getByRole('button', { name: 'Save checkpoint' }).isDisabled()).toBe(true);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download checkpoint' }).click(),
    ]);
    const file = join(dir, 'no-storage.checkpoint.json');
    await download.saveAs(file);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { iteration: number; version: number };
    expect(json.iteration).toBe(2);
    expect(json.version).toBe(2);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 300_000);
});
