/**
 * The pictures in README.md and docs/: the production build in headless Chromium, on WASM, caught
 * mid-run as a reader would see it. Run by hand after a change to the page (`npm run screenshots`),
 * never by the tests, so a test run leaves the tracked images alone.
 *
 *   npm run screenshots -- [--only playground,phone,classification,compare,insights,
 *     classroom-1280x720,classroom-1920x1080]
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT, launchBrowser, openPage, startPreview } from './browser/harness';
import { LESSONS } from '../core/lessons/lessons';

interface Shot {
  readonly name: string;
  readonly query: string;
  readonly viewport: { readonly width: number; readonly height: number };
  /** Brings the page to the moment worth showing, then returns what to capture. */
  readonly prepare: (page: Page) => Promise<'viewport' | { readonly selector: string }>;
}

/** A string expression: the bundler that runs this file adds nothing to code it gives the page. */
const RUN = 'globalThis.playground.store.getState().run';

async function waitForRun(page: Page, condition: string, timeout: number): Promise<void> {
  await page.waitForFunction(`(() => { const run = ${RUN}; return ${condition}; })()`, null, {
    timeout,
    polling: 200,
  });
}

async function start(page: Page): Promise<void> {
  await waitForRun(page, "run.backend !== null && run.state === 'idle'", 120_000);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
}

/**
 * Scrolls each chart inside `selector` into view for a moment: live charts redraw only while in
 * view, so one below the fold would otherwise be captured as it was when it left the screen.
 */
async function drawChartsIn(page: Page, selector: string): Promise<void> {
  for (const chart of await page.locator(`${selector} figure`).all()) {
    await chart.scrollIntoViewIfNeeded();
    await page.waitForTimeout(1500);
  }
}

async function openView(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
}

const SHOTS: readonly Shot[] = [
  {
    name: 'playground',
    query: '?backend=wasm&iterations=2000&metaLr=0.003&evalTasks=100&seed=2',
    viewport: { width: 1280, height: 720 },
    prepare: async (page) => {
      await start(page);
      await waitForRun(page, 'run.iteration >= 1200', 120_000);
      await page.waitForTimeout(1500);
      return 'viewport';
    },
  },
  {
    name: 'phone',
    query: '?backend=wasm&iterations=2000&metaLr=0.003&evalTasks=100&seed=2',
    viewport: { width: 390, height: 844 },
    prepare: async (page) => {
      await start(page);
      await waitForRun(page, 'run.iteration >= 800', 120_000);
      await page.waitForTimeout(1500);
      return 'viewport';
    },
  },
  {
    name: 'classification',
    query:
      '?backend=wasm&seed=2&task=glyphs&algorithm=maml&ways=5&shots=1&query=5&metaBatch=8' +
      '&innerSteps=1&innerLr=0.4&testInnerSteps=3&metaLr=0.003&filters=16&iterations=40' +
      '&evalTasks=20&evalQuery=5',
    viewport: { width: 1280, height: 720 },
    prepare: async (page) => {
      await start(page);
      await waitForRun(page, "run.state === 'finished'", 600_000);
      await page.waitForTimeout(8000);
      return 'viewport';
    },
  },
  {
    name: 'compare',
    query:
      '?backend=wasm&compare=maml,fomaml,metasgd,anil&shots=5&query=5&innerSteps=1' +
      '&iterations=1500&evalTasks=100&seed=2',
    viewport: { width: 1280, height: 900 },
    prepare: async (page) => {
      await openView(page, 'Compare');
      await waitForRun(page, "run.state === 'finished'", 600_000);
      await page.waitForTimeout(8000);
      const selector = 'section[aria-labelledby="compare-heading"]';
      await drawChartsIn(page, selector);
      return { selector };
    },
  },
  {
    name: 'insights',
    query: '?backend=wasm&algorithm=metasgd&metaBatch=16&iterations=100000&seed=2',
    viewport: { width: 1280, height: 900 },
    prepare: async (page) => {
      await start(page);
      await openView(page, 'Inside the learner');
      await waitForRun(page, 'run.iteration >= 1500', 180_000);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await page.waitForTimeout(2500);
      await drawChartsIn(page, 'section.insights');
      // A cell's details, as a reader pointing at it would see them.
      await page.locator('rect.heat-cell[data-row="2"][data-col="5"]').hover();
      return { selector: 'section.insights' };
    },
  },
  // One meta-iteration slowed down, on sine waves and on images: every inner step shown.
  ...(
    [
      ['iteration', '?backend=wasm&metaBatch=6&innerSteps=3&innerLr=0.01&iterations=100000&seed=2'],
      [
        'iteration-images',
        '?task=glyphs&ways=5&shots=1&query=5&algorithm=maml&metaBatch=4&filters=16&innerLr=0.4' +
          '&metaLr=0.003&iterations=100000&backend=wasm&seed=2',
      ],
    ] as const
  ).map(([name, query]): Shot => ({
    name,
    query,
    viewport: { width: 1280, height: 900 },
    prepare: async (page) => {
      await start(page);
      await waitForRun(page, 'run.iteration >= 40', 180_000);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await openView(page, 'One iteration');
      const view = page.locator('section.iteration-view');
      // Opened on a paused run, the view shows every step of the latest iteration.
      await view.getByRole('status').filter({ hasText: 'inner step' }).waitFor({ timeout: 60_000 });
      await page.waitForTimeout(2000);
      return { selector: 'section.iteration-view' };
    },
  })),
  // A lesson of the Learn path beside the run it explains: opened from its starting state, then
  // trained on for a while.
  {
    name: 'lesson',
    query: '?lesson=3',
    viewport: { width: 1280, height: 720 },
    prepare: async (page) => {
      await waitForRun(page, `run.iteration >= ${LESSONS[2]!.startIteration}`, 120_000);
      await start(page);
      await waitForRun(page, 'run.iteration >= 900', 120_000);
      await page.waitForTimeout(1500);
      return 'viewport';
    },
  },
  // The same lesson on a phone, as it opens: the text folded, the learning on the first screen.
  {
    name: 'lesson-phone',
    query: '?lesson=3',
    viewport: { width: 390, height: 844 },
    prepare: async (page) => {
      await waitForRun(page, `run.iteration >= ${LESSONS[2]!.startIteration}`, 120_000);
      await page.waitForTimeout(2500);
      return 'viewport';
    },
  },
  // Classroom mode (present=1) on a projector's two usual sizes.
  ...(
    [
      [1280, 720],
      [1920, 1080],
    ] as const
  ).map(([width, height]): Shot => ({
    name: `classroom-${width}x${height}`,
    query: '?backend=wasm&iterations=2000&metaLr=0.003&evalTasks=100&seed=2&present=1',
    viewport: { width, height },
    prepare: async (page) => {
      await start(page);
      await waitForRun(page, 'run.iteration >= 1200', 120_000);
      await page.waitForTimeout(1500);
      return 'viewport';
    },
  })),
];

async function take(browser: Browser, baseUrl: string, shot: Shot): Promise<void> {
  const { page, context, pageErrors } = await openPage(browser, baseUrl, `/${shot.query}`);
  try {
    await page.setViewportSize(shot.viewport);
    const target = await shot.prepare(page);
    const path = join(REPO_ROOT, 'docs', `${shot.name}.png`);
    if (target === 'viewport') await page.screenshot({ path });
    else await page.locator(target.selector).screenshot({ path });
    if (pageErrors.length > 0)
      throw new Error(`the page reported errors: ${pageErrors.join('; ')}`);
    process.stderr.write(`Wrote docs/${shot.name}.png\n`);
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1]?.split(',') : undefined;
  const shots = SHOTS.filter((shot) => only === undefined || only.includes(shot.name));
  const preview = await startPreview();
  const browser = await launchBrowser({ webgpu: false });
  try {
    for (const shot of shots) await take(browser, preview.baseUrl, shot);
  } finally {
    await browser.close();
    await preview.close();
  }
}

await main();
