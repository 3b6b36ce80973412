/**
 * Threaded WASM, in the real built app in headless Chromium: the build plugin that lets
 * TensorFlow.js start its helper threads from a file (src/cli/build/threadedWasm.ts), threads in a
 * cross-origin isolated page on a machine with enough cores (emulated: this one has two), the same
 * losses as on one thread, the Backends panel saying how many, and a clean single-thread fallback
 * with a note where the page is not isolated. Also `npm run dev`, where threads start too.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIST_DIR,
  REPO_ROOT,
  launchBrowser,
  openPage,
  startPreview,
  type OpenedPage,
  type PreviewHandle,
} from '../../src/cli/browser/harness';
import { emulateLogicalCores, startUnisolatedPreview } from '../../src/cli/browser/isolation';
import { rewriteThreadedBlob } from '../../src/cli/build/threadedWasm';
import { waitForBackend, waitForRun, type PageGlobals } from './playgroundPage';
import { worstRelativeDifference } from './referenceRun';

const PACKAGE = join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm');
const THREAD_SCRIPT = 'tfjs-backend-wasm-threaded-simd.js';

/** The same run on one thread and on several: float32 sums split differently, if at all. */
const SAME_RUN_TOLERANCE = 1e-5;
/** Logical cores the workers are told about: TensorFlow.js uses half, so four threads. */
const EMULATED_CORES = 8;

describe('the build plugin', () => {
  const source = readFileSync(join(PACKAGE, 'dist/backend_wasm.js'), 'utf8');

  it("rewrites tfjs-backend-wasm's thread Blob into the URL of the package's own script", () => {
    const rewritten = rewriteThreadedBlob(source, 'backend_wasm.js');
    expect(rewritten).not.toContain('wasmFactoryThreadedSimd.toString()');
    expect(rewritten).toContain(`@tensorflow/tfjs-backend-wasm/wasm-out/${THREAD_SCRIPT}?url`);
    expect(rewritten).toMatch(/mainScriptUrlOrBlob = new URL\(\w+, globalThis\.location\.href\)/);
  });

  it('fails loudly on code it does not recognise, so an upgrade cannot drop the threads', () => {
    const changed = source.replace('wasmFactoryThreadedSimd.toString()', 'String(factory)');
    expect(() => rewriteThreadedBlob(changed, 'backend_wasm.js')).toThrow(
      /found it 0 times\. tfjs-backend-wasm changed how it starts its threads/,
    );
  });

  it('emitted the script the helper threads load, unminified, next to the app', () => {
    const assets = join(REPO_ROOT, DIST_DIR, 'assets');
    const emitted = readdirSync(assets).filter(
      (name) => name.startsWith('tfjs-backend-wasm-threaded-simd-') && name.endsWith('.js'),
    );
    expect(emitted).toHaveLength(1);
    expect(readFileSync(join(assets, emitted[0]!), 'utf8')).toBe(
      readFileSync(join(PACKAGE, 'wasm-out', THREAD_SCRIPT), 'utf8'),
    );
  });
});

interface WasmRun {
  readonly crossOriginIsolated: boolean;
  /** What the worker says WASM runs on, e.g. "WebAssembly, SIMD, 4 threads". */
  readonly adapter: string | null;
  /** The Backends panel's text, opened. */
  readonly panel: string;
  readonly losses: number[];
  readonly errors: string[];
}

async function readAdapter(page: Page): Promise<{ adapter: string | null; isolated: boolean }> {
  return page.evaluate(() => {
    const api = (globalThis as unknown as PageGlobals).playground;
    const run = api?.store.getState().run as { adapter?: string | null } | undefined;
    return {
      adapter: run?.adapter ?? null,
      isolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
    };
  });
}

/** Trains `query` on WASM to the end and reads what the page shows about it. */
async function trainOnWasm(
  browser: Browser,
  baseUrl: string,
  query: string,
  cores: number | null,
): Promise<WasmRun> {
  const opened: OpenedPage = await openPage(browser, baseUrl, `/${query}`, {
    beforeNavigate: async (page) => {
      if (cores !== null) await emulateLogicalCores(page.context(), cores);
    },
  });
  const { page } = opened;
  try {
    await waitForBackend(page, 'wasm');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const run = await waitForRun(page, (r) => r.state === 'finished', 5 * 60_000);
    const { adapter, isolated } = await readAdapter(page);
    await page.locator('details.backends > summary').click();
    const panel = (await page.locator('details.backends').textContent()) ?? '';
    return {
      crossOriginIsolated: isolated,
      adapter,
      panel,
      losses: run.losses,
      errors: [...opened.pageErrors, ...opened.consoleErrors],
    };
  } finally {
    await opened.context.close();
  }
}

describe('in Chromium', () => {
  let isolated: PreviewHandle;
  let unisolated: PreviewHandle;
  let browser: Browser;
  beforeAll(async () => {
    isolated = await startPreview();
    unisolated = await startUnisolatedPreview();
    browser = await launchBrowser({ webgpu: false });
  });
  afterAll(async () => {
    await browser.close();
    await isolated.close();
    await unisolated.close();
  });

  const runs = [
    { name: 'sinusoid MAML', query: '?backend=wasm&seed=3&iterations=8&threads=1' },
    {
      name: 'glyphs 5-way 1-shot, 32 filters, meta-batch 4, second order',
      query:
        '?backend=wasm&seed=3&iterations=3&task=glyphs&ways=5&shots=1&metaBatch=4&filters=32' +
        '&threads=1',
    },
  ];

  it.each(runs)(
    '$name: 4 threads where isolated on 8 cores, shown in the Backends panel, same losses as on one',
    async ({ query }) => {
      const threaded = await trainOnWasm(browser, isolated.baseUrl, query, EMULATED_CORES);
      const single = await trainOnWasm(browser, unisolated.baseUrl, query, EMULATED_CORES);
      console.log(`[wasm threads] ${query}`, {
        threaded: threaded.losses,
        single: single.losses,
      });
      expect(threaded.crossOriginIsolated).toBe(true);
      expect(threaded.adapter).toBe('WebAssembly, SIMD, 4 threads');
      expect(threaded.panel).toContain('wasm, on WebAssembly, SIMD, 4 threads');
      expect(threaded.errors).toEqual([]);
      expect(single.crossOriginIsolated).toBe(false);
      expect(single.adapter).toBe(
        'WebAssembly, SIMD, single thread: the page is not cross-origin isolated',
      );
      expect(threaded.losses.length).toBeGreaterThan(0);
      expect(worstRelativeDifference(threaded.losses, single.losses)).toBeLessThan(
        SAME_RUN_TOLERANCE,
      );
    },
  );

  it('without threads=1 in the link: one thread, and the note says how to ask', async () => {
    const run = await trainOnWasm(
      browser,
      isolated.baseUrl,
      '?backend=wasm&seed=3&iterations=3',
      EMULATED_CORES,
    );
    expect(run.crossOriginIsolated).toBe(true);
    expect(run.adapter).toBe(
      'WebAssembly, SIMD, single thread: add threads=1 to the link for several',
    );
    expect(run.losses).toHaveLength(3);
    expect(run.errors).toEqual([]);
  });

  it('not cross-origin isolated: one thread, a note saying why, and no errors', async () => {
    const run = await trainOnWasm(
      browser,
      unisolated.baseUrl,
      '?backend=wasm&seed=3&iterations=3&threads=1',
      null,
    );
    expect(run.crossOriginIsolated).toBe(false);
    expect(run.panel).toContain(
      'wasm, on WebAssembly, SIMD, single thread: the page is not cross-origin isolated',
    );
    expect(run.losses).toHaveLength(3);
    expect(run.errors).toEqual([]);
  });

  it('isolated, but on this two-core machine: one thread, and the note says why', async () => {
    const run = await trainOnWasm(
      browser,
      isolated.baseUrl,
      '?backend=wasm&seed=3&iterations=3&threads=1',
      2,
    );
    expect(run.crossOriginIsolated).toBe(true);
    expect(run.adapter).toBe(
      'WebAssembly, SIMD, single thread: this machine reports 2 logical cores (TensorFlow.js uses half)',
    );
    expect(run.errors).toEqual([]);
  });

  describe('npm run dev', () => {
    let server: ViteDevServer;
    let cacheDir: string;
    beforeAll(async () => {
      // Its own dependency cache, and no file watching: others may be editing the sources.
      cacheDir = mkdtempSync(join(tmpdir(), 'vite-threads-'));
      server = await createServer({
        root: REPO_ROOT,
        cacheDir,
        logLevel: 'warn',
        server: { port: 0, strictPort: true, host: '127.0.0.1', watch: null, hmr: false },
      });
      await server.listen();
    });
    afterAll(async () => {
      await server.close();
      rmSync(cacheDir, { recursive: true, force: true });
    });

    it('starts the threads too, and trains', async () => {
      const address = server.httpServer?.address();
      if (!address || typeof address === 'string') throw new Error('the dev server has no port');
      const run = await trainOnWasm(
        browser,
        `http://127.0.0.1:${address.port}`,
        '?backend=wasm&seed=3&iterations=3&threads=1',
        EMULATED_CORES,
      );
      expect(run.crossOriginIsolated).toBe(true);
      expect(run.adapter).toBe('WebAssembly, SIMD, 4 threads');
      expect(run.losses).toHaveLength(3);
    });
  });
});
