/**
 * How a model does on held-out classification tasks after 0..testInnerSteps fine-tuning steps:
 * per task and step, query loss, accuracy and (on request) every query's predicted class.
 * Prototypical networks do not fine-tune, so their scores are the same at every step.
 */
import { tf } from '../tfjs/tf';
import type { ExperimentConfig } from '../config';
import type { ClassificationBatch } from '../classification/types';
import {
  classificationTensors,
  disposeClassificationTensors,
} from '../classification/classificationTensors';
import { evaluateClassificationAdaptation } from '../classification/adaptation';
import { protoNetScores } from '../classification/protoNet';
import { toClassifierTensors } from '../model/classifierParams';
import { baselineSpec, learnerSpec } from './classificationSpecs';

export interface TaskScores {
  /** loss[step][task]. */
  readonly loss: Float64Array[];
  readonly accuracy: Float64Array[];
  /** predictions[step][task * querySize + query], when asked for. */
  readonly predictions: Int32Array[] | null;
}

/** 'learner': the config's meta-learner; 'baseline': a classifier fine-tuned by SGD. */
export type ScoredModel = 'learner' | 'baseline';

export async function scoreAdaptation(
  config: ExperimentConfig,
  model: ScoredModel,
  values: readonly Float32Array[],
  batch: ClassificationBatch,
  options: { predictions?: boolean; steps?: number } = {},
): Promise<TaskScores> {
  const steps = options.steps ?? config.testInnerSteps;
  const spec = model === 'learner' ? learnerSpec(config) : baselineSpec(config);
  const data = classificationTensors(batch);
  const theta = toClassifierTensors(spec, values);
  try {
    if (model === 'learner' && config.algorithm === 'protonet') {
      const scores = await protoNetScores(spec, theta, data);
      const same = <T>(make: () => T): T[] => Array.from({ length: steps + 1 }, make);
      return {
        loss: same(() => Float64Array.from(scores.loss)),
        accuracy: same(() => Float64Array.from(scores.accuracy)),
        predictions: options.predictions ? same(() => scores.predictions.slice()) : null,
      };
    }
    const curves = await evaluateClassificationAdaptation(spec, theta, data, {
      innerLr: config.innerLr,
      steps,
      predictions: options.predictions ?? false,
    });
    const perStep = (values: Float32Array): Float64Array[] =>
      Array.from({ length: steps + 1 }, (_, s) =>
        Float64Array.from(values.subarray(s * batch.tasks, (s + 1) * batch.tasks)),
      );
    const perQuery = batch.tasks * curves.querySize;
    return {
      loss: perStep(curves.queryLoss),
      accuracy: perStep(curves.queryAccuracy),
      predictions: curves.predictions
        ? Array.from({ length: steps + 1 }, (_, s) =>
            curves.predictions!.slice(s * perQuery, (s + 1) * perQuery),
          )
        : null,
    };
  } finally {
    tf.dispose(theta);
    disposeClassificationTensors(data);
  }
}
