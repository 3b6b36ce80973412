/**
 * How a model does on held-out classification tasks after 0..testInnerSteps fine-tuning steps:
 * per task and step, query loss, accuracy and (on request) every query's predicted class.
 * The learner fine-tunes as it was meta-trained to (Meta-SGD with its learned rates, ANIL its head
 * only, the others every weight at innerLr); the baselines by SGD at innerLr. Prototypical
 * networks do not fine-tune, so their scores are the same at every step.
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
import { baselineSpec, learnerSpec, splitLearnerValues } from './classificationSpecs';

export interface TaskScores {
  /** loss[step][task]. */
  readonly loss: Float64Array[];
  readonly accuracy: Float64Array[];
  /** predictions[step][task * querySize + query], when asked for. */
  readonly predictions: Int32Array[] | null;
}

/**
 * 'learner': the config's meta-learner, whose values are the learner's (with Meta-SGD's alpha);
 * 'baseline': a classifier fine-tuned by SGD.
 */
export type ScoredModel = 'learner' | 'baseline';

export async function scoreAdaptation(
  config: ExperimentConfig,
  model: ScoredModel,
  values: readonly Float32Array[],
  batch: ClassificationBatch,
  options: { predictions?: boolean; steps?: number } = {},
): Promise<TaskScores> {
  const steps = options.steps ?? config.testInnerSteps;
  const learner = model === 'learner';
  const spec = learner ? learnerSpec(config) : baselineSpec(config);
  const split = learner ? splitLearnerValues(config, values) : { theta: [...values], alpha: null };
  const data = classificationTensors(batch);
  const theta = toClassifierTensors(spec, split.theta);
  const rates = split.alpha ? toClassifierTensors(spec, split.alpha) : undefined;
  try {
    if (learner && config.algorithm === 'protonet') {
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
      ...(rates ? { rates } : {}),
      adapts: learner && config.algorithm === 'anil' ? 'head' : 'all',
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
    tf.dispose(rates ?? []);
    disposeClassificationTensors(data);
  }
}
