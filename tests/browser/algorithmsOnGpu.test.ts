/**
 * The learners around MAML on WebGPU, in the real built app: a comparison of first-order MAML,
 * Reptile, Meta-SGD, ANIL and multi-task learning trained in the page's worker gives, algorithm by
 * algorithm, the losses the Node runner computes on WASM. (MAML itself is checked the same way on
 * every backend in training.test.ts.)
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { servedApp } from './lifecycle';
import { openPlayground, waitForBackend, waitForRun, type PageGlobals } from './playgroundPage';
import { nodeComparedLosses, worstRelativeDifference } from './referenceRun';

/** Float32 on different kernels agrees to about 1e-7 per step; a few Adam steps may amplify that. */
const SAME_RUN_TOLERANCE = 1e-4;
const ITERATIONS = 8;
const SETTINGS = [
  'compare=fomaml,reptile,metasgd,anil,multitask',
  'seed=4',
  `iterations=${ITERATIONS}`,
  'innerSteps=2',
  'metaBatch=4',
  'shots=5',
  'query=5',
  'hidden=16,16',
  'mtlTasks=3',
  'evalTasks=10',
  'testInnerSteps=2',
];

/** Every compared algorithm's loss per iteration, as the page's store holds it. */
async function comparedLosses(page: Page): Promise<{ stride: number; values: number[] }[]> {
  return page.evaluate(() => {
    const api = (globalThis as unknown as PageGlobals).playground;
    if (!api) throw new Error('window.playground is missing');
    return api.store.getState().series.comparedLoss.map((series) => ({
      stride: series.stride,
      values: Array.from(series.values),
    }));
  });
}

async function expectNodeLosses(page: Page, backend: string): Promise<void> {
  await waitForBackend(page, backend);
  // A comparison link waits for a click.
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const run = await waitForRun(
    page,
    (r) => r.state === 'finished' || r.state === 'failed',
    10 * 60_000,
  );
  expect(run.state).toBe('finished');
  expect(run.backend).toBe(backend);
  expect(run.iteration).toBe(ITERATIONS);
  const inPage = await comparedLosses(page);
  const expected = await nodeComparedLosses(SETTINGS);
  expect(inPage).toHaveLength(expected.length);
  inPage.forEach((series, i) => {
    expect(series.stride).toBe(1);
    expect(worstRelativeDifference(series.values, expected[i]!)).toBeLessThan(SAME_RUN_TOLERANCE);
  });
}

const query = (backend: string) => `?backend=${backend}&${SETTINGS.join('&')}`;

describe('Chromium with --enable-unsafe-webgpu', () => {
  const app = servedApp({ webgpu: true });
  it("webgpu: every learner's losses equal the Node runner's", async () => {
    const { page, pageErrors, context } = await openPlayground(
      app.browser,
      app.server.baseUrl,
      query('webgpu'),
    );
    await expectNodeLosses(page, 'webgpu');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
