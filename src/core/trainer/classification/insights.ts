/**
 * What a classification learner looks like inside: how the tasks of the latest meta-batch pulled
 * on the shared weights (cosine similarity of their own update directions), and for Meta-SGD a
 * summary of the learned inner rates per parameter tensor.
 *
 * The per-task directions are recomputed on request, one task at a time, from the latest batch
 * kept as plain data and the learner's values it was drawn for: a meta-iteration's cost once per
 * request and none per step, the same on every backend (GPU backends differentiate several tasks
 * per pass, where per-task gradients never exist separately).
 */
import { tf } from '../../tfjs/tf';
import type { ExperimentConfig } from '../../config';
import type { ClassificationBatch } from '../../classification/types';
import {
  classificationTensors,
  type ClassificationTensors,
  disposeClassificationTensors,
  sliceTasks,
} from '../../classification/classificationTensors';
import { summarizeInnerRates } from '../../learners/innerRates';
import { classificationLearner } from '../../learners/registry';
import { learnerSpec, splitLearnerValues } from './specs';
import { learnerGradient, learnerTensors } from './step';
import type { Insights, TaskRelations } from '../types';
import { cosineMatrix } from '../../math/cosineMatrix';

/** The latest meta-batch, with what it needs to be revisited. */
export interface LatestBatch {
  readonly batch: ClassificationBatch;
  /** Per task, a name for the class behind each label. */
  readonly classNames: readonly (readonly string[])[];
  /** The learner's values the batch's gradient was taken at (before that step's update). */
  readonly values: readonly Float32Array[];
  /** Null when the step did not compute it (no view showed it). */
  readonly taskLossBefore: Float32Array | null;
  readonly taskLossAfter: Float32Array;
}

/** Task t's direction with respect to theta, flat, read back. */
async function taskDirection(
  config: ExperimentConfig,
  values: readonly Float32Array[],
  tensors: ClassificationTensors,
  t: number,
): Promise<Float32Array> {
  const flat = tf.tidy(() => {
    const part = sliceTasks(tensors, t, 1);
    const result = learnerGradient(
      config,
      learnerSpec(config),
      learnerTensors(config, values),
      part,
    );
    const { theta } = splitLearnerValues(config, result.grads);
    return tf.concat(theta.map((g) => tf.reshape(g, [-1])));
  });
  try {
    return (await flat.data()) as Float32Array;
  } finally {
    flat.dispose();
  }
}

export async function taskRelations(
  config: ExperimentConfig,
  latest: LatestBatch,
): Promise<TaskRelations> {
  const { batch } = latest;
  const tensors = classificationTensors(batch);
  const directions: Float32Array[] = [];
  try {
    for (let t = 0; t < batch.tasks; t++) {
      directions.push(await taskDirection(config, latest.values, tensors, t));
    }
  } finally {
    disposeClassificationTensors(tensors);
  }
  const format = (x: number): string => x.toFixed(3);
  return {
    basis: `${classificationLearner(config.algorithm).directionBasis} Tasks of the latest meta-batch.`,
    labels: directions.map((_, t) => `task ${t + 1}`),
    cosine: cosineMatrix(directions),
    details: latest.classNames.map((names, t) => [
      { name: 'classes', value: names.join(', ') },
      latest.taskLossBefore
        ? {
            name: 'query loss before → after',
            value: `${format(latest.taskLossBefore[t]!)} → ${format(latest.taskLossAfter[t]!)}`,
          }
        : { name: 'query loss after adapting', value: format(latest.taskLossAfter[t]!) },
    ]),
  };
}

/** The learner's insights; relations are null before the first step (or right after a restore). */
export async function classificationInsights(
  config: ExperimentConfig,
  iteration: number,
  values: readonly Float32Array[],
  latest: LatestBatch | null,
): Promise<Insights> {
  const { alpha } = splitLearnerValues(config, values);
  return {
    iteration,
    relations: latest ? await taskRelations(config, latest) : null,
    innerRates: alpha ? summarizeInnerRates(learnerSpec(config), alpha) : null,
    uncertainty: null,
  };
}
