/**
 * MAML++'s per-step, per-tensor inner rates in float64, written from the paper's definition on the
 * reference network (src/core/check/float64Mlp.ts), independent of the tfjs engine: flat theta laid
 * out [W1, b1, W2, b2, ...], rates[s * tensors + i] for tensor i at step s.
 */
import {
  layout,
  mseGradient,
  queryLossAfter,
  supportSteps,
  type Activation64,
  type Task64,
} from '../../src/core/check/float64Mlp';

/** For every entry of the flat layout, the parameter tensor it belongs to (W1 = 0, b1 = 1, ...). */
export function tensorOfEntry(sizes: readonly number[]): Int32Array {
  const { layers, count } = layout(sizes);
  const owner = new Int32Array(count);
  layers.forEach((layer, l) => {
    owner.fill(2 * l, layer.weightAt, layer.biasAt);
    owner.fill(2 * l + 1, layer.biasAt, layer.biasAt + layer.outputs);
  });
  return owner;
}

/** `steps` steps of phi <- phi - rates[s, tensor] * grad L_support(phi). */
export function adaptPerStep(
  theta: Float64Array,
  rates: Float64Array,
  sizes: readonly number[],
  task: Task64,
  steps: number,
  kind: Activation64,
): Float64Array {
  const owner = tensorOfEntry(sizes);
  const tensors = 2 * (sizes.length - 1);
  let step = -1;
  return supportSteps(theta, sizes, task, steps, kind, (p, g, i) => {
    if (i === 0) step += 1;
    return p - rates[Math.min(step, rates.length / tensors - 1) * tensors + owner[i]!]! * g;
  });
}

/** The meta-objective of the values [theta, rates] (one flat vector, theta first). */
export function mamlPlusPlusObjective(
  values: Float64Array,
  sizes: readonly number[],
  tasks: readonly Task64[],
  steps: number,
  kind: Activation64,
): number {
  const count = layout(sizes).count;
  const theta = values.subarray(0, count);
  const rates = values.subarray(count);
  return queryLossAfter(sizes, tasks, kind, (task) =>
    adaptPerStep(theta, rates, sizes, task, steps, kind),
  );
}

/**
 * First order: every inner gradient g_s held constant, phi = theta - sum_s rates[s] * g_s, so the
 * meta-gradient is (q, and for rate [s, i]: -sum over tensor i's entries of q * g_s), q the query
 * gradient at phi, averaged over tasks.
 */
export function mamlPlusPlusFirstOrder(
  theta: Float64Array,
  rates: Float64Array,
  sizes: readonly number[],
  tasks: readonly Task64[],
  steps: number,
  kind: Activation64,
): Float64Array {
  const owner = tensorOfEntry(sizes);
  const tensors = 2 * (sizes.length - 1);
  const out = new Float64Array(theta.length + rates.length);
  for (const task of tasks) {
    const grads: Float64Array[] = [];
    let phi = theta;
    for (let s = 0; s < steps; s++) {
      const g = mseGradient(phi, sizes, task.supportX, task.supportY, kind);
      grads.push(g);
      const current = phi;
      phi = current.map((p, i) => p - rates[s * tensors + owner[i]!]! * g[i]!);
    }
    const q = mseGradient(phi, sizes, task.queryX, task.queryY, kind);
    q.forEach((v, i) => (out[i]! += v / tasks.length));
    grads.forEach((g, s) => {
      g.forEach((gi, i) => {
        out[theta.length + s * tensors + owner[i]!]! -= (q[i]! * gi) / tasks.length;
      });
    });
  }
  return out;
}
