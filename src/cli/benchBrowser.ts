/**
 * The browser benchmark: in headless Chromium, the real training worker times one MAML
 * meta-iteration on each backend (the vectorised engine, the per-task loop and a whole training
 * step) for the MAML paper's 10-shot sinusoid setup and for a larger network, then prints markdown
 * tables and writes them into docs/BENCHMARKS.md with the machine they ran on.
 *
 *   npm run bench -- [--backends webgpu,webgl,wasm,cpu] [--no-write]
 */
import type { Browser } from 'playwright-core';
import { DEFAULT_CONFIG, applyOverrides, toQuery } from '../core/config';
import { describeConfig, speedTable, speedUps } from '../core/bench/speedTable';
import type { SpeedRow } from '../core/bench/metaIterationSpeed';
import { BACKEND_ORDER, type BackendName } from '../worker/protocol';
import { chromiumPath, launchBrowser, startPreview } from './browser/harness';
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
): Promise<{ backend: string; adapter: string; rows: SpeedRow[] }> {
  const { config } = applyOverrides(DEFAULT_CONFIG, [...sets, `backend=${backend}`]);
  const budget = BUDGET[backend];
  const page = await browser.newPage();
  try {
    const url =
      `${baseUrl}/bench.html?${toQuery(config)}` +
      `&benchIterations=${budget.iterations}&benchSeconds=${budget.seconds}`;
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
    await page.close();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const listed = args[args.indexOf('--backends') + 1];
  const backends = (
    args.includes('--backends') && listed ? listed.split(',') : [...BACKEND_ORDER]
  ).filter((b): b is BackendName => (BACKEND_ORDER as readonly string[]).includes(b));
  const preview = await startPreview();
  const browser = await launchBrowser({ webgpu: true });
  const version = browser.version();
  const blocks: string[] = [];
  try {
    for (const setup of SETUPS) {
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
  if (!args.includes('--no-write')) {
    await writeBenchmarkSection('browser-benchmark', section);
    process.stderr.write('Wrote the tables into docs/BENCHMARKS.md.\n');
  }
}

await main();
