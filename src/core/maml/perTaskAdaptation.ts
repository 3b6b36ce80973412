/**
 * Adaptation with explicit per-task parameters: every task of a batch gets its own copy of each
 * weight ([tasks, in, out]) and bias ([tasks, 1, out]). Used for evaluation and previews, and by the
 * meta-learners whose inner step is not plain SGD on every weight (Meta-SGD's per-weight rates,
 * ANIL's head-only step), where the low-rank trick of lowRankMaml.ts does not hold.
 *
 * The inner backward pass is written out with ops whose first derivatives are exact (matMul, mul,
 * sum, and the activation's slope expressed through its output), so an outer tfjs gradient taken
 * through it is exact to second order, for tanh as well as ReLU.
 */
import { tf } from '../tfjs/tf';
import { matMul } from '../tfjs/matMul';
import { type Activation, type MlpParams, activationSlope, applyActivation } from '../model/mlp';

/** [W_1, b_1, ...] with W_l: [tasks, in, out] and b_l: [tasks, 1, out]. */
export type PerTaskParams = tf.Tensor3D[];

/**
 * One inner step's rates: one learning rate for every adapted weight (SGD), or one tensor of rates
 * per parameter, broadcast against it (Meta-SGD's per weight, a negative rate stepping uphill along
 * that weight; a scalar tensor per parameter for a per-layer rate).
 */
export type StepRates = number | readonly tf.Tensor[];

/**
 * How a learner steps on a task: phi <- phi - rate * grad for the adapted layers.
 * - rates: the same for every step, or each step's (0-based) own (learned per-step rates);
 * - firstLayer: layers before this one stay fixed (ANIL adapts the last layer only); 0 adapts all.
 */
export interface InnerRule {
  readonly rates: StepRates | ((step: number) => StepRates);
  readonly firstLayer: number;
}

/** Plain SGD on every parameter. */
export function plainSgd(learningRate: number): InnerRule {
  return { rates: learningRate, firstLayer: 0 };
}

/**
 * The same shared parameters copied for each of `tasks` tasks. Copied by a broadcasting add rather
 * than tf.tile: the same values and gradient (a sum over tasks), and on WASM about twenty times
 * faster than its Tile kernel.
 */
export function tileParams(params: MlpParams, tasks: number): PerTaskParams {
  const copies = tf.zeros([tasks, 1, 1]);
  return params.map((p, i) => {
    const asMatrix = i % 2 === 0 ? p : tf.reshape(p, [1, p.shape[0]]);
    return tf.add<tf.Tensor3D>(copies, asMatrix);
  });
}

/** Every layer's input followed by the output, for x: [tasks, rows, in]. */
export function forwardPerTask(
  params: PerTaskParams,
  x: tf.Tensor3D,
  activation: Activation,
): tf.Tensor3D[] {
  const layers = params.length / 2;
  const inputs = [x];
  let a = x;
  for (let l = 0; l < layers; l++) {
    const z = tf.add<tf.Tensor3D>(matMul(a, params[2 * l]!), params[2 * l + 1]!);
    a = l < layers - 1 ? (applyActivation(z, activation) as tf.Tensor3D) : z;
    inputs.push(a);
  }
  return inputs;
}

/**
 * The output of hidden layers `params` (each followed by the activation): what later layers see.
 * A layer may be per task ([tasks, in, out] weights) or shared by all tasks ([in, out]); a shared
 * one is one 2-D product over every task's rows.
 */
export function hiddenFeatures(
  params: readonly tf.Tensor[],
  x: tf.Tensor3D,
  activation: Activation,
): tf.Tensor3D {
  let a = x;
  for (let l = 0; l < params.length / 2; l++) {
    const weights = params[2 * l]!;
    const bias = params[2 * l + 1]!;
    let z: tf.Tensor3D;
    if (weights.rank === 3) {
      z = tf.add(matMul(a, weights), bias);
    } else {
      const [tasks, rows, inputs] = a.shape;
      const flat = tf.add(matMul(tf.reshape(a, [tasks * rows, inputs]), weights), bias);
      z = tf.reshape(flat, [tasks, rows, weights.shape[1]!]);
    }
    a = applyActivation(z, activation) as tf.Tensor3D;
  }
  return a;
}

/** Each task's mean squared error on its rows: [tasks]. */
export function lossPerTask(
  params: PerTaskParams,
  x: tf.Tensor3D,
  y: tf.Tensor3D,
  activation: Activation,
): tf.Tensor1D {
  const acts = forwardPerTask(params, x, activation);
  return tf.mean(tf.squaredDifference(acts[acts.length - 1]!, y), [1, 2]);
}

/** Each task's gradient of its own mean squared error, for every parameter, by backpropagation. */
export function gradientsPerTask(
  params: PerTaskParams,
  x: tf.Tensor3D,
  y: tf.Tensor3D,
  activation: Activation,
): PerTaskParams {
  const layers = params.length / 2;
  const acts = forwardPerTask(params, x, activation);
  const output = acts[layers]!;
  const [, rows, outputs] = output.shape;
  let delta: tf.Tensor3D = tf.mul(tf.sub(output, y), 2 / (rows * outputs));
  const grads = new Array<tf.Tensor3D>(params.length);
  for (let l = layers - 1; l >= 0; l--) {
    const input = acts[l]!;
    grads[2 * l] = matMul(input, delta, true, false);
    grads[2 * l + 1] = tf.sum(delta, 1, true);
    if (l > 0) {
      const back = matMul(delta, params[2 * l]!, false, true);
      delta = tf.mul(back, activationSlope(input, activation));
    }
  }
  return grads;
}

/** params - rates * grads, parameter by parameter (rates broadcast over tasks). */
export function descend(
  params: PerTaskParams,
  grads: PerTaskParams,
  rates: StepRates,
): PerTaskParams {
  return params.map((p, i) => {
    const rate = typeof rates === 'number' ? rates : rates[i]!;
    return tf.sub(p, tf.mul(grads[i]!, rate));
  });
}

/** One SGD step of every task on its own mean squared error. */
export function sgdStepPerTask(
  params: PerTaskParams,
  x: tf.Tensor3D,
  y: tf.Tensor3D,
  learningRate: number,
  activation: Activation,
): PerTaskParams {
  return descend(params, gradientsPerTask(params, x, y, activation), learningRate);
}

/**
 * Where a rule's inner loop starts for `tasks` tasks: the layers it adapts get a copy per task,
 * the fixed ones stay shared (ANIL's body is never copied).
 */
export function startFor(params: MlpParams, tasks: number, rule: InnerRule): tf.Tensor[] {
  const at = 2 * rule.firstLayer;
  return [...params.slice(0, at), ...tileParams(params.slice(at), tasks)];
}

/** A rule's view of a start: the fixed layers, the adapted ones and their rates. */
export interface SplitParams {
  /** Shared or per task. */
  readonly fixed: tf.Tensor[];
  readonly adapted: PerTaskParams;
  /** The adapted layers' rates at inner step `step` (0-based). */
  readonly rates: (step: number) => StepRates;
  /** Every step has the same rates (so a sum of gradients may be taken with them at once). */
  readonly sameEveryStep: boolean;
}

/** Splits a start whose adapted layers (from the rule's first layer on) are per task. */
export function splitByRule(start: readonly tf.Tensor[], rule: InnerRule): SplitParams {
  const at = 2 * rule.firstLayer;
  const adaptedRates = (rates: StepRates): StepRates =>
    typeof rates === 'number' ? rates : rates.slice(at);
  const { rates } = rule;
  if (typeof rates === 'function') {
    return {
      fixed: start.slice(0, at),
      adapted: start.slice(at) as PerTaskParams,
      rates: (step) => adaptedRates(rates(step)),
      sameEveryStep: false,
    };
  }
  const every = adaptedRates(rates);
  return {
    fixed: start.slice(0, at),
    adapted: start.slice(at) as PerTaskParams,
    rates: () => every,
    sameEveryStep: true,
  };
}
