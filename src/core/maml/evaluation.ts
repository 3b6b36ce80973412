import { tf } from '../tfjs/tf';
import type { Activation, MlpParams } from '../model/mlp';
import type { RegressionBatch } from '../tasks/sinusoid';
import {
  descend,
  gradientsPerTask,
  hiddenFeatures,
  lossPerTask,
  plainSgd,
  splitByRule,
  startFor,
  type InnerRule,
  type PerTaskParams,
} from './perTaskAdaptation';
import type { AdaptationCurve } from '../results/types';
import { evaluationTasksPerChunk } from './evaluationMemory';

/**
 * Query loss of every task after 0, 1, ..., `steps` inner steps on its support set, starting from
 * `params`: plain SGD with `learningRate`, or the learner's own `rule` when given (Meta-SGD's
 * learned rates, ANIL's head-only step). Returns losses[step][task].
 */
export async function adaptationLosses(
  params: MlpParams,
  tasks: RegressionBatch,
  steps: number,
  learningRate: number,
  activation: Activation,
  rule: InnerRule = plainSgd(learningRate),
): Promise<Float64Array[]> {
  const losses = Array.from({ length: steps + 1 }, () => new Float64Array(tasks.tasks));
  // Weights are [in, out] matrices or [out] biases: the widths from the input to the output.
  const widths = [
    params[0]!.shape[0],
    ...params.filter((_, i) => i % 2 === 0).map((w) => w.shape[1]!),
  ];
  const perChunk = evaluationTasksPerChunk(widths, tasks.support + tasks.query);
  for (let first = 0; first < tasks.tasks; first += perChunk) {
    const count = Math.min(perChunk, tasks.tasks - first);
    const chunk = tf.tidy(() => {
      const rows = (values: Float32Array, perTask: number): tf.Tensor3D =>
        tf.tensor3d(values.subarray(first * perTask, (first + count) * perTask), [
          count,
          perTask,
          1,
        ]);
      const supportX = rows(tasks.supportX, tasks.support);
      const supportY = rows(tasks.supportY, tasks.support);
      const queryX = rows(tasks.queryX, tasks.query);
      const queryY = rows(tasks.queryY, tasks.query);
      const { fixed, adapted, rates } = splitByRule(startFor(params, count, rule), rule);
      // Fixed layers do not change with the steps: their features are computed once.
      const supportFeatures = hiddenFeatures(fixed, supportX, activation);
      const queryFeatures = hiddenFeatures(fixed, queryX, activation);
      let current = adapted;
      const perStep: tf.Tensor1D[] = [lossPerTask(current, queryFeatures, queryY, activation)];
      for (let s = 1; s <= steps; s++) {
        // Each step keeps only the weights it made and its losses: a chunk then holds two steps'
        // tensors at a time, not every step's (11 times less at the default 10 test steps).
        const [weights, loss] = tf.tidy((): [PerTaskParams, tf.Tensor1D] => {
          const grads = gradientsPerTask(current, supportFeatures, supportY, activation);
          const next = descend(current, grads, rates(s - 1));
          return [next, lossPerTask(next, queryFeatures, queryY, activation)];
        });
        if (s > 1) tf.dispose(current);
        current = weights;
        perStep.push(loss);
      }
      return tf.stack(perStep);
    });
    let values: Float32Array;
    try {
      values = (await chunk.data()) as Float32Array;
    } finally {
      chunk.dispose();
    }
    for (let s = 0; s <= steps; s++) {
      for (let t = 0; t < count; t++) losses[s]![first + t] = values[s * count + t]!;
    }
  }
  return losses;
}

/** Mean over tasks and the half-width of its normal 95% interval, 1.96 * std / sqrt(n). */
export function summarize(perStep: readonly Float64Array[]): AdaptationCurve {
  const mean: number[] = [];
  const ci95: number[] = [];
  for (const values of perStep) {
    const n = values.length;
    let sum = 0;
    for (const v of values) sum += v;
    const m = sum / n;
    let squares = 0;
    for (const v of values) squares += (v - m) * (v - m);
    const std = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
    mean.push(m);
    ci95.push((1.96 * std) / Math.sqrt(n));
  }
  return { mean, ci95 };
}
