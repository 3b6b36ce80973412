/**
 * Does learning each task's uncertainty help? Trains the multi-task model with equal weights and
 * with learned uncertainty weights (Kendall et al. 2018) on the same seeds, then prints each
 * training task's error against its noise-free function and the paired difference over seeds with
 * a 95% interval (1.96 standard errors of the per-seed differences).
 *
 *   npx tsx tests/analysis/multiTaskWeighting.ts <iterations> <seeds> [key=value ...]
 *   e.g. npx tsx tests/analysis/multiTaskWeighting.ts 5000 10 taskNoise=1 mtlTasks=6
 */
import { DEFAULT_CONFIG, applyOverrides } from '../../src/core/config';
import { createTrainer } from '../../src/core/trainer/createTrainer';
import type { MultiTaskModel } from '../../src/core/trainer/regression/multiTask';
import { startBackend } from '../../src/cli/nodeBackend';

const iterations = Number(process.argv[2] ?? 5000);
const seeds = Number(process.argv[3] ?? 10);
const extra = process.argv.slice(4);

async function cleanErrors(weighting: string, seed: number): Promise<Float64Array> {
  const { config, problems } = applyOverrides(DEFAULT_CONFIG, [
    'algorithm=multitask',
    `weighting=${weighting}`,
    `seed=${seed}`,
    `iterations=${iterations}`,
    ...extra,
  ]);
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('; '));
  const trainer = createTrainer(config, null);
  while (trainer.iteration < iterations) {
    const result = await trainer.step();
    if (!result.ok) throw new Error(result.divergence.message);
  }
  const { model, values } = trainer.lead;
  return (model as MultiTaskModel).trainingTaskErrors(values);
}

const mean = (values: readonly number[]): number =>
  values.reduce((a, b) => a + b, 0) / values.length;
const ci95 = (values: readonly number[]): number => {
  const m = mean(values);
  const variance = values.reduce((a, v) => a + (v - m) ** 2, 0) / Math.max(1, values.length - 1);
  return (1.96 * Math.sqrt(variance)) / Math.sqrt(values.length);
};

await startBackend('wasm');
const equal: number[] = [];
const uncertainty: number[] = [];
const perTask: { equal: number[]; uncertainty: number[] }[] = [];
for (let seed = 1; seed <= seeds; seed++) {
  const e = await cleanErrors('equal', seed);
  const u = await cleanErrors('uncertainty', seed);
  equal.push(mean([...e]));
  uncertainty.push(mean([...u]));
  e.forEach((value, m) => {
    perTask[m] ??= { equal: [], uncertainty: [] };
    perTask[m].equal.push(value);
    perTask[m].uncertainty.push(u[m]!);
  });
  process.stderr.write(
    `seed ${seed}: equal ${mean([...e]).toFixed(4)}, uncertainty ${mean([...u]).toFixed(4)}\n`,
  );
}
const gains = equal.map((e, i) => e - uncertainty[i]!);
console.log(`settings: iterations=${iterations} seeds=${seeds} ${extra.join(' ')}`);
perTask.forEach((task, m) => {
  console.log(
    `task ${m + 1}: clean MSE equal ${mean(task.equal).toFixed(4)}, uncertainty ${mean(task.uncertainty).toFixed(4)}`,
  );
});
console.log(
  `mean clean MSE: equal ${mean(equal).toFixed(4)}, uncertainty ${mean(uncertainty).toFixed(4)}, ` +
    `gain ${mean(gains).toFixed(4)} +- ${ci95(gains).toFixed(4)}, uncertainty better on ${gains.filter((g) => g > 0).length}/${seeds} seeds`,
);
