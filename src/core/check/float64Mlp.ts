/**
 * An independent float64 implementation of the MLP, its squared-error loss, SGD adaptation and the
 * MAML meta-objective, in plain TypeScript with no tfjs. The tests differentiate it by central
 * finite differences and compare with the tfjs engines' float32 gradients.
 *
 * Parameters are one flat Float64Array laid out like the engines' list [W1, b1, W2, b2, ...]
 * (W_l row-major [in, out]).
 */
import type { RegressionBatch } from '../tasks/regressionBatch';

export type Activation64 = 'relu' | 'tanh';

export interface Task64 {
  readonly supportX: number[][];
  readonly supportY: number[][];
  readonly queryX: number[][];
  readonly queryY: number[][];
}

interface Layer {
  readonly inputs: number;
  readonly outputs: number;
  readonly weightAt: number;
  readonly biasAt: number;
}

export function layout(sizes: readonly number[]): { layers: Layer[]; count: number } {
  const layers: Layer[] = [];
  let at = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inputs = sizes[l]!;
    const outputs = sizes[l + 1]!;
    layers.push({ inputs, outputs, weightAt: at, biasAt: at + inputs * outputs });
    at += inputs * outputs + outputs;
  }
  return { layers, count: at };
}

const act = (z: number, kind: Activation64): number =>
  kind === 'relu' ? Math.max(z, 0) : Math.tanh(z);
const actSlope = (z: number, kind: Activation64): number =>
  kind === 'relu' ? (z > 0 ? 1 : 0) : 1 - Math.tanh(z) ** 2;

/** Pre-activations and activations of every layer for one input row. */
function forwardRow(
  params: Float64Array,
  sizes: readonly number[],
  x: readonly number[],
  kind: Activation64,
): { zs: number[][]; as: number[][] } {
  const { layers } = layout(sizes);
  const as: number[][] = [[...x]];
  const zs: number[][] = [];
  layers.forEach((layer, l) => {
    const input = as[l]!;
    const z = new Array<number>(layer.outputs).fill(0);
    for (let j = 0; j < layer.outputs; j++) {
      let sum = params[layer.biasAt + j]!;
      for (let i = 0; i < layer.inputs; i++) {
        sum += input[i]! * params[layer.weightAt + i * layer.outputs + j]!;
      }
      z[j] = sum;
    }
    zs.push(z);
    as.push(l < layers.length - 1 ? z.map((v) => act(v, kind)) : z);
  });
  return { zs, as };
}

export function predict(
  params: Float64Array,
  sizes: readonly number[],
  x: readonly number[],
  kind: Activation64,
): number[] {
  const { as } = forwardRow(params, sizes, x, kind);
  return as[as.length - 1]!;
}

/** Mean over rows and outputs of the squared error. */
export function mseLoss(
  params: Float64Array,
  sizes: readonly number[],
  xs: readonly number[][],
  ys: readonly number[][],
  kind: Activation64,
): number {
  let sum = 0;
  let count = 0;
  xs.forEach((x, r) => {
    predict(params, sizes, x, kind).forEach((p, k) => {
      sum += (p - ys[r]![k]!) ** 2;
      count += 1;
    });
  });
  return sum / count;
}

/** Gradient of mseLoss by backpropagation written out in float64. */
export function mseGradient(
  params: Float64Array,
  sizes: readonly number[],
  xs: readonly number[][],
  ys: readonly number[][],
  kind: Activation64,
): Float64Array {
  const { layers } = layout(sizes);
  const grad = new Float64Array(params.length);
  const count = xs.length * sizes[sizes.length - 1]!;
  xs.forEach((x, r) => {
    const { zs, as } = forwardRow(params, sizes, x, kind);
    let delta = as[as.length - 1]!.map((p, k) => (2 * (p - ys[r]![k]!)) / count);
    for (let l = layers.length - 1; l >= 0; l--) {
      const layer = layers[l]!;
      const input = as[l]!;
      for (let j = 0; j < layer.outputs; j++) {
        grad[layer.biasAt + j]! += delta[j]!;
        for (let i = 0; i < layer.inputs; i++) {
          grad[layer.weightAt + i * layer.outputs + j]! += input[i]! * delta[j]!;
        }
      }
      if (l === 0) break;
      const below = zs[l - 1]!;
      delta = below.map((z, i) => {
        let back = 0;
        for (let j = 0; j < layer.outputs; j++) {
          back += delta[j]! * params[layer.weightAt + i * layer.outputs + j]!;
        }
        return back * actSlope(z, kind);
      });
    }
  });
  return grad;
}

/** Mean over tasks of a per-task quantity. */
function meanOver<T>(tasks: readonly T[], f: (task: T) => number): number {
  let sum = 0;
  for (const task of tasks) sum += f(task);
  return sum / tasks.length;
}

/**
 * `steps` gradient steps on the task's support set, each entry moved by `update(entry, its
 * gradient, its index)`. MAML, Meta-SGD and ANIL differ only in that rule, so their float64 inner
 * loops share this one.
 */
export function supportSteps(
  params: Float64Array,
  sizes: readonly number[],
  task: Task64,
  steps: number,
  kind: Activation64,
  update: (p: number, g: number, i: number) => number,
): Float64Array {
  let current = params;
  for (let s = 0; s < steps; s++) {
    const grad = mseGradient(current, sizes, task.supportX, task.supportY, kind);
    current = current.map((p, i) => update(p, grad[i]!, i));
  }
  return current;
}

/** `steps` SGD steps on the task's support set. */
export function adapt(
  params: Float64Array,
  sizes: readonly number[],
  task: Task64,
  innerLr: number,
  steps: number,
  kind: Activation64,
): Float64Array {
  return supportSteps(params, sizes, task, steps, kind, (p, g) => p - innerLr * g);
}

/** Mean over tasks of the query loss after `adaptTask`: the meta-objective of every learner here. */
export function queryLossAfter(
  sizes: readonly number[],
  tasks: readonly Task64[],
  kind: Activation64,
  adaptTask: (task: Task64) => Float64Array,
): number {
  return meanOver(tasks, (task) => mseLoss(adaptTask(task), sizes, task.queryX, task.queryY, kind));
}

/** The MAML meta-objective: mean over tasks of the query loss after adaptation. */
export function metaObjective(
  params: Float64Array,
  sizes: readonly number[],
  tasks: readonly Task64[],
  innerLr: number,
  steps: number,
  kind: Activation64,
): number {
  return queryLossAfter(sizes, tasks, kind, (task) =>
    adapt(params, sizes, task, innerLr, steps, kind),
  );
}

/** Central finite differences of f at x, step h. */
export function finiteDifferences(
  f: (x: Float64Array) => number,
  x: Float64Array,
  h: number,
): Float64Array {
  const grad = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const plus = x.slice();
    const minus = x.slice();
    plus[i]! += h;
    minus[i]! -= h;
    grad[i] = (f(plus) - f(minus)) / (2 * h);
  }
  return grad;
}

/** A batch of regression tasks as rows for this reference (one row per point, `inputs` wide). */
export function tasksFromBatch(batch: RegressionBatch): Task64[] {
  const rows = (values: Float32Array, t: number, count: number, width: number): number[][] =>
    Array.from({ length: count }, (_, r) =>
      Array.from(values.subarray((t * count + r) * width, (t * count + r + 1) * width)),
    );
  return Array.from({ length: batch.tasks }, (_, t) => ({
    supportX: rows(batch.supportX, t, batch.support, batch.inputs),
    supportY: rows(batch.supportY, t, batch.support, 1),
    queryX: rows(batch.queryX, t, batch.query, batch.inputs),
    queryY: rows(batch.queryY, t, batch.query, 1),
  }));
}
