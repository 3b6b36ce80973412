/**
 * MAML for few-shot classification (Finn et al. 2017, "Model-Agnostic Meta-Learning for Fast
 * Adaptation of Deep Networks", Algorithm 2 and section 5.2), all tasks of a meta-batch at once.
 *
 * Inner loop: every task starts from the shared initialisation theta and takes `innerSteps` SGD
 * steps of rate `innerLr` on the cross-entropy of its support set. Outer loop: the meta-objective
 * is the mean over tasks of the query cross-entropy after adaptation; its gradient with respect to
 * theta goes to the outer optimiser. Second order by default: the inner steps are taken inside the
 * differentiated function, so the outer gradient flows through the inner gradients (tfjs records
 * the inner backward pass on the same tape). `firstOrder` computes the inner gradients outside
 * it, as constants, so each task's adapted parameters are theta plus a constant offset
 * (first-order MAML).
 *
 * How it is vectorised: theta is copied once per task ([T, ...] tensors), and the network
 * (model/classifier.ts) evaluates every task with its own copy at once, convolutions as one
 * matrix product per task. The inner loss is the sum over tasks of each task's mean support loss,
 * so its gradient with respect to task t's copy is exactly task t's own inner gradient. A
 * meta-batch is differentiated `tasksPerPass` tasks at a time (passes.ts), which bounds memory.
 *
 * The same engine serves MAML's relatives that differentiate through an inner loop (see
 * innerLoopMetaGradient): Meta-SGD's learned per-weight rates and ANIL's head-only inner loop;
 * the inner loop itself is innerLoop.ts, shared with test-time fine-tuning.
 *
 * Example (one meta-iteration's gradient, every tensor freed but the returned ones):
 *   const result = tf.tidy(() =>
 *     classificationMetaGradient(spec, theta, classificationTensors(batch), {
 *       innerLr: 0.4, innerSteps: 1, firstOrder: false,
 *     }),
 *   );
 */
import { tf } from '../../tfjs/tf';
import { type ConvMethod, defaultConvMethod } from '../../tfjs/stride2Conv';
import { taskAccuracy, taskCrossEntropy } from '../../classification/crossEntropy';
import type { ClassificationTensors } from '../../classification/classificationTensors';
import {
  type AdaptedParameters,
  type InnerRate,
  innerGradients,
  innerGradientsOfEachStep,
  innerProblem,
  sgdStep,
  unadaptedQueryScores,
} from '../../classification/innerLoop';
import { defaultTasksPerPass, inPasses } from '../../classification/passes';
import type { ClassifierSpec } from '../../classification/types';

export interface ClassificationMamlOptions {
  /** Inner-loop SGD step size. */
  readonly innerLr: number;
  /** Inner SGD steps per task (1 in the paper's 5-way Omniglot meta-training). */
  readonly innerSteps: number;
  /** First-order MAML: drop the inner gradients' own dependence on theta. */
  readonly firstOrder: boolean;
  /** How convolutions run; the active backend's default when left out. */
  readonly conv?: ConvMethod;
  /**
   * Most tasks differentiated in one pass; defaultTasksPerPass() when left out. Second-order
   * MAML keeps every task's inner loop on the gradient tape, so memory grows with the tasks of a
   * pass. The result does not depend on it (batch statistics are per task).
   */
  readonly tasksPerPass?: number;
  /**
   * Score each task's query set at theta before adapting (default true). Without, those scores
   * are NaN and the pass is saved: a fifth of a step, spent only for the per-task view.
   */
  readonly before?: boolean;
}

export interface ClassificationMetaGradient {
  /** Gradient of the meta-objective with respect to each parameter of theta, in order. */
  readonly grads: tf.Tensor[];
  /** Each task's query loss and accuracy at theta, before adaptation: [tasks]. */
  readonly taskLossBefore: tf.Tensor1D;
  readonly taskAccuracyBefore: tf.Tensor1D;
  /** Each task's query loss and accuracy after the inner steps: [tasks]; the meta-objective is
   *  the mean of taskLossAfter. */
  readonly taskLossAfter: tf.Tensor1D;
  readonly taskAccuracyAfter: tf.Tensor1D;
}

/** MAML's options and what its relatives change in the inner loop. */
export interface InnerLoopMetaOptions extends ClassificationMamlOptions {
  /** Which parameters adapt in the inner loop; 'all' when left out ('head': ANIL). */
  readonly adapts?: AdaptedParameters;
  /**
   * Meta-SGD: the parameters given are theta followed by one learned rate tensor per parameter
   * of theta (alpha, same shapes), used instead of innerLr, and the gradient covers both.
   */
  readonly learnedRates?: boolean;
}

/**
 * The meta-objective's gradient and each task's query loss and accuracy before and after
 * adaptation. Every returned tensor is new; the caller disposes them (or runs this in tf.tidy).
 */
export function classificationMetaGradient(
  spec: ClassifierSpec,
  theta: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  options: ClassificationMamlOptions,
): ClassificationMetaGradient {
  return innerLoopMetaGradient(spec, theta, tensors, options);
}

/**
 * The meta-gradient of any learner that differentiates through the inner loop of innerLoop.ts:
 * the mean over tasks of the query loss after `innerSteps` steps from theta. Second order unless
 * `firstOrder`, which holds every inner gradient constant (computed outside the differentiated
 * function): for MAML, each task's adapted parameters are then theta plus a constant offset; for
 * Meta-SGD, theta - alpha * (sum of the constant gradients), so alpha still gets a gradient.
 * `params` is theta, or theta then alpha with learnedRates; `grads` follows the same order.
 */
export function innerLoopMetaGradient(
  spec: ClassifierSpec,
  params: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  options: InnerLoopMetaOptions,
): ClassificationMetaGradient {
  const { grads, perTask } = inPasses(
    tensors,
    options.tasksPerPass ?? defaultTasksPerPass(),
    (part) => {
      const r = onePass(spec, params, part, options);
      const vectors = [
        r.taskLossBefore,
        r.taskAccuracyBefore,
        r.taskLossAfter,
        r.taskAccuracyAfter,
      ];
      return { grads: r.grads, perTask: vectors };
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

function onePass(
  spec: ClassifierSpec,
  params: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  options: InnerLoopMetaOptions,
): ClassificationMetaGradient {
  const conv = options.conv ?? defaultConvMethod();
  const { tasks } = tensors;
  const count = options.learnedRates ? params.length / 2 : params.length;
  const before = unadaptedQueryScores(
    spec,
    params.slice(0, count),
    tensors,
    conv,
    options.before !== false,
  );
  const setUp = (all: readonly tf.Tensor[]) => {
    const problem = innerProblem(spec, all.slice(0, count), tensors, {
      adapts: options.adapts ?? 'all',
      conv,
    });
    const rates: InnerRate[] = problem.adapted.map((i) =>
      options.learnedRates ? all[count + i]! : options.innerLr,
    );
    return { problem, rates };
  };
  const constantGrads = options.firstOrder
    ? tf.tidy(() => {
        const { problem, rates } = setUp(params);
        return innerGradientsOfEachStep(problem, rates, options.innerSteps);
      })
    : null;
  let keptAccuracy: tf.Tensor1D | null = null;
  const objective = (...all: tf.Tensor[]): tf.Tensor1D => {
    const { problem, rates } = setUp(all);
    let phi = [...problem.start];
    for (let s = 0; s < options.innerSteps; s++) {
      phi = sgdStep(phi, constantGrads ? constantGrads[s]! : innerGradients(problem, phi), rates);
    }
    const logits = problem.queryLogits(phi);
    // Kept so it outlives the gradient's internal scope; released below.
    keptAccuracy = tf.keep(taskAccuracy(logits, tensors.queryLabels));
    return taskCrossEntropy(logits, tensors.queryOneHot);
  };
  try {
    // Seeding the backward pass with 1/tasks differentiates the mean over tasks.
    const seed = tf.fill<tf.Rank.R1>([tasks], 1 / tasks);
    const { value, grads } = tf.valueAndGrads(objective)([...params], seed);
    seed.dispose();
    return {
      grads,
      taskLossBefore: before.loss,
      taskAccuracyBefore: before.accuracy,
      taskLossAfter: value,
      taskAccuracyAfter: tf.clone(keptAccuracy!),
    };
  } catch (error) {
    tf.dispose([before.loss, before.accuracy]);
    throw error;
  } finally {
    tf.dispose(constantGrads ?? []);
    (keptAccuracy as tf.Tensor1D | null)?.dispose();
  }
}
