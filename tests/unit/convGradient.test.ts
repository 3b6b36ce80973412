/**
 * The convolution's pieces and the gradients registered for second-order differentiation.
 *
 * Second-order checks ("Hessian-vector style"): for a scalar L(x1, x2, ...), take a fixed random
 * direction V_i per input and q = sum_i <dL/dx_i, V_i>, a function of L's gradient. Its gradient
 * by nested tf.grads goes through the gradients of the gradient kernels (the ones registered in
 * secondOrderGradients.ts, or the custom gradients of product.ts and stride2Patches.ts); central
 * finite differences of q need only first-order gradients. Every L here is linear in each input
 * separately (a convolution or product paired with a third tensor), so q is linear along each
 * coordinate and a finite difference with h = 1 is exact up to float32 rounding of q, about 1e-6
 * relative; we allow 1e-4. A wrong or missing term (checked by breaking each gradient in turn)
 * gives an error of order 1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { startBackend } from '../../src/cli/nodeBackend';
import { createRng } from '../../src/core/random/rng';
import { stride2Conv } from '../../src/core/tfjs/stride2Conv';
import { stride2Patches, stride2Unpatch } from '../../src/core/tfjs/stride2Patches';
import { product } from '../../src/core/tfjs/product';
import { relativeError, scoped } from '../helpers/fixtures';

function random(shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed, 'conv-gradient');
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, () => rng.uniform(-1, 1)),
    shape,
  );
}

type Scalar = (...xs: tf.Tensor[]) => tf.Scalar;

/** q = sum_i <dL/dx_i, V_i>, by first-order tfjs gradients. */
function gradientPairing(loss: Scalar, directions: readonly tf.Tensor[]): Scalar {
  return (...xs) => {
    const grads = tf.grads(loss)(xs);
    return tf.addN(grads.map((g, i) => tf.sum(tf.mul(g, directions[i]!)))) as tf.Scalar;
  };
}

/** Nested-gradient dq/dx against central differences of q (h = 1), as flat vectors. */
function secondOrderCheck(
  loss: Scalar,
  shapes: number[][],
): { analytic: number[]; numeric: number[] } {
  return scoped(() => {
    const xs = shapes.map((shape, i) => random(shape, 10 + i));
    const directions = shapes.map((shape, i) => random(shape, 20 + i));
    const q = gradientPairing(loss, directions);
    const analytic = tf
      .grads(q)(xs)
      .flatMap((g) => Array.from(g.dataSync()));
    const numeric: number[] = [];
    xs.forEach((x, i) => {
      const values = x.dataSync() as Float32Array;
      for (let k = 0; k < values.length; k++) {
        const at = (delta: number): number =>
          tf.tidy(() => {
            const moved = values.slice();
            moved[k]! += delta;
            const args = xs.map((y, j) => (j === i ? tf.tensor(moved, x.shape) : y));
            return q(...args).dataSync()[0]!;
          });
        numeric.push((at(1) - at(-1)) / 2);
      }
    });
    return { analytic, numeric };
  });
}

const paired =
  (f: (...xs: tf.Tensor[]) => tf.Tensor): Scalar =>
  (...xs) =>
    tf.sum(tf.mul(f(...xs.slice(0, -1)), xs[xs.length - 1]!));

describe.each(['wasm', 'cpu'] as const)('convolution pieces on %s', (backend) => {
  beforeAll(async () => {
    await startBackend(backend);
  });

  it.each([
    { shape: [2, 8, 8, 3], filters: 4 },
    { shape: [2, 7, 7, 3], filters: 4 },
    { shape: [3, 5, 6, 2], filters: 2 },
    { shape: [2, 28, 28, 1], filters: 5 },
  ])(
    'patches convolution equals tf.conv2d, stride 2, same padding ($shape)',
    ({ shape, filters }) => {
      const [actual, expected] = scoped(() => {
        const x = random(shape, 1) as tf.Tensor4D;
        const w = random([3, 3, shape[3]!, filters], 2);
        return [
          stride2Conv(x, w, 'patches').dataSync(),
          tf.conv2d(x, w as tf.Tensor4D, 2, 'same').dataSync(),
        ];
      });
      expect(relativeError(actual, expected)).toBeLessThan(1e-6);
    },
  );

  it.each([[[2, 8, 8, 3]], [[1, 7, 5, 2]]])(
    'unpatching is the adjoint of taking patches: <patches(x), y> = <x, unpatch(y)> (%j)',
    (shape) => {
      const [left, right] = scoped(() => {
        const x = random(shape, 3) as tf.Tensor4D;
        const patches = stride2Patches(x);
        const y = random(patches.shape, 4) as tf.Tensor2D;
        return [
          tf.sum(tf.mul(patches, y)).dataSync()[0]!,
          tf.sum(tf.mul(x, stride2Unpatch(y, shape))).dataSync()[0]!,
        ];
      });
      expect(Math.abs(left - right)).toBeLessThan(1e-5 * Math.abs(right));
    },
  );

  it('patches convolution: second derivatives match finite differences of its gradient', () => {
    const loss = paired((x, w) => stride2Conv(x as tf.Tensor4D, w, 'patches'));
    const { analytic, numeric } = secondOrderCheck(loss, [
      [2, 5, 5, 2],
      [3, 3, 2, 3],
      [2, 3, 3, 3],
    ]);
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-4);
  });

  it.each([
    {
      name: 'matrices',
      shapes: [
        [4, 3],
        [3, 5],
        [4, 5],
      ],
    },
    {
      name: 'one product per task',
      shapes: [
        [2, 4, 3],
        [2, 3, 5],
        [2, 4, 5],
      ],
    },
    {
      name: 'a tall left operand',
      shapes: [
        [12, 2],
        [2, 3],
        [12, 3],
      ],
    },
  ])(
    'matrix product: second derivatives match finite differences of its gradient ($name)',
    ({ shapes }) => {
      const loss = paired((a, b) => product(a as tf.Tensor2D, b as tf.Tensor2D));
      const { analytic, numeric } = secondOrderCheck(loss, shapes);
      expect(relativeError(analytic, numeric)).toBeLessThan(1e-4);
    },
  );

  it('exp: the second derivative of sum(exp(x) u) along v is exp(x) u v', () => {
    const [analytic, expected] = scoped(() => {
      const x = random([3, 4], 5);
      const u = random([3, 4], 6);
      const v = random([3, 4], 7);
      const q = gradientPairing((y) => tf.sum(tf.mul(tf.exp(y), u)), [v]);
      return [tf.grads(q)([x])[0]!.dataSync(), tf.mul(tf.mul(tf.exp(x), u), v).dataSync()];
    });
    expect(relativeError(analytic, expected)).toBeLessThan(1e-6);
  });
});

// tf.conv2d's filter gradient has no WASM kernel; the native path is checked on CPU.
describe('registered gradients of the convolution kernels, on cpu', () => {
  beforeAll(async () => {
    await startBackend('cpu');
  });

  it.each([
    {
      stride: 2,
      pad: 'same' as const,
      shapes: [
        [2, 5, 5, 2],
        [3, 3, 2, 3],
        [2, 3, 3, 3],
      ],
    },
    {
      stride: 2,
      pad: 'same' as const,
      shapes: [
        [1, 6, 6, 1],
        [3, 3, 1, 2],
        [1, 3, 3, 2],
      ],
    },
    {
      stride: 1,
      pad: 'valid' as const,
      shapes: [
        [2, 5, 4, 2],
        [3, 3, 2, 2],
        [2, 3, 2, 2],
      ],
    },
  ])(
    'Conv2DBackpropFilter and Conv2DBackpropInput: second derivatives match finite differences (stride $stride, $pad)',
    ({ stride, pad, shapes }) => {
      const loss = paired((x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, stride, pad));
      const { analytic, numeric } = secondOrderCheck(loss, shapes);
      expect(relativeError(analytic, numeric)).toBeLessThan(1e-4);
    },
  );
});
