/**
 * The browser benchmark: in headless Chromium, the real training worker times one MAML
 * meta-iteration on each backend (the vectorised engine, the per-task loop and a whole training
 * step) for the MAML paper's 10-shot sinusoid setup and for a larger network, then prints markdown
 * tables and writes them into docs/BENCHMARKS.md with the machine they ran on.
 *
 *   npm run bench -- [--backends webgpu,webgl,wasm,cpu] [--no-write]
 *
 * With --set key=value (repeatable) it times those settings instead of the two setups and prints
 * the table without writing it (a long classification run's per-iteration time in the page):
 *
 *   npm run bench -- --backends wasm --set task=glyphs --set ways=20 ...
 *
 * With --wasm-threads it instead times a whole training step on WASM on one thread (the page not
 * cross-origin isolated) and on several (isolated, with more logical cores emulated in the
 * workers: TensorFlow.js uses half of them), for default sinusoid MAML and for second-order
 * glyphs, and writes the "wasm-threads" section of docs/BENCHMARKS.md:
 *
 *   npm run bench -- --wasm-threads [--cores 4,8] [--iterations 100] [--no-write]
 */
import type { Browser } from 'playwright-core';
import { DEFAULT_CONFIG, applyOverrides, toQuery } from '../core/config';
import { describeConfig, speedTable, speedUps } from '../core/bench/speedTable';
import { TRAINING_STEP, type SpeedRow } from '../core/bench/metaIterationSpeed';
import { BACKEND_ORDER, type BackendName } from '../worker/protocol';
import { chromiumPath, launchBrowser, startPreview, type PreviewHandle } from './browser/harness';
import { emulateLogicalCores, startUnisolatedPreview } from './browser/isolation';
import { commit, machine, writeBenchmarkSection } from './benchReport';

const SETUPS = [
  { name: 'MAML paper 10-shot sinusoid', sets: [] },
  { name: 'larger network', sets: ['hidden=256,256', 'metaBatch=32'] },
] as const;

/** Software-rendered GPU backends are slow here, so they get fewer iterations in their budget. */
const BUDGET: Record<BackendName, { iterations: number; seconds: number }> = {
  webgpu: { iterations: 10, seconds: 20 },
  webgl: { iterations: 30, seconds: 20 },
  wasm: { iterations: 100, seconds: 20 },
  cpu: { iterations: 50, seconds: 20 },
};

interface BenchPageResult {
  readonly ok: boolean;
  readonly backend?: string;
  readonly adapter?: string;
  readonly rows?: SpeedRow[];
  readonly message?: string;
}

async function measure(
  browser: Browser,
  baseUrl: string,
  backend: BackendName,
  sets: readonly string[],
  options: {
    budget?: { iterations: number; seconds: number };
    cores?: number;
    /** Ask for several WASM threads (`threads=1`), where the page may have them. */
    threads?: boolean;
  } = {},
): Promise<{ backend: string; adapter: string; rows: SpeedRow[] }> {
  const { config } = applyOverrides(DEFAULT_CONFIG, [...sets, `backend=${backend}`]);
  const budget = options.budget ?? BUDGET[backend];
  const context = await browser.newContext();
  if (options.cores !== undefined) await emulateLogicalCores(context, options.cores);
  const page = await context.newPage();
  try {
    const url =
      `${baseUrl}/bench.html?${toQuery(config)}` +
      `&benchIterations=${budget.iterations}&benchSeconds=${budget.seconds}` +
      (options.threads === true ? '&threads=1' : '');
    await page.goto(url);
    // Runs in the page, where globalThis is the window the bench page writes its result to.
    const read = (): unknown => (globalThis as { benchResult?: unknown }).benchResult;
    await page.waitForFunction(read, null, { timeout: 15 * 60_000 });
    const result = (await page.evaluate(read)) as BenchPageResult;
    if (!result.ok || !result.rows) throw new Error(result.message ?? 'no result');
    if (result.backend !== backend) {
      throw new Error(`asked for ${backend} but the worker ran on ${String(result.backend)}`);
    }
    return { backend, adapter: result.adapter ?? '', rows: result.rows };
  } finally {
    await context.close();
  }
}

/** The settings --wasm-threads times: default sinusoid MAML, and second-order glyphs. */
const THREAD_SETUPS = [
  { name: 'default sinusoid MAML', sets: [] },
  {
    name: 'glyphs 5-way 1-shot, 32 filters, meta-batch 4, second order',
    sets: ['task=glyphs', 'ways=5', 'shots=1', 'metaBatch=4', 'filters=32'],
  },
] as const;

/** Option `name`'s value, or `fallback`. */
function option(args: readonly string[], name: string, fallback: string): string {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1]! : fallback;
}

const ms = (value: number): string => value.toFixed(2);

/** --wasm-threads: a whole training step on WASM, one thread against several. */
async function wasmThreads(args: readonly string[]): Promise<void> {
  const cores = option(args, '--cores', '4,8').split(',').map(Number);
  const iterations = Number(option(args, '--iterations', '100'));
  const budget = { iterations, seconds: 120 };
  const isolated = await startPreview();
  const unisolated = await startUnisolatedPreview();
  const browser = await launchBrowser({ webgpu: false });
  const version = browser.version();
  const conditions: { label: string; server: PreviewHandle; cores?: number }[] = [
    { label: 'not cross-origin isolated', server: unisolated },
    ...cores.map((count) => ({
      label: `isolated, ${count} logical cores emulated`,
      server: isolated,
      cores: count,
    })),
  ];
  const blocks: string[] = [];
  try {
    for (const setup of THREAD_SETUPS) {
      const lines = [
        '| page | WASM | median ms / training step | IQR (ms) | steps measured |',
        '| ---- | ---- | ------------------------: | -------: | -------------: |',
      ];
      for (const condition of conditions) {
        process.stderr.write(`${setup.name}: measuring wasm, ${condition.label}...\n`);
        const result = await measure(browser, condition.server.baseUrl, 'wasm', setup.sets, {
          budget,
          threads: true,
          ...(condition.cores === undefined ? {} : { cores: condition.cores }),
        });
        const step = result.rows.find((row) => row.engine === TRAINING_STEP);
        if (!step) throw new Error(`no "${TRAINING_STEP}" row for ${setup.name}`);
        lines.push(
          `| ${condition.label} | ${result.adapter.replace(/^WebAssembly, /, '')} | ` +
            `${ms(step.msPerIteration)} | ${ms(step.spread.q1)} to ${ms(step.spread.q3)} | ` +
            `${step.iterationsMeasured} |`,
        );
      }
      const { config } = applyOverrides(DEFAULT_CONFIG, [...setup.sets]);
      const block = `### ${setup.name}\n\n${describeConfig(config)}.\n\n${lines.join('\n')}`;
      blocks.push(block);
      console.log(`\n${block}`);
    }
  } finally {
    await browser.close();
    await isolated.close();
    await unisolated.close();
  }
  const section =
    `Measured by \`npm run bench -- --wasm-threads --cores ${cores.join(',')} --iterations ` +
    `${iterations}\` on ${new Date().toISOString().slice(0, 10)}: headless Chromium ${version} ` +
    `(${chromiumPath()}), the training worker of the production build at ${commit()}, on ` +
    `${machine()}. Each row is one page, measured after at least 50 warm-up steps.\n\n` +
    blocks.join('\n\n');
  if (!args.includes('--no-write')) {
    await writeBenchmarkSection('wasm-threads', section);
    process.stderr.write('Wrote the tables into docs/BENCHMARKS.md.\n');
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--wasm-threads')) {
    await wasmThreads(args);
    return;
  }
  const sets = args.flatMap((arg, i) => (arg === '--set' && args[i + 1] ? [args[i + 1]!] : []));
  const setups = sets.length > 0 ? [{ name: 'these settings', sets }] : SETUPS;
  const { problems } = applyOverrides(DEFAULT_CONFIG, sets);
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`Bad setting ${p.issue}.\n`);
    process.exit(2);
  }
  const listed = args[args.indexOf('--backends') + 1];
  const backends = (
    args.includes('--backends') && listed ? listed.split(',') : [...BACKEND_ORDER]
  ).filter((b): b is BackendName => (BACKEND_ORDER as readonly string[]).includes(b));
  const preview = await startPreview();
  const browser = await launchBrowser({ webgpu: true });
  const version = browser.version();
  const blocks: string[] = [];
  try {
    for (const setup of setups) {
      const results = [];
      const adapters: string[] = [];
      for (const backend of backends) {
        process.stderr.write(`${setup.name}: measuring ${backend}...\n`);
        const result = await measure(browser, preview.baseUrl, backend, setup.sets);
        results.push({ ...result, speedUps: speedUps(result.rows) });
        adapters.push(`${backend}: ${result.adapter}`);
      }
      const { config } = applyOverrides(DEFAULT_CONFIG, [...setup.sets]);
      const table = speedTable(results);
      blocks.push(
        `### ${setup.name}\n\n${describeConfig(config)}. Backends: ${adapters.join('; ')}.\n\n${table}`,
      );
      console.log(`\n${setup.name}: ${describeConfig(config)}\n${table}`);
    }
  } finally {
    await browser.close();
    await preview.close();
  }
  const section =
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: headless Chromium ` +
    `${version} (${chromiumPath()}), the training worker of the production build at ${commit()}, ` +
    `on ${machine()}.\n\n` +
    blocks.join('\n\n');
  if (sets.length === 0 && !args.includes('--no-write')) {
    await writeBenchmarkSection('browser-benchmark', section);
    process.stderr.write('Wrote the tables into docs/BENCHMARKS.md.\n');
  }
}

await main();
