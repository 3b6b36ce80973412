/**
 * Independent float64 definitions of the meta-learners beside MAML, in plain TypeScript with no
 * tfjs, built on the reference network of float64Mlp.ts: Meta-SGD's and ANIL's meta-objectives
 * (for central finite differences), their first-order meta-gradients, and Reptile's direction.
 * Parameters are flat Float64Arrays laid out like the engines' lists [W1, b1, W2, b2, ...].
 */
import {
  adapt,
  layout,
  mseGradient,
  queryLossAfter,
  supportSteps,
  type Activation64,
  type Task64,
} from './float64Mlp';

/** Mean over tasks of a per-task vector. */
function meanVector<T>(
  tasks: readonly T[],
  size: number,
  f: (task: T) => Float64Array,
): Float64Array {
  const sum = new Float64Array(size);
  for (const task of tasks) f(task).forEach((v, i) => (sum[i]! += v / tasks.length));
  return sum;
}

/** Meta-SGD's inner loop: `steps` times phi <- phi - alpha * grad L_support(phi), elementwise. */
export function adaptMetaSgd(
  theta: Float64Array,
  alpha: Float64Array,
  sizes: readonly number[],
  task: Task64,
  steps: number,
  kind: Activation64,
): Float64Array {
  return supportSteps(theta, sizes, task, steps, kind, (p, g, i) => p - alpha[i]! * g);
}

/** Meta-SGD's meta-objective of the values [theta, alpha] (one flat vector, theta first). */
export function metaSgdObjective(
  values: Float64Array,
  sizes: readonly number[],
  tasks: readonly Task64[],
  steps: number,
  kind: Activation64,
): number {
  const half = values.length / 2;
  const theta = values.subarray(0, half);
  const alpha = values.subarray(half);
  return queryLossAfter(sizes, tasks, kind, (task) =>
    adaptMetaSgd(theta, alpha, sizes, task, steps, kind),
  );
}

/**
 * First-order Meta-SGD: the inner gradients g_k held constant, so phi = theta - alpha * sum_k g_k
 * and the meta-gradient is (q, -q * sum_k g_k) with q the query gradient at phi.
 */
export function metaSgdFirstOrder(
  theta: Float64Array,
  alpha: Float64Array,
  sizes: readonly number[],
  tasks: readonly Task64[],
  steps: number,
  kind: Activation64,
): Float64Array {
  const size = theta.length;
  return meanVector(tasks, 2 * size, (task) => {
    const sumOfGrads = new Float64Array(size);
    const phi = supportSteps(theta, sizes, task, steps, kind, (p, g, i) => {
      sumOfGrads[i]! += g;
      return p - alpha[i]! * g;
    });
    const query = mseGradient(phi, sizes, task.queryX, task.queryY, kind);
    const out = new Float64Array(2 * size);
    out.set(query);
    out.set(
      query.map((q, i) => -q * sumOfGrads[i]!),
      size,
    );
    return out;
  });
}

/** Index of the last layer's first parameter: ANIL adapts the entries from here on. */
export function headStart(sizes: readonly number[]): number {
  const { layers } = layout(sizes);
  return layers[layers.length - 1]!.weightAt;
}

/** ANIL's inner loop: SGD steps on the support loss that move the last layer only. */
export function adaptHead(
  theta: Float64Array,
  sizes: readonly number[],
  task: Task64,
  innerLr: number,
  steps: number,
  kind: Activation64,
): Float64Array {
  const head = headStart(sizes);
  return supportSteps(theta, sizes, task, steps, kind, (p, g, i) =>
    i >= head ? p - innerLr * g : p,
  );
}

export function anilObjective(
  theta: Float64Array,
  sizes: readonly number[],
  tasks: readonly Task64[],
  innerLr: number,
  steps: number,
  kind: Activation64,
): number {
  return queryLossAfter(sizes, tasks, kind, (task) =>
    adaptHead(theta, sizes, task, innerLr, steps, kind),
  );
}

/** First-order ANIL: the head's offset is a constant, so each task contributes its query gradient at phi. */
export function anilFirstOrder(
  theta: Float64Array,
  sizes: readonly number[],
  tasks: readonly Task64[],
  innerLr: number,
  steps: number,
  kind: Activation64,
): Float64Array {
  return meanVector(tasks, theta.length, (task) => {
    const phi = adaptHead(theta, sizes, task, innerLr, steps, kind);
    return mseGradient(phi, sizes, task.queryX, task.queryY, kind);
  });
}

/** A task's whole training sample, support and query points together, as its support set. */
function wholeSample(task: Task64): Task64 {
  return {
    supportX: [...task.supportX, ...task.queryX],
    supportY: [...task.supportY, ...task.queryY],
    queryX: [],
    queryY: [],
  };
}

/** Reptile's per-task direction theta - phi_t, phi_t after SGD on the task's whole sample. */
export function reptileTaskDirection(
  theta: Float64Array,
  sizes: readonly number[],
  task: Task64,
  innerLr: number,
  steps: number,
  kind: Activation64,
): Float64Array {
  const phi = adapt(theta, sizes, wholeSample(task), innerLr, steps, kind);
  return theta.map((p, i) => p - phi[i]!);
}

/** Reptile's direction theta - mean_t(phi_t). */
export function reptileDirection(
  theta: Float64Array,
  sizes: readonly number[],
  tasks: readonly Task64[],
  innerLr: number,
  steps: number,
  kind: Activation64,
): Float64Array {
  return meanVector(tasks, theta.length, (task) =>
    reptileTaskDirection(theta, sizes, task, innerLr, steps, kind),
  );
}
