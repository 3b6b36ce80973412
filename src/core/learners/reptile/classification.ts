/**
 * Reptile for few-shot classification (Nichol, Achiam and Schulman 2018, "On First-Order
 * Meta-Learning Algorithms", Algorithm 2, batched version).
 *
 * Each task starts from theta and takes `innerSteps` plain SGD steps of rate `innerLr` on all of
 * its labelled images, support and query together (one mean over them: full batch, so the steps
 * are deterministic), giving phi_t. The meta-update direction is theta - mean_t phi_t, which goes
 * to the outer Adam as if it were a gradient, as the paper suggests for Adam. Nothing is
 * differentiated through the inner loop.
 *
 * What it reports is comparable with MAML's numbers: each task's query loss and accuracy at theta,
 * and after `innerSteps` steps on its support set only. That second adaptation costs one more
 * inner loop per task; it only measures.
 *
 * Batch normalisation as in the MAML engine: statistics per task and per image set, so the
 * support and query sets are each normalised by their own statistics in the joint loss too.
 *
 * Arguments: innerLr, innerSteps (the paper uses several, e.g. 5 to 10 for Omniglot; with one step
 * Reptile's direction is innerLr times the joint-training gradient), conv and tasksPerPass as in
 * learners/maml/classification.ts.
 *
 * Example:
 *   const { grads } = tf.tidy(() =>
 *     reptileClassificationStep(spec, theta, classificationTensors(batch), {
 *       innerLr: 0.4, innerSteps: 5,
 *     }),
 *   );
 */
import { tf } from '../../tfjs/tf';
import { defaultConvMethod } from '../../tfjs/stride2Conv';
import type { ClassificationTensors } from '../../classification/classificationTensors';
import type { ClassifierSpec } from '../../classification/types';
import type { ClassificationMamlOptions, ClassificationMetaGradient } from '../maml/classification';
import { taskAccuracy, taskCrossEntropy } from '../../classification/crossEntropy';
import { adapt, innerProblem, unadaptedQueryScores } from '../../classification/innerLoop';
import { defaultTasksPerPass, inPasses } from '../../classification/passes';

export type ReptileOptions = Omit<ClassificationMamlOptions, 'firstOrder'>;

/**
 * `grads` holds theta - mean_t phi_t per parameter (the direction handed to Adam); the per-task
 * losses and accuracies are the query scores before and after adapting on the support set.
 * Every returned tensor is new; the caller disposes them (or runs this in tf.tidy).
 */
export function reptileClassificationStep(
  spec: ClassifierSpec,
  theta: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  options: ReptileOptions,
): ClassificationMetaGradient {
  const conv = options.conv ?? defaultConvMethod();
  const rates = theta.map(() => options.innerLr);
  const { grads, perTask } = inPasses(
    tensors,
    options.tasksPerPass ?? defaultTasksPerPass(),
    (part) => {
      const kept = tf.tidy(() => {
        const before = unadaptedQueryScores(spec, theta, part, conv, options.before !== false);
        const supportOnly = innerProblem(spec, theta, part, { adapts: 'all', conv });
        const logits = supportOnly.queryLogits(adapt(supportOnly, rates, options.innerSteps));
        const joint = innerProblem(spec, theta, part, {
          adapts: 'all',
          conv,
          inner: 'support+query',
        });
        const phi = adapt(joint, rates, options.innerSteps);
        // The mean over this pass's tasks; inPasses weights each pass by its share of tasks.
        const direction = theta.map((p, i) => tf.sub(p, tf.mean(phi[i]!, 0)));
        return [
          ...direction,
          before.loss,
          before.accuracy,
          taskCrossEntropy(logits, part.queryOneHot),
          taskAccuracy(logits, part.queryLabels),
        ];
      });
      return {
        grads: kept.slice(0, theta.length),
        perTask: kept.slice(theta.length) as tf.Tensor1D[],
      };
    },
  );
  const [taskLossBefore, taskAccuracyBefore, taskLossAfter, taskAccuracyAfter] = perTask as [
    tf.Tensor1D,
    tf.Tensor1D,
    tf.Tensor1D,
    tf.Tensor1D,
  ];
  return { grads, taskLossBefore, taskAccuracyBefore, taskLossAfter, taskAccuracyAfter };
}
