/**
 * Meta-SGD for few-shot classification (Li, Zhou, Chen and Li 2017, "Meta-SGD: Learning to Learn
 * Quickly for Few-Shot Learning", Algorithm 1).
 *
 * Beside the initialisation theta it meta-learns alpha, one inner learning rate per weight (same
 * shapes as theta, any sign, so it sets each weight's step size and direction). A task adapts by
 * phi = theta - alpha * grad(support loss)(theta), elementwise, repeated for `innerSteps`; the
 * meta-objective is MAML's (mean query loss after adaptation), differentiated with respect to
 * theta and alpha together. Second order by default, through the same engine as MAML
 * (learners/maml/classification.ts); `firstOrder` holds the inner gradients constant, so theta gets the
 * query gradient at phi and alpha minus that times the summed inner gradients.
 *
 * alpha starts at innerLr everywhere (the paper draws it at random): iteration 0 is then exactly
 * MAML's, so a comparison of the two shows only what learning alpha adds.
 *
 * The learner's values are theta's arrays followed by alpha's; its gradient likewise.
 *
 * Example:
 *   const { grads } = tf.tidy(() =>
 *     metaSgdClassificationGradient(spec, theta, alpha, classificationTensors(batch), {
 *       innerSteps: 1, firstOrder: false,
 *     }),
 *   );
 */
import type { tf } from '../../tfjs/tf';
import type { ClassificationTensors } from '../../classification/classificationTensors';
import type { ClassifierSpec } from '../../classification/types';
import {
  innerLoopMetaGradient,
  type ClassificationMamlOptions,
  type ClassificationMetaGradient,
} from '../maml/classification';

export type MetaSgdOptions = Omit<ClassificationMamlOptions, 'innerLr'>;

/** Gradient with respect to theta's tensors then alpha's, and the per-task scores. */
export function metaSgdClassificationGradient(
  spec: ClassifierSpec,
  theta: readonly tf.Tensor[],
  alpha: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  options: MetaSgdOptions,
): ClassificationMetaGradient {
  return innerLoopMetaGradient(spec, [...theta, ...alpha], tensors, {
    ...options,
    // Unused: alpha replaces it (a NaN would show in every loss if it were not).
    innerLr: NaN,
    learnedRates: true,
  });
}
