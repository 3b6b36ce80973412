/**
 * What the live charts cost while training: the production build in headless Chromium at
 * 1280x720 on WASM, one long run, measured in windows that alternate between the charts live (in
 * view, as the page opens) and hidden (every chart figure set to display: none, so the charts'
 * visibility gate stops their redraws; the rest of the page stays as it is). Per window: the
 * share of the page's main thread that was busy (Chrome DevTools Protocol Performance.getMetrics
 * TaskDuration), the worker's meta-iterations per second (from the page's store) and long tasks.
 * Prints the median and interquartile range per condition and the ratio of throughputs, and
 * writes them into docs/BENCHMARKS.md.
 *
 *   npm run bench:charts -- [--rounds N] [--window-seconds S] [--no-write]
 */
import type { CDPSession, Page } from 'playwright-core';
import { formatSpread, spreadOf } from '../core/bench/spread';
import {
  chromiumPath,
  installLongTaskObserver,
  launchBrowser,
  openPage,
  readLongTasks,
  startPreview,
} from './browser/harness';
import { commit, machine, writeBenchmarkSection } from './benchReport';

const QUERY = '?backend=wasm&iterations=100000';
const VIEWPORT = { width: 1280, height: 720 };
const WARM_UP_MS = 15_000;
/** After switching conditions, before a window starts: the charts catch up or go quiet. */
const SETTLE_MS = 2_000;

type Condition = 'live' | 'hidden';

interface Window {
  readonly condition: Condition;
  readonly busyShare: number;
  readonly iterationsPerSecond: number;
  readonly longTasks: number;
}

function option(args: readonly string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return value;
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const task = metrics.find((metric) => metric.name === 'TaskDuration');
  if (task === undefined) throw new Error('Performance.getMetrics reported no TaskDuration');
  return task.value;
}

/** The run's completed meta-iterations and the page's clock, read together. */
async function progress(page: Page): Promise<{ iteration: number; at: number }> {
  return page.evaluate<{ iteration: number; at: number }>(
    `({ iteration: window.playground.store.getState().run.iteration, at: performance.now() })`,
  );
}

const HIDE_CHARTS = `(() => {
  const style = document.createElement('style');
  style.id = 'bench-hide-charts';
  style.textContent = 'figure.chart { display: none !important; }';
  document.head.append(style);
})()`;
const SHOW_CHARTS = `document.getElementById('bench-hide-charts')?.remove()`;

async function measureWindow(
  page: Page,
  cdp: CDPSession,
  condition: Condition,
  windowMs: number,
): Promise<Window> {
  await page.evaluate(condition === 'hidden' ? HIDE_CHARTS : SHOW_CHARTS);
  await page.waitForTimeout(SETTLE_MS);
  const busyBefore = await taskSeconds(cdp);
  const before = await progress(page);
  await page.waitForTimeout(windowMs);
  const busyAfter = await taskSeconds(cdp);
  const after = await progress(page);
  const seconds = (after.at - before.at) / 1000;
  const longTasks = (await readLongTasks(page)).filter(
    (task) => task.startTime >= before.at && task.startTime < after.at,
  ).length;
  return {
    condition,
    busyShare: (busyAfter - busyBefore) / seconds,
    iterationsPerSecond: (after.iteration - before.iteration) / seconds,
    longTasks,
  };
}

function summary(windows: readonly Window[], condition: Condition) {
  const mine = windows.filter((w) => w.condition === condition);
  return {
    busy: spreadOf(mine.map((w) => w.busyShare * 100)),
    speed: spreadOf(mine.map((w) => w.iterationsPerSecond)),
    longTasks: mine.reduce((sum, w) => sum + w.longTasks, 0),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rounds = option(args, '--rounds', 4);
  const windowMs = option(args, '--window-seconds', 10) * 1000;
  const preview = await startPreview();
  const browser = await launchBrowser({ webgpu: false });
  const version = browser.version();
  const windows: Window[] = [];
  try {
    const { page, context, pageErrors } = await openPage(browser, preview.baseUrl, `/${QUERY}`, {
      beforeNavigate: installLongTaskObserver,
    });
    await page.setViewportSize(VIEWPORT);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page
      .getByRole('status')
      .filter({ hasText: 'Backend: wasm' })
      .waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    process.stderr.write(`warming up for ${WARM_UP_MS / 1000} s...\n`);
    await page.waitForTimeout(WARM_UP_MS);
    for (let round = 0; round < rounds; round += 1) {
      // Alternate which condition goes first, so a drift over the run favours neither.
      const order: Condition[] = round % 2 === 0 ? ['live', 'hidden'] : ['hidden', 'live'];
      for (const condition of order) {
        const window = await measureWindow(page, cdp, condition, windowMs);
        windows.push(window);
        process.stderr.write(
          `round ${round + 1} ${condition}: main thread ${(window.busyShare * 100).toFixed(1)}% ` +
            `busy, ${window.iterationsPerSecond.toFixed(1)} it/s, ${window.longTasks} long tasks\n`,
        );
      }
    }
    if (pageErrors.length > 0)
      throw new Error(`the page reported errors: ${pageErrors.join('\n')}`);
  } finally {
    await browser.close();
    await preview.close();
  }

  const live = summary(windows, 'live');
  const hidden = summary(windows, 'hidden');
  const ratio = live.speed.median / hidden.speed.median;
  const table = [
    '| charts | main thread busy, % | meta-iterations / s | long tasks (> 50 ms) |',
    '| ------ | ------------------: | ------------------: | -------------------: |',
    `| live   | ${formatSpread(live.busy)} | ${formatSpread(live.speed)} | ${live.longTasks} |`,
    `| hidden | ${formatSpread(hidden.busy)} | ${formatSpread(hidden.speed)} | ${hidden.longTasks} |`,
  ].join('\n');
  const verdict =
    `Throughput with the charts live is ${(ratio * 100).toFixed(1)}% of that with them hidden ` +
    `(median against median; target: at least 85%).`;
  console.log(`\n${table}\n\n${verdict}`);

  const section =
    `Measured by \`npm run bench:charts\` on ${new Date().toISOString().slice(0, 10)}: headless ` +
    `Chromium ${version} (${chromiumPath()}) at ${VIEWPORT.width}x${VIEWPORT.height}, the production build at ` +
    `${commit()}, \`${QUERY}\`, on ${machine()}. ${rounds} rounds of ${windowMs / 1000} s windows ` +
    `per condition, alternating, after ${WARM_UP_MS / 1000} s of training.\n\n${table}\n\n${verdict}`;
  if (!args.includes('--no-write')) {
    await writeBenchmarkSection('charts-benchmark', section);
    process.stderr.write('Wrote the table into docs/BENCHMARKS.md.\n');
  }
}

await main();
