/**
 * The cost model (src/core/bench/costModel.ts) against the real trainer on WASM in Node, over a
 * spread of settings: for each, the estimated and measured peak tensor bytes of an iteration and
 * of a held-out evaluation, and the time of an iteration, with their ratios. Prints a table and
 * the worst ratios, and writes them into docs/BENCHMARKS.md.
 *
 *   npm run bench:cost -- [--no-write]
 */
import { DEFAULT_CONFIG, applyOverrides } from '../core/config';
import { DatasetLibrary } from '../core/datasets/library';
import { estimateCost } from '../core/bench/costModel';
import { loadAverage, runBenchmark } from './benchArgs';
import { commit, machine, writeBenchmarkSection } from './benchReport';
import { measureCost, type MeasuredCost } from './costMeasurement';
import { startBackend } from './nodeBackend';

const SINE = { warmUp: 50, timed: 40, evalTasks: 100 };
const IMAGES = { warmUp: 2, timed: 5, evalTasks: 1 };

const SPREAD: readonly (readonly string[])[] = [
  [],
  ['metaBatch=5'],
  ['metaBatch=100'],
  ['metaBatch=256'],
  ['hidden=20'],
  ['hidden=40,40,40,40'],
  ['hidden=100,100,100'],
  ['hidden=256,256'],
  ['hidden=512,512', 'metaBatch=5'],
  ['hidden=1024'],
  ['innerSteps=3'],
  ['innerSteps=10'],
  ['innerSteps=20'],
  ['shots=50', 'query=50'],
  ['query=500'],
  ['shots=100', 'query=1000', 'metaBatch=10'],
  ['evalQuery=1000'],
  ['algorithm=fomaml', 'innerSteps=5'],
  ['algorithm=reptile', 'innerSteps=5'],
  ['algorithm=metasgd', 'innerSteps=5'],
  ['algorithm=anil'],
  ['algorithm=mamlpp', 'innerSteps=3'],
  ['algorithm=multitask'],
  ['compare=maml,anil,metasgd'],
  ['task=glyphs', 'metaBatch=4', 'shots=1', 'query=15'],
  ['task=glyphs', 'metaBatch=4', 'shots=1', 'query=15', 'filters=64'],
  ['task=glyphs', 'metaBatch=4', 'shots=1', 'query=15', 'imageSize=56'],
  ['task=glyphs', 'ways=20', 'shots=1', 'query=5', 'metaBatch=2'],
  ['task=glyphs', 'metaBatch=4', 'innerSteps=3'],
  ['task=glyphs', 'metaBatch=8', 'algorithm=fomaml'],
  ['task=glyphs', 'metaBatch=8', 'algorithm=metasgd'],
  ['task=glyphs', 'algorithm=protonet', 'metaBatch=10'],
  ['task=glyphs', 'network=mlp', 'hidden=256,128', 'metaBatch=10'],
  ['task=glyphs', 'metaBatch=4', 'evalQuery=1000'],
];

const KEYS = ['stepBytes', 'evaluationBytes', 'msPerIteration'] as const;

function shown(key: (typeof KEYS)[number], value: number): string {
  return key === 'msPerIteration' ? value.toPrecision(3) : (value / 2 ** 20).toPrecision(3);
}

async function main(): Promise<void> {
  const write = !process.argv.includes('--no-write');
  const backend = await startBackend('wasm');
  process.stdout.write(`Backend ${backend}; load average at start: ${loadAverage()}\n`);
  const rows: string[] = [];
  const worst = { low: Infinity, high: 0 };
  for (const settings of SPREAD) {
    const glyphs = settings.includes('task=glyphs');
    const options = glyphs ? IMAGES : SINE;
    const { config } = applyOverrides(DEFAULT_CONFIG, [
      ...settings,
      `evalTasks=${options.evalTasks}`,
    ]);
    const estimated: MeasuredCost = estimateCost(config);
    const measured = await measureCost(config, new DatasetLibrary(), options);
    const cells = KEYS.map((key) => {
      const ratio = estimated[key] / measured[key];
      worst.low = Math.min(worst.low, ratio);
      worst.high = Math.max(worst.high, ratio);
      return `${shown(key, estimated[key])} / ${shown(key, measured[key])} (${ratio.toFixed(2)})`;
    });
    const row = `| ${settings.join(' ') || 'defaults'} | ${cells.join(' | ')} |`;
    rows.push(row);
    process.stdout.write(`${row}\n`);
  }
  const summary = `Ratios estimate / measured from ${worst.low.toFixed(2)} to ${worst.high.toFixed(2)} over ${SPREAD.length} settings.`;
  process.stdout.write(`${summary}\n`);
  const section = [
    `Measured on ${machine()}, at ${commit()}, with \`npm run bench:cost\` (load average at end ${loadAverage()}).`,
    'Each cell: estimated / measured (ratio). Iteration and evaluation peaks in MiB of tensors (tf.profile), time per iteration in ms (lower quartile of timed iterations after a warm-up; 50 and 40 for sine waves, 2 and 5 for glyphs).',
    '',
    '| settings (besides the defaults) | iteration peak MiB | evaluation peak MiB | ms per iteration |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    summary,
  ].join('\n');
  if (write) await writeBenchmarkSection('cost-model', section);
}

runBenchmark(main);
