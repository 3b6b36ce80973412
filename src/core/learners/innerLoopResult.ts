/** The classification engines' per-task scores in the shape the session reads back. */
import type { tf } from '../tfjs/tf';
import type { ClassificationTensors } from '../classification/classificationTensors';
import type { ClassifierSpec } from '../classification/types';
import type { ClassificationMetaGradient } from './maml/classification';
import type {
  ClassificationLearner,
  ClassificationStepOptions,
  ClassificationStepResult,
} from './contract';

export function fromInnerLoop(result: ClassificationMetaGradient): ClassificationStepResult {
  return {
    grads: result.grads,
    lossBefore: result.taskLossBefore,
    lossAfter: result.taskLossAfter,
    accuracyAfter: result.taskAccuracyAfter,
  };
}

/**
 * A learner with a per-way head, adapting every task by inner steps with the settings' rate: its
 * meta-step is `metaStep`, its task-relations view compares `directionBasis`.
 */
export function innerLoopLearner(
  directionBasis: string,
  metaStep: (
    spec: ClassifierSpec,
    theta: readonly tf.Tensor[],
    data: ClassificationTensors,
    options: ClassificationStepOptions,
  ) => ClassificationMetaGradient,
): ClassificationLearner {
  return {
    head: 'ways',
    learnsInnerRates: false,
    directionBasis,
    step: (spec, theta, _rates, data, options) =>
      fromInnerLoop(metaStep(spec, theta, data, options)),
  };
}
