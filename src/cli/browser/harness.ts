/**
 * Drives the real production build in a real headless Chromium: no mocks, no dev server. The
 * browser-side probes below run as page or worker code, so they only touch browser globals through
 * small local types (the Node type-check has no DOM library).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { preview } from 'vite';

/** The repository root: `vite preview` reads vite.config.ts and dist/ from here. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The build folder to serve: dist/ unless PLAYGROUND_DIST names another one (relative to the
 * repository root), so two builds can be tested side by side.
 */
export const DIST_DIR = process.env.PLAYGROUND_DIST ?? 'dist';

/** Debian's package puts its launcher here; CHROMIUM_PATH points elsewhere when needed. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

// --- Preview server -------------------------------------------------------------------------

export interface PreviewHandle {
  /** e.g. http://127.0.0.1:41234, no trailing slash. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * Serves the already built dist/ exactly as `vite preview` does, with the COOP/COEP headers from
 * vite.config.ts. 127.0.0.1 is a secure context, which WebGPU requires; port 0 lets the OS pick
 * a free port so parallel runs never collide.
 */
export async function startPreview(): Promise<PreviewHandle> {
  const indexHtml = join(REPO_ROOT, DIST_DIR, 'index.html');
  if (!existsSync(indexHtml)) {
    throw new Error(
      `${indexHtml} is missing: the browser tests serve the production build. Run \`npm run build\` first.`,
    );
  }
  const server = await preview({
    root: REPO_ROOT,
    logLevel: 'warn',
    build: { outDir: DIST_DIR },
    preview: { port: 0, strictPort: true, host: '127.0.0.1', open: false },
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') {
    await server.close();
    throw new Error(`vite preview is not listening on a TCP port (address: ${String(address)})`);
  }
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: () => server.close(),
  };
}

// --- Browser --------------------------------------------------------------------------------

export interface LaunchOptions {
  /** Adds --enable-unsafe-webgpu: Linux Chromium keeps WebGPU behind this flag. */
  readonly webgpu: boolean;
}

/**
 * Flags for a quiet, reproducible headless run. --no-sandbox because CI runs as root; the rest
 * stop background traffic that could slow or flake a test. Deliberately absent:
 * --disable-gpu and --disable-software-rasterizer, which remove the software GL/Vulkan paths
 * that WebGL and WebGPU use on a machine without a GPU.
 */
export function chromiumArgs(options: LaunchOptions): string[] {
  const args = [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
  if (options.webgpu) args.push('--enable-unsafe-webgpu');
  return args;
}

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH;
}

export async function launchBrowser(options: LaunchOptions): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install Debian's package with ` +
        '`apt-get install chromium`, or set CHROMIUM_PATH to a Chromium executable.',
    );
  }
  return chromium.launch({ executablePath, headless: true, args: chromiumArgs(options) });
}

// --- Pages ----------------------------------------------------------------------------------

export interface ConsoleEntry {
  readonly type: string;
  readonly text: string;
}

export interface OpenedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every console message, in order, for diagnostics. */
  readonly consoleMessages: ConsoleEntry[];
  /** Text of console messages of type "error". */
  readonly consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections in the page. */
  readonly pageErrors: string[];
}

export interface OpenPageOptions {
  /** Runs after the page exists but before navigation, e.g. to add init scripts. */
  readonly beforeNavigate?: (page: Page) => Promise<void>;
}

/**
 * Opens `path` in a fresh context (no shared storage between tests) and records console output
 * and page errors from the very first script onwards, so a test can assert the app ran cleanly.
 */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  path: string,
  options: OpenPageOptions = {},
): Promise<OpenedPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const opened: OpenedPage = {
    context,
    page,
    consoleMessages: [],
    consoleErrors: [],
    pageErrors: [],
  };
  page.on('console', (message) => {
    const entry = { type: message.type(), text: message.text() };
    opened.consoleMessages.push(entry);
    if (entry.type === 'error') opened.consoleErrors.push(entry.text);
  });
  page.on('pageerror', (error) => {
    opened.pageErrors.push(error.stack ?? error.message);
  });
  await options.beforeNavigate?.(page);
  const response = await page.goto(new URL(path, baseUrl).href, { waitUntil: 'load' });
  if (response === null || !response.ok()) {
    throw new Error(
      `GET ${path} failed: HTTP ${response === null ? 'no response' : response.status()}`,
    );
  }
  return opened;
}

// --- Long tasks -----------------------------------------------------------------------------

export interface LongTask {
  readonly startTime: number;
  readonly duration: number;
}

interface LongTaskWindow {
  __longTasks?: LongTask[];
}

/**
 * Records main-thread tasks over 50 ms from before the app's first script, so tests can check
 * that training stays off the UI thread. Call before navigating (see `beforeNavigate`).
 */
export async function installLongTaskObserver(page: Page): Promise<void> {
  await page.addInitScript(() => {
    interface Entry {
      readonly startTime: number;
      readonly duration: number;
    }
    interface ObserverConstructor {
      new (callback: (list: { getEntries(): Entry[] }) => void): {
        observe(options: { type: string; buffered: boolean }): void;
      };
    }
    const scope = globalThis as unknown as LongTaskWindow & {
      PerformanceObserver: ObserverConstructor;
    };
    const tasks: LongTask[] = [];
    scope.__longTasks = tasks;
    new scope.PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        tasks.push({ startTime: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
  });
}

/**
 * A main-thread task longer than this is a stall a person notices: a click or key waits past
 * 100 ms, the limit for an answer that feels immediate. The browser's long tasks start at 50 ms;
 * on a 2-core machine one recharts redraw takes 15-90 ms of wall time depending on the machine
 * and its load (docs/BENCHMARKS.md), so `npm run bench:charts` counts those, and tests assert
 * that training never stalls the page.
 */
export const STALL_MS = 100;

/**
 * The first redraws of a chart, after a page's first Start or when it first comes into view, run
 * recharts code the JavaScript engine has not compiled yet: on this 2-core machine they took
 * 104-155 ms (docs/BENCHMARKS.md), later ones less than STALL_MS. They are held to this looser
 * limit for COLD_START_MS after the charts start drawing.
 */
export const COLD_STALL_MS = 250;
export const COLD_START_MS = 2000;

/**
 * The tasks since `from` (page time, ms) that stall the page: longer than STALL_MS, or before
 * `warmFrom` (the charts' first redraws) longer than COLD_STALL_MS.
 */
export async function readStalls(page: Page, from: number, warmFrom = from): Promise<LongTask[]> {
  return (await readLongTasks(page)).filter(
    (task) =>
      task.startTime >= from &&
      task.duration > (task.startTime < warmFrom ? COLD_STALL_MS : STALL_MS),
  );
}

/** The long tasks seen so far; throws if the observer was never installed. */
export async function readLongTasks(page: Page): Promise<LongTask[]> {
  const tasks = await page.evaluate(
    () => (globalThis as unknown as LongTaskWindow).__longTasks ?? null,
  );
  if (tasks === null) throw new Error('installLongTaskObserver(page) was not called before load');
  return tasks;
}

// --- Environment probes ---------------------------------------------------------------------

/** What the training backends need from the browser, as seen from one realm. */
export interface EnvironmentReport {
  readonly crossOriginIsolated: boolean;
  readonly hasNavigatorGpu: boolean;
  /** `navigator.gpu.requestAdapter()` returned an adapter. */
  readonly webgpuAdapter: boolean;
  /** `new OffscreenCanvas(1, 1).getContext('webgl2')` returned a context. */
  readonly webgl2: boolean;
  /** `WebAssembly.validate` accepts a module using a 128-bit SIMD instruction. */
  readonly wasmSimd: boolean;
}

/**
 * A minimal module whose one function is `i32.const 0; i32x4.splat`, returning a v128: it only
 * validates where WebAssembly SIMD is supported.
 */
export const WASM_SIMD_MODULE: readonly number[] = [
  // "\0asm", version 1
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  // type section: one function type, () -> v128 (0x7b)
  ...[0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b],
  // function section: one function, of type 0
  ...[0x03, 0x02, 0x01, 0x00],
  // code section: no locals; i32.const 0; i32x4.splat (0xfd 0x11); end
  ...[0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0xfd, 0x11, 0x0b],
];

/**
 * Runs in the browser, in the page or in a worker. Playwright and the worker Blob both ship its
 * source text, so it must not refer to anything outside its own body (apart from its argument).
 */
export async function probeEnvironment(simdModule: readonly number[]): Promise<EnvironmentReport> {
  interface GpuLike {
    requestAdapter(): Promise<object | null>;
  }
  interface OffscreenCanvasLike {
    getContext(kind: 'webgl2'): object | null;
  }
  interface WasmLike {
    validate(bytes: Uint8Array): boolean;
  }
  const scope = globalThis as unknown as {
    crossOriginIsolated?: boolean;
    navigator: { gpu?: GpuLike };
    OffscreenCanvas?: new (width: number, height: number) => OffscreenCanvasLike;
    WebAssembly?: WasmLike;
  };
  const gpu = scope.navigator.gpu;
  const adapter = gpu === undefined ? null : await gpu.requestAdapter();
  const canvas = scope.OffscreenCanvas === undefined ? null : new scope.OffscreenCanvas(1, 1);
  return {
    crossOriginIsolated: scope.crossOriginIsolated === true,
    hasNavigatorGpu: gpu !== undefined,
    webgpuAdapter: adapter !== null,
    webgl2: canvas?.getContext('webgl2') != null,
    wasmSimd: scope.WebAssembly?.validate(new Uint8Array(simdModule)) === true,
  };
}

/** Runs `probeEnvironment` on the page's main thread. */
export function probeInPage(page: Page): Promise<EnvironmentReport> {
  return page.evaluate(probeEnvironment, WASM_SIMD_MODULE);
}

type WorkerReply = { ok: true; report: EnvironmentReport } | { ok: false; error: string };

/**
 * Runs `probeEnvironment` inside a dedicated worker started from a Blob URL, the same kind of
 * realm as the app's training worker, and returns its report.
 */
export async function probeInWorker(page: Page, timeoutMs = 60_000): Promise<EnvironmentReport> {
  const source =
    `(${probeEnvironment.toString()})(${JSON.stringify(WASM_SIMD_MODULE)}).then(` +
    '(report) => postMessage({ ok: true, report }),' +
    '(error) => postMessage({ ok: false, error: String(error) }));';
  const reply = await page.evaluate(
    ({ source, timeoutMs }) => {
      interface WorkerLike {
        onmessage: ((event: { data: WorkerReply }) => void) | null;
        onerror: ((event: { message: string }) => void) | null;
        terminate(): void;
      }
      const scope = globalThis as unknown as {
        Worker: new (url: string) => WorkerLike;
      };
      const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      const worker = new scope.Worker(url);
      return new Promise<WorkerReply>((resolve) => {
        const finish = (result: WorkerReply) => {
          clearTimeout(timer);
          worker.terminate();
          URL.revokeObjectURL(url);
          resolve(result);
        };
        const timer = setTimeout(() => {
          finish({ ok: false, error: `worker gave no answer within ${timeoutMs} ms` });
        }, timeoutMs);
        worker.onmessage = (event) => {
          finish(event.data);
        };
        worker.onerror = (event) => {
          finish({ ok: false, error: `worker error: ${event.message}` });
        };
      });
    },
    { source, timeoutMs },
  );
  if (!reply.ok) throw new Error(`environment probe in a worker failed: ${reply.error}`);
  return reply.report;
}
