import { DEFAULT_CONFIG, applyOverrides } from '../../src/core/config';
import { createTrainer } from '../../src/core/trainer';
import { startBackend } from '../../src/cli/nodeBackend';

/** Meta-training losses of the same settings in Node on WASM: what the headless runner computes. */
export async function nodeRunnerLosses(settings: readonly string[]): Promise<number[]> {
  await startBackend('wasm');
  const { config, problems } = applyOverrides(DEFAULT_CONFIG, settings);
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('; '));
  const trainer = createTrainer(config, null);
  const losses: number[] = [];
  while (trainer.iteration < config.iterations) {
    const result = await trainer.step();
    if (!result.ok) throw new Error(result.divergence.message);
    losses.push(result.metrics.metaTrainLoss);
  }
  return losses;
}

/** Largest |a - b| / |b| over two equally long lists. */
export function worstRelativeDifference(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  return Math.max(...a.map((value, i) => Math.abs(value - b[i]!) / Math.abs(b[i]!)));
}

/** Each compared algorithm's meta-training losses for the same settings in Node on WASM. */
export async function nodeComparedLosses(settings: readonly string[]): Promise<number[][]> {
  await startBackend('wasm');
  const { config, problems } = applyOverrides(DEFAULT_CONFIG, settings);
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('; '));
  const trainer = createTrainer(config, null);
  const losses: number[][] = config.compare.map(() => []);
  while (trainer.iteration < config.iterations) {
    const result = await trainer.step();
    if (!result.ok) throw new Error(result.divergence.message);
    result.metrics.comparedLoss?.forEach((loss, i) => losses[i]!.push(loss));
  }
  return losses;
}
