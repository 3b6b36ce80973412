/**
 * MAML for few-shot classification (Finn et al. 2017, "Model-Agnostic Meta-Learning for Fast
 * Adaptation of Deep Networks", Algorithm 2 and section 5.2), all tasks of a meta-batch at once.
 *
 * Inner loop: every task starts from the shared initialisation theta and takes `innerSteps` SGD
 * steps of rate `innerLr` on the cross-entropy of its support set. Outer loop: the meta-objective
 * is the mean over tasks of the query cross-entropy after adaptation; its gradient with respect to
 * theta goes to the outer optimiser. Second order by default: the inner steps are taken inside the
 * differentiated function, so the outer gradient flows through the inner gradients (tfjs records
 * the inner backward pass on the same tape). `firstOrder` takes the inner steps outside it, so
 * each task's adapted parameters are theta plus a constant offset (first-order MAML).
 *
 * How it is vectorised: theta is copied once per task ([T, ...] tensors), and the network
 * (model/classifier.ts) evaluates every task with its own copy at once, convolutions as one
 * matrix product per task. The inner loss is the sum over tasks of each task's mean support loss,
 * so its gradient with respect to task t's copy is exactly task t's own inner gradient. A
 * meta-batch is differentiated `tasksPerPass` tasks at a time (passes.ts), which bounds memory.
 *
 * Example (one meta-iteration's gradient, every tensor freed but the returned ones):
 *   const result = tf.tidy(() =>
 *     classificationMetaGradient(spec, theta, classificationTensors(batch), {
 *       innerLr: 0.4, innerSteps: 1, firstOrder: false,
 *     }),
 *   );
 */
import { tf } from '../tfjs/tf';
import { type ConvMethod, defaultConvMethod } from '../tfjs/stride2Conv';
import { taskOutputs } from '../model/classifier';
import { taskAccuracy, taskCrossEntropy } from './crossEntropy';
import type { ClassificationTensors } from './classificationTensors';
import { inPasses } from './passes';
import type { ClassifierSpec } from './types';

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
}

/**
 * Tasks per pass for the active backend. WASM and CPU: one. Measured on WASM, 32 tasks, 64
 * filters, second order: one pass of all 32 took 13 s and a 2.2 GB heap, passes of 8 took 5.5 s
 * and 0.5 GB, passes of 1 took 3.5 s and 0.1 GB (products run one task at a time there anyway,
 * so bigger passes only add memory traffic). GPU backends: 8, to share each kernel launch among
 * several tasks while bounding memory (WebGL in software, 8 tasks, 16 filters: 3.2 s per
 * meta-iteration in one pass, 4.3 s task by task).
 */
export function defaultTasksPerPass(): number {
  const backend = tf.getBackend();
  return backend === 'wasm' || backend === 'cpu' ? 1 : 8;
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

/**
 * theta copied once per task: each [shape] tensor becomes [tasks, shape]. Tiled as flat rows
 * because tfjs's tile gradient stops at rank 4 (a conv filter copy is rank 5).
 */
export function perTaskCopies(theta: readonly tf.Tensor[], tasks: number): tf.Tensor[] {
  return theta.map((p) =>
    tf.reshape(tf.tile(tf.reshape(p, [1, p.size]), [tasks, 1]), [tasks, ...p.shape]),
  );
}

/** Every task's support logits with its own parameters phi ([tasks, ...] each). */
function supportOutputs(
  spec: ClassifierSpec,
  phi: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  conv: ConvMethod,
): tf.Tensor3D {
  return taskOutputs(spec, phi, tensors.supportImages, {
    tasks: tensors.tasks,
    perTask: true,
    conv,
  });
}

/** Every task's query logits with its own parameters phi ([tasks, ...] each). */
export function adaptedQueryOutputs(
  spec: ClassifierSpec,
  phi: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  conv: ConvMethod,
): tf.Tensor3D {
  return taskOutputs(spec, phi, tensors.queryImages, { tasks: tensors.tasks, perTask: true, conv });
}

/** One inner SGD step of every task on its own support set. */
export function innerStep(
  spec: ClassifierSpec,
  phi: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  innerLr: number,
  conv: ConvMethod,
): tf.Tensor[] {
  const supportLoss = (...p: tf.Tensor[]): tf.Scalar =>
    tf.sum(taskCrossEntropy(supportOutputs(spec, p, tensors, conv), tensors.supportOneHot));
  const grads = tf.grads(supportLoss)([...phi]);
  return phi.map((p, i) => tf.sub(p, tf.mul(grads[i]!, innerLr)));
}

/** `steps` inner steps from per-task parameters phi. */
export function adaptPerTask(
  spec: ClassifierSpec,
  phi: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  innerLr: number,
  steps: number,
  conv: ConvMethod,
): tf.Tensor[] {
  let current = [...phi];
  for (let s = 0; s < steps; s++) current = innerStep(spec, current, tensors, innerLr, conv);
  return current;
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
  const { grads, perTask } = inPasses(
    tensors,
    options.tasksPerPass ?? defaultTasksPerPass(),
    (part) => {
      const r = onePass(spec, theta, part, options);
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
  theta: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  options: ClassificationMamlOptions,
): ClassificationMetaGradient {
  const conv = options.conv ?? defaultConvMethod();
  const { tasks } = tensors;
  const { innerLr, innerSteps } = options;
  const before = tf.tidy(() => {
    const logits = taskOutputs(spec, theta, tensors.queryImages, { tasks, perTask: false, conv });
    return {
      loss: taskCrossEntropy(logits, tensors.queryOneHot),
      accuracy: taskAccuracy(logits, tensors.queryLabels),
    };
  });
  // First-order: each task's adapted parameters are theta plus an offset computed here, outside
  // the differentiated function, so the offset is a constant.
  const offsets = options.firstOrder
    ? tf.tidy(() => {
        const copies = perTaskCopies(theta, tasks);
        const adapted = adaptPerTask(spec, copies, tensors, innerLr, innerSteps, conv);
        return adapted.map((a, i) => tf.sub(a, copies[i]!));
      })
    : null;
  let keptAccuracy: tf.Tensor1D | null = null;
  const objective = (...params: tf.Tensor[]): tf.Tensor1D => {
    const copies = perTaskCopies(params, tasks);
    const adapted = offsets
      ? copies.map((c, i) => tf.add(c, offsets[i]!))
      : adaptPerTask(spec, copies, tensors, innerLr, innerSteps, conv);
    const logits = adaptedQueryOutputs(spec, adapted, tensors, conv);
    // Kept so it outlives the gradient's internal scope; released below.
    keptAccuracy = tf.keep(taskAccuracy(logits, tensors.queryLabels));
    return taskCrossEntropy(logits, tensors.queryOneHot);
  };
  try {
    // Seeding the backward pass with 1/tasks differentiates the mean over tasks.
    const seed = tf.fill<tf.Rank.R1>([tasks], 1 / tasks);
    const { value, grads } = tf.valueAndGrads(objective)([...theta], seed);
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
    tf.dispose(offsets ?? []);
    (keptAccuracy as tf.Tensor1D | null)?.dispose();
  }
}
