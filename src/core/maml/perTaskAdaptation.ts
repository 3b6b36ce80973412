/**
 * Plain SGD adaptation with explicit per-task parameters, for evaluation: every task of a batch gets
 * its own copy of each weight ([tasks, in, out]) and bias ([tasks, 1, out]). No gradient flows through
 * these steps (fine-tuning at test time is first-order by nature), so the backward pass is written
 * out directly instead of recorded on a tape.
 */
import { tf } from '../tfjs/tf';
import { matMul } from '../tfjs/matMul';
import { type Activation, type MlpParams, activationSlope, applyActivation } from '../model/mlp';

/** [W_1, b_1, ...] with W_l: [tasks, in, out] and b_l: [tasks, 1, out]. */
export type PerTaskParams = tf.Tensor3D[];

/** The same shared parameters copied for each of `tasks` tasks. */
export function tileParams(params: MlpParams, tasks: number): PerTaskParams {
  return params.map((p, i) => {
    const asMatrix = i % 2 === 0 ? p : tf.reshape(p, [1, p.shape[0]]);
    return tf.tile(tf.expandDims(asMatrix, 0), [tasks, 1, 1]) as tf.Tensor3D;
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

/** One SGD step of every task on its own mean squared error. */
export function sgdStepPerTask(
  params: PerTaskParams,
  x: tf.Tensor3D,
  y: tf.Tensor3D,
  learningRate: number,
  activation: Activation,
): PerTaskParams {
  const layers = params.length / 2;
  const acts = forwardPerTask(params, x, activation);
  const output = acts[layers]!;
  const [, rows, outputs] = output.shape;
  let delta: tf.Tensor3D = tf.mul(tf.sub(output, y), 2 / (rows * outputs));
  const updated = new Array<tf.Tensor3D>(params.length);
  for (let l = layers - 1; l >= 0; l--) {
    const input = acts[l]!;
    const weights = params[2 * l]!;
    const bias = params[2 * l + 1]!;
    updated[2 * l] = tf.sub(weights, tf.mul(matMul(input, delta, true, false), learningRate));
    updated[2 * l + 1] = tf.sub(bias, tf.mul(tf.sum(delta, 1, true), learningRate));
    if (l > 0) {
      const back = matMul(delta, weights, false, true);
      delta = tf.mul(back, activationSlope(input, activation));
    }
  }
  return updated;
}
