/**
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
 * X W_t' + b_t' = (X W + b) + (X A_t^T + 1) D_t.
 *
 * - The first inner step runs on the shared weights: one 2-D product over every task's rows.
 * - The newest step is kept in that low-rank form, a small batched product per task
 *   ([rows x support] by [support x out]). With one inner step nothing else is needed, and adapted
 *   weights are never materialised.
 * - Before the next step it is folded into each task's weight offsets from theta,
 *   dW_t += A_t^T D_t ([tasks, in, out], one batched product) and db_t += 1^T D_t, and that step
 *   runs on the explicit weights W + dW_t (one batched product per layer). So every inner step
 *   costs the same, however many came before, and the kernels grow linearly with the steps.
 *
 * Nothing loops over tasks in JavaScript. The inner backward pass is written out with ops whose
 * first derivatives are exact (matMul, add, mul, sum, step, square, transpose, reshape), so the
 * outer gradient (tfjs autodiff) differentiates through it: that is MAML's second-order term.
 * First-order MAML computes the whole adaptation outside the differentiated function; the offsets
 * and the newest step then enter as constants.
 */
import { tf } from '../../tfjs/tf';
import { matMul } from '../../tfjs/matMul';
import { type Activation, type MlpParams, activationSlope, applyActivation } from '../../model/mlp';

import type { TaskTensors } from '../../tasks/taskTensors';

export type { TaskTensors };

export interface MamlOptions {
  readonly innerLr: number;
  readonly innerSteps: number;
  readonly firstOrder: boolean;
  readonly activation: Activation;
}

/** One layer's share of one inner SGD step: the support inputs A (transposed) and deltas D. */
export interface LayerUpdate {
  /** A_t^T for every task: [tasks, in, support]. */
  readonly inputsT: tf.Tensor3D;
  /** D_t = -innerLr * dL_t/dZ for every task: [tasks, support, out]. */
  readonly deltas: tf.Tensor3D;
}

/**
 * When a layer folds its inner steps into explicit per-task offsets: when a task's weights
 * ([in x out]) are at most this many times the size of one step's low-rank factors
 * ([support x (in + out)]). Folding makes every step cost the same (linear growth in the steps);
 * keeping the factors costs one more term per earlier step (quadratic), but each term is a small
 * product, while a wide layer's per-task weights make every product with them large, so a wide
 * layer is faster unfolded for a handful of steps. Measured on WASM: 1-40-40-1 and 1-256-256-1
 * networks, 10 support points, 1 to 5 steps, with tfjs's batched products and again with the SIMD
 * ones (folding the wide layer too: 2.3 to 2.8 times slower; docs/BENCHMARKS.md, "Inner steps").
 */
const FOLD_RATIO = 4;

/** Whether a layer of `inputs` x `outputs` weights folds its steps, for `support` rows per task. */
export function foldsSteps(inputs: number, outputs: number, support: number): boolean {
  return inputs * outputs <= FOLD_RATIO * support * (inputs + outputs);
}

/** One layer's adaptation so far, for every task: folded offsets from theta and the later steps. */
export interface AdaptedLayer {
  /** Sum of the folded steps' A_t^T D_t: [tasks, in, out]; null before any was folded. */
  readonly weightOffset: tf.Tensor3D | null;
  /** Sum of the folded steps' 1^T D_t: [tasks, 1, out]; null before any was folded. */
  readonly biasOffset: tf.Tensor3D | null;
  /** Steps not folded in, oldest first: each adds (X A^T + 1) D to the layer's pre-activations. */
  readonly recent: readonly LayerUpdate[];
}

/** Every layer's adaptation, in layer order; an empty list is no adaptation (theta itself). */
export type Adaptation = readonly AdaptedLayer[];

/** A layer's weights as a step uses them: shared ([in, out], [out]) or per task (3-D). */
interface LayerWeights {
  readonly weights: tf.Tensor;
  readonly bias: tf.Tensor;
}

/** x [tasks, rows, in] times a shared W [in, out] plus b, as one 2-D product. */
function sharedLayer(x: tf.Tensor3D, weights: tf.Tensor, bias: tf.Tensor): tf.Tensor3D {
  const [tasks, rows, inputs] = x.shape;
  const flat = tf.reshape(x, [tasks * rows, inputs]);
  const z = tf.add(matMul(flat, weights), bias);
  return tf.reshape(z, [tasks, rows, weights.shape[1]!]);
}

/** Each layer's weights: theta's, plus the folded offsets where there are any. */
function layerWeights(params: MlpParams, adaptation: Adaptation): LayerWeights[] {
  const layers = params.length / 2;
  return Array.from({ length: layers }, (_, l) => {
    const weights = params[2 * l]!;
    const bias = params[2 * l + 1]!;
    const state = adaptation[l];
    if (!state?.weightOffset || !state.biasOffset) return { weights, bias };
    return { weights: tf.add(weights, state.weightOffset), bias: tf.add(bias, state.biasOffset) };
  });
}

/** Every layer's input followed by the output, for the given weights and unfolded steps. */
function forwardWith(
  layers: readonly LayerWeights[],
  adaptation: Adaptation,
  x: tf.Tensor3D,
  activation: Activation,
): tf.Tensor3D[] {
  const inputs: tf.Tensor3D[] = [x];
  let a = x;
  for (const [l, { weights, bias }] of layers.entries()) {
    let z =
      weights.rank === 2
        ? sharedLayer(a, weights, bias)
        : tf.add<tf.Tensor3D>(matMul(a, weights), bias);
    for (const update of adaptation[l]?.recent ?? []) {
      // Same-task similarities x . a_k, plus 1 for the bias update.
      const similarity = tf.add(tf.matMul(a, update.inputsT), 1);
      z = tf.add(z, tf.matMul(similarity, update.deltas));
    }
    a = l < layers.length - 1 ? (applyActivation(z, activation) as tf.Tensor3D) : z;
    inputs.push(a);
  }
  return inputs;
}

/**
 * Forward pass with each task's adapted weights (theta plus the adaptation). Returns every layer's
 * input followed by the network output.
 */
export function forwardAdapted(
  params: MlpParams,
  adaptation: Adaptation,
  x: tf.Tensor3D,
  activation: Activation,
): tf.Tensor3D[] {
  return forwardWith(layerWeights(params, adaptation), adaptation, x, activation);
}

/** The adaptation with the steps of every layer that folds them added into its offsets. */
function foldSteps(params: MlpParams, adaptation: Adaptation, support: number): Adaptation {
  return adaptation.map((layer, l) => {
    const [inputs, outputs] = params[2 * l]!.shape as [number, number];
    if (layer.recent.length === 0 || !foldsSteps(inputs, outputs, support)) return layer;
    let { weightOffset, biasOffset } = layer;
    for (const update of layer.recent) {
      const weightStep = tf.matMul<tf.Tensor3D>(update.inputsT, update.deltas);
      const biasStep = tf.sum<tf.Tensor3D>(update.deltas, 1, true);
      weightOffset = weightOffset ? tf.add<tf.Tensor3D>(weightOffset, weightStep) : weightStep;
      biasOffset = biasOffset ? tf.add<tf.Tensor3D>(biasOffset, biasStep) : biasStep;
    }
    return { weightOffset, biasOffset, recent: [] };
  });
}

/**
 * One inner SGD step on every task's support set, from the adaptation reached so far (folding the
 * earlier steps first where the layer folds them). Returns the adaptation with this step added.
 */
export function innerStep(
  params: MlpParams,
  previous: Adaptation,
  batch: TaskTensors,
  options: MamlOptions,
): Adaptation {
  const layers = params.length / 2;
  const [tasks, support] = batch.supportX.shape;
  const folded = foldSteps(params, previous, support);
  const weights = layerWeights(params, folded);
  const acts = forwardWith(weights, folded, batch.supportX, options.activation);
  const output = acts[layers]!;
  const outputs = output.shape[2];
  // Each task's support loss is the mean of its support x outputs squared errors.
  const scale = (-2 * options.innerLr) / (support * outputs);
  let delta: tf.Tensor3D = tf.mul(tf.sub(output, batch.supportY), scale);
  const updates = new Array<LayerUpdate>(layers);
  for (let l = layers - 1; l >= 0; l--) {
    const input = acts[l]!;
    updates[l] = { inputsT: tf.transpose(input, [0, 2, 1]), deltas: delta };
    if (l === 0) break;
    // Back through the task's current weights: W^T (shared or per task), plus D_i^T A_i terms
    // from the steps not folded in.
    const layerW = weights[l]!.weights;
    let back: tf.Tensor3D;
    if (layerW.rank === 2) {
      const flat = tf.reshape(delta, [tasks * support, layerW.shape[1]!]);
      back = tf.reshape(matMul(flat, layerW, false, true), input.shape);
    } else {
      back = matMul(delta, layerW, false, true);
    }
    for (const update of folded[l]?.recent ?? []) {
      const similarity = matMul(delta, update.deltas, false, true);
      back = tf.add(back, matMul(similarity, update.inputsT, false, true));
    }
    delta = tf.mul(back, activationSlope(input, options.activation));
  }
  return updates.map((update, l) => ({
    weightOffset: folded[l]?.weightOffset ?? null,
    biasOffset: folded[l]?.biasOffset ?? null,
    recent: [...(folded[l]?.recent ?? []), update],
  }));
}

/** All inner steps of every task of the meta-batch. */
export function adapt(params: MlpParams, batch: TaskTensors, options: MamlOptions): Adaptation {
  let adaptation: Adaptation = [];
  for (let s = 0; s < options.innerSteps; s++) {
    adaptation = innerStep(params, adaptation, batch, options);
  }
  return adaptation;
}

/** Each task's mean squared error over its query rows after the given adaptation: [tasks]. */
export function queryLosses(
  params: MlpParams,
  adaptation: Adaptation,
  batch: TaskTensors,
  activation: Activation,
): tf.Tensor1D {
  const acts = forwardAdapted(params, adaptation, batch.queryX, activation);
  return tf.mean(tf.squaredDifference(acts[acts.length - 1]!, batch.queryY), [1, 2]);
}

export interface MetaGradient {
  /** Each task's query loss after adaptation, [tasks]; the meta-objective is their mean. */
  readonly taskLoss: tf.Tensor1D;
  /** Gradient of the meta-objective with respect to each parameter, in parameter order. */
  readonly grads: tf.Tensor[];
}

/**
 * The meta-objective per task and its gradient. Second-order: the inner steps are built inside the
 * differentiated function, so the gradient flows through them. First-order: they are computed
 * outside it and enter as constants (each task's weight offsets from theta).
 */
export function metaGradient(
  params: MlpParams,
  batch: TaskTensors,
  options: MamlOptions,
): MetaGradient {
  const fixed = options.firstOrder ? adapt(params, batch, options) : null;
  const objective = (...theta: tf.Tensor[]): tf.Tensor1D => {
    const adaptation = fixed ?? adapt(theta, batch, options);
    return queryLosses(theta, adaptation, batch, options.activation);
  };
  const tasks = batch.queryX.shape[0];
  // Seeding the backward pass with 1/tasks differentiates the mean over tasks.
  const seed = tf.fill<tf.Rank.R1>([tasks], 1 / tasks);
  const { value, grads } = tf.valueAndGrads(objective)(params, seed);
  return { taskLoss: value, grads };
}
