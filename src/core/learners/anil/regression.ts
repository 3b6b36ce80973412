/**
 * ANIL, "almost no inner loop" (Raghu, Raghu, Bengio and Vinyals 2020, "Rapid Learning or Feature
 * Reuse? Towards Understanding the Effectiveness of MAML"): the inner loop adapts only the last
 * layer (W_L, b_L) by SGD with innerLr; the layers below are a feature extractor shared by all
 * tasks. The outer loop is MAML's: the mean query loss after adaptation, differentiated through
 * the head-only inner steps (second order unless `firstOrder`) with respect to every parameter, so
 * the body learns features a head can adapt on quickly. At test time, too, only the head adapts.
 *
 * With no hidden layer the head is the whole network and ANIL is MAML.
 *
 * Settings: innerLr (default 0.01), innerSteps (1), firstOrder (false), activation (relu).
 */
import { tf } from '../../tfjs/tf';
import { paramShapes } from '../../model/mlp';
import type { MetaGradient, TaskTensors } from '../maml/lowRankMaml';
import { startFor, tileParams, type InnerRule } from '../../maml/perTaskAdaptation';
import { meanQueryLossGradient, perTaskMetaGradients } from '../regressionInnerLoop';
import type { RegressionAlgorithm, RegressionOptions } from '../regressionAlgorithm';

/** SGD with `learningRate` on the last layer of a network with `tensors` parameter tensors. */
export function headOnly(learningRate: number, tensors: number): InnerRule {
  return { rates: learningRate, firstLayer: tensors / 2 - 1 };
}

/** Each task's query loss after head-only adaptation ([tasks]) and the mean's gradient. */
export function anilMetaGradient(
  theta: tf.Tensor[],
  batch: TaskTensors,
  options: RegressionOptions,
): MetaGradient {
  const tasks = batch.queryX.shape[0];
  const rule = headOnly(options.innerLr, theta.length);
  // The body is shared by all tasks: only the head is copied per task.
  const setup = (v: tf.Tensor[]) => ({ start: startFor(v, tasks, rule), rule });
  return meanQueryLossGradient(theta, setup, batch, options);
}

export const ANIL: RegressionAlgorithm = {
  valueShapes: paramShapes,
  initialValues: (theta) => theta,
  metaStep: anilMetaGradient,
  innerRule: (theta, _spec, options) => headOnly(options.innerLr, theta.length),
  taskDirections: (theta, batch, options) =>
    tf.tidy(() =>
      perTaskMetaGradients(
        tileParams(theta, batch.queryX.shape[0]),
        headOnly(options.innerLr, theta.length),
        batch,
        options,
      ),
    ),
  directionBasis:
    "Each task's meta-gradient: the gradient of its query loss after head-only inner steps with respect to all the shared weights.",
  innerRates: () => null,
};
