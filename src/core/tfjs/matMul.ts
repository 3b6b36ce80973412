import * as tfjs from '@tensorflow/tfjs';
import { simdRunsProduct } from './simd/wasmBatchMatMul';

/**
 * Matrix products that stay on the WASM backend's fast path. Its BatchMatMul hands a single-matrix
 * product to XNNPACK only when neither operand is transposed; with a transpose flag it falls back
 * to a plain loop that measured 4 to 10 times slower. An explicit transpose plus a plain product is
 * the same arithmetic, so on WASM we do that, except for the batched products our SIMD kernel
 * runs, which read a transposed operand in place (simd/wasmBatchMatMul.ts); other backends take
 * the flags as they are.
 */
export function matMul<T extends tfjs.Tensor>(
  a: T,
  b: tfjs.Tensor,
  transposeA = false,
  transposeB = false,
): T {
  if (
    (!transposeA && !transposeB) ||
    tfjs.getBackend() !== 'wasm' ||
    simdRunsProduct(a.shape, b.shape, transposeA, transposeB)
  ) {
    return tfjs.matMul<T>(a, b, transposeA, transposeB);
  }
  return tfjs.matMul<T>(transposeA ? swapLastAxes(a) : a, transposeB ? swapLastAxes(b) : b);
}

function swapLastAxes<T extends tfjs.Tensor>(x: T): T {
  const perm = x.shape.map((_, i) => i);
  perm[x.rank - 2] = x.rank - 1;
  perm[x.rank - 1] = x.rank - 2;
  return tfjs.transpose(x, perm);
}

/**
 * Re-registers BatchMatMul's gradient with the same four cases as tfjs's own, but built from
 * `matMul` above, so backward passes on WASM stay on the fast path too. First derivatives are
 * unchanged (checked against finite differences in the tests).
 */
export function registerFastMatMulGradient(): void {
  tfjs.registerGradient({
    kernelName: tfjs.BatchMatMul,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved as [tfjs.Tensor, tfjs.Tensor];
      const dz = dy as tfjs.Tensor;
      const { transposeA, transposeB } = attrs as unknown as {
        transposeA: boolean;
        transposeB: boolean;
      };
      if (!transposeA && !transposeB) {
        return { a: () => matMul(dz, b, false, true), b: () => matMul(a, dz, true, false) };
      }
      if (!transposeA && transposeB) {
        return { a: () => matMul(dz, b), b: () => matMul(dz, a, true, false) };
      }
      if (transposeA && !transposeB) {
        return { a: () => matMul(b, dz, false, true), b: () => matMul(a, dz) };
      }
      return { a: () => matMul(b, dz, true, true), b: () => matMul(dz, a, true, true) };
    },
  });
}
