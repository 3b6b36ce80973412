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
 * window needs, the smaller half goes before (top, left). The padded image is made 2 (oh + 1) by
 * 2 (ow + 1) so it folds into pairs of rows (and columns): input row 2i + k of output row i is
 * pair i + (k >> 1), member k & 1, so every tap is a plain slice (tfjs cannot differentiate
 * strided slices).
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

/** im2col: x [N, H, W, C] -> [N * oh * ow, 9 C], columns ordered (row tap, column tap, channel). */
export function stride2Patches(x: tf.Tensor4D): tf.Tensor2D {
  const shape = x.shape;
  const op = tf.customGrad((...inputs) => ({
    value: patchesForward(inputs[0] as tf.Tensor4D),
    gradFunc: (dy: tf.Tensor2D) => stride2Unpatch(dy, shape),
  }));
  return op(x);
}

/** col2im, the adjoint of stride2Patches: [N * oh * ow, 9 C] -> [N, H, W, C] for `shape`. */
export function stride2Unpatch(columns: tf.Tensor2D, shape: readonly number[]): tf.Tensor4D {
  const op = tf.customGrad((...inputs) => ({
    value: unpatchForward(inputs[0] as tf.Tensor2D, shape),
    gradFunc: (dy: tf.Tensor4D) => stride2Patches(dy),
  }));
  return op(columns);
}
