/**
 * What the threaded WASM backend depends on, made controllable for tests and benchmarks: whether
 * the page is cross-origin isolated, and how many logical cores its workers see.
 */
import type { BrowserContext } from 'playwright-core';
import { preview } from 'vite';
import { DIST_DIR, REPO_ROOT, type PreviewHandle } from './harness';

/**
 * Serves the built app like `startPreview`, but without vite.config.ts and so without the
 * COOP/COEP headers: the page is not cross-origin isolated, as on a static host that does not
 * send them.
 */
export async function startUnisolatedPreview(): Promise<PreviewHandle> {
  const server = await preview({
    configFile: false,
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
  return { baseUrl: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

/** The built app's worker scripts (the training worker and its probes), in dist or in dev. */
const WORKER_SCRIPT = /\/(trainingWorker|probeWorker)[^/]*\.(js|ts)(\?[^/]*)?$/;

/**
 * Makes the app's workers in `context` report `cores` logical cores, as on a larger machine:
 * TensorFlow.js gives WASM half of them as threads. An init script cannot reach a worker, so the
 * override is put in front of the worker scripts as they are served.
 */
export async function emulateLogicalCores(context: BrowserContext, cores: number): Promise<void> {
  const override =
    'Object.defineProperty(Object.getPrototypeOf(navigator), "hardwareConcurrency", ' +
    `{ configurable: true, get: () => ${cores} });\n`;
  await context.route(WORKER_SCRIPT, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: override + (await response.text()) });
  });
}
