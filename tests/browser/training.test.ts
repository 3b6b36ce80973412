/**
 * The training worker in the real built app, in real headless Chromium, on every backend:
 * which backend is chosen and why (`auto` measures them: tests/browser/backendChoice.test.ts has
 * the details), that each computes the same run as the Node runner, that the page stays
 * responsive, that nothing leaks, and that a lost GPU is survived.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COLD_START_MS,
  launchBrowser,
  readStalls,
  startPreview,
  type PreviewHandle,
} from '../../src/cli/browser/harness';
import {
  openPlayground,
  readRun,
  sendCommand,
  statusBar,
  waitForBackend,
  waitForRun,
  workerTensorCount,
} from './playgroundPage';
import { nodeRunnerLosses, worstRelativeDifference } from './referenceRun';
import { rendererResidentMib } from './rendererMemory';

/** Float32 on different kernels agrees to about 1e-7 per step; 50 Adam steps may amplify that. */
const SAME_RUN_TOLERANCE = 1e-4;
const SEED = 'seed=3';

let server: PreviewHandle;
beforeAll(async () => {
  server = await startPreview();
});
afterAll(async () => {
  await server.close();
});

async function expectSameRunAsNode(
  browser: Browser,
  backend: string,
  query: string,
  iterations: number,
): Promise<void> {
  const { page, pageErrors } = await openPlayground(browser, server.baseUrl, query);
  await waitForBackend(page, backend);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const run = await waitForRun(page, (r) => r.state === 'finished', 10 * 60_000);
  expect(run.backend).toBe(backend);
  expect(run.iteration).toBe(iterations);
  expect(run.stride).toBe(1);
  expect(run.firstIteration).toBe(1);
  const used = run.attempts.find((attempt) => attempt.used);
  expect(used?.backend).toBe(backend);
  expect(used?.reason).toMatch(/second-order gradient check passed/);
  const expected = await nodeRunnerLosses([SEED, `iterations=${iterations}`]);
  expect(worstRelativeDifference(run.losses, expected)).toBeLessThan(SAME_RUN_TOLERANCE);
  expect(pageErrors).toEqual([]);
  await page.context().close();
}

describe('Chromium without WebGPU', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser({ webgpu: false });
  });
  afterAll(async () => {
    await browser.close();
  });

  it('measures, chooses wasm over software webgl, and shows why webgpu was passed over', async () => {
    const { page } = await openPlayground(browser, server.baseUrl, '?iterations=50');
    // Every backend has a verdict once the measurement is over.
    const run = await waitForRun(
      page,
      (r) => r.backend === 'wasm' && r.attempts.every((a) => a.reason !== 'not measured yet'),
      120_000,
    );
    expect(run.attempts.map((a) => [a.backend, a.used])).toEqual([
      ['webgpu', false],
      ['webgl', false],
      ['wasm', true],
      ['cpu', false],
    ]);
    const webgpu = run.attempts[0]!;
    expect(webgpu.reason).toContain('requestAdapter() returned null');
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).toContain('requestAdapter() returned null');
    expect(body).toContain('software renderer');
    await page.context().close();
  });

  it.each(['webgl', 'wasm', 'cpu'])(
    "%s, forced: 50 iterations give the Node runner's losses, and its gradient check passed",
    async (backend) => {
      await expectSameRunAsNode(browser, backend, `?${SEED}&iterations=50&backend=${backend}`, 50);
    },
  );

  it('keeps the page free of stalls while training', async () => {
    const { page } = await openPlayground(
      browser,
      server.baseUrl,
      '?backend=wasm&iterations=100000',
    );
    await waitForBackend(page, 'wasm');
    const started = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    // The charts' first redraws run code the engine has not compiled yet (see COLD_STALL_MS).
    await waitForRun(page, (r) => r.iteration >= 1, 60_000);
    await page.waitForTimeout(COLD_START_MS);
    const warm = await page.evaluate(() => performance.now());
    await waitForRun(page, (r) => r.iteration >= 300, 60_000);
    await page.waitForTimeout(3000);
    const stalls = await readStalls(page, started, warm);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    expect((await readRun(page)).iteration).toBeGreaterThan(300);
    expect(stalls).toEqual([]);
    await page.context().close();
  });

  it("leaves the worker's tensor count after 500 more iterations where it was after the first", async () => {
    const { page } = await openPlayground(browser, server.baseUrl, '?backend=wasm&iterations=501');
    await waitForBackend(page, 'wasm');
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await waitForRun(page, (r) => r.iteration === 1 && r.state === 'paused', 60_000);
    const afterFirst = await workerTensorCount(page);
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await waitForRun(page, (r) => r.state === 'finished', 120_000);
    expect((await readRun(page)).iteration).toBe(501);
    expect(await workerTensorCount(page)).toBe(afterFirst);
    await page.context().close();
  });

  it('survives a lost WebGL context: continues on wasm from the last iteration, same losses', async () => {
    const iterations = 120;
    const { page } = await openPlayground(
      browser,
      server.baseUrl,
      `?${SEED}&iterations=${iterations}&backend=webgl`,
    );
    await waitForBackend(page, 'webgl');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForRun(page, (r) => r.iteration >= 10, 120_000);
    await sendCommand(page, 'simulateDeviceLoss');
    const alert = page.getByRole('alert').filter({ hasText: 'webgl backend failed' });
    await alert.waitFor({ timeout: 60_000 });
    const failedAt = (await readRun(page)).iteration;
    expect(failedAt).toBeGreaterThanOrEqual(10);
    expect(failedAt).toBeLessThan(iterations);
    await page.getByRole('button', { name: 'Continue on wasm' }).click();
    await waitForBackend(page, 'wasm');
    const run = await waitForRun(page, (r) => r.state === 'finished', 120_000);
    expect(run.iteration).toBe(iterations);
    const expected = await nodeRunnerLosses([SEED, `iterations=${iterations}`]);
    expect(worstRelativeDifference(run.losses, expected)).toBeLessThan(SAME_RUN_TOLERANCE);
    await page.context().close();
  });
});

describe('a training worker that dies', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser({ webgpu: false });
  });
  afterAll(async () => {
    await browser.close();
  });

  it('is reported, never a silent hang, and can be restarted', async () => {
    const { page } = await openPlayground(
      browser,
      server.baseUrl,
      '?backend=wasm&iterations=100000',
    );
    await waitForBackend(page, 'wasm');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForRun(page, (r) => r.iteration >= 50, 60_000);
    // Kill the real worker thread while it trains: it simply goes silent, as a hung worker would.
    await page.evaluate(() => {
      const api = (globalThis as unknown as { playground: { client: unknown } }).playground;
      (api.client as { worker: { terminate(): void } }).worker.terminate();
    });
    const alert = page.getByRole('alert').filter({ hasText: 'had not answered' });
    await alert.waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Restart worker' }).click();
    await waitForBackend(page, 'wasm');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForRun(page, (r) => r.state === 'running' && r.iteration > 0, 60_000);
    await page.context().close();
  });
});

/** Prints what was measured, so a run of this file documents the numbers. */
function report(what: string, value: string): void {
  console.info(`[memory] ${what}: ${value}`);
}

describe('a training worker that stops answering', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser({ webgpu: false });
  });
  afterAll(async () => {
    await browser.close();
  });

  it('is stopped by the watchdog, which frees its memory; the run so far stays', async () => {
    // Wide layers, many big tasks and five inner steps: an iteration of about 1.5 GB of tensors (the
    // cost model's estimate) grows the worker's WASM heap by hundreds of MiB past what the
    // iteration-0 evaluation took (its chunks now stay under 256 MiB).
    const { page } = await openPlayground(
      browser,
      server.baseUrl,
      '?backend=wasm&hidden=256,256&metaBatch=150&query=40&innerSteps=5&iterations=100000',
    );
    await waitForBackend(page, 'wasm');
    await page.waitForTimeout(2000);
    const idle = rendererResidentMib();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const trained = await waitForRun(page, (r) => r.iteration >= 10, 120_000);
    const busy = rendererResidentMib();
    report('renderer MiB: page ready, training', `${idle.toFixed(0)}, ${busy.toFixed(0)}`);
    expect(busy - idle).toBeGreaterThan(150);
    // The real worker's thread blocks, heartbeat and all, as a backend stuck in a kernel would.
    await page.evaluate(() => {
      const api = (globalThis as unknown as { playground: { client: unknown } }).playground;
      const { worker } = api.client as { worker: { postMessage(message: unknown): void } };
      worker.postMessage({ type: 'hang', runId: -1, ms: 300_000 });
    });
    const alert = page.getByRole('alert').filter({ hasText: 'had not answered' });
    await alert.waitFor({ timeout: 90_000 });
    expect(await alert.textContent()).toContain('It was stopped, which frees its memory');
    await page.waitForTimeout(3000);
    const stopped = rendererResidentMib();
    report('renderer MiB after the watchdog stopped the worker', stopped.toFixed(0));
    expect(stopped).toBeLessThan(idle + 0.25 * (busy - idle));
    const after = await readRun(page);
    expect(after.state).toBe('failed');
    expect(after.iteration).toBeGreaterThanOrEqual(trained.iteration);
    expect(after.losses.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Restart worker' }).click();
    await waitForBackend(page, 'wasm');
    await page.context().close();
  }, 300_000);
});

describe('a slow iteration', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser({ webgpu: false });
  });
  afterAll(async () => {
    await browser.close();
  });

  /** The page's globals this test touches (the Node type-check has no DOM). */
  interface PauseGlobals {
    playground: {
      store: { subscribe(listener: (state: { run: { state: string } }) => void): () => void };
    };
    document: {
      querySelectorAll(selector: string): ArrayLike<{ textContent: string | null; click(): void }>;
    };
    crossOriginIsolated?: boolean;
  }

  /** Clicks Pause in the page and resolves with the ms until the store says paused. */
  function pauseLatency(page: Page): Promise<number> {
    return page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const scope = globalThis as unknown as PauseGlobals;
          const buttons = Array.from(scope.document.querySelectorAll('button'));
          const pause = buttons.find((button) => button.textContent === 'Pause');
          const started = performance.now();
          const stop = scope.playground.store.subscribe((state) => {
            if (state.run.state !== 'paused') return;
            stop();
            resolve(performance.now() - started);
          });
          pause!.click();
        }),
    );
  }

  it('is interrupted between its task passes: Pause is answered in about a second', async () => {
    // Default glyphs: 25 tasks of 100 images, second order, one task per pass on WASM; about
    // 4 s an iteration here, so a Pause used to wait up to that long.
    const { page, pageErrors } = await openPlayground(
      browser,
      server.baseUrl,
      '?backend=wasm&task=glyphs&iterations=60&evalTasks=4',
    );
    await waitForBackend(page, 'wasm');
    const isolated = await page.evaluate(
      () => (globalThis as unknown as PauseGlobals).crossOriginIsolated,
    );
    expect(isolated).toBe(true);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const latencies: number[] = [];
    const iterationMs: number[] = [];
    for (let round = 0; round < 3; round++) {
      const first = await waitForRun(
        page,
        (r) => r.state === 'running' && r.iteration >= round + 1,
        120_000,
      );
      const began = Date.now();
      const next = await waitForRun(page, (r) => r.iteration > first.iteration, 120_000);
      iterationMs.push(Date.now() - began);
      // Well inside the iteration after `next`.
      await page.waitForTimeout(800);
      latencies.push(await pauseLatency(page));
      const paused = await readRun(page);
      expect(paused.state).toBe('paused');
      // The interrupted iteration was rolled back, not half-applied, and is done again.
      expect(paused.iteration).toBeGreaterThanOrEqual(next.iteration);
      await page.getByRole('button', { name: 'Resume', exact: true }).click();
    }
    report('slow iteration: ms between iterations (upper bound)', iterationMs.join(', '));
    report(
      'slow iteration: ms from Pause to paused',
      latencies.map((ms) => ms.toFixed(0)).join(', '),
    );
    const sorted = [...latencies].sort((a, b) => a - b);
    expect(Math.min(...iterationMs)).toBeGreaterThan(2500);
    expect(sorted[1]).toBeLessThan(1500);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 400_000);
});

describe('a run that runs out of memory', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser({ webgpu: false });
  });
  afterAll(async () => {
    await browser.close();
  });

  it('a link over the cost budget opens without allocating, says why and waits', async () => {
    // 20 ways of 1,000 held-out queries: gigabytes for one held-out task, which the iteration-0
    // evaluation used to make as the page opened.
    const { page, pageErrors } = await openPlayground(
      browser,
      server.baseUrl,
      '?task=glyphs&ways=20&evalTasks=10000&evalQuery=1000',
    );
    await waitForBackend(page, 'wasm');
    const notice = page.getByRole('alert').filter({ hasText: 'Too large to start here' });
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toMatch(/It would need about \d+(\.\d)? GB of memory, over the limit of 2 GB/);
    expect(text).toMatch(/ways=20 \(default 5\): then about/);
    expect(text).toMatch(/evalQuery=1000 \(default 100\): then about/);
    expect(await page.getByRole('button', { name: 'Start', exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Step', exact: true }).isDisabled()).toBe(true);
    await expect
      .poll(() => page.getByLabel('Estimated cost').textContent())
      .toMatch(
        /^Estimated cost: about \d+(\.\d)? GB, about .* per iteration on WASM \(over the budget/,
      );
    const opened = rendererResidentMib();
    await page.waitForTimeout(8000);
    const later = rendererResidentMib();
    report(
      'renderer MiB: over-budget link opened, 8 s later',
      `${opened.toFixed(0)}, ${later.toFixed(0)}`,
    );
    // No measurement, no evaluation, no training: the worker holds its parameters only.
    expect(later - opened).toBeLessThan(150);
    expect(later).toBeLessThan(1500);
    const view = await readRun(page);
    expect(view.state).toBe('idle');
    expect(view.iteration).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('says so, names the settings to reduce, and stops the worker, which frees its memory', async () => {
    // Each allowed, together more than the WASM heap's 4 GiB: over the cost budget, so the page
    // waits for "Start anyway"; then the first meta-iteration fails.
    const { page } = await openPlayground(
      browser,
      server.baseUrl,
      '?backend=wasm&hidden=1024&metaBatch=256&shots=100&query=1000&iterations=3&evalTasks=10',
    );
    await waitForBackend(page, 'wasm');
    const notice = page.getByRole('alert').filter({ hasText: 'Too large to start here' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('metaBatch=256 (default 25): then about');
    expect(await page.getByRole('button', { name: 'Start', exact: true }).isDisabled()).toBe(true);
    await page.waitForTimeout(2000);
    const idle = rendererResidentMib();
    let peak = idle;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rendererResidentMib());
    }, 200);
    await page.getByRole('button', { name: 'Start anyway' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'out of memory' });
    await alert.waitFor({ timeout: 120_000 }).finally(() => {
      clearInterval(sampler);
    });
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Training stopped: out of memory');
    expect(text).toContain('Out of memory at iteration 1');
    expect(text).toContain('metaBatch=256 (default 25)');
    expect(text).toContain('query=1000 (default 10)');
    expect(text).not.toContain('Continue on');
    await page.waitForTimeout(3000);
    const stopped = rendererResidentMib();
    report(
      'renderer MiB: page ready, peak, after the worker was stopped',
      `${idle.toFixed(0)}, ${peak.toFixed(0)}, ${stopped.toFixed(0)}`,
    );
    // The WASM heap grew by gigabytes before it failed, and never shrinks: stopping the worker
    // gives it back.
    expect(peak - idle).toBeGreaterThan(1000);
    expect(stopped).toBeLessThan(idle + 0.25 * (peak - idle));
    expect((await readRun(page)).state).toBe('failed');
    await page.getByRole('button', { name: 'Restart worker' }).click();
    await waitForBackend(page, 'wasm');
    await page.context().close();
  }, 300_000);
});

describe('Chromium with --enable-unsafe-webgpu', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser({ webgpu: true });
  });
  afterAll(async () => {
    await browser.close();
  });

  it('trains on wasm by itself: SwiftShader WebGPU measured slower', async () => {
    const { page } = await openPlayground(browser, server.baseUrl, '?iterations=10');
    const run = await waitForRun(
      page,
      (r) => r.attempts.length === 4 && r.attempts.every((a) => a.reason !== 'not measured yet'),
      120_000,
    );
    expect(run.backend).toBe('wasm');
    expect(await statusBar(page).textContent()).toContain('Backend: wasm');
    expect(run.attempts.find((a) => a.backend === 'webgpu')?.used).toBe(false);
    await page.context().close();
  });

  it('webgpu, forced: names the adapter and tries nothing else', async () => {
    const { page } = await openPlayground(browser, server.baseUrl, '?iterations=10&backend=webgpu');
    await waitForBackend(page, 'webgpu');
    expect(await statusBar(page).textContent()).toContain('Backend: webgpu');
    const run = await readRun(page);
    expect(run.attempts).toHaveLength(1);
    const panel = (await page.locator('details.backends').textContent()) ?? '';
    expect(panel.toLowerCase()).toContain('swiftshader');
    await page.context().close();
  });

  // SwiftShader compiles WebGPU's shaders on this machine's two cores: the first iteration alone
  // took 30 to 45 s here while other work loaded the machine, the later ones about a second.
  it("webgpu: 50 iterations give the Node runner's losses, and its gradient check passed", async () => {
    await expectSameRunAsNode(browser, 'webgpu', `?${SEED}&iterations=50&backend=webgpu`, 50);
  }, 600_000);

  it('survives a destroyed WebGPU device: continues on webgl from the last iteration', async () => {
    const iterations = 40;
    const { page } = await openPlayground(
      browser,
      server.baseUrl,
      `?${SEED}&iterations=${iterations}&backend=webgpu`,
    );
    await waitForBackend(page, 'webgpu');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForRun(page, (r) => r.iteration >= 5, 400_000);
    await sendCommand(page, 'simulateDeviceLoss');
    await page
      .getByRole('alert')
      .filter({ hasText: 'webgpu backend failed' })
      .waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Continue on webgl' }).click();
    await waitForBackend(page, 'webgl');
    const run = await waitForRun(page, (r) => r.state === 'finished', 400_000);
    expect(run.iteration).toBe(iterations);
    const expected = await nodeRunnerLosses([SEED, `iterations=${iterations}`]);
    expect(worstRelativeDifference(run.losses, expected)).toBeLessThan(SAME_RUN_TOLERANCE);
    await page.context().close();
  }, 900_000);
});
