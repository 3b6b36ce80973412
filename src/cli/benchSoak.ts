/**
 * Whether memory stays flat over long runs, on sinusoid and on glyphs. In Node: a Trainer on WASM,
 * as the runner builds it, stepped many times with the held-out evaluations the page schedules
 * (one every twentieth of the run), sampling the process's resident memory, V8's heap and the
 * WASM heap, and counting tfjs's tensors. In the browser: the production build's page in headless
 * Chromium at 1280x720 on WASM, training for some minutes with every view of the first screen
 * live, sampling the resident memory of this browser's renderers (the training worker lives in
 * its page's renderer) before and after a full garbage collection, the page's and the worker's
 * JS heaps, the worker's WASM heap and its tensors. Each series is judged after its warm-up
 * (src/core/bench/memoryTrend.ts); the tables go into docs/BENCHMARKS.md.
 *
 *   npm run bench:soak -- [--node-iterations 10000] [--browser-minutes 10] [--only node|browser]
 *     [--tasks sinusoid,glyphs] [--no-write]
 */
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import {
  DEFAULT_CONFIG,
  PRESETS,
  applyOverrides,
  presetConfig,
  toQuery,
  type ExperimentConfig,
} from '../core/config';
import { memoryTrend, type MemorySample, type MemoryTrend } from '../core/bench/memoryTrend';
import { DatasetLibrary } from '../core/datasets/library';
import { tf } from '../core/tfjs/tf';
import { createTrainer } from '../core/trainer/createTrainer';
import { chromiumArgs, chromiumPath, openPage, startPreview } from './browser/harness';
import { rendererResidentMib } from './browser/rendererMemory';
import { loadAverage, positiveNumber } from './benchArgs';
import { commit, machine, writeBenchmarkSection } from './benchReport';
import { startBackend } from './nodeBackend';

const MIB = 2 ** 20;
const mib = (bytes: number, digits = 1) => (bytes / MIB).toFixed(digits);
type Task = 'sinusoid' | 'glyphs';
const TASKS: readonly Task[] = ['sinusoid', 'glyphs'];

/**
 * The glyphs preset (5-way 1-shot MAML, second order) at half its meta-batch and filters, so
 * 10,000 iterations take minutes rather than the better part of an hour on two cores; the
 * network, its convolutions and the evaluation are the same code at any size.
 */
const GLYPHS_SOAK = ['metaBatch=4', 'filters=8'];

/**
 * The page's runs are long enough that about ten of the twenty evaluations a run schedules fall
 * within ten minutes on this machine (the page evaluates every twentieth of the iterations).
 */
const PAGE_ITERATIONS: Readonly<Record<Task, number>> = { sinusoid: 200_000, glyphs: 6_000 };
const SAMPLES_PER_RUN = 100;
const NODE_EVALUATIONS = 20;
const NODE_EVALUATION_TASKS = 100;

interface Options {
  nodeIterations: number;
  browserMinutes: number;
  sampleSeconds: number;
  phases: ('node' | 'browser')[];
  tasks: Task[];
  write: boolean;
}

function parseOptions(args: readonly string[]): Options {
  const options: Options = {
    nodeIterations: 10_000,
    browserMinutes: 10,
    sampleSeconds: 10,
    phases: ['node', 'browser'],
    tasks: [...TASKS],
    write: true,
  };
  for (let i = 0; i < args.length; i += 1) {
    const flag = args[i]!;
    if (flag === '--no-write') {
      options.write = false;
      continue;
    }
    const value = args[(i += 1)] ?? '';
    const positive = positiveNumber(value);
    if (flag === '--node-iterations' && positive !== null)
      options.nodeIterations = Math.round(positive);
    else if (flag === '--browser-minutes' && positive !== null) options.browserMinutes = positive;
    else if (flag === '--sample-seconds' && positive !== null) options.sampleSeconds = positive;
    else if (flag === '--only' && (value === 'node' || value === 'browser'))
      options.phases = [value];
    else if (flag === '--tasks' && value.split(',').every((t) => TASKS.includes(t as Task)))
      options.tasks = value.split(',') as Task[];
    else throw new Error(`unknown option or bad value: ${flag} ${value}`);
  }
  return options;
}

function glyphsPreset(): ExperimentConfig {
  const preset = PRESETS.find((p) => p.id === 'glyphs-maml');
  if (preset === undefined) throw new Error('no glyphs-maml preset');
  return presetConfig(preset, DEFAULT_CONFIG);
}

function configOf(task: Task, base: ExperimentConfig, pairs: readonly string[]): ExperimentConfig {
  const parsed = applyOverrides(base, pairs);
  if (parsed.problems.length > 0) {
    throw new Error(`${task}: ${parsed.problems.map((p) => p.message).join('; ')}`);
  }
  return parsed.config;
}

/** Each soak's settings before its size: the defaults, and the glyphs preset. */
const BASE: Readonly<
  Record<Task, { config: () => ExperimentConfig; named: string; node: string[] }>
> = {
  sinusoid: { config: () => DEFAULT_CONFIG, named: 'the defaults', node: [] },
  glyphs: { config: glyphsPreset, named: '`glyphs-maml`', node: GLYPHS_SOAK },
};

function nodeConfig(task: Task, iterations: number): ExperimentConfig {
  const size = [`iterations=${iterations}`, 'backend=wasm'];
  return configOf(task, BASE[task].config(), [...BASE[task].node, ...size]);
}

function pageConfig(task: Task): ExperimentConfig {
  const size = [`iterations=${PAGE_ITERATIONS[task]}`, 'backend=wasm'];
  return configOf(task, BASE[task].config(), size);
}

/** One series of a run: how it is labelled, and its samples (bytes against progress). */
interface Series {
  readonly name: string;
  readonly samples: MemorySample[];
}

interface Soak {
  readonly phase: 'node' | 'browser';
  readonly task: Task;
  readonly iterations: number;
  readonly evaluations: number;
  /** The unit of progress the slope is given per, e.g. "1,000 iterations". */
  readonly per: string;
  /** Resident memory first: the table's verdict is about it. */
  readonly series: readonly Series[];
  /** tfjs's live tensors at each sample; NaN where the worker did not answer. */
  readonly tensorCounts: readonly number[];
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/**
 * The WASM backend's heap: its WebAssembly memory, which grows and never shrinks, so a leak of
 * tensor memory or fragmentation of the heap shows here. tfjs keeps its engine on the global
 * object, which is how a page's worker is read as well.
 */
const WASM_HEAP_BYTES = 'globalThis._tfengine?.backendInstance?.wasm?.HEAPU8?.length ?? null';

function nodeWasmHeapBytes(): number {
  interface Engine {
    backendInstance?: { wasm?: { HEAPU8?: Uint8Array } };
  }
  const engine = (globalThis as { _tfengine?: Engine })._tfengine;
  return engine?.backendInstance?.wasm?.HEAPU8?.length ?? NaN;
}

async function soakInNode(task: Task, iterations: number): Promise<Soak> {
  const config = nodeConfig(task, iterations);
  const trainer = createTrainer(config, new DatasetLibrary());
  const every = Math.max(1, Math.round(iterations / SAMPLES_PER_RUN));
  const evaluateEvery = Math.max(1, Math.round(iterations / NODE_EVALUATIONS));
  const rss: MemorySample[] = [];
  const heap: MemorySample[] = [];
  const wasm: MemorySample[] = [];
  const tensorCounts: number[] = [];
  let evaluations = 0;
  const sample = (at: number) => {
    // A full collection first, so the heap's samples show what is alive, not when V8 collected.
    collectGarbage?.();
    const usage = process.memoryUsage();
    const memory = tf.memory();
    rss.push({ at, bytes: usage.rss });
    heap.push({ at, bytes: usage.heapUsed });
    wasm.push({ at, bytes: nodeWasmHeapBytes() });
    tensorCounts.push(memory.numTensors);
  };
  const started = performance.now();
  sample(0);
  while (trainer.iteration < iterations) {
    if (trainer.iteration % evaluateEvery === 0) {
      await trainer.evaluate(NODE_EVALUATION_TASKS);
      evaluations += 1;
    }
    const result = await trainer.step({ taskDetail: false });
    if (!result.ok) throw new Error(`${task} diverged: ${result.divergence.message}`);
    if (trainer.iteration % every === 0 || trainer.iteration === iterations) {
      sample(trainer.iteration);
      const last = rss[rss.length - 1]!;
      const seconds = (performance.now() - started) / 1000;
      process.stderr.write(
        `node ${task}: ${trainer.iteration}/${iterations} after ${seconds.toFixed(0)} s, ` +
          `RSS ${(last.bytes / MIB).toFixed(1)} MiB, ${tensorCounts[tensorCounts.length - 1]} tensors\n`,
      );
    }
  }
  return {
    phase: 'node',
    task,
    iterations,
    evaluations,
    per: '1,000 iterations',
    series: [
      { name: 'process RSS', samples: rss.map((s) => ({ at: s.at / 1000, bytes: s.bytes })) },
      { name: 'V8 heap used', samples: heap.map((s) => ({ at: s.at / 1000, bytes: s.bytes })) },
      { name: 'WASM heap', samples: wasm.map((s) => ({ at: s.at / 1000, bytes: s.bytes })) },
    ],
    tensorCounts,
  };
}

/** Resolves once the page's run has its backend and is ready to start. */
const READY_IN_PAGE = `(() => {
  const run = globalThis.playground?.store.getState().run;
  return run !== undefined && run.backend === 'wasm' && run.state === 'idle';
})()`;

/** The run's progress and the worker's tensors (it answers between two steps). */
const READ_IN_PAGE = `new Promise((resolve) => {
  const { store, client } = globalThis.playground;
  const { run, evaluations } = store.getState();
  const done = (tensors) => resolve({
    iteration: run.iteration, state: run.state, evaluations: evaluations.points.length,
    numTensors: tensors?.numTensors ?? null,
  });
  const timer = setTimeout(() => { stop(); done(null); }, 20000);
  const stop = client.listen((event) => {
    if (event.type === 'stats') { clearTimeout(timer); stop(); done(event); }
  });
  client.send({ type: 'stats' });
})`;

interface PageReading {
  readonly iteration: number;
  readonly state: string;
  readonly evaluations: number;
  readonly numTensors: number | null;
}

/**
 * Chromium as the browser tests launch it, with V8's `gc()` exposed: the renderers' memory is
 * read before and after a full collection in the page and its workers, which tells garbage not
 * yet collected from memory still in use.
 */
function launchWithGc(): Promise<Browser> {
  const args = [...chromiumArgs({ webgpu: false }), '--js-flags=--expose-gc'];
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args });
}

/** A full collection on the page's main thread and in each of its workers. */
async function collectPageGarbage(page: Page): Promise<void> {
  await page.evaluate('globalThis.gc()');
  for (const worker of page.workers()) await worker.evaluate('globalThis.gc()');
}

/** The training worker's WASM heap, or null if it has none (yet). */
async function workerWasmHeapBytes(page: Page): Promise<number | null> {
  const worker = page.workers().find((w) => w.url().includes('trainingWorker'));
  return worker === undefined ? null : worker.evaluate<number | null>(WASM_HEAP_BYTES);
}

/** How long a collection's freed pages take to leave the resident set. */
const AFTER_GC_MS = 1000;

interface HeapUsage {
  readonly usedSize: number;
  readonly totalSize: number;
}

type ReadHeap = () => Promise<HeapUsage | null>;

/**
 * Reads the training worker's V8 heap through DevTools: Playwright opens sessions on pages only,
 * so the browser's session relays to the worker's target, one message at a time.
 */
async function workerHeapReader(
  browser: Browser,
): Promise<{ read: ReadHeap; close(): Promise<void> }> {
  const session = await browser.newBrowserCDPSession();
  const { targetInfos } = await session.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'worker' && t.url.includes('trainingWorker'));
  if (target === undefined) throw new Error('the training worker has no DevTools target');
  const { sessionId } = await session.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  });
  const waiting = new Map<number, (usage: HeapUsage | null) => void>();
  session.on('Target.receivedMessageFromTarget', (event) => {
    const reply = JSON.parse(event.message) as { id?: number; result?: HeapUsage };
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply.result ?? null);
  });
  let nextId = 1;
  const read: ReadHeap = () =>
    new Promise((resolve) => {
      const id = nextId++;
      const finish = (usage: HeapUsage | null) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(usage);
      };
      const timer = setTimeout(() => {
        finish(null);
      }, 20_000);
      waiting.set(id, finish);
      const message = JSON.stringify({ id, method: 'Runtime.getHeapUsage' });
      void session.send('Target.sendMessageToTarget', { sessionId, message });
    });
  return { read, close: () => session.detach() };
}

async function soakPage(
  page: Page,
  cdp: CDPSession,
  workerHeap: ReadHeap,
  task: Task,
  options: Options,
): Promise<Soak> {
  const rss: MemorySample[] = [];
  const collected: MemorySample[] = [];
  const heap: MemorySample[] = [];
  const workerHeapUsed: MemorySample[] = [];
  const heapTotals: MemorySample[] = [];
  const wasm: MemorySample[] = [];
  const readings: PageReading[] = [];
  const sample = async (minutes: number) => {
    const reading = await page.evaluate<PageReading>(READ_IN_PAGE);
    readings.push(reading);
    rss.push({ at: minutes, bytes: rendererResidentMib(process.pid) * MIB });
    await collectPageGarbage(page);
    await page.waitForTimeout(AFTER_GC_MS);
    collected.push({ at: minutes, bytes: rendererResidentMib(process.pid) * MIB });
    const pageUsage = await cdp.send('Runtime.getHeapUsage');
    const workerUsage = await workerHeap();
    heap.push({ at: minutes, bytes: pageUsage.usedSize });
    if (workerUsage !== null) {
      workerHeapUsed.push({ at: minutes, bytes: workerUsage.usedSize });
      heapTotals.push({ at: minutes, bytes: pageUsage.totalSize + workerUsage.totalSize });
    }
    const wasmHeap = await workerWasmHeapBytes(page);
    if (wasmHeap !== null) wasm.push({ at: minutes, bytes: wasmHeap });
    process.stderr.write(
      `browser ${task}: ${minutes.toFixed(1)} min, iteration ${reading.iteration} (${reading.state}), ` +
        `renderers ${mib(rss[rss.length - 1]!.bytes)} MiB, ` +
        `${mib(collected[collected.length - 1]!.bytes)} after GC, ` +
        `${reading.numTensors ?? '?'} tensors, ${reading.evaluations} evaluations\n`,
    );
    if (reading.state !== 'running') throw new Error(`the ${task} run is ${reading.state}`);
  };
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const started = performance.now();
  const minutes = () => (performance.now() - started) / 60_000;
  await page.waitForTimeout(1000);
  for (let next = 0; minutes() < options.browserMinutes;) {
    await sample(minutes());
    next += options.sampleSeconds * 1000;
    await page.waitForTimeout(Math.max(0, next - (performance.now() - started)));
  }
  await sample(minutes());
  const last = readings[readings.length - 1]!;
  return {
    phase: 'browser',
    task,
    iterations: last.iteration,
    evaluations: last.evaluations,
    per: 'minute',
    series: [
      { name: 'renderer RSS', samples: rss },
      { name: 'renderer RSS after GC', samples: collected },
      { name: 'page JS heap used after GC', samples: heap },
      { name: 'worker JS heap used after GC', samples: workerHeapUsed },
      { name: 'JS heaps reserved, page + worker', samples: heapTotals },
      { name: 'worker WASM heap', samples: wasm },
    ],
    tensorCounts: readings.map((r) => r.numTensors ?? NaN),
  };
}

async function soakInBrowser(options: Options): Promise<{ soaks: Soak[]; version: string }> {
  const preview = await startPreview();
  const browser = await launchWithGc();
  const version = browser.version();
  const soaks: Soak[] = [];
  try {
    for (const task of options.tasks) {
      const opened = await openPage(browser, preview.baseUrl, `/?${toQuery(pageConfig(task))}`);
      try {
        await opened.page.setViewportSize({ width: 1280, height: 720 });
        const cdp = await opened.context.newCDPSession(opened.page);
        await opened.page.waitForFunction(READY_IN_PAGE, null, { timeout: 120_000 });
        const workerHeap = await workerHeapReader(browser);
        try {
          soaks.push(await soakPage(opened.page, cdp, workerHeap.read, task, options));
        } finally {
          await workerHeap.close();
        }
        if (opened.pageErrors.length > 0) {
          throw new Error(`the page reported errors: ${opened.pageErrors.join('\n')}`);
        }
      } finally {
        await opened.context.close();
      }
    }
  } finally {
    await browser.close();
    await preview.close();
  }
  return { soaks, version };
}

interface TensorSummary {
  readonly start: number;
  readonly end: number;
  readonly most: number;
  /**
   * The fewest tensors seen in the last quarter of the samples exceed the fewest in the first:
   * a sample may catch an evaluation in flight, which holds tensors until its next chunk, but a
   * leak raises the floor.
   */
  readonly grows: boolean;
}

function tensorSummary(counts: readonly number[]): TensorSummary {
  const known = counts.filter((count) => !Number.isNaN(count));
  const quarter = Math.max(1, Math.floor(known.length / 4));
  return {
    start: known[0] ?? NaN,
    end: known[known.length - 1] ?? NaN,
    most: Math.max(...known),
    grows: Math.min(...known.slice(-quarter)) > Math.min(...known.slice(0, quarter)),
  };
}

function verdict(trend: MemoryTrend, tensors?: TensorSummary): string {
  if (tensors?.grows) return 'LEAK: tensors grow';
  return trend.flat ? 'flat' : `GROWS (allowed ${mib(trend.allowed, 0)} MiB)`;
}

function trendRow(soak: Soak, series: Series, tensors?: TensorSummary): string {
  const trend = memoryTrend(series.samples);
  return (
    `| ${soak.phase} | ${soak.task} | ${series.name} | ${soak.iterations.toLocaleString('en')} | ` +
    `${mib(trend.warmedUp.bytes)} | ${mib(trend.end.bytes)} | ` +
    `${mib(trend.slope, 2)} per ${soak.per} | ${mib(trend.quartileGrowth)} | ` +
    `${verdict(trend, tensors)} |`
  );
}

function tables(soaks: readonly Soak[]): { memory: string; other: string } {
  const header = [
    '| phase | task | memory | iterations | MiB after warm-up | MiB at end | slope, MiB | last - first quarter, MiB | verdict |',
    '| --- | --- | --- | --: | --: | --: | --: | --: | --- |',
  ];
  const runs = [
    '| phase | task | evaluations | tensors at start | tensors at end | most tensors seen |',
    '| --- | --- | --: | --: | --: | --: |',
    ...soaks.map((s) => {
      const t = tensorSummary(s.tensorCounts);
      return `| ${s.phase} | ${s.task} | ${s.evaluations} | ${t.start} | ${t.end} | ${t.most} |`;
    }),
  ];
  const memory = [
    ...header,
    ...soaks.map((s) => trendRow(s, s.series[0]!, tensorSummary(s.tensorCounts))),
  ];
  const other = [
    ...header,
    ...soaks.flatMap((s) =>
      s.series.slice(1).flatMap((series) =>
        // The worker may have been too busy to answer every sample.
        series.samples.length >= 5 ? [trendRow(s, series)] : [],
      ),
    ),
  ];
  return { memory: memory.join('\n'), other: `${other.join('\n')}\n\n${runs.join('\n')}` };
}

/** The command as run, for the record. */
function command(): string {
  const args = process.argv.slice(2).filter((arg) => arg !== '--no-write');
  return `\`npm run bench:soak${args.length > 0 ? ` -- ${args.join(' ')}` : ''}\``;
}

function describeNode(options: Options): string {
  const every = (count: number) =>
    Math.max(1, Math.round(options.nodeIterations / count)).toLocaleString('en');
  return (
    `Measured by ${command()} on ${new Date().toISOString().slice(0, 10)}: ` +
    `${options.nodeIterations.toLocaleString('en')} iterations of each task in one Node ` +
    `${process.version} process on WASM (${options.tasks.join(', then ')}), at ${commit()}, on ` +
    `${machine()}; load average at the end ${loadAverage()}. Glyphs: the \`glyphs-maml\` preset ` +
    `with ${GLYPHS_SOAK.map((s) => `\`${s}\``).join(' and ')}. A held-out evaluation on up to ` +
    `${NODE_EVALUATION_TASKS} tasks every ${every(NODE_EVALUATIONS)} iterations from the start; a ` +
    `sample (after a full garbage collection) every ${every(SAMPLES_PER_RUN)}.`
  );
}

function describeBrowser(options: Options, version: string): string {
  return (
    `Measured by ${command()} on ${new Date().toISOString().slice(0, 10)}: ` +
    `${options.browserMinutes} minutes of each task in ` +
    `headless Chromium ${version} (${chromiumPath()}) at 1280x720, the production build on WASM ` +
    `at ${commit()}, on ${machine()}; load average at the end ${loadAverage()}. Links: ` +
    options.tasks
      .map((t) => `${BASE[t].named} with ` + `\`iterations=${PAGE_ITERATIONS[t]}\``)
      .join('; ') +
    `. A sample every ${options.sampleSeconds} s.`
  );
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  process.stderr.write(`Load average at start (1, 5, 15 min): ${loadAverage()}\n`);
  if (collectGarbage === undefined) {
    process.stderr.write('No --expose-gc: the heap samples include garbage not yet collected.\n');
  }
  if (options.phases.includes('node')) {
    await startBackend('wasm');
    const soaks: Soak[] = [];
    for (const task of options.tasks) soaks.push(await soakInNode(task, options.nodeIterations));
    const { memory, other } = tables(soaks);
    const section = `${describeNode(options)}\n\n${memory}\n\nAlso sampled:\n\n${other}`;
    console.log(`\n${section}\n`);
    if (options.write) await writeBenchmarkSection('soak-node', section);
  }
  if (options.phases.includes('browser')) {
    const { soaks, version } = await soakInBrowser(options);
    const { memory, other } = tables(soaks);
    const section = `${describeBrowser(options, version)}\n\n${memory}\n\nAlso sampled:\n\n${other}`;
    console.log(`\n${section}\n`);
    if (options.write) await writeBenchmarkSection('soak-browser', section);
  }
  if (options.write) process.stderr.write('Wrote the tables into docs/BENCHMARKS.md.\n');
}

await main();
