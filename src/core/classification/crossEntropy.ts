/**
 * Softmax cross-entropy written so tfjs can differentiate it twice (MAML differentiates the
 * inner loop's gradient of it): logSumExp(z) - z_true, with the max-shift of the log-sum-exp held
 * constant. tf.losses.softmaxCrossEntropy and tf.logSoftmax use custom gradients whose second
 * derivatives tfjs gets wrong, and tf.max's gradient cannot be differentiated again; the shift
 * cancels exactly, so holding it constant changes no derivative.
 */
import { tf } from '../tfjs/tf';
import { heldConstant } from '../tfjs/heldConstant';

/** log sum_j exp(z_j) over the last axis, computed after subtracting the (constant) row max. */
export function logSumExp(logits: tf.Tensor): tf.Tensor {
  const shift = heldConstant(logits, (z) => tf.max(z, -1, true));
  const sum = tf.sum(tf.exp(tf.sub(logits, shift)), -1);
  return tf.add(tf.log(sum), tf.squeeze(shift, [-1]));
}

/**
 * Labels as one-hot rows: a float tensor shaped like the logits passes through; integer class
 * ids (one fewer axis) are expanded.
 */
export function asOneHot(labels: tf.Tensor, classes: number): tf.Tensor {
  return labels.dtype === 'int32' ? tf.oneHot(labels, classes) : labels;
}

/** Cross-entropy of every row: logits [..., C], labels one-hot [..., C] or ids [...] -> [...]. */
export function rowCrossEntropy(logits: tf.Tensor, labels: tf.Tensor): tf.Tensor {
  const oneHot = asOneHot(labels, logits.shape[logits.rank - 1]!);
  return tf.sub(logSumExp(logits), tf.sum(tf.mul(logits, oneHot), -1));
}

/** Mean cross-entropy over all rows. */
export function crossEntropy(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  return tf.mean(rowCrossEntropy(logits, labels));
}

/** Each task's mean cross-entropy: logits [T, n, C] -> [T]. */
export function taskCrossEntropy(logits: tf.Tensor3D, labels: tf.Tensor): tf.Tensor1D {
  return tf.mean<tf.Tensor1D>(rowCrossEntropy(logits, labels), 1);
}

/** The predicted class of every row (the first of tied maxima): [..., C] -> int32 [...]. */
export function predictedLabels(logits: tf.Tensor): tf.Tensor {
  return tf.argMax(logits, -1);
}

/** Fraction of rows predicted right: logits [..., C], class ids int32 [...] -> scalar. */
export function accuracy(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  return tf.mean(tf.cast(tf.equal(predictedLabels(logits), labels), 'float32'));
}

/** Each task's accuracy: logits [T, n, C], class ids int32 [T, n] -> [T]. */
export function taskAccuracy(logits: tf.Tensor3D, labels: tf.Tensor2D): tf.Tensor1D {
  return tf.mean<tf.Tensor1D>(tf.cast(tf.equal(predictedLabels(logits), labels), 'float32'), 1);
}
