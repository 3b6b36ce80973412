/**
 * Smoke tests for the production build in headless Chromium. Besides the page itself, they pin
 * down the browser facts the training worker relies on: cross-origin isolation (threaded WASM),
 * WebGPU behind --enable-unsafe-webgpu, WebGL2 on an OffscreenCanvas and WebAssembly SIMD, all
 * inside a dedicated worker.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  WASM_SIMD_MODULE,
  installLongTaskObserver,
  launchBrowser,
  openPage,
  probeInPage,
  probeInWorker,
  readLongTasks,
  startPreview,
  type PreviewHandle,
} from '../../src/cli/browser/harness';

let server: PreviewHandle;

beforeAll(async () => {
  server = await startPreview();
});

afterAll(async () => {
  await server.close();
});

// Node's types have no WebAssembly global, though Node itself has one.
const nodeWasm = (
  globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }
).WebAssembly;

describe('probe self-check (Node)', () => {
  it('the SIMD probe module is valid, and invalid once its v128 result type is changed', () => {
    expect(nodeWasm.validate(Uint8Array.from(WASM_SIMD_MODULE))).toBe(true);
    // 0x7b (v128) occurs once, as the function's result type; i32 (0x7f) makes the body ill-typed,
    // so validation really checks the SIMD instruction rather than accepting anything.
    const v128 = WASM_SIMD_MODULE.indexOf(0x7b);
    expect(v128).toBeGreaterThan(0);
    const corrupted = Uint8Array.from(WASM_SIMD_MODULE, (byte, i) => (i === v128 ? 0x7f : byte));
    expect(nodeWasm.validate(corrupted)).toBe(false);
  });
});

describe('Chromium with default flags', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser({ webgpu: false });
  });

  afterAll(async () => {
    await browser.close();
  });

  it('loads the built app: heading, COOP/COEP headers, cross-origin isolated, no errors', async () => {
    const { page, pageErrors, consoleErrors } = await openPage(browser, server.baseUrl, '/');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Meta-Learning Playground');
    expect(await page.title()).toBe('Meta-Learning Playground');

    const response = await page.request.get(server.baseUrl + '/');
    expect(response.headers()['cross-origin-opener-policy']).toBe('same-origin');
    expect(response.headers()['cross-origin-embedder-policy']).toBe('require-corp');
    expect((await probeInPage(page)).crossOriginIsolated).toBe(true);

    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('has no WebGPU adapter without --enable-unsafe-webgpu, in the page or a worker', async () => {
    const { page } = await openPage(browser, server.baseUrl, '/');
    for (const report of [await probeInPage(page), await probeInWorker(page)]) {
      expect(report.webgpuAdapter).toBe(false);
    }
  });

  it('has WebGL2 on an OffscreenCanvas and WebAssembly SIMD inside a worker', async () => {
    const { page } = await openPage(browser, server.baseUrl, '/');
    const report = await probeInWorker(page);
    expect(report).toMatchObject({ crossOriginIsolated: true, webgl2: true, wasmSimd: true });
  });

  it('records a deliberately blocked main thread as a long task', async () => {
    const { page } = await openPage(browser, server.baseUrl, '/', {
      beforeNavigate: installLongTaskObserver,
    });
    // A block in a timer task, like app code would cause; DevTools-protocol evaluations are not
    // reported as long tasks.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          setTimeout(() => {
            const end = performance.now() + 200;
            while (performance.now() < end) {
              // Busy-wait: the kind of UI freeze the observer exists to catch.
            }
            resolve();
          }, 0);
        }),
    );
    await expect
      .poll(async () => (await readLongTasks(page)).some((task) => task.duration >= 150))
      .toBe(true);
  });
});

describe('Chromium with --enable-unsafe-webgpu', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser({ webgpu: true });
  });

  afterAll(async () => {
    await browser.close();
  });

  it('gives a WebGPU adapter in the page and in a dedicated worker', async () => {
    const { page, pageErrors } = await openPage(browser, server.baseUrl, '/');
    const inPage = await probeInPage(page);
    const inWorker = await probeInWorker(page);
    expect(inPage).toMatchObject({ hasNavigatorGpu: true, webgpuAdapter: true });
    expect(inWorker).toMatchObject({ hasNavigatorGpu: true, webgpuAdapter: true });
    expect(pageErrors).toEqual([]);
  });
});
