import { tf } from '../../src/core/tfjs/tf';
import { createRng } from '../../src/core/random/rng';
import { sampleSinusoidBatch, type RegressionBatch } from '../../src/core/tasks/sinusoid';
import { initialValues, layerSizes, type Activation, type MlpSpec } from '../../src/core/model/mlp';
import { tasksFromBatch } from '../../src/core/check/float64Mlp';

export function spec(hidden: number[], activation: Activation = 'relu'): MlpSpec {
  return { inputSize: 1, hidden, outputSize: 1, activation };
}

export function sizesOf(s: MlpSpec): number[] {
  return layerSizes(s);
}

export function sinusoidBatch(
  seed: number,
  tasks: number,
  support: number,
  query: number,
): RegressionBatch {
  return sampleSinusoidBatch(createRng(seed, 'tasks'), tasks, support, query);
}

/** Initial parameters as float32 arrays (what the engines use) and as one flat float64 vector. */
export function initialParams(
  s: MlpSpec,
  seed: number,
): { values: Float32Array[]; flat: Float64Array } {
  const values = initialValues(s, createRng(seed, 'init'));
  return { values, flat: flatten(values) };
}

export function flatten(values: readonly ArrayLike<number>[]): Float64Array {
  const flat = new Float64Array(values.reduce((n, v) => n + v.length, 0));
  let at = 0;
  for (const v of values) {
    flat.set(Array.from(v), at);
    at += v.length;
  }
  return flat;
}

/** The same tasks for the float64 reference: one row per point. */
export const toTasks64 = tasksFromBatch;

/** Reads a list of tensors into one flat float64 vector and disposes nothing. */
export function readFlat(tensors: readonly tf.Tensor[]): Float64Array {
  return flatten(tensors.map((t) => t.dataSync()));
}

/** ||a - b|| / ||b||. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < b.length; i++) {
    diff += (a[i]! - b[i]!) ** 2;
    norm += b[i]! ** 2;
  }
  return Math.sqrt(diff / norm);
}

/** Runs fn in a tfjs scope that disposes every tensor it made; returns fn's plain result. */
export function scoped<T>(fn: () => T): T {
  tf.engine().startScope();
  try {
    return fn();
  } finally {
    tf.engine().endScope();
  }
}
