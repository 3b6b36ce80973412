/**
 * First-order MAML for few-shot classification (Finn, Abbeel and Levine 2017, section 5.2): MAML
 * with the inner gradients held constant, so each task's adapted parameters are theta plus a
 * constant offset and the meta-gradient is the mean over tasks of the query-loss gradient at the
 * adapted parameters. No second derivatives: cheaper in time and memory than MAML.
 *
 * Arguments: innerLr, innerSteps, conv, tasksPerPass, as MAML's (learners/maml/classification.ts).
 *
 * Example:
 *   const { grads } = tf.tidy(() =>
 *     firstOrderMamlClassificationGradient(spec, theta, classificationTensors(batch), {
 *       innerLr: 0.4, innerSteps: 1,
 *     }),
 *   );
 */
import type { tf } from '../../tfjs/tf';
import type { ClassificationTensors } from '../../classification/classificationTensors';
import type { ClassifierSpec } from '../../classification/types';
import {
  classificationMetaGradient,
  type ClassificationMamlOptions,
  type ClassificationMetaGradient,
} from '../maml/classification';

export type FirstOrderMamlOptions = Omit<ClassificationMamlOptions, 'firstOrder'>;

export function firstOrderMamlClassificationGradient(
  spec: ClassifierSpec,
  theta: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  options: FirstOrderMamlOptions,
): ClassificationMetaGradient {
  return classificationMetaGradient(spec, theta, tensors, { ...options, firstOrder: true });
}
