/**
 * The fused batch-norm kernels (src/core/tfjs/fusedBatchNorm.ts) against independent computations:
 * the forward pass against float64 arithmetic written out here, and the first and second
 * derivatives against tfjs's automatic differentiation of batch norm written as tfjs ops (the
 * other method of batchNormOnTasks, itself checked by finite differences of the full
 * meta-objective in classifierGradient.test.ts, which also runs the fused kernels).
 *
 * Tolerance: both sides compute in float32 (unit roundoff 6e-8) through a few dozen operations
 * per value; 1e-4 relative (2-norm) leaves a wide margin for rounding, while a wrong term of the
 * second derivative changes it by order one.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { startBackend } from '../../src/cli/nodeBackend';
import { BATCH_NORM_EPSILON, batchNormOnTasks } from '../../src/core/model/classifier';
import {
  type BatchNormMethod,
  fusedBatchNormActive,
  setBatchNormMethod,
} from '../../src/core/tfjs/fusedBatchNorm';
import { createRng } from '../../src/core/random/rng';
import { readFlat, relativeError, scoped } from '../helpers/fixtures';

const TOLERANCE = 1e-4;
const [TASKS, ROWS, CHANNELS] = [3, 7, 4];

function randomValues(seed: number, size: number, low = -1, high = 1): Float32Array {
  const rng = createRng(seed, 'fused-batch-norm');
  return Float32Array.from({ length: size }, () => rng.uniform(low, high));
}

const full = TASKS * ROWS * CHANNELS;
const values = {
  z: randomValues(1, full),
  y: randomValues(2, full),
  v: randomValues(3, full),
  scale: randomValues(4, TASKS * CHANNELS, 0.5, 1.5),
  offset: randomValues(5, TASKS * CHANNELS),
  sharedScale: randomValues(6, CHANNELS, 0.5, 1.5),
  sharedOffset: randomValues(7, CHANNELS),
};

interface Inputs {
  z: tf.Tensor3D;
  y: tf.Tensor3D;
  v: tf.Tensor3D;
  scale: tf.Tensor;
  offset: tf.Tensor;
}

function inputs(perTask: boolean): Inputs {
  return {
    z: tf.tensor3d(values.z, [TASKS, ROWS, CHANNELS]),
    y: tf.tensor3d(values.y, [TASKS, ROWS, CHANNELS]),
    v: tf.tensor3d(values.v, [TASKS, ROWS, CHANNELS]),
    scale: perTask ? tf.tensor2d(values.scale, [TASKS, CHANNELS]) : tf.tensor1d(values.sharedScale),
    offset: perTask
      ? tf.tensor2d(values.offset, [TASKS, CHANNELS])
      : tf.tensor1d(values.sharedOffset),
  };
}

/** The value, the first derivatives and the second derivatives MAML uses, flattened. */
function derivatives(method: BatchNormMethod, perTask: boolean) {
  setBatchNormMethod(method);
  return scoped(() => {
    const { z, y, v, scale, offset } = inputs(perTask);
    const norm = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      batchNormOnTasks(x as tf.Tensor3D, g, b, perTask);
    // The inner loss and its gradient (what an inner step computes) ...
    const inner = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor, w: tf.Tensor) =>
      tf.sum(tf.mul(norm(x, g, b), w));
    const innerGrads = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor, w: tf.Tensor) =>
      tf.grads((xx, gg, bb) => inner(xx, gg, bb, w))([x, g, b]);
    // ... and an outer objective of that gradient, differentiated again (the second-order term).
    const outer = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor, w: tf.Tensor) => {
      const [dx, dg, db] = innerGrads(x, g, b, w);
      return tf.addN([tf.sum(tf.mul(dx!, v)), tf.sum(tf.square(dg!)), tf.sum(tf.mul(db!, dg!))]);
    };
    return {
      value: readFlat([norm(z, scale, offset)]),
      first: readFlat(innerGrads(z, scale, offset, y)),
      // The offset enters no gradient, so the second derivatives are taken in z, scale and y.
      second: readFlat(tf.grads((x, g, w) => outer(x, g, offset, w))([z, scale, y])),
    };
  });
}

describe.each(['wasm', 'cpu'] as const)('fused batch norm on %s', (backend) => {
  beforeAll(async () => {
    await startBackend(backend);
  });
  afterEach(() => {
    setBatchNormMethod('fused');
  });

  it('is the method in use there', () => {
    setBatchNormMethod('fused');
    expect(fusedBatchNormActive()).toBe(true);
    setBatchNormMethod('ops');
    expect(fusedBatchNormActive()).toBe(false);
  });

  it('normalises each task and channel over the rows, as float64 arithmetic does', () => {
    setBatchNormMethod('fused');
    const out = scoped(() => {
      const { z, scale, offset } = inputs(true);
      return batchNormOnTasks(z, scale, offset, true).dataSync();
    });
    for (let t = 0; t < TASKS; t++) {
      for (let f = 0; f < CHANNELS; f++) {
        const at = (r: number) => (t * ROWS + r) * CHANNELS + f;
        let mean = 0;
        for (let r = 0; r < ROWS; r++) mean += values.z[at(r)]! / ROWS;
        let variance = 0;
        for (let r = 0; r < ROWS; r++) variance += (values.z[at(r)]! - mean) ** 2 / ROWS;
        const g = values.scale[t * CHANNELS + f]!;
        const b = values.offset[t * CHANNELS + f]!;
        for (let r = 0; r < ROWS; r++) {
          const expected =
            ((values.z[at(r)]! - mean) / Math.sqrt(variance + BATCH_NORM_EPSILON)) * g + b;
          expect(out[at(r)]).toBeCloseTo(expected, 5);
        }
      }
    }
  });

  it('keeps the variance of values far from zero (mean 300, deviation 0.01)', () => {
    setBatchNormMethod('fused');
    const z = randomValues(8, full, 299.98, 300.02);
    const out = scoped(() =>
      batchNormOnTasks(
        tf.tensor3d(z, [TASKS, ROWS, CHANNELS]),
        tf.ones([CHANNELS]),
        tf.zeros([CHANNELS]),
        false,
      ).dataSync(),
    );
    // Same check for one group: the output's own mean is 0 and its mean square v / (v + eps).
    let mean = 0;
    for (let r = 0; r < ROWS; r++) mean += z[r * CHANNELS]! / ROWS;
    let variance = 0;
    for (let r = 0; r < ROWS; r++) variance += (z[r * CHANNELS]! - mean) ** 2 / ROWS;
    let square = 0;
    for (let r = 0; r < ROWS; r++) square += out[r * CHANNELS]! ** 2 / ROWS;
    expect(square).toBeCloseTo(variance / (variance + BATCH_NORM_EPSILON), 4);
  });

  it('takes the statistics of the shape it is given when the same data comes reshaped', () => {
    setBatchNormMethod('fused');
    const [once, again] = scoped(() => {
      const z = tf.tensor3d(values.z, [TASKS, ROWS, CHANNELS]);
      const ones = (channels: number) => tf.ones([TASKS, channels]);
      const zeros = (channels: number) => tf.zeros([TASKS, channels]);
      // Two channels merged into one: the same data with other groups.
      const merged: tf.Tensor3D = tf.reshape(z, [TASKS, ROWS * 2, CHANNELS / 2]);
      batchNormOnTasks(z, ones(CHANNELS), zeros(CHANNELS), true).dataSync();
      const fused = batchNormOnTasks(merged, ones(CHANNELS / 2), zeros(CHANNELS / 2), true);
      setBatchNormMethod('ops');
      const ops = batchNormOnTasks(merged, ones(CHANNELS / 2), zeros(CHANNELS / 2), true);
      return [fused.dataSync(), ops.dataSync()];
    });
    expect(relativeError(once, again)).toBeLessThan(TOLERANCE);
  });

  describe.each([true, false])('with per-task parameters: %s', (perTask) => {
    const ops = () => derivatives('ops', perTask);
    it('gives the values, gradients and second derivatives of the tfjs-ops version', () => {
      const fused = derivatives('fused', perTask);
      const reference = ops();
      expect(relativeError(fused.value, reference.value)).toBeLessThan(TOLERANCE);
      expect(relativeError(fused.first, reference.first)).toBeLessThan(TOLERANCE);
      expect(relativeError(fused.second, reference.second)).toBeLessThan(TOLERANCE);
      // The second derivatives are not trivially small (a dropped term would show).
      expect(Math.max(...reference.second.map(Math.abs))).toBeGreaterThan(0.1);
    });
  });

  it('leaves no tensors behind', () => {
    // A first call on a backend leaves tfjs's cached constants (24 tensors, with either method).
    derivatives('fused', true);
    const before = tf.memory().numTensors;
    derivatives('fused', true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a third derivative rather than guess it', () => {
    setBatchNormMethod('fused');
    const third = () =>
      scoped(() => {
        const { z, scale, offset, y } = inputs(true);
        const dz = (x: tf.Tensor) =>
          tf.grad((xx: tf.Tensor) =>
            tf.sum(tf.mul(batchNormOnTasks(xx as tf.Tensor3D, scale, offset, true), y)),
          )(x);
        const d2 = (x: tf.Tensor) => tf.grad((xx: tf.Tensor) => tf.sum(tf.square(dz(xx))))(x);
        return tf
          .grad((x: tf.Tensor) => tf.sum(tf.square(d2(x))))(z)
          .dataSync();
      });
    // (tfjs keeps what a failed gradient had saved; this test does not count tensors.)
    expect(third).toThrow(/TaskBatchNormGradGrad/);
  });
});
