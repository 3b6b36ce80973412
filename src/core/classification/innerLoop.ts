/**
 * The inner loop that the gradient-based meta-learners for classification share with test-time
 * fine-tuning: every task of a batch starts from its own copy of the parameters that adapt and
 * takes SGD steps on its own inner loss,
 *   phi <- phi - rate * grad(inner loss)(phi).
 * The rate is one number (MAML and first-order MAML, Finn et al. 2017; ANIL, Raghu et al. 2020;
 * Reptile, Nichol et al. 2018) or one per weight (Meta-SGD's learned alpha, Li et al. 2017). Every
 * parameter adapts, or only the linear head (ANIL).
 *
 * Vectorised as in maml.ts: adapted parameters carry a leading task axis ([T, ...shape]), and the
 * inner loss is the sum over tasks of each task's mean loss, so its gradient with respect to task
 * t's copy is task t's own gradient. Nothing here decides what is differentiated: called inside an
 * outer tf.grads the steps are on its tape (second order); outside they are plain SGD.
 */
import { tf } from '../tfjs/tf';
import type { ConvMethod } from '../tfjs/stride2Conv';
import { dense, taskOutputs } from '../model/classifier';
import { bodySpec, HEAD_PARAMETERS } from '../model/classifierParams';
import { taskAccuracy, taskCrossEntropy } from './crossEntropy';
import type { ClassificationTensors } from './classificationTensors';
import type { ClassifierSpec } from './types';

/** One adapted parameter's step size: one number, or one per weight (a tensor of its shape). */
export type InnerRate = number | tf.Tensor;

/** Which parameters the inner loop moves: every one, or only the linear head (ANIL). */
export type AdaptedParameters = 'all' | 'head';

/**
 * What a task's inner loss reads: its support set, or (Reptile's meta-training) its support and
 * query sets together, as one mean over all their images.
 */
export type InnerData = 'support' | 'support+query';

export interface InnerProblemOptions {
  readonly adapts: AdaptedParameters;
  readonly conv: ConvMethod;
  /** 'support' when left out. */
  readonly inner?: InnerData;
}

type ImageSet = 'support' | 'query';

/** The tasks of a batch as the inner loop sees them. */
export interface InnerProblem {
  /** Indices into theta of the parameters that adapt, in order; phi lists them in this order. */
  readonly adapted: readonly number[];
  /** Every task's starting point: theta's adapted parameters copied per task ([T, ...shape]). */
  readonly start: tf.Tensor[];
  /** Sum over tasks of each task's mean inner loss at per-task parameters phi. */
  innerLoss(phi: readonly tf.Tensor[]): tf.Scalar;
  /** Every task's query logits [T, querySize, ways] at per-task parameters phi. */
  queryLogits(phi: readonly tf.Tensor[]): tf.Tensor3D;
  /** Frees the copies and cached features, for callers outside a tf.tidy. */
  dispose(): void;
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

/**
 * The inner problem of theta on a batch. With adapts = 'head' the body does not change during the
 * inner loop, so its features are computed once per image set (with the shared theta, so the
 * meta-gradient still reaches the body through them) and each step only runs the head.
 * Batch statistics are per task and per image set in both cases, as in model/classifier.ts.
 */
export function innerProblem(
  spec: ClassifierSpec,
  theta: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  options: InnerProblemOptions,
): InnerProblem {
  const { tasks } = tensors;
  const { conv } = options;
  const owned: tf.Tensor[] = [];
  // Each made in its own scope so that only what the problem keeps outlives it.
  const keep = <T extends tf.Tensor | tf.Tensor[]>(make: () => T): T => {
    const made = tf.tidy(make);
    owned.push(...(Array.isArray(made) ? made : [made]));
    return made;
  };
  const images = { support: tensors.supportImages, query: tensors.queryImages };
  let adapted: number[];
  let logits: (phi: readonly tf.Tensor[], set: ImageSet) => tf.Tensor3D;
  if (options.adapts === 'all') {
    adapted = theta.map((_, i) => i);
    logits = (phi, set) => taskOutputs(spec, phi, images[set], { tasks, perTask: true, conv });
  } else {
    const body = theta.length - HEAD_PARAMETERS;
    adapted = [body, body + 1];
    const features = (set: ImageSet): tf.Tensor3D =>
      keep(() =>
        taskOutputs(bodySpec(spec), theta.slice(0, body), images[set], {
          tasks,
          perTask: false,
          conv,
        }),
      );
    const cached = { support: features('support'), query: features('query') };
    logits = (phi, set) => dense(cached[set], phi[0]!, phi[1]!, true);
  }
  const start = keep(() =>
    perTaskCopies(
      adapted.map((i) => theta[i]!),
      tasks,
    ),
  );
  const supportLoss = (phi: readonly tf.Tensor[]): tf.Tensor1D =>
    taskCrossEntropy(logits(phi, 'support'), tensors.supportOneHot);
  const queryLogits = (phi: readonly tf.Tensor[]): tf.Tensor3D => logits(phi, 'query');
  const innerLoss =
    options.inner === 'support+query'
      ? (phi: readonly tf.Tensor[]): tf.Scalar => {
          // Each set's mean weighted by its share of the task's images: the mean over all of them.
          const rows = tensors.supportSize + tensors.querySize;
          const query = taskCrossEntropy(queryLogits(phi), tensors.queryOneHot);
          return tf.add(
            tf.mul(tf.sum(supportLoss(phi)), tensors.supportSize / rows),
            tf.mul(tf.sum(query), tensors.querySize / rows),
          );
        }
      : (phi: readonly tf.Tensor[]): tf.Scalar => tf.sum(supportLoss(phi));
  return {
    adapted,
    start,
    innerLoss,
    queryLogits,
    dispose: () => {
      tf.dispose(owned);
    },
  };
}

/** Every task's inner-loss gradient with respect to its own parameters phi. */
export function innerGradients(problem: InnerProblem, phi: readonly tf.Tensor[]): tf.Tensor[] {
  return tf.grads((...p: tf.Tensor[]) => problem.innerLoss(p))([...phi]);
}

/**
 * phi - rate * grads, per adapted parameter. A per-weight rate [shape] multiplies every task's
 * [T, ...shape] gradient alike; flattened to [T, size] times [size] so the broadcast is along one
 * axis whatever the parameter's rank.
 */
export function sgdStep(
  phi: readonly tf.Tensor[],
  grads: readonly tf.Tensor[],
  rates: readonly InnerRate[],
): tf.Tensor[] {
  return phi.map((p, i) => {
    const g = grads[i]!;
    const rate = rates[i]!;
    if (typeof rate === 'number') return tf.sub(p, tf.mul(g, rate));
    const tasks = g.shape[0];
    const scaled = tf.mul(tf.reshape(g, [tasks, rate.size]), tf.reshape(rate, [rate.size]));
    return tf.sub(p, tf.reshape(scaled, g.shape));
  });
}

/** One inner SGD step of every task on its own inner loss. */
export function innerStep(
  problem: InnerProblem,
  phi: readonly tf.Tensor[],
  rates: readonly InnerRate[],
): tf.Tensor[] {
  return sgdStep(phi, innerGradients(problem, phi), rates);
}

/** `steps` inner steps from the problem's start (theta's copies). */
export function adapt(
  problem: InnerProblem,
  rates: readonly InnerRate[],
  steps: number,
): tf.Tensor[] {
  let phi = [...problem.start];
  for (let s = 0; s < steps; s++) phi = innerStep(problem, phi, rates);
  return phi;
}

/**
 * The inner gradient taken at each of `steps` steps from the start: what first-order variants
 * hold constant (computed outside the differentiated function, so no gradient flows through them).
 */
export function innerGradientsOfEachStep(
  problem: InnerProblem,
  rates: readonly InnerRate[],
  steps: number,
): tf.Tensor[][] {
  const taken: tf.Tensor[][] = [];
  let phi = [...problem.start];
  for (let s = 0; s < steps; s++) {
    const grads = innerGradients(problem, phi);
    taken.push(grads);
    if (s + 1 < steps) phi = sgdStep(phi, grads, rates);
  }
  return taken;
}

/** Each task's query loss and accuracy at the shared theta, before any inner step: [tasks] each. */
export function unadaptedQueryScores(
  spec: ClassifierSpec,
  theta: readonly tf.Tensor[],
  tensors: ClassificationTensors,
  conv: ConvMethod,
  wanted = true,
): { loss: tf.Tensor1D; accuracy: tf.Tensor1D } {
  return tf.tidy(() => {
    // Not wanted (nobody shows it): NaN in its place, without the pass over every query image.
    if (!wanted) {
      return {
        loss: tf.fill<tf.Rank.R1>([tensors.tasks], Number.NaN),
        accuracy: tf.fill<tf.Rank.R1>([tensors.tasks], Number.NaN),
      };
    }
    const options = { tasks: tensors.tasks, perTask: false, conv };
    const logits = taskOutputs(spec, theta, tensors.queryImages, options);
    return {
      loss: taskCrossEntropy(logits, tensors.queryOneHot),
      accuracy: taskAccuracy(logits, tensors.queryLabels),
    };
  });
}
