/**
 * The inner loop the regression meta-learners share when they adapt per-task weight copies
 * (Meta-SGD, ANIL, and every learner's per-task meta-gradients): each task starts from its own
 * copy of the weights, takes `innerSteps` steps of its learner's rule on its support set, and is
 * scored on its query set. The meta-gradient differentiates that whole computation with tfjs.
 */
import { tf } from '../tfjs/tf';
import type { Activation } from '../model/mlp';
import type { MetaGradient, TaskTensors } from './maml/lowRankMaml';
import {
  descend,
  gradientsPerTask,
  hiddenFeatures,
  lossPerTask,
  splitByRule,
  type InnerRule,
  type PerTaskParams,
} from '../maml/perTaskAdaptation';

export interface InnerLoopOptions {
  readonly innerSteps: number;
  readonly firstOrder: boolean;
  readonly activation: Activation;
}

/**
 * Where the inner loop starts and how it steps, as functions of the values being differentiated.
 * The start's adapted layers are per task; its fixed layers may be shared (see startFor).
 */
export interface InnerLoopSetup {
  readonly start: readonly tf.Tensor[];
  readonly rule: InnerRule;
}

/** Each inner step's gradients of the adapted layers, per task, computed off the tape. */
function innerGradients(
  setup: InnerLoopSetup,
  batch: TaskTensors,
  options: InnerLoopOptions,
): PerTaskParams[] {
  const { fixed, adapted, rates } = splitByRule(setup.start, setup.rule);
  const features = hiddenFeatures(fixed, batch.supportX, options.activation);
  let current = adapted;
  const perStep: PerTaskParams[] = [];
  for (let s = 0; s < options.innerSteps; s++) {
    const grads = gradientsPerTask(current, features, batch.supportY, options.activation);
    perStep.push(grads);
    current = descend(current, grads, rates(s));
  }
  return perStep;
}

/**
 * Each task's query loss after its inner loop: [tasks]. With `constantGradients` (first order) the
 * adapted layers are start - sum over steps of rate * gradient, the gradients constants, so the
 * outer gradient reaches the start and the rates but not the inner gradients themselves. With the
 * same rates at every step that is start - rate * (sum of the gradients).
 */
function queryLossAfterLoop(
  setup: InnerLoopSetup,
  batch: TaskTensors,
  options: InnerLoopOptions,
  constantGradients: PerTaskParams[] | null,
): tf.Tensor1D {
  const { fixed, adapted, rates, sameEveryStep } = splitByRule(setup.start, setup.rule);
  const queryFeatures = hiddenFeatures(fixed, batch.queryX, options.activation);
  let current = adapted;
  if (constantGradients && sameEveryStep) {
    const sums = constantGradients.reduce<PerTaskParams | null>(
      (sum, grads) => (sum ? sum.map((t, i) => tf.add(t, grads[i]!)) : grads),
      null,
    );
    current = descend(current, sums ?? adapted.map((p) => tf.zerosLike(p)), rates(0));
  } else if (constantGradients) {
    constantGradients.forEach((grads, s) => {
      current = descend(current, grads, rates(s));
    });
  } else {
    const features = hiddenFeatures(fixed, batch.supportX, options.activation);
    for (let s = 0; s < options.innerSteps; s++) {
      const grads = gradientsPerTask(current, features, batch.supportY, options.activation);
      current = descend(current, grads, rates(s));
    }
  }
  return lossPerTask(current, queryFeatures, batch.queryY, options.activation);
}

/**
 * The per-task query losses after adaptation and the gradient of their seed-weighted sum with
 * respect to `values`. Second order: the inner steps are recorded on the tape, so the gradient flows
 * through them. First order: the inner gradients are computed first, off the tape, at the current
 * values, and enter as constants (as in first-order MAML).
 */
export function innerLoopGradient(
  values: tf.Tensor[],
  setup: (values: tf.Tensor[]) => InnerLoopSetup,
  batch: TaskTensors,
  options: InnerLoopOptions,
  seed: tf.Tensor1D,
): { value: tf.Tensor1D; grads: tf.Tensor[] } {
  const constant = options.firstOrder ? innerGradients(setup(values), batch, options) : null;
  const objective = (...v: tf.Tensor[]): tf.Tensor1D =>
    queryLossAfterLoop(setup(v), batch, options, constant);
  return tf.valueAndGrads(objective)(values, seed);
}

/**
 * The meta-objective of a learner that adapts per-task copies: each task's query loss after its
 * inner loop ([tasks]) and the gradient of their mean with respect to `values`.
 */
export function meanQueryLossGradient(
  values: tf.Tensor[],
  setup: (values: tf.Tensor[]) => InnerLoopSetup,
  batch: TaskTensors,
  options: InnerLoopOptions,
): MetaGradient {
  // Seeding the backward pass with 1/tasks differentiates the mean over tasks.
  const seed = tf.fill<tf.Rank.R1>([batch.queryX.shape[0]], 1 / batch.queryX.shape[0]);
  const { value, grads } = innerLoopGradient(values, setup, batch, options, seed);
  return { taskLoss: value, grads };
}

/** Each row of [tasks, ...] tensors flattened and joined: [tasks, total size]. */
export function rowsPerTask(perTask: readonly tf.Tensor[]): tf.Tensor2D {
  const tasks = perTask[0]!.shape[0];
  return tf.concat(
    perTask.map((t) => tf.reshape(t, [tasks, -1])),
    1,
  );
}

/**
 * Each task's meta-gradient with respect to its own copy of the start: with one copy per task, the
 * gradient of the sum of the tasks' losses splits into the tasks' separate gradients.
 * Returns [tasks, parameters], each row in parameter order.
 */
export function perTaskMetaGradients(
  start: PerTaskParams,
  rule: InnerRule,
  batch: TaskTensors,
  options: InnerLoopOptions,
): tf.Tensor2D {
  const tasks = batch.queryX.shape[0];
  const { grads } = innerLoopGradient(
    start,
    (copies) => ({ start: copies, rule }),
    batch,
    options,
    tf.ones([tasks]),
  );
  return rowsPerTask(grads);
}
