/**
 * The faster kernels swapped in for the classification networks (src/core/tfjs/fasterKernels.ts)
 * must compute exactly what tfjs's own do: CPU Slice and PadV2 copy runs instead of single
 * elements; WASM's Identity shares data instead of copying it.
 */
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { startBackend } from '../../src/cli/nodeBackend';
import { createRng } from '../../src/core/random/rng';
import { useFasterKernels } from '../../src/core/tfjs/fasterKernels';
import { copyBlock } from '../../src/core/tfjs/cpuBlockKernels';

/** Element-by-element reference for copyBlock. */
function copyBlockNaive(
  src: Float32Array,
  srcShape: number[],
  from: number[],
  dst: Float32Array,
  dstShape: number[],
  to: number[],
  block: number[],
): void {
  const count = block.reduce((a, b) => a * b, 1);
  const index = (shape: number[], at: number[]): number =>
    at.reduce((flat, i, axis) => flat * shape[axis]! + i, 0);
  for (let k = 0; k < count; k++) {
    const at: number[] = [];
    let rest = k;
    for (let axis = block.length - 1; axis >= 0; axis--) {
      at.unshift(rest % block[axis]!);
      rest = Math.floor(rest / block[axis]!);
    }
    dst[
      index(
        dstShape,
        at.map((i, a) => i + to[a]!),
      )
    ] =
      src[
        index(
          srcShape,
          at.map((i, a) => i + from[a]!),
        )
      ]!;
  }
}

describe('faster kernels', () => {
  it('copyBlock copies the same elements as an element-by-element copy', () => {
    const rng = createRng(41, 'blocks');
    const int = (n: number): number => Math.floor(rng.next() * n);
    for (let trial = 0; trial < 200; trial++) {
      const rank = 1 + int(4);
      const srcShape = Array.from({ length: rank }, () => 1 + int(5));
      const block = srcShape.map((s) => 1 + int(s));
      const from = srcShape.map((s, a) => int(s - block[a]! + 1));
      const dstShape = block.map((b) => b + int(3));
      const to = dstShape.map((d, a) => int(d - block[a]! + 1));
      const src = Float32Array.from({ length: srcShape.reduce((a, b) => a * b, 1) }, () =>
        rng.next(),
      );
      const size = dstShape.reduce((a, b) => a * b, 1);
      const fast = new Float32Array(size);
      const naive = new Float32Array(size);
      copyBlock(src, srcShape, from, fast, dstShape, to, block);
      copyBlockNaive(src, srcShape, from, naive, dstShape, to, block);
      expect(Array.from(fast)).toEqual(Array.from(naive));
    }
  });

  it('on cpu, slice and pad give what tfjs computes by its own kernels', async () => {
    // Not startBackend, which swaps the faster kernels in: tfjs's own must run first.
    await tf.setBackend('cpu');
    await tf.ready();
    const rng = createRng(42, 'kernels');
    const x = tf.tensor4d(
      Float32Array.from({ length: 3 * 5 * 4 * 2 }, () => rng.next()),
      [3, 5, 4, 2],
    );
    const cases = () => [
      tf.slice(x, [1, 1, 0, 1], [2, 3, 4, 1]),
      tf.slice(x, [0, 2, 1, 0], [3, 2, 2, 2]),
      tf.slice(tf.cast(x, 'int32'), [0, 1, 1, 0], [2, 2, 2, 2]),
      tf.pad(x, [
        [0, 1],
        [2, 0],
        [1, 1],
        [0, 0],
      ]),
      tf.pad(
        x,
        [
          [1, 0],
          [0, 0],
          [0, 2],
          [1, 1],
        ],
        0.5,
      ),
    ];
    const ownSlice = tf.getKernel('Slice', 'cpu').kernelFunc;
    const own = cases().map((t) => Array.from(t.dataSync()));
    useFasterKernels();
    expect(tf.getKernel('Slice', 'cpu').kernelFunc).not.toBe(ownSlice);
    const fast = cases().map((t) => Array.from(t.dataSync()));
    expect(fast).toEqual(own);
    useFasterKernels();
    expect(cases().map((t) => Array.from(t.dataSync()))).toEqual(own);
  });

  it('on wasm, Identity shares data yet tensors stay independent', async () => {
    await startBackend('wasm');
    useFasterKernels();
    const x = tf.tensor1d([1, 2, 3]);
    const y = tf.clone(x);
    const z = tf.add(y, 1);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(z.dataSync())).toEqual([2, 3, 4]);
    tf.dispose([y, z]);
  });
});
