/**
 * The kernels of one classification meta-iteration: the learner's gradient (its own meta-step:
 * through an inner loop, Reptile's direction, the prototypical-network loss, ...) and the pretrained baseline's joint-training gradient, on the
 * same batch, read back in one transfer.
 */
import { tf } from '../tfjs/tf';
import type { ExperimentConfig } from '../config';
import type { ClassificationBatch, ClassifierSpec } from '../classification/types';
import {
  classificationTensors,
  type ClassificationTensors,
} from '../classification/classificationTensors';
import { taskAccuracy, taskCrossEntropy } from '../classification/crossEntropy';
import { taskOutputs } from '../model/classifier';
import { classifierShapes, toClassifierTensors } from '../model/classifierParams';
import { defaultConvMethod } from '../tfjs/stride2Conv';
import { classificationLearner } from '../learners/registry';
import type { ClassificationStepResult } from '../learners/contract';
import {
  baselineSpec,
  learnerShapes,
  learnerSpec,
  splitLearnerValues,
} from './classificationSpecs';

export interface StepReadout {
  readonly taskLossBefore: Float32Array;
  readonly taskLossAfter: Float32Array;
  readonly taskAccuracyAfter: Float32Array;
  readonly learnerGrads: Float32Array[];
  readonly pretrainedLoss: number;
  readonly pretrainedAccuracy: number;
  readonly pretrainedGrads: Float32Array[];
}

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
 * The learner's update direction for a batch, its own way, with each task's query loss before and
 * after adaptation. `learner` is learnerTensors(config, values).
 */
export function learnerGradient(
  config: ExperimentConfig,
  spec: ClassifierSpec,
  learner: readonly tf.Tensor[],
  data: ClassificationTensors,
): ClassificationStepResult {
  const { theta, alpha } = splitLearnerValues(config, learner);
  return classificationLearner(config.algorithm).step(spec, theta, alpha, data, {
    innerLr: config.innerLr,
    innerSteps: config.innerSteps,
    firstOrder: config.firstOrder,
  });
}

/**
 * Cross-entropy of the jointly trained classifier on every support and query image of the batch,
 * with each task's own labels, and its accuracy; batch statistics are per task, as for MAML.
 */
function jointGradient(
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

/** Runs the iteration's kernels and reads everything back with one asynchronous transfer. */
export async function launchClassificationStep(
  config: ExperimentConfig,
  learnerValues: readonly Float32Array[],
  pretrainedValues: readonly Float32Array[],
  batch: ClassificationBatch,
): Promise<StepReadout> {
  const learner = learnerSpec(config);
  const baseline = baselineSpec(config);
  const tasks = batch.tasks;
  let accuracyToFree: tf.Tensor | null = null;
  const readout = tf.tidy(() => {
    const data = classificationTensors(batch);
    const meta = learnerGradient(config, learner, learnerTensors(config, learnerValues), data);
    const joint = jointGradient(baseline, toClassifierTensors(baseline, pretrainedValues), data);
    accuracyToFree = joint.accuracy;
    const flatten = (ts: tf.Tensor[]): tf.Tensor[] => ts.map((t) => tf.reshape(t, [-1]));
    return tf.concat([
      meta.lossBefore,
      meta.lossAfter,
      meta.accuracyAfter,
      tf.reshape(joint.loss, [1]),
      tf.reshape(joint.accuracy, [1]),
      ...flatten(meta.grads),
      ...flatten(joint.grads),
    ]);
  });
  (accuracyToFree as tf.Tensor | null)?.dispose();
  let values: Float32Array;
  try {
    values = (await readout.data()) as Float32Array;
  } finally {
    readout.dispose();
  }
  let offset = 0;
  const take = (count: number): Float32Array => values.slice(offset, (offset += count));
  const takeParams = (shapes: number[][]): Float32Array[] =>
    shapes.map((shape) => take(shape.reduce((a, b) => a * b, 1)));
  return {
    taskLossBefore: take(tasks),
    taskLossAfter: take(tasks),
    taskAccuracyAfter: take(tasks),
    pretrainedLoss: take(1)[0]!,
    pretrainedAccuracy: take(1)[0]!,
    learnerGrads: takeParams(learnerShapes(config)),
    pretrainedGrads: takeParams(classifierShapes(baseline)),
  };
}
