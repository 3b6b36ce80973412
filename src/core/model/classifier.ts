/**
 * The classification networks of ClassifierSpec as pure functions of their parameter list
 * (classifierParams.ts), evaluated for many tasks at once.
 *
 * "conv" is the MAML paper's Omniglot network (Finn et al. 2017, section 5.2, following Vinyals
 * et al. 2016): blocks of 3x3 convolution with stride 2, batch normalisation, ReLU; then a linear
 * head on the flattened features. Batch normalisation always uses the statistics of the images
 * of the same forward call and task, never running averages, as in the paper's reference code:
 * so support and query sets are each normalised by their own statistics (transductive).
 */
import { tf } from '../tfjs/tf';
import { product } from '../tfjs/product';
import { useFasterKernels } from '../tfjs/fasterKernels';
import { fusedBatchNorm, fusedBatchNormActive } from '../tfjs/fusedBatchNorm';
import {
  type ConvMethod,
  defaultConvMethod,
  stride2Conv,
  stride2ConvPerTask,
} from '../tfjs/stride2Conv';
import type { ClassifierSpec } from './classifierSpec';
import { outputSize } from './classifierParams';

/** Added to the variance in batch normalisation (the reference code's TensorFlow default). */
export const BATCH_NORM_EPSILON = 1e-3;

export interface ForwardOptions {
  /** How many tasks the images belong to; images are task-major, the same count per task. */
  readonly tasks: number;
  /**
   * Whether every parameter carries a leading task axis (one adapted copy per task, as in MAML's
   * inner loop) or is shared by all tasks.
   */
  readonly perTask: boolean;
  readonly conv: ConvMethod;
}

/**
 * A dense layer: x [T, n, in] times weights ([in, out] shared, or [T, in, out] one per task) plus
 * bias ([out] or [T, out]). Also the linear head on features from the body (ANIL's inner loop).
 */
export function dense(
  x: tf.Tensor3D,
  weights: tf.Tensor,
  bias: tf.Tensor,
  perTask: boolean,
): tf.Tensor3D {
  const [tasks, n, inputs] = x.shape;
  const outputs = weights.shape[weights.rank - 1]!;
  if (perTask) {
    return tf.add(product(x, weights as tf.Tensor3D), tf.reshape(bias, [tasks, 1, outputs]));
  }
  const z = tf.add(product(tf.reshape(x, [tasks * n, inputs]), weights as tf.Tensor2D), bias);
  return tf.reshape(z, [tasks, n, outputs]);
}

/** A per-channel parameter ([F] shared, or [T, F]) shaped to broadcast over [T, rows, F]. */
function channelwise(p: tf.Tensor, perTask: boolean): tf.Tensor {
  return perTask ? tf.reshape(p, [p.shape[0], 1, p.shape[1]!]) : p;
}

/**
 * Normalises z [T, rows, F] per task and channel over the rows, then scales and offsets:
 * (z - mean) * (scale / sqrt(variance + eps)) + offset. On CPU and WASM one fused kernel
 * (fusedBatchNorm.ts); elsewhere tfjs ops, written so that only four tensors of z's size are made
 * (each kept by the gradient tape under MAML): the per-channel factor is small.
 */
export function batchNormOnTasks(
  z: tf.Tensor3D,
  scale: tf.Tensor,
  offset: tf.Tensor,
  perTask: boolean,
): tf.Tensor3D {
  if (fusedBatchNormActive()) {
    const tasks = z.shape[0];
    const perGroup = (p: tf.Tensor): tf.Tensor2D =>
      perTask ? (p as tf.Tensor2D) : tf.tile(tf.reshape(p, [1, p.shape[0]]), [tasks, 1]);
    return fusedBatchNorm(z, perGroup(scale), perGroup(offset), BATCH_NORM_EPSILON);
  }
  const centred = tf.sub(z, tf.mean(z, 1, true));
  const variance = tf.mean(tf.square(centred), 1, true);
  const factor = tf.div(channelwise(scale, perTask), tf.sqrt(tf.add(variance, BATCH_NORM_EPSILON)));
  return tf.add(tf.mul(centred, factor), channelwise(offset, perTask));
}

function convForward(
  spec: ClassifierSpec & { kind: 'conv' },
  params: readonly tf.Tensor[],
  images: tf.Tensor4D,
  options: ForwardOptions,
): tf.Tensor3D {
  const { tasks, perTask } = options;
  let x = images;
  let at = 0;
  for (let b = 0; b < spec.blocks; b++) {
    const filter = params[at++]!;
    const conv = perTask
      ? stride2ConvPerTask(x, filter, options.conv)
      : stride2Conv(x, filter, options.conv);
    const [rows, oh, ow, f] = conv.shape;
    let z: tf.Tensor3D = tf.reshape(conv, [tasks, (rows / tasks) * oh * ow, f]);
    if (spec.norm === 'batch') {
      z = batchNormOnTasks(z, params[at]!, params[at + 1]!, perTask);
      at += 2;
    } else {
      z = tf.add(z, channelwise(params[at++]!, perTask));
    }
    x = tf.reshape(tf.relu(z), [rows, oh, ow, f]);
  }
  const [rows, oh, ow, f] = x.shape;
  const features: tf.Tensor3D = tf.reshape(x, [tasks, rows / tasks, oh * ow * f]);
  return spec.outputs > 0 ? dense(features, params[at]!, params[at + 1]!, perTask) : features;
}

function mlpForward(
  spec: ClassifierSpec & { kind: 'mlp' },
  params: readonly tf.Tensor[],
  images: tf.Tensor4D,
  options: ForwardOptions,
): tf.Tensor3D {
  const [rows, size] = images.shape;
  let x: tf.Tensor3D = tf.reshape(images, [options.tasks, rows / options.tasks, size * size]);
  let at = 0;
  for (let l = 0; l < spec.hidden.length; l++, at += 2) {
    x = tf.relu<tf.Tensor3D>(dense(x, params[at]!, params[at + 1]!, options.perTask));
  }
  return spec.outputs > 0 ? dense(x, params[at]!, params[at + 1]!, options.perTask) : x;
}

/**
 * The network's outputs for the images of several tasks: images [T * n, size, size, 1],
 * task-major, to [T, n, outputs] (logits, or embeddings when spec.outputs = 0).
 */
export function taskOutputs(
  spec: ClassifierSpec,
  params: readonly tf.Tensor[],
  images: tf.Tensor4D,
  options: ForwardOptions,
): tf.Tensor3D {
  useFasterKernels();
  const rows = images.shape[0];
  if (rows % options.tasks !== 0) {
    throw new Error(`${rows} images do not split into ${options.tasks} equal tasks.`);
  }
  const out =
    spec.kind === 'conv'
      ? convForward(spec, params, images, options)
      : mlpForward(spec, params, images, options);
  return tf.reshape(out, [options.tasks, rows / options.tasks, outputSize(spec)]);
}

/**
 * One task's logits (or embeddings): images [n, size, size, 1] -> [n, outputs]. Batch statistics
 * are taken over these n images.
 */
export function classifierLogits(
  spec: ClassifierSpec,
  params: readonly tf.Tensor[],
  images: tf.Tensor4D,
  conv: ConvMethod = defaultConvMethod(),
): tf.Tensor2D {
  const out = taskOutputs(spec, params, images, { tasks: 1, perTask: false, conv });
  return tf.reshape(out, [images.shape[0], outputSize(spec)]);
}
