/**
 * The straightforward MAML meta-gradient: one task at a time, each inner gradient taken by tfjs
 * autodiff (tf.grads nested inside the outer tf.valueAndGrads). It is slow, and it is here as the
 * independent reference the vectorised engine (lowRankMaml.ts) is tested and benchmarked against.
 *
 * It uses only ops whose second derivatives tfjs gets right (matMul, add, relu, squared error), so
 * it supports ReLU networks; for tanh tfjs's own second derivative is wrong and only finite
 * differences can serve as the reference.
 */
import { tf } from '../../tfjs/tf';
import type { MlpParams } from '../../model/mlp';
import type { MamlOptions, MetaGradient, TaskTensors } from './lowRankMaml';

function reluForward(params: MlpParams, x: tf.Tensor2D): tf.Tensor2D {
  const layers = params.length / 2;
  let a = x;
  for (let l = 0; l < layers; l++) {
    const z = tf.add<tf.Tensor2D>(tf.matMul(a, params[2 * l] as tf.Tensor2D), params[2 * l + 1]!);
    a = l < layers - 1 ? tf.relu(z) : z;
  }
  return a;
}

function mse(params: MlpParams, x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar {
  return tf.mean(tf.squaredDifference(reluForward(params, x), y));
}

/** Task t's rows of a [tasks, rows, features] tensor, as a matrix. */
function taskRows(values: tf.Tensor3D, t: number): tf.Tensor2D {
  const [, rows, features] = values.shape;
  return tf.reshape(tf.slice(values, [t, 0, 0], [1, rows, features]), [rows, features]);
}

export function taskLoopMetaGradient(
  params: MlpParams,
  batch: TaskTensors,
  options: MamlOptions,
): MetaGradient {
  if (options.activation !== 'relu') {
    throw new Error('The per-task reference supports ReLU networks only.');
  }
  const tasks = batch.queryX.shape[0];
  const objective = (...theta: tf.Tensor[]): tf.Tensor1D => {
    const losses: tf.Scalar[] = [];
    for (let t = 0; t < tasks; t++) {
      const supportX = taskRows(batch.supportX, t);
      const supportY = taskRows(batch.supportY, t);
      let adapted = theta;
      for (let s = 0; s < options.innerSteps; s++) {
        let grads = tf.grads((...phi: tf.Tensor[]) => mse(phi, supportX, supportY))(adapted);
        // First-order MAML: the inner gradient enters as a constant, cut from the graph.
        if (options.firstOrder) grads = grads.map((g) => tf.tensor(g.dataSync(), g.shape));
        adapted = adapted.map((p, i) => tf.sub(p, tf.mul(grads[i]!, options.innerLr)));
      }
      losses.push(mse(adapted, taskRows(batch.queryX, t), taskRows(batch.queryY, t)));
    }
    return tf.stack(losses) as tf.Tensor1D;
  };
  const seed = tf.fill<tf.Rank.R1>([tasks], 1 / tasks);
  const { value, grads } = tf.valueAndGrads(objective)(params, seed);
  return { taskLoss: value, grads };
}
