/**
 * Test-side helpers for the playground page: open it, read its status bar, and read the run
 * through the page's console API (window.playground), as a researcher could from devtools.
 */
import type { Browser, Page } from 'playwright-core';
import { installLongTaskObserver, openPage, type OpenedPage } from '../../src/cli/browser/harness';
import { vi } from 'vitest';

/** What the tests read from window.playground.store in the page. */
export interface RunView {
  readonly state: string;
  readonly backend: string | null;
  readonly iteration: number;
  readonly attempts: readonly { backend: string; used: boolean; reason: string }[];
  readonly losses: number[];
  readonly firstIteration: number;
  readonly stride: number;
}

/** The slice of the page's globals the helpers touch (the Node type-check has no DOM). */
export interface PageGlobals {
  playground?: {
    store: {
      getState(): {
        run: RunView & { attempts: RunView['attempts'] };
        series: {
          metaTrainLoss: { values: Float32Array; firstIteration: number; stride: number };
          comparedLoss: readonly { values: Float32Array; stride: number }[];
        };
      };
    };
    client: {
      send(command: { type: string }): void;
      listen(listener: (event: { type: string; numTensors?: number }) => void): () => void;
    };
  };
}

export async function openPlayground(
  browser: Browser,
  baseUrl: string,
  query: string,
): Promise<OpenedPage> {
  return openPage(browser, baseUrl, `/${query}`, { beforeNavigate: installLongTaskObserver });
}

export function statusBar(page: Page) {
  return page.getByRole('status').filter({ hasText: 'Backend:' });
}

export async function waitForBackend(
  page: Page,
  backend: string,
  timeout = 120_000,
): Promise<void> {
  await statusBar(page)
    .filter({ hasText: `Backend: ${backend}` })
    .waitFor({ timeout });
}

export async function readRun(page: Page): Promise<RunView> {
  return page.evaluate(() => {
    const api = (globalThis as unknown as PageGlobals).playground;
    if (!api) throw new Error('window.playground is missing');
    const { run, series } = api.store.getState();
    return {
      state: run.state,
      backend: run.backend,
      iteration: run.iteration,
      attempts: run.attempts,
      losses: Array.from(series.metaTrainLoss.values),
      firstIteration: series.metaTrainLoss.firstIteration,
      stride: series.metaTrainLoss.stride,
    };
  });
}

/** Reads until `done` holds, and returns that reading; the error says what it waited for. */
export function waitUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeout: number,
  what: string,
): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await read();
      if (!done(value)) {
        throw new Error(`still waiting for ${what}; last ${JSON.stringify(value).slice(0, 600)}`);
      }
      return value;
    },
    { timeout, interval: 150 },
  );
}

export function waitForRun(
  page: Page,
  done: (run: RunView) => boolean,
  timeout: number,
): Promise<RunView> {
  return vi.waitFor(
    async () => {
      const run = await readRun(page);
      if (!done(run)) throw new Error(`still waiting; run is ${JSON.stringify(run).slice(0, 500)}`);
      return run;
    },
    { timeout, interval: 200 },
  );
}

export async function sendCommand(page: Page, type: string): Promise<void> {
  await page.evaluate((commandType) => {
    (globalThis as unknown as PageGlobals).playground?.client.send({ type: commandType });
  }, type);
}

/** The training worker's live tensor count, asked for through the page's client. */
export async function workerTensorCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const client = (globalThis as unknown as PageGlobals).playground!.client;
        const stop = client.listen((event) => {
          if (event.type === 'stats' && event.numTensors !== undefined) {
            stop();
            resolve(event.numTensors);
          }
        });
        client.send({ type: 'stats' });
      }),
  );
}
