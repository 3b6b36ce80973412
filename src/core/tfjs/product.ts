/**
 * Matrix products for the classification networks: a [M, K] b [K, N], or one product per task,
 * a [T, M, K] b [T, K, N].
 *
 * On WASM, tfjs's BatchMatMul reaches XNNPACK only for a single product with no transpose flag;
 * a batch of products, or a transposed operand, runs a plain loop measured 10 to 17 times slower.
 * So there a batch is split into single products, and the gradient (written here, since tfjs's
 * would use transposed or batched products) transposes explicitly, choosing the cheaper of the
 * two equal ways for the gradient of b (a^T dy, or (dy^T a)^T when a is the larger operand, as
 * image patches are). The gradient is built from dy and the saved inputs (never outputs: tfjs
 * keeps inputs on the tape, outputs off it) with ops that are themselves differentiable (this
 * product, transpose), so it is exact at every order: MAML can differentiate through it.
 * Other backends run tf.matMul as it is.
 */
import { tf } from './tf';

function swapLastAxes(x: tf.Tensor): tf.Tensor {
  return x.rank === 2 ? tf.transpose(x) : tf.transpose(x, [0, 2, 1]);
}

/** Single products through XNNPACK: one per task for rank 3. */
function splitProduct(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  if (a.rank === 2) return tf.matMul(a, b);
  const [tasks, m, k] = a.shape as [number, number, number];
  const n = b.shape[2]!;
  if (tasks === 1) {
    return tf.reshape(tf.matMul(tf.reshape(a, [m, k]), tf.reshape(b, [k, n])), [1, m, n]);
  }
  const products: tf.Tensor[] = [];
  for (let t = 0; t < tasks; t++) {
    const at = tf.reshape(tf.slice(a, [t, 0, 0], [1, m, k]), [m, k]);
    const bt = tf.reshape(tf.slice(b, [t, 0, 0], [1, k, n]), [k, n]);
    products.push(tf.matMul(at, bt));
  }
  return tf.reshape(tf.concat(products, 0), [tasks, m, n]);
}

const wasmProduct: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor = tf.customGrad((...inputs) => {
  const [x, y, save] = inputs as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  // Saved inputs (like tfjs's own gradients): the inputs may be freed once the forward pass ends.
  save([x, y]);
  return {
    value: splitProduct(x, y),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [a, b] = saved as [tf.Tensor, tf.Tensor];
      const da = wasmProduct(dy, swapLastAxes(b));
      const aSize = a.shape[a.rank - 2]! * a.shape[a.rank - 1]!;
      const dySize = dy.shape[dy.rank - 2]! * dy.shape[dy.rank - 1]!;
      const db =
        aSize <= dySize
          ? wasmProduct(swapLastAxes(a), dy)
          : swapLastAxes(wasmProduct(swapLastAxes(dy), a));
      return [da, db];
    },
  };
});

/** a b for rank-2 operands, or a_t b_t for each t of rank-3 operands with the same leading size. */
export function product<R extends tf.Rank.R2 | tf.Rank.R3>(
  a: tf.Tensor<R>,
  b: tf.Tensor<R>,
): tf.Tensor<R> {
  if (a.rank !== b.rank || (a.rank === 3 && a.shape[0] !== b.shape[0])) {
    throw new Error(
      `product: shapes [${a.shape.join(', ')}] and [${b.shape.join(', ')}] do not pair up.`,
    );
  }
  if (tf.getBackend() !== 'wasm') return tf.matMul(a, b);
  return wasmProduct(a, b) as tf.Tensor<R>;
}
