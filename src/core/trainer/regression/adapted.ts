/**
 * Held-out scores and function-view fits of a regression model, whatever adapts it: plain SGD at
 * innerLr (the baselines, multi-task learning's shared network) or a learner's own inner rule.
 */
import { tf } from '../../tfjs/tf';
import type { ExperimentConfig } from '../../config';
import type { RegressionBatch } from '../../tasks/regressionBatch';
import { adaptationLosses } from '../../maml/evaluation';
import { adaptedPredictions } from '../../maml/preview';
import type { InnerRule } from '../../maml/perTaskAdaptation';
import type { BeforeChunk } from '../types';
import type { FitRequest, TaskScores } from '../model';

/** A model's tensors for one computation: all of them (to free), the network, its inner rule. */
export interface AdaptedTensors {
  readonly tensors: tf.Tensor[];
  readonly theta: tf.Tensor[];
  readonly rule?: InnerRule;
}

export async function scoreRegression(
  config: ExperimentConfig,
  make: () => AdaptedTensors,
  chunk: RegressionBatch,
  beforeChunk?: BeforeChunk,
): Promise<TaskScores> {
  await beforeChunk?.();
  const { tensors, theta, rule } = make();
  try {
    const loss = await adaptationLosses(
      theta,
      chunk,
      config.testInnerSteps,
      config.innerLr,
      config.activation,
      rule,
    );
    return { loss, accuracy: null };
  } finally {
    tf.dispose(tensors);
  }
}

export async function fitRegression(
  config: ExperimentConfig,
  make: () => AdaptedTensors,
  request: FitRequest,
): Promise<Float32Array[]> {
  const { tensors, theta, rule } = make();
  try {
    return await adaptedPredictions(theta, {
      ...request,
      steps: request.steps ?? config.testInnerSteps,
      learningRate: config.innerLr,
      activation: config.activation,
      ...(rule ? { rule } : {}),
    });
  } finally {
    tf.dispose(tensors);
  }
}
