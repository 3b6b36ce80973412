/**
 * The 3x3, stride-2, 'same'-padded convolution of the classification networks, two ways:
 *
 * - "patches": im2col (stride2Patches.ts) and one matrix product with the filter (product.ts).
 *   Exact derivatives of every order on every backend, including WASM, which has no kernel for a
 *   convolution's filter gradient; per-task filters become one product per task.
 * - "native": tf.conv2d, whose second derivatives rely on the gradients registered in
 *   secondOrderGradients.ts. One call per task when each task has its own filter.
 */
import { tf } from './tf';
import { product } from './product';
import { stride2Patches, stride2Size } from './stride2Patches';

export { stride2Size };

export type ConvMethod = 'patches' | 'native';

/**
 * The method used unless asked otherwise: patches on every backend, one code path. WASM cannot
 * run tf.conv2d's filter gradient at all; on CPU, tfjs's filter gradient took 14 s of a 17 s
 * second-order task (64 filters) where patches took 3.5 s in all. With software rendering (no
 * GPU here), native measured 8% faster on WebGL and 40% slower on WebGPU (second-order MAML,
 * 8 tasks, 16 filters); on a real GPU it may win, and the backend self-check covers whichever
 * method this returns.
 */
export function defaultConvMethod(): ConvMethod {
  return 'patches';
}

/**
 * The method that will run: "native" falls back to patches on WASM, where tf.conv2d's filter
 * gradient has no kernel and training would otherwise stop with an error.
 */
function runnable(method: ConvMethod): ConvMethod {
  return method === 'native' && tf.getBackend() === 'wasm' ? 'patches' : method;
}

/** One filter for every image: x [N, H, W, C], filter [3, 3, C, F] -> [N, oh, ow, F]. */
export function stride2Conv(x: tf.Tensor4D, filter: tf.Tensor, method: ConvMethod): tf.Tensor4D {
  if (runnable(method) === 'native') return tf.conv2d(x, filter as tf.Tensor4D, 2, 'same');
  const [n, h, w, c] = x.shape;
  const f = filter.shape[3]!;
  const out = product(stride2Patches(x), tf.reshape(filter, [9 * c, f]));
  return tf.reshape(out, [n, stride2Size(h), stride2Size(w), f]);
}

/**
 * A filter per task: x [T * N, H, W, C] (task-major), filters [T, 3, 3, C, F] ->
 * [T * N, oh, ow, F].
 */
export function stride2ConvPerTask(
  x: tf.Tensor4D,
  filters: tf.Tensor,
  method: ConvMethod,
): tf.Tensor4D {
  const [rows, h, w, c] = x.shape;
  const [tasks, , , , f] = filters.shape as [number, number, number, number, number];
  const n = rows / tasks;
  const oh = stride2Size(h);
  const ow = stride2Size(w);
  if (runnable(method) === 'native') {
    // Filters sliced as rows of a matrix: a rank-5 slice's gradient (a rank-5 pad) fails to
    // compile on WebGL.
    const rowsOfFilters = tf.reshape(filters, [tasks, 9 * c * f]);
    const outputs: tf.Tensor4D[] = [];
    for (let t = 0; t < tasks; t++) {
      const images = tf.slice(x, [t * n, 0, 0, 0], [n, h, w, c]);
      const filter = tf.reshape<tf.Rank.R4>(tf.slice(rowsOfFilters, [t, 0], [1, 9 * c * f]), [
        3,
        3,
        c,
        f,
      ]);
      outputs.push(tf.conv2d(images, filter, 2, 'same'));
    }
    return tasks === 1 ? outputs[0]! : tf.concat(outputs, 0);
  }
  const patches: tf.Tensor3D = tf.reshape(stride2Patches(x), [tasks, n * oh * ow, 9 * c]);
  const out = product(patches, tf.reshape<tf.Rank.R3>(filters, [tasks, 9 * c, f]));
  return tf.reshape(out, [rows, oh, ow, f]);
}
