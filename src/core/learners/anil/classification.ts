/**
 * ANIL, "almost no inner loop", for few-shot classification (Raghu, Raghu, Bengio and Vinyals
 * 2020, "Rapid Learning or Feature Reuse? Towards Understanding the Effectiveness of MAML",
 * section 4).
 *
 * MAML with only the network's final linear layer (the head) adapted in the inner loop: each task
 * takes `innerSteps` SGD steps of rate `innerLr` on the head's weights and bias, with the body's
 * features of its support set fixed. The meta-objective is MAML's, and its gradient reaches every
 * parameter: the head's through the inner steps (second order unless `firstOrder`), the body's
 * through the features both the inner steps and the query loss read. Test-time adaptation also
 * moves the head only. Since the body runs once per image set rather than once per inner step,
 * it is cheaper than MAML, the more so the more inner steps there are.
 *
 * Arguments: as MAML's (learners/maml/classification.ts): innerLr, innerSteps, firstOrder, conv,
 * tasksPerPass. The network needs a head (spec.outputs > 0).
 *
 * Example:
 *   const { grads } = tf.tidy(() =>
 *     anilClassificationGradient(spec, theta, classificationTensors(batch), {
 *       innerLr: 0.4, innerSteps: 1, firstOrder: false,
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

export function anilClassificationGradient(
  spec: ClassifierSpec,
  theta: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  options: ClassificationMamlOptions,
): ClassificationMetaGradient {
  return innerLoopMetaGradient(spec, theta, tensors, { ...options, adapts: 'head' });
}
