/**
 * The low-rank MAML engine as it was before inner steps were folded into per-task weights: at every
 * inner step and for every layer it adds one low-rank term per earlier step,
 * X W_t' + b_t' = (X W + b) + sum over earlier steps s of (X A_s^T + 1) D_s,
 * so a meta-iteration with S inner steps launches O(S^2) kernels. Kept, unchanged in what it
 * computes, as the "before" of the inner-steps benchmark (src/cli/benchInnerSteps.ts) and as a
 * second reference for the tests; lowRankMaml.ts is the engine the Trainer runs.
 *
 * MAML (Finn et al. 2017, "Model-Agnostic Meta-Learning for Fast Adaptation of Deep Networks",
 * Algorithm 2) for a fully connected network, vectorised over the tasks of a meta-batch.
 *
 * Inner loop: each task takes `innerSteps` SGD steps with rate `innerLr` on its support loss,
 * starting from the shared initialisation theta. Outer loop: the meta-objective is the mean over
 * tasks of the query loss after adaptation; its gradient with respect to theta (second-order by
 * default, first-order when `firstOrder` drops the inner gradient's graph) feeds the outer optimiser.
 *
 * How it is vectorised. One SGD step changes a layer's weights by a sum of outer products over the
 * task's support rows: W_t' = W + A_t^T D_t, b_t' = b + 1^T D_t, where A_t holds the layer's inputs
 * and D_t = -innerLr * dL_t/dZ its scaled pre-activation gradients. For any rows X of task t,
 * X W_t' + b_t' = (X W + b) + (X A_t^T + 1) D_t. The first term is one shared 2-D product over all
 * tasks' rows; the second is a small batched product per task ([rows x support] by [support x out]),
 * so adapted weights are never materialised and nothing loops over tasks in JavaScript.
 * The inner backward pass is written out with ops whose first derivatives are exact, so the outer
 * gradient (tfjs autodiff) differentiates through it: that is MAML's second-order term.
 */
import { tf } from '../../tfjs/tf';
import { matMul } from '../../tfjs/matMul';
import { type Activation, type MlpParams, activationSlope, applyActivation } from '../../model/mlp';

import type { TaskTensors } from '../../tasks/taskTensors';
import type { LayerUpdate, MamlOptions, MetaGradient } from './lowRankMaml';

export type InnerStep = readonly LayerUpdate[];

/** x [tasks, rows, in] times a shared W [in, out] plus b, as one 2-D product. */
function sharedLayer(x: tf.Tensor3D, weights: tf.Tensor, bias: tf.Tensor): tf.Tensor3D {
  const [tasks, rows, inputs] = x.shape;
  const flat = tf.reshape(x, [tasks * rows, inputs]);
  const z = tf.add(matMul(flat, weights), bias);
  return tf.reshape(z, [tasks, rows, weights.shape[1]!]);
}

/**
 * Forward pass with each task's adapted weights, given as the initial parameters plus the inner
 * steps taken so far. Returns every layer's input followed by the network output.
 */
export function forwardAdapted(
  params: MlpParams,
  steps: readonly InnerStep[],
  x: tf.Tensor3D,
  activation: Activation,
): tf.Tensor3D[] {
  const layers = params.length / 2;
  const inputs: tf.Tensor3D[] = [x];
  let a = x;
  for (let l = 0; l < layers; l++) {
    let z = sharedLayer(a, params[2 * l]!, params[2 * l + 1]!);
    for (const step of steps) {
      const update = step[l]!;
      // Same-task similarities x . a_k, plus 1 for the bias update.
      const similarity = tf.add(tf.matMul(a, update.inputsT), 1);
      z = tf.add(z, tf.matMul(similarity, update.deltas));
    }
    a = l < layers - 1 ? (applyActivation(z, activation) as tf.Tensor3D) : z;
    inputs.push(a);
  }
  return inputs;
}

/** One inner SGD step on every task's support set, from the adaptation reached so far. */
export function innerStep(
  params: MlpParams,
  previous: readonly InnerStep[],
  batch: TaskTensors,
  options: MamlOptions,
): InnerStep {
  const layers = params.length / 2;
  const acts = forwardAdapted(params, previous, batch.supportX, options.activation);
  const output = acts[layers]!;
  const [tasks, support, outputs] = output.shape;
  // Each task's support loss is the mean of its support x outputs squared errors.
  const scale = (-2 * options.innerLr) / (support * outputs);
  let delta: tf.Tensor3D = tf.mul(tf.sub(output, batch.supportY), scale);
  const updates = new Array<LayerUpdate>(layers);
  for (let l = layers - 1; l >= 0; l--) {
    const input = acts[l]!;
    updates[l] = { inputsT: tf.transpose(input, [0, 2, 1]), deltas: delta };
    if (l === 0) break;
    // Back through the task's current weights: W^T, plus D_i^T A_i terms from earlier steps.
    const weights = params[2 * l]!;
    const flat = tf.reshape(delta, [tasks * support, weights.shape[1]!]);
    let back = tf.reshape(matMul(flat, weights, false, true), input.shape);
    for (const step of previous) {
      const update = step[l]!;
      const similarity = matMul(delta, update.deltas, false, true);
      back = tf.add(back, matMul(similarity, update.inputsT, false, true));
    }
    delta = tf.mul(back, activationSlope(input, options.activation));
  }
  return updates;
}

/** All inner steps of every task of the meta-batch. */
export function adapt(params: MlpParams, batch: TaskTensors, options: MamlOptions): InnerStep[] {
  const steps: InnerStep[] = [];
  for (let s = 0; s < options.innerSteps; s++) {
    steps.push(innerStep(params, steps, batch, options));
  }
  return steps;
}

/** Each task's mean squared error over its query rows after the given inner steps: [tasks]. */
export function queryLosses(
  params: MlpParams,
  steps: readonly InnerStep[],
  batch: TaskTensors,
  activation: Activation,
): tf.Tensor1D {
  const acts = forwardAdapted(params, steps, batch.queryX, activation);
  return tf.mean(tf.squaredDifference(acts[acts.length - 1]!, batch.queryY), [1, 2]);
}

/**
 * The meta-objective per task and its gradient. Second-order: the inner steps are built inside the
 * differentiated function, so the gradient flows through them. First-order: they are computed
 * outside it and enter as constants (each task's weight offsets from theta).
 */
export function revisitingMetaGradient(
  params: MlpParams,
  batch: TaskTensors,
  options: MamlOptions,
): MetaGradient {
  const fixedSteps = options.firstOrder ? adapt(params, batch, options) : null;
  const objective = (...theta: tf.Tensor[]): tf.Tensor1D => {
    const steps = fixedSteps ?? adapt(theta, batch, options);
    return queryLosses(theta, steps, batch, options.activation);
  };
  const tasks = batch.queryX.shape[0];
  // Seeding the backward pass with 1/tasks differentiates the mean over tasks.
  const seed = tf.fill<tf.Rank.R1>([tasks], 1 / tasks);
  const { value, grads } = tf.valueAndGrads(objective)(params, seed);
  return { taskLoss: value, grads };
}
