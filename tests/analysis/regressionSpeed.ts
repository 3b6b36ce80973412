/**
 * Milliseconds per meta-iteration of each sinusoid meta-learner on the default config (10-shot,
 * 10 query points, meta-batch 25, 1-40-40-1 ReLU network, one inner step): a whole Trainer step
 * (the learner, the pretrained baseline, their one read-back and Adam), median after a warm-up.
 *
 *   npx tsx tests/analysis/regressionSpeed.ts [wasm|cpu] [iterations]
 */
import { DEFAULT_CONFIG, applyOverrides } from '../../src/core/config';
import { createTrainer } from '../../src/core/trainer/createTrainer';
import { startBackend } from '../../src/cli/nodeBackend';

const backend = process.argv[2] === 'cpu' ? 'cpu' : 'wasm';
const iterations = Number(process.argv[3] ?? 40);

async function msPerIteration(algorithm: string, extra: string[] = []): Promise<number> {
  const { config } = applyOverrides(DEFAULT_CONFIG, [`algorithm=${algorithm}`, ...extra]);
  const trainer = createTrainer(config, null);
  for (let i = 0; i < 5; i++) await trainer.step();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await trainer.step();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

await startBackend(backend);
console.log(`backend ${backend}, median of ${iterations} trainer steps`);
const rows: [string, string[]][] = [
  ['maml', []],
  ['maml', ['firstOrder=true']],
  ['fomaml', []],
  ['reptile', []],
  ['reptile', ['innerSteps=5']],
  ['metasgd', []],
  ['metasgd', ['firstOrder=true']],
  ['anil', []],
  ['anil', ['firstOrder=true']],
];
for (const [algorithm, extra] of rows) {
  const ms = await msPerIteration(algorithm, extra);
  console.log(`${[algorithm, ...extra].join(' ').padEnd(28)} ${ms.toFixed(1)} ms`);
}
