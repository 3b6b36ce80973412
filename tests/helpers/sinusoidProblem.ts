import type { tf } from '../../src/core/tfjs/tf';
import type { Activation } from '../../src/core/model/mlp';
import { initialParams, readFlat, sinusoidBatch, sizesOf, spec, toTasks64 } from './fixtures';

/**
 * One seeded sinusoid problem, for the tfjs engines and the float64 reference alike: the network,
 * `tasks` tasks of 5 support and 6 query points, its initial weights (float32 and one flat float64
 * vector), its layer sizes and the tasks as float64 rows. Every meta-gradient test draws the same
 * kind of problem, so they draw it here.
 */
export function sinusoidProblem(
  hidden: number[],
  activation: Activation,
  seed: number,
  tasks: number,
) {
  const s = spec(hidden, activation);
  const batch = sinusoidBatch(seed, tasks, 5, 6);
  const { values, flat } = initialParams(s, seed);
  return { s, batch, values, flat, sizes: sizesOf(s), tasks64: toTasks64(batch) };
}

/** An engine's per-task losses, their mean and its flat gradient; call inside `scoped`. */
export function readMetaGradient(result: { taskLoss: tf.Tensor; grads: readonly tf.Tensor[] }): {
  loss: number;
  grad: Float64Array;
  taskLoss: Float32Array;
} {
  const taskLoss = result.taskLoss.dataSync() as Float32Array;
  return {
    loss: taskLoss.reduce((a, b) => a + b, 0) / taskLoss.length,
    grad: readFlat(result.grads),
    taskLoss,
  };
}

/** Both activations, with one inner step and with two. */
export const ACTIVATION_STEP_CASES = [
  { activation: 'relu', innerSteps: 1 },
  { activation: 'relu', innerSteps: 2 },
  { activation: 'tanh', innerSteps: 1 },
  { activation: 'tanh', innerSteps: 2 },
] as const;
