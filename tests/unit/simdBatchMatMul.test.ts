/**
 * The SIMD batched matrix product on the WASM backend (src/core/tfjs/simd/) against float64
 * products written out here: every column path of the kernel (blocks of 16 and 4 columns, single
 * columns), transposed operands read in place, broadcast batches, empty dimensions, the
 * shared-memory build of the threaded backend. Also that the shipped binaries are what the source
 * compiles to.
 *
 * Tolerance: float32 sums of k products; 1e-6 of the sum of |a||b| per entry is several times the
 * rounding of k <= 300 terms (unit roundoff 6e-8 times k), while a wrong or missing term is of
 * order one.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { startBackend } from '../../src/cli/nodeBackend';
import {
  instantiateBatchMatMul,
  planProduct,
  setBatchMatMulMethod,
  useSimdBatchMatMulOnWasm,
} from '../../src/core/tfjs/simd/wasmBatchMatMul';
import { compileSimdSources } from '../../src/cli/build/compileSimd';
import { createRng } from '../../src/core/random/rng';

function randomValues(seed: number, size: number): Float32Array {
  const rng = createRng(seed, 'simd-batch-mat-mul');
  return Float32Array.from({ length: size }, () => rng.uniform(-2, 2));
}

/** C = A B per matrix in float64, with |A||B| for the tolerance; rows of A and B as stored. */
function reference(
  a: Float32Array,
  b: Float32Array,
  batch: number,
  [m, k, n]: [number, number, number],
  [aEach, bEach]: [boolean, boolean],
  [transposeA, transposeB]: [boolean, boolean] = [false, false],
) {
  const value = new Float64Array(batch * m * n);
  const magnitude = new Float64Array(batch * m * n);
  for (let t = 0; t < batch; t++) {
    const ao = aEach ? t * m * k : 0;
    const bo = bEach ? t * k * n : 0;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        let size = 0;
        for (let p = 0; p < k; p++) {
          const x = a[ao + (transposeA ? p * m + i : i * k + p)]!;
          const y = b[bo + (transposeB ? j * k + p : p * n + j)]!;
          sum += x * y;
          size += Math.abs(x * y);
        }
        value[(t * m + i) * n + j] = sum;
        magnitude[(t * m + i) * n + j] = size;
      }
    }
  }
  return { value, magnitude };
}

function expectClose(actual: ArrayLike<number>, expected: ReturnType<typeof reference>): void {
  expect(actual.length).toBe(expected.value.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const error = Math.abs(actual[i]! - expected.value[i]!) / (expected.magnitude[i]! + 1e-30);
    worst = Math.max(worst, error);
  }
  expect(worst).toBeLessThan(1e-6);
}

describe('planProduct', () => {
  it('runs batched products without transposes, with matching or single-matrix batches', () => {
    expect(planProduct([25, 10, 40], [25, 40, 40], false, false)).toEqual({
      outShape: [25, 10, 40],
      batch: 25,
      m: 10,
      k: 40,
      n: 40,
      aStride: 1600,
      bStride: 6400,
      aRowStep: 160,
      aColStep: 4,
      transposedB: false,
    });
    // A stored [k x m], B stored [n x k].
    expect(planProduct([25, 40, 10], [25, 7, 40], true, true)).toMatchObject({
      outShape: [25, 10, 7],
      m: 10,
      k: 40,
      n: 7,
      aRowStep: 4,
      aColStep: 40,
      transposedB: true,
    });
    expect(planProduct([10, 40], [3, 2, 40, 5], false, false)).toMatchObject({
      outShape: [3, 2, 10, 5],
      batch: 6,
      aStride: 0,
    });
    expect(planProduct([3, 10, 40], [1, 40, 5], false, false)).toMatchObject({
      outShape: [3, 10, 5],
      bStride: 0,
    });
  });

  it("leaves tfjs's kernel single matrices, unbroadcastable batches and mismatches", () => {
    expect(planProduct([250, 40], [40, 40], false, false)).toBeNull(); // one matrix: XNNPACK
    expect(planProduct([1, 250, 40], [1, 40, 40], false, false)).toBeNull();
    expect(planProduct([3, 10, 40], [3, 40, 5], true, false)).toBeNull(); // inner sizes differ
    expect(planProduct([3, 10, 40], [2, 40, 5], false, false)).toBeNull(); // not broadcastable
    expect(planProduct([2, 3, 10, 4], [3, 2, 4, 5], false, false)).toBeNull(); // same size, not shape
    expect(planProduct([3, 10, 40], [3, 41, 5], false, false)).toBeNull();
  });
});

describe('SIMD batched matMul on WASM', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });
  afterEach(() => {
    setBatchMatMulMethod('simd');
  });

  it('is installed where the WASM backend starts', () => {
    expect(useSimdBatchMatMulOnWasm()).toBe(true);
  });

  // n covers 16-column blocks, 4-column blocks and single columns in every mix; k = 49 passes
  // tfjs's 48-wide blocking, k = 0 makes zeros.
  const cases: [number, number, number, number][] = [
    [3, 1, 1, 1],
    [2, 5, 7, 3],
    [4, 3, 9, 4],
    [2, 6, 13, 17],
    [3, 4, 49, 20],
    [2, 3, 5, 33],
    [25, 10, 40, 40],
    [4, 17, 288, 32],
    [2, 3, 0, 5],
  ];
  for (const [batch, m, k, n] of cases) {
    for (const [aEach, bEach] of [
      [true, true],
      [false, true],
      [true, false],
    ] as [boolean, boolean][]) {
      it(`${batch} x [${m} x ${k}] by [${k} x ${n}], batched A ${aEach}, batched B ${bEach}`, () => {
        const a = randomValues(m * 31 + k, (aEach ? batch : 1) * m * k);
        const b = randomValues(n * 37 + k, (bEach ? batch : 1) * k * n);
        const product = tf.tidy(() => {
          const aT = aEach ? tf.tensor3d(a, [batch, m, k]) : tf.tensor2d(a, [m, k]);
          const bT = bEach ? tf.tensor3d(b, [batch, k, n]) : tf.tensor2d(b, [k, n]);
          return tf.matMul(aT, bT);
        });
        expect(product.shape).toEqual([batch, m, n]);
        expectClose(product.dataSync(), reference(a, b, batch, [m, k, n], [aEach, bEach]));
        product.dispose();
      });
    }
  }

  it('leaves no tensors behind and empty products empty', () => {
    const before = tf.memory().numTensors;
    const empty = tf.tidy(() => tf.matMul(tf.zeros([3, 0, 4]), tf.ones([3, 4, 5])));
    expect(empty.shape).toEqual([3, 0, 5]);
    empty.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reads transposed operands in place, as an explicit transpose would give them', () => {
    for (const [batch, m, k, n] of [
      [3, 6, 11, 9],
      [2, 5, 40, 10],
      [4, 10, 40, 1],
      [2, 5, 7, 37], // two 16-column blocks, one of 4, one single column
    ] as [number, number, number, number][]) {
      const a = randomValues(m + k, batch * m * k);
      const b = randomValues(n + k, batch * k * n);
      for (const flags of [
        [true, false],
        [false, true],
        [true, true],
      ] as [boolean, boolean][]) {
        const [flagged, explicit] = tf.tidy((): tf.Tensor[] => {
          const aT = tf.tensor3d(a, flags[0] ? [batch, k, m] : [batch, m, k]);
          const bT = tf.tensor3d(b, flags[1] ? [batch, n, k] : [batch, k, n]);
          const swap = (x: tf.Tensor3D, yes: boolean) => (yes ? tf.transpose(x, [0, 2, 1]) : x);
          return [tf.matMul(aT, bT, ...flags), tf.matMul(swap(aT, flags[0]), swap(bT, flags[1]))];
        });
        const values = flagged!.dataSync();
        expectClose(values, reference(a, b, batch, [m, k, n], [true, true], flags));
        // The same products in the same order: identical numbers.
        expect(Array.from(values)).toEqual(Array.from(explicit!.dataSync()));
        tf.dispose([flagged!, explicit!]);
      }
    }
  });

  it("agrees with tfjs's own kernel on the sinusoid engine's products", () => {
    const a = tf.tensor3d(randomValues(3, 25 * 10 * 10), [25, 10, 10]);
    const b = tf.tensor3d(randomValues(4, 25 * 10 * 40), [25, 10, 40]);
    const ours = tf.matMul(a, b).dataSync();
    setBatchMatMulMethod('tfjs');
    const theirs = tf.matMul(a, b).dataSync();
    let worst = 0;
    for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i]! - theirs[i]!));
    expect(worst).toBeLessThan(1e-5);
    tf.dispose([a, b]);
  });
});

describe('the shared-memory build (threaded WASM)', () => {
  it('computes on a shared memory', () => {
    // Node's typings declare WebAssembly's types but not its value.
    const { Memory } = (
      globalThis as unknown as {
        WebAssembly: {
          Memory: new (d: { initial: number; maximum: number; shared: boolean }) => {
            buffer: ArrayBufferLike;
          };
        };
      }
    ).WebAssembly;
    const memory = new Memory({ initial: 1, maximum: 65536, shared: true });
    expect(memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    const kernels = instantiateBatchMatMul(memory);
    expect(kernels).not.toBeNull();
    const [batch, m, k, n] = [3, 5, 8, 21];
    const a = randomValues(5, batch * m * k);
    const b = randomValues(6, batch * k * n);
    const heap = new Float32Array(memory.buffer);
    heap.set(a, 0);
    heap.set(b, a.length);
    const out = a.length + b.length;
    const strides = [4 * m * k, 4 * k * n, 4 * k, 4];
    kernels!.plain(0, 4 * a.length, 4 * out, batch, m, k, n, ...strides);
    const c = heap.slice(out, out + batch * m * n);
    expectClose(c, reference(a, b, batch, [m, k, n], [true, true]));
    // B read as stored [n x k].
    kernels!.transposedB(0, 4 * a.length, 4 * out, batch, m, k, n, ...strides);
    const cT = heap.slice(out, out + batch * m * n);
    expectClose(cT, reference(a, b, batch, [m, k, n], [true, true], [false, true]));
  });
});

describe('the shipped binaries', () => {
  it('are what batchMatMul.wat compiles to (npm run build:simd)', async () => {
    const folder = fileURLToPath(new URL('../../src/core/tfjs/simd/', import.meta.url));
    const source = readFileSync(`${folder}batchMatMul.wat`, 'utf8');
    const shipped = readFileSync(`${folder}simdBinaries.ts`, 'utf8');
    expect(await compileSimdSources(source)).toBe(shipped);
  });
});
