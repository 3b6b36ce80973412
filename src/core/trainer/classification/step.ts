/**
 * The kernels of one classification iteration: a learner's direction (its own meta-step: through
 * an inner loop, Reptile's direction, the prototypical-network loss, ...) and the pretrained
 * baseline's joint-training gradient.
 */
import { tf } from '../../tfjs/tf';
import type { ExperimentConfig } from '../../config';
import type { ClassifierSpec } from '../../classification/types';
import type { ClassificationTensors } from '../../classification/classificationTensors';
import { taskAccuracy, taskCrossEntropy } from '../../classification/crossEntropy';
import { taskOutputs } from '../../model/classifier';
import { defaultConvMethod } from '../../tfjs/stride2Conv';
import { classificationLearner } from '../../learners/registry';
import type { ClassificationStepResult } from '../../learners/contract';
import { learnerShapes, splitLearnerValues } from './specs';

/** The learner's values as tensors, shaped as learnerShapes(config) says. */
export function learnerTensors(
  config: ExperimentConfig,
  values: readonly Float32Array[],
): tf.Tensor[] {
  const shapes = learnerShapes(config);
  if (values.length !== shapes.length) {
    throw new Error(`Expected ${shapes.length} learner arrays, got ${values.length}.`);
  }
  return values.map((v, i) => tf.tensor(v, shapes[i]));
}

/**
 * The learner's update direction for a batch, its own way, with each task's query loss before
 * (NaN without `before`) and after adaptation. `learner` is learnerTensors(config, values).
 */
export function learnerGradient(
  config: ExperimentConfig,
  spec: ClassifierSpec,
  learner: readonly tf.Tensor[],
  data: ClassificationTensors,
  before = true,
): ClassificationStepResult {
  const { theta, alpha } = splitLearnerValues(config, learner);
  return classificationLearner(config.algorithm).step(spec, theta, alpha, data, {
    innerLr: config.innerLr,
    innerSteps: config.innerSteps,
    firstOrder: config.firstOrder,
    before,
  });
}

/**
 * Cross-entropy of the jointly trained classifier on every support and query image of the batch,
 * with each task's own labels, and its accuracy; batch statistics are per task, as for MAML.
 */
export function jointGradient(
  spec: ClassifierSpec,
  theta: tf.Tensor[],
  data: ClassificationTensors,
): { loss: tf.Scalar; accuracy: tf.Scalar; grads: tf.Tensor[] } {
  const conv = defaultConvMethod();
  const options = { tasks: data.tasks, perTask: false, conv };
  const rows = data.supportSize + data.querySize;
  let accuracy: tf.Scalar | null = null;
  const loss = (...params: tf.Tensor[]): tf.Scalar => {
    const support = taskOutputs(spec, params, data.supportImages, options);
    const query = taskOutputs(spec, params, data.queryImages, options);
    accuracy = tf.keep(tf.mean<tf.Scalar>(taskAccuracy(query, data.queryLabels)));
    const supportLoss = tf.mul(
      tf.mean(taskCrossEntropy(support, data.supportOneHot)),
      data.supportSize / rows,
    );
    const queryLoss = tf.mul(
      tf.mean(taskCrossEntropy(query, data.queryOneHot)),
      data.querySize / rows,
    );
    return tf.add(supportLoss, queryLoss);
  };
  const { value, grads } = tf.valueAndGrads(loss)(theta);
  return { loss: value, accuracy: accuracy!, grads };
}
