/**
 * How long the presets that promise a duration really take: the production build in headless
 * Chromium at 1280x720, on WASM, from a click on Start to the final held-out evaluation on the
 * page, with every view the first screen shows live. For a preset that teaches (the quick demo),
 * also when the learner first adapts clearly better than both baselines (95% intervals apart).
 * Prints median and interquartile range over the runs, checks each promise, and writes the table
 * into docs/BENCHMARKS.md.
 *
 *   npm run bench:presets -- [--runs 3] [--presets quick,glyphs-maml] [--no-write]
 */
import type { Browser } from 'playwright-core';
import {
  DEFAULT_CONFIG,
  PRESETS,
  presetConfig,
  presetTitle,
  toQuery,
  type Preset,
} from '../core/config';
import { formatSpread, spreadOf } from '../core/bench/spread';
import { chromiumPath, launchBrowser, openPage, startPreview } from './browser/harness';
import { commit, machine, writeBenchmarkSection } from './benchReport';

/** A promise of "about N s" holds when the median lands within this band around N. */
const PROMISE_BAND = [0.6, 1.25] as const;

interface PresetRun {
  /** Seconds from Start to the final evaluation shown on the page. */
  readonly finalSeconds: number;
  /** Seconds from Start to the first evaluation where the learner is clearly better; null: never. */
  readonly clearlyBetterSeconds: number | null;
}

/**
 * Runs in the page: clicks Start, then watches the store until the final evaluation arrives,
 * noting when an evaluation first shows the learner clearly ahead of both baselines (after one
 * step for losses, where the MAML paper reads them; after the last step for accuracies).
 * A string, so the bundler that runs this file adds nothing to it.
 */
const RUN_IN_PAGE = `new Promise((resolve, reject) => {
  const { store } = globalThis.playground;
  const start = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Start');
  if (!start || start.disabled) { reject(new Error('Start is not available')); return; }
  const began = performance.now();
  let clearly = null;
  let seen = 0;
  const ahead = (evaluation) => {
    const byAccuracy = evaluation.accuracy !== null;
    const curves = byAccuracy ? evaluation.accuracy : evaluation;
    const step = byAccuracy ? evaluation.steps.length - 1 : Math.min(1, evaluation.steps.length - 1);
    const edge = (model, sign) => curves[model].mean[step] + sign * curves[model].ci95[step];
    return ['pretrained', 'scratch'].every((baseline) =>
      byAccuracy ? edge('maml', -1) > edge(baseline, 1) : edge('maml', 1) < edge(baseline, -1));
  };
  const look = () => {
    const { run, evaluations } = store.getState();
    const points = evaluations.points;
    for (; seen < points.length; seen += 1) {
      const point = points[seen];
      if (clearly === null && point.iteration > 0 && ahead(point.evaluation)) {
        clearly = (performance.now() - began) / 1000;
      }
    }
    const last = points[points.length - 1];
    const done = last && last.iteration === run.config.iterations && last.evaluation.tasks === run.config.evalTasks;
    if (done) { resolve({ finalSeconds: (performance.now() - began) / 1000, clearlyBetterSeconds: clearly }); return; }
    if (run.state === 'failed' || run.divergence) { reject(new Error('the run failed: ' + (run.workerFailure?.message ?? run.error ?? run.divergence?.message))); return; }
    setTimeout(look, 50);
  };
  start.click();
  look();
})`;

/** Resolves once the page's run has its backend and is ready to start. */
const READY_IN_PAGE = `(() => {
  const run = globalThis.playground?.store.getState().run;
  return run !== undefined && run.backend === 'wasm' && run.state === 'idle';
})()`;

async function runOnce(browser: Browser, baseUrl: string, preset: Preset): Promise<PresetRun> {
  const config = { ...presetConfig(preset, DEFAULT_CONFIG), backend: 'wasm' as const };
  const { page, context } = await openPage(browser, baseUrl, `/?${toQuery(config)}`);
  try {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForFunction(READY_IN_PAGE, null, { timeout: 120_000, polling: 100 });
    return await page.evaluate<PresetRun>(RUN_IN_PAGE);
  } finally {
    await context.close();
  }
}

function verdict(preset: Preset, median: number): string {
  const promised = preset.promisedSeconds;
  if (promised === undefined) return 'no promise';
  const ratio = median / promised;
  return ratio >= PROMISE_BAND[0] && ratio <= PROMISE_BAND[1]
    ? `holds (about ${promised} s)`
    : `BROKEN: promises about ${promised} s`;
}

function chosenPresets(args: readonly string[]): Preset[] {
  const listed = args.includes('--presets') ? args[args.indexOf('--presets') + 1] : undefined;
  if (listed === undefined) return PRESETS.filter((preset) => preset.promisedSeconds !== undefined);
  const ids = listed.split(',');
  const unknown = ids.filter((id) => !PRESETS.some((preset) => preset.id === id));
  if (unknown.length > 0) throw new Error(`no preset ${unknown.join(', ')}`);
  return PRESETS.filter((preset) => ids.includes(preset.id));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 3;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number >= 1');
  const presets = chosenPresets(args);
  const preview = await startPreview();
  const browser = await launchBrowser({ webgpu: false });
  const version = browser.version();
  const rows: string[] = [];
  let broken = false;
  try {
    for (const preset of presets) {
      const results: PresetRun[] = [];
      for (let run = 1; run <= runs; run += 1) {
        process.stderr.write(`${preset.id}: run ${run} of ${runs}...\n`);
        results.push(await runOnce(browser, preview.baseUrl, preset));
      }
      const final = spreadOf(results.map((result) => result.finalSeconds));
      const clearly = results.map((result) => result.clearlyBetterSeconds);
      const clearlyText = clearly.every((value) => value !== null)
        ? formatSpread(spreadOf(clearly))
        : `${clearly.filter((value) => value === null).length} of ${runs} runs never`;
      const promise = verdict(preset, final.median);
      broken ||= promise.startsWith('BROKEN');
      rows.push(
        `| ${presetTitle(preset)} | ${formatSpread(final)} | ${clearlyText} | ${promise} |`,
      );
    }
  } finally {
    await browser.close();
    await preview.close();
  }
  const table = [
    '| preset | s from Start to the final evaluation | s until the learner is clearly better than both baselines | promise |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  console.log(table);
  const section =
    `Measured by \`npm run bench:presets\` on ${new Date().toISOString().slice(0, 10)}: headless ` +
    `Chromium ${version} (${chromiumPath()}) at 1280x720, WASM, the production build at ` +
    `${commit()}, on ${machine()}. "Clearly better": the learner's held-out loss after one step ` +
    `(accuracy after the last step for images) with its 95% interval apart from both baselines'.\n\n` +
    table;
  if (!args.includes('--no-write')) {
    await writeBenchmarkSection('preset-durations', section);
    process.stderr.write('Wrote the table into docs/BENCHMARKS.md.\n');
  }
  if (broken) process.exitCode = 1;
}

await main();
