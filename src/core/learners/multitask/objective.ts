/**
 * Multi-task learning (Caruana 1997) on sinusoid regression: one model trained on M fixed tasks at
 * once, with hard or soft parameter sharing and equal or uncertainty weighting (Kendall, Gal and
 * Cipolla 2018, "Multi-Task Learning Using Uncertainty to Weigh Losses").
 *
 * The objective, with L_m task m's mean squared error over its rows of the iteration:
 *
 *   J = sum_m w_m L_m + R + P
 *
 * - equal weighting: w_m = 1/2, R = 0. This is the uncertainty objective with every s_m held at 0,
 *   so the two weightings differ only in whether s is learned (the factor 1/2 changes nothing under
 *   Adam except the balance with P).
 * - uncertainty weighting: w_m = exp(-s_m) / 2 and R = sum_m s_m / 2, with s_m = log sigma_m^2:
 *   the regression form 1/(2 sigma^2) L + log sigma. For a fixed L_m, dJ/ds_m vanishes at
 *   s_m = log L_m: sigma_m^2 tracks the task's own loss, so noisy tasks weigh less.
 * - hard sharing: P = 0; the trunk is shared, each task has its own linear head.
 * - soft sharing: P = lambda * sum_m ||theta_m - theta_bar||^2, theta_m all of task m's network
 *   parameters (output layer included) and theta_bar = (1/M) sum_m theta_m, so dP/dtheta_m =
 *   2 lambda (theta_m - theta_bar).
 *
 * Arguments: the spec (network, M, sharing), the options below, the parameters in layout.ts's order
 * and the points as [M, rows, 1] tensors. No inner loop: only first derivatives are taken.
 */
import { tf } from '../../tfjs/tf';
import { matMul } from '../../tfjs/matMul';
import { applyActivation } from '../../model/mlp';
import { forwardPerTask, lossPerTask, tileParams } from '../../maml/perTaskAdaptation';
import { trunkLength, type MultiTaskSpec } from './layout';

export type Weighting = 'equal' | 'uncertainty';

export interface MultiTaskOptions {
  readonly weighting: Weighting;
  /** lambda of soft sharing; ignored with hard sharing. */
  readonly softPenalty: number;
}

/** Every task's predictions for its own rows x: [M, rows, 1] in, [M, rows, 1] out. */
export function taskPredictions(
  spec: MultiTaskSpec,
  params: readonly tf.Tensor[],
  x: tf.Tensor3D,
): tf.Tensor3D {
  const { activation } = spec.net;
  if (spec.sharing === 'soft') {
    const acts = forwardPerTask(params.slice(0, -1) as tf.Tensor3D[], x, activation);
    return acts[acts.length - 1]!;
  }
  // The trunk is the same for every row, so all tasks' rows go through it as one 2-D product.
  const trunk = trunkLength(spec);
  const [tasks, rows, inputs] = x.shape;
  let a: tf.Tensor2D = tf.reshape(x, [tasks * rows, inputs]);
  for (let l = 0; 2 * l < trunk; l++) {
    a = applyActivation(
      tf.add(matMul(a, params[2 * l]!), params[2 * l + 1]!),
      activation,
    ) as tf.Tensor2D;
  }
  const features = tf.reshape(a, [tasks, rows, a.shape[1]]);
  return tf.add(matMul(features, params[trunk]!), params[trunk + 1]!);
}

/** Each task's mean squared error over its rows: [M]. */
export function taskLosses(
  spec: MultiTaskSpec,
  params: readonly tf.Tensor[],
  x: tf.Tensor3D,
  y: tf.Tensor3D,
): tf.Tensor1D {
  return tf.mean(tf.squaredDifference(taskPredictions(spec, params, x), y), [1, 2]);
}

/**
 * sum_m ||theta_m - theta_bar||^2 over task-stacked arrays [M, ...]. Written with sub and square:
 * tfjs's squaredDifference does not sum its gradient over a broadcast input.
 */
function spreadAroundMean(stacked: readonly tf.Tensor[]): tf.Scalar {
  const terms = stacked.map((p) => tf.sum<tf.Scalar>(tf.square(tf.sub(p, tf.mean(p, 0, true)))));
  return tf.addN(terms);
}

/** The full objective J for the given parameters (all of them, s last). */
export function multiTaskObjective(
  spec: MultiTaskSpec,
  options: MultiTaskOptions,
  params: readonly tf.Tensor[],
  x: tf.Tensor3D,
  y: tf.Tensor3D,
): tf.Scalar {
  const losses = taskLosses(spec, params, x, y);
  const s = params[params.length - 1]!;
  let total: tf.Scalar =
    options.weighting === 'uncertainty'
      ? tf.mul(0.5, tf.sum(tf.add(tf.mul(tf.exp(tf.neg(s)), losses), s)))
      : tf.mul(0.5, tf.sum(losses));
  if (spec.sharing === 'soft' && options.softPenalty > 0) {
    const networks = params.slice(0, -1);
    total = tf.add(total, tf.mul(options.softPenalty, spreadAroundMean(networks)));
  }
  return total;
}

export interface MultiTaskGradient {
  readonly value: tf.Scalar;
  /** dJ/d(each array), in layout order; s's gradient is 0 with equal weighting. */
  readonly grads: tf.Tensor[];
}

/** J and its gradient with respect to every parameter. */
export function multiTaskGradient(
  spec: MultiTaskSpec,
  options: MultiTaskOptions,
  params: readonly tf.Tensor[],
  x: tf.Tensor3D,
  y: tf.Tensor3D,
): MultiTaskGradient {
  const s = params[params.length - 1]!;
  // tfjs refuses to differentiate with respect to an input the function never uses.
  const learnsS = options.weighting === 'uncertainty';
  const differentiated = learnsS ? [...params] : params.slice(0, -1);
  const objective = (...p: tf.Tensor[]): tf.Scalar =>
    multiTaskObjective(spec, options, learnsS ? p : [...p, s], x, y);
  const { value, grads } = tf.valueAndGrads(objective)(differentiated);
  return { value, grads: learnsS ? grads : [...grads, tf.zerosLike(s)] };
}

/** Whether the tasks share any parameter: not with hard sharing and no hidden layer (no trunk). */
export function hasSharedParameters(spec: MultiTaskSpec): boolean {
  return spec.sharing === 'soft' || trunkLength(spec) > 0;
}

/**
 * Each task's gradient of its own loss L_m with respect to the parameters it shares, one row per
 * task, [M, P]: the trunk (hard; see hasSharedParameters) or the task's own network (soft). The
 * trunk is tiled per task so that one backward pass gives every task's gradient.
 */
export function sharedGradients(
  spec: MultiTaskSpec,
  params: readonly tf.Tensor[],
  x: tf.Tensor3D,
  y: tf.Tensor3D,
): tf.Tensor2D {
  const m = spec.tasks;
  const trunk = trunkLength(spec);
  const soft = spec.sharing === 'soft';
  const shared = soft
    ? (params.slice(0, -1) as tf.Tensor3D[])
    : tileParams(params.slice(0, trunk), m);
  const heads = soft ? [] : (params.slice(trunk, trunk + 2) as tf.Tensor3D[]);
  const loss = (...p: tf.Tensor[]): tf.Scalar =>
    tf.sum(lossPerTask([...(p as tf.Tensor3D[]), ...heads], x, y, spec.net.activation));
  const grads = tf.grads(loss)(shared);
  return tf.concat<tf.Tensor2D>(
    grads.map((g) => tf.reshape(g, [m, -1])),
    1,
  );
}
