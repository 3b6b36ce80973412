/**
 * The three ways of taking stride-2 convolution patches (stride2Patches.ts: slices, gather with a
 * scatter adjoint, gather both ways) compute the same linear maps: equal patches, each equal to
 * tf.conv2d once multiplied by a filter, an exact adjoint (dot-product test), and equal second
 * derivatives of a scalar through the patches. Sizes odd and even (28, 14, 7, 5, 1, and unequal
 * height and width), channels 1 and 3, batches above 1.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { startBackend } from '../../src/cli/nodeBackend';
import { createRng } from '../../src/core/random/rng';
import {
  PATCH_METHODS,
  defaultPatchMethod,
  setPatchMethod,
  stride2Patches,
  stride2Size,
  stride2Unpatch,
  type PatchMethod,
} from '../../src/core/tfjs/stride2Patches';
import { product } from '../../src/core/tfjs/product';
import { relativeError, scoped } from '../helpers/fixtures';

function random(shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed, 'patches-test');
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, () => rng.uniform(-1, 1)),
    shape,
  );
}

const SHAPES: [number, number, number, number][] = [
  [2, 28, 28, 1],
  [3, 14, 14, 3],
  [2, 7, 7, 3],
  [4, 5, 5, 1],
  [2, 1, 1, 3],
  [3, 6, 5, 3],
  [2, 1, 4, 1],
];

const NEW_METHODS = PATCH_METHODS.filter((m) => m !== 'slices');

describe.each(['wasm', 'cpu'] as const)('convolution patches on %s', (backend) => {
  beforeAll(async () => {
    await startBackend(backend);
  });
  afterEach(() => {
    setPatchMethod(null);
  });

  it.each(SHAPES)(
    'every method gives the same patches as the slices (%i, %i, %i, %i)',
    (...shape) => {
      const [reference, others] = scoped(() => {
        const x = random(shape, 1) as tf.Tensor4D;
        const slices = stride2Patches(x, 'slices');
        expect(slices.shape).toEqual([
          shape[0] * stride2Size(shape[1]) * stride2Size(shape[2]),
          9 * shape[3],
        ]);
        return [
          slices.dataSync(),
          NEW_METHODS.map((m) => {
            const p = stride2Patches(x, m);
            expect(p.shape).toEqual(slices.shape);
            return p.dataSync();
          }),
        ];
      });
      // A gather copies values: equal bit for bit.
      for (const values of others) expect(Array.from(values)).toEqual(Array.from(reference));
    },
  );

  it.each(SHAPES)('patches times a filter equal tf.conv2d (%i, %i, %i, %i)', (...shape) => {
    for (const method of PATCH_METHODS) {
      const [actual, expected] = scoped(() => {
        const x = random(shape, 2) as tf.Tensor4D;
        const w = random([3, 3, shape[3], 4], 3);
        const out = product(stride2Patches(x, method), tf.reshape(w, [9 * shape[3], 4]));
        return [out.dataSync(), tf.conv2d(x, w as tf.Tensor4D, 2, 'same').dataSync()];
      });
      expect(relativeError(actual, expected), method).toBeLessThan(1e-6);
    }
  });

  it.each(SHAPES)(
    'unpatching is the adjoint: <patches(x), y> = <x, unpatch(y)> (%i, %i, %i, %i)',
    (...shape) => {
      for (const method of PATCH_METHODS) {
        const [left, right, unpatched, reference] = scoped(() => {
          const x = random(shape, 4) as tf.Tensor4D;
          const patches = stride2Patches(x, method);
          const y = random(patches.shape, 5) as tf.Tensor2D;
          return [
            tf.sum(tf.mul(patches, y)).dataSync()[0]!,
            tf.sum(tf.mul(x, stride2Unpatch(y, shape, method))).dataSync()[0]!,
            stride2Unpatch(y, shape, method).dataSync(),
            stride2Unpatch(y, shape, 'slices').dataSync(),
          ];
        });
        expect(Math.abs(left - right), method).toBeLessThan(1e-5 * Math.max(1, Math.abs(right)));
        expect(relativeError(unpatched, reference), method).toBeLessThan(1e-6);
      }
    },
  );

  it.each([
    [2, 7, 7, 3],
    [2, 6, 5, 1],
    [3, 5, 5, 3],
  ] as [number, number, number, number][])(
    'second derivatives through the patches equal the slices path (%i, %i, %i, %i)',
    (...shape) => {
      // L(x) = sum(relu-free cubic of the convolution): q = <dL/dx, v>, then dq/dx (second
      // order through patches and their adjoint). The cube makes the Hessian depend on x.
      const secondOrder = (method: PatchMethod): Float32Array =>
        scoped(() => {
          const x = random(shape, 6) as tf.Tensor4D;
          const v = random(shape, 7);
          const w = random([3, 3, shape[3], 2], 8);
          const loss = (y: tf.Tensor): tf.Scalar => {
            const out = product(stride2Patches(y as tf.Tensor4D, method), tf.reshape(w, [-1, 2]));
            return tf.sum(tf.mul(out, tf.square(out)));
          };
          const q = (y: tf.Tensor): tf.Scalar => tf.sum(tf.mul(tf.grad(loss)(y), v));
          return tf.grad(q)(x).dataSync() as Float32Array;
        });
      const reference = secondOrder('slices');
      expect(Math.max(...reference.map(Math.abs))).toBeGreaterThan(0.1);
      for (const method of NEW_METHODS) {
        expect(relativeError(secondOrder(method), reference), method).toBeLessThan(1e-6);
      }
    },
  );

  it('setPatchMethod chooses the method of calls that name none', () => {
    setPatchMethod('gather');
    const [chosen, named] = scoped(() => {
      const y = random([2 * 4 * 4, 9], 9) as tf.Tensor2D;
      return [
        stride2Unpatch(y, [2, 7, 7, 1]).dataSync(),
        stride2Unpatch(y, [2, 7, 7, 1], 'gather').dataSync(),
      ];
    });
    expect(Array.from(chosen)).toEqual(Array.from(named));
  });
});

describe('the patch method each backend uses', () => {
  it('is gather-scatter on WASM (measured faster) and never a float-atomic scatter on GPUs', () => {
    expect(defaultPatchMethod('wasm')).toBe('gather-scatter');
    expect(defaultPatchMethod('cpu')).toBe('slices');
    expect(defaultPatchMethod('webgpu')).not.toBe('gather-scatter');
    expect(defaultPatchMethod('webgl')).not.toBe('gather-scatter');
  });
});
