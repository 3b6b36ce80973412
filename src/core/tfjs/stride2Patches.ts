/**
 * The 3x3 patches under the outputs of a stride-2, 'same'-padded convolution ("im2col"), and the
 * adjoint map that adds patch values back onto the image ("col2im"). With them a convolution is a
 * matrix product: patches(x) [N * oh * ow, 9 C] times the filter reshaped to [9 C, F].
 *
 * Both maps are linear, and each is the other's gradient, so each is registered as the other's
 * gradient (tf.customGrad). That gradient needs no value from the forward pass, only dy, so it is
 * exact at every order; and tfjs then records one node per map instead of a dozen slices with
 * their saved inputs, which saves memory in MAML's second-order pass.
 *
 * 'same' padding as in TensorFlow: output size ceil(size / 2); of the padding a stride-2 3x3
 * window needs, the smaller half goes before (top, left).
 *
 * Three ways to compute the same maps (PatchMethod):
 * - "slices": pads, slices and concats. The padded image is made 2 (oh + 1) by 2 (ow + 1) so it
 *   folds into pairs of rows (and columns): input row 2i + k of output row i is pair i + (k >> 1),
 *   member k & 1, so every tap is a plain slice (tfjs cannot differentiate strided slices).
 *   Kept for comparison: on WASM, tfjs's Slice copies its whole input out of the heap on every
 *   call and Concat copies row by row.
 * - "gather-scatter": the image as rows [N H W, C] with one zero row appended; the patches are one
 *   tf.gatherND of those rows by precomputed indices (a tap in the padding reads the zero row),
 *   the adjoint one tf.scatterND of the patch rows onto the same rows (the padding taps all land
 *   on the extra row, which is then dropped by one contiguous slice).
 * - "gather": patches as above; the adjoint as a gather too: each image pixel lies under at most
 *   4 taps (2 row taps by 2 column taps), so it is one gatherND of the patch rows (plus a zero
 *   row) by [N H W, 4] precomputed indices and a sum over those 4. Every output is computed by
 *   one thread in a fixed order, so it is deterministic on every backend, where scatterND adds
 *   with float atomics on WebGPU (not bitwise reproducible) and on WebGL loops over every update
 *   for each output.
 * Indices are plain integer arrays cached per shape; the index tensors are made per call, so no
 * tensor outlives a call.
 */
import { tf } from './tf';

/** Spatial size after one stride-2 'same' convolution: ceil(size / 2). */
export function stride2Size(size: number): number {
  return Math.ceil(size / 2);
}

/** Zeros before the image along one axis ('same' padding, stride 2, window 3). */
function padBefore(size: number): number {
  return Math.floor(Math.max(0, 2 * (stride2Size(size) - 1) + 3 - size) / 2);
}

/** Pads axis 1 of a rank-4 tensor with `before` and `after` zeros. */
function padAxis1(x: tf.Tensor, before: number, after: number): tf.Tensor {
  return tf.pad(x, [
    [0, 0],
    [before, after],
    [0, 0],
    [0, 0],
  ]);
}

function patchesForward(x: tf.Tensor4D): tf.Tensor2D {
  const [n, h, w, c] = x.shape;
  const oh = stride2Size(h);
  const ow = stride2Size(w);
  const top = padBefore(h);
  const left = padBefore(w);
  const padded = tf.pad(x, [
    [0, 0],
    [top, 2 * oh + 2 - h - top],
    [left, 2 * ow + 2 - w - left],
    [0, 0],
  ]);
  const rowPairs = tf.reshape(padded, [n, oh + 1, 2, (2 * ow + 2) * c]);
  const taps: tf.Tensor[] = [];
  for (let kh = 0; kh < 3; kh++) {
    const rows = tf.slice(rowPairs, [0, kh >> 1, kh & 1, 0], [n, oh, 1, (2 * ow + 2) * c]);
    const columnPairs = tf.reshape(rows, [n * oh, ow + 1, 2, c]);
    for (let kw = 0; kw < 3; kw++) {
      const tap = tf.slice(columnPairs, [0, kw >> 1, kw & 1, 0], [n * oh, ow, 1, c]);
      taps.push(tf.reshape(tap, [n * oh * ow, c]));
    }
  }
  return tf.concat(taps, 1) as tf.Tensor2D;
}

/**
 * Adds three taps, at pair offsets 0, 0, 1 and members 0, 1, 0 of axis 1 (each [B, L, 1, D]),
 * into pairs [B, L + 1, 2, D].
 */
function foldTaps(first: tf.Tensor, second: tf.Tensor, third: tf.Tensor): tf.Tensor {
  const even = tf.add(padAxis1(first, 0, 1), padAxis1(third, 1, 0));
  return tf.concat([even, padAxis1(second, 0, 1)], 2);
}

function unpatchForward(columns: tf.Tensor2D, shape: readonly number[]): tf.Tensor4D {
  const [n, h, w, c] = shape as [number, number, number, number];
  const oh = stride2Size(h);
  const ow = stride2Size(w);
  const tap = (k: number): tf.Tensor =>
    tf.reshape(tf.slice(columns, [0, k * c], [n * oh * ow, c]), [n * oh, ow, 1, c]);
  const taps = Array.from({ length: 9 }, (_, k) => tap(k));
  const rows: tf.Tensor[] = [];
  for (let kh = 0; kh < 3; kh++) {
    const pairs = foldTaps(taps[3 * kh]!, taps[3 * kh + 1]!, taps[3 * kh + 2]!);
    rows.push(tf.reshape(pairs, [n, oh, 1, (2 * ow + 2) * c]));
  }
  const padded: tf.Tensor4D = tf.reshape(foldTaps(rows[0]!, rows[1]!, rows[2]!), [
    n,
    2 * oh + 2,
    2 * ow + 2,
    c,
  ]);
  return tf.slice(padded, [0, padBefore(h), padBefore(w), 0], [n, h, w, c]);
}

export type PatchMethod = 'slices' | 'gather-scatter' | 'gather';

export const PATCH_METHODS: readonly PatchMethod[] = ['slices', 'gather-scatter', 'gather'];

/**
 * The method for a backend, by measurement (npm run bench:patches; docs/BENCHMARKS.md,
 * "Convolution patches"). WASM: "gather-scatter", 2.3x faster than slices on a whole
 * second-order MAML step (gather and scatter are C++ there; tfjs's Slice and Concat copy in JS).
 * CPU: "slices", 2-2.5x faster than gather-scatter on the patches and their gradient, since
 * cpuBlockKernels.ts gives it fast block copies while tfjs's CPU gatherND and scatterND work one
 * element at a time. WebGL and WebGPU cannot be timed meaningfully here (software rendering):
 * they keep "slices", the path their self-checks and browser tests cover. "gather-scatter" would
 * be wrong for them anyway: tfjs's WebGPU scatterND adds with float atomics (not bitwise
 * reproducible) and its WebGL scatterND loops over every update for each output; "gather" is
 * the deterministic alternative to try there on a real GPU.
 */
export function defaultPatchMethod(backend: string): PatchMethod {
  return backend === 'wasm' ? 'gather-scatter' : 'slices';
}

let chosen: PatchMethod | null = null;

/**
 * Forces one method for every later call that names none (null: the backend's default). For
 * benchmarks and tests that compare the methods on a whole network.
 */
export function setPatchMethod(method: PatchMethod | null): void {
  chosen = method;
}

function activeMethod(method: PatchMethod | undefined): PatchMethod {
  return method ?? chosen ?? defaultPatchMethod(tf.getBackend());
}

/** Row of the image-as-rows [N H W, C] under each tap of each patch; N H W for a padding tap. */
interface PatchIndices {
  /** [N oh ow 9]: patch row p, tap k -> image row (or the zero row). */
  readonly taps: Int32Array;
  /** [N H W, 4]: image row -> the (patch row * 9 + tap)s over it, N oh ow 9 (a zero row) if fewer. */
  readonly under: Int32Array;
}

const indexCache = new Map<string, PatchIndices>();
const INDEX_CACHE_LIMIT = 32;

function patchIndices(n: number, h: number, w: number): PatchIndices {
  const key = `${n}x${h}x${w}`;
  const cached = indexCache.get(key);
  if (cached) return cached;
  const oh = stride2Size(h);
  const ow = stride2Size(w);
  const top = padBefore(h);
  const left = padBefore(w);
  const pixels = n * h * w;
  const columns = n * oh * ow * 9;
  const taps = new Int32Array(columns);
  const under = new Int32Array(pixels * 4).fill(columns);
  const filled = new Uint8Array(pixels);
  let at = 0;
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        for (let kh = 0; kh < 3; kh++) {
          const y = 2 * i + kh - top;
          for (let kw = 0; kw < 3; kw++) {
            const x = 2 * j + kw - left;
            if (y < 0 || y >= h || x < 0 || x >= w) {
              taps[at] = pixels;
            } else {
              const row = (b * h + y) * w + x;
              taps[at] = row;
              under[4 * row + filled[row]!] = at;
              filled[row]! += 1;
            }
            at += 1;
          }
        }
      }
    }
  }
  if (indexCache.size >= INDEX_CACHE_LIMIT) indexCache.clear();
  const indices = { taps, under };
  indexCache.set(key, indices);
  return indices;
}

/** Rows [R, C] with one zero row appended: [R + 1, C]. */
function withZeroRow(rows: tf.Tensor2D): tf.Tensor2D {
  return tf.pad(rows, [
    [0, 1],
    [0, 0],
  ]);
}

function gatherPatches(x: tf.Tensor4D): tf.Tensor2D {
  const [n, h, w, c] = x.shape;
  const { taps } = patchIndices(n, h, w);
  const rows = withZeroRow(tf.reshape(x, [n * h * w, c]));
  const gathered = tf.gatherND(rows, tf.tensor2d(taps, [taps.length, 1], 'int32'));
  return tf.reshape(gathered, [n * stride2Size(h) * stride2Size(w), 9 * c]);
}

function scatterUnpatch(columns: tf.Tensor2D, shape: readonly number[]): tf.Tensor4D {
  const [n, h, w, c] = shape as [number, number, number, number];
  const { taps } = patchIndices(n, h, w);
  const pixels = n * h * w;
  const updates = tf.reshape(columns, [taps.length, c]);
  const summed = tf.scatterND(tf.tensor2d(taps, [taps.length, 1], 'int32'), updates, [
    pixels + 1,
    c,
  ]);
  return tf.reshape(tf.slice(summed, [0, 0], [pixels, c]), [n, h, w, c]);
}

function gatherUnpatch(columns: tf.Tensor2D, shape: readonly number[]): tf.Tensor4D {
  const [n, h, w, c] = shape as [number, number, number, number];
  const { taps, under } = patchIndices(n, h, w);
  const pixels = n * h * w;
  const rows = withZeroRow(tf.reshape(columns, [taps.length, c]));
  const gathered = tf.gatherND(rows, tf.tensor3d(under, [pixels, 4, 1], 'int32'));
  return tf.reshape(tf.sum(gathered, 1), [n, h, w, c]);
}

function patchesValue(x: tf.Tensor4D, method: PatchMethod): tf.Tensor2D {
  return method === 'slices' ? patchesForward(x) : gatherPatches(x);
}

function unpatchValue(
  columns: tf.Tensor2D,
  shape: readonly number[],
  method: PatchMethod,
): tf.Tensor4D {
  if (method === 'slices') return unpatchForward(columns, shape);
  return method === 'gather' ? gatherUnpatch(columns, shape) : scatterUnpatch(columns, shape);
}

/**
 * im2col: x [N, H, W, C] -> [N * oh * ow, 9 C], columns ordered (row tap, column tap, channel).
 * `method` defaults to the one set by setPatchMethod, else the backend's.
 */
export function stride2Patches(x: tf.Tensor4D, method?: PatchMethod): tf.Tensor2D {
  const shape = x.shape;
  const use = activeMethod(method);
  const op = tf.customGrad((...inputs) => ({
    value: patchesValue(inputs[0] as tf.Tensor4D, use),
    gradFunc: (dy: tf.Tensor2D) => stride2Unpatch(dy, shape, use),
  }));
  return op(x);
}

/** col2im, the adjoint of stride2Patches: [N * oh * ow, 9 C] -> [N, H, W, C] for `shape`. */
export function stride2Unpatch(
  columns: tf.Tensor2D,
  shape: readonly number[],
  method?: PatchMethod,
): tf.Tensor4D {
  const use = activeMethod(method);
  const op = tf.customGrad((...inputs) => ({
    value: unpatchValue(inputs[0] as tf.Tensor2D, shape, use),
    gradFunc: (dy: tf.Tensor4D) => stride2Patches(dy, use),
  }));
  return op(columns);
}
