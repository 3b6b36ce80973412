/**
 * Reptile (Nichol, Achiam and Schulman 2018, "On First-Order Meta-Learning Algorithms",
 * Algorithm 2, batched version): each task runs `innerSteps` steps of plain full-batch SGD with
 * innerLr on its whole training sample (support and query points together), from the shared
 * initialisation theta to phi_t; the outer update moves theta toward the adapted weights. As the
 * paper suggests when using Adam, the difference theta - mean_t(phi_t) is handed to the outer Adam
 * as if it were a gradient. Nothing is differentiated through the inner loop.
 *
 * With one inner step the direction is innerLr times the joint-training gradient: Reptile needs
 * two or more steps to differ from training one network on all tasks at once.
 *
 * The reported loss is MAML's: each task's query loss after `innerSteps` SGD steps on its support
 * set alone, so the meta-training curves of the learners can be compared.
 *
 * Settings: innerLr (default 0.01), innerSteps (1; two or more make it Reptile), activation (relu);
 * firstOrder does not apply.
 */
import { tf } from '../../tfjs/tf';
import { paramShapes } from '../../model/mlp';
import { adapt, queryLosses, type MetaGradient, type TaskTensors } from '../maml/lowRankMaml';
import {
  plainSgd,
  sgdStepPerTask,
  tileParams,
  type PerTaskParams,
} from '../../maml/perTaskAdaptation';
import { rowsPerTask } from '../regressionInnerLoop';
import type { RegressionAlgorithm, RegressionOptions } from '../regressionAlgorithm';

/** Every task's weights after its inner SGD on support and query points together. */
export function reptileAdapted(
  theta: tf.Tensor[],
  batch: TaskTensors,
  options: RegressionOptions,
): PerTaskParams {
  const x = tf.concat([batch.supportX, batch.queryX], 1);
  const y = tf.concat([batch.supportY, batch.queryY], 1);
  let phi = tileParams(theta, batch.queryX.shape[0]);
  for (let s = 0; s < options.innerSteps; s++) {
    phi = sgdStepPerTask(phi, x, y, options.innerLr, options.activation);
  }
  return phi;
}

/** The Reptile direction theta - mean_t(phi_t), and each task's query loss after adaptation. */
export function reptileStep(
  theta: tf.Tensor[],
  batch: TaskTensors,
  options: RegressionOptions,
): MetaGradient {
  const phi = reptileAdapted(theta, batch, options);
  const grads = theta.map((p, i) => tf.sub(p, tf.reshape(tf.mean(phi[i]!, 0), p.shape)));
  const taskLoss = queryLosses(theta, adapt(theta, batch, options), batch, options.activation);
  return { taskLoss, grads };
}

export const REPTILE: RegressionAlgorithm = {
  valueShapes: paramShapes,
  initialValues: (theta) => theta,
  metaStep: reptileStep,
  innerRule: (_values, _spec, options) => plainSgd(options.innerLr),
  taskDirections: (theta, batch, options) =>
    tf.tidy(() => {
      const phi = reptileAdapted(theta, batch, options);
      const start = tileParams(theta, batch.queryX.shape[0]);
      return rowsPerTask(start.map((p, i) => tf.sub(p, phi[i]!)));
    }),
  directionBasis:
    "Each task's Reptile direction: the initial weights minus the task's weights after its inner SGD steps.",
  innerRates: () => null,
};
