import { tf } from '../tfjs/tf';
import type { ClassificationBatch } from './types';

/**
 * A meta-batch of classification tasks as tensors. Images are task-major
 * [tasks * rows, size, size, 1] (one channel), so a task's images are consecutive and networks
 * can take batch statistics per task. The caller owns (or tidies) them.
 */
export interface ClassificationTensors {
  readonly tasks: number;
  readonly ways: number;
  /** Support images per task (ways * shots) and query images per task (ways * queries). */
  readonly supportSize: number;
  readonly querySize: number;
  readonly supportImages: tf.Tensor4D;
  /** One-hot labels, [tasks, supportSize, ways]. */
  readonly supportOneHot: tf.Tensor3D;
  readonly queryImages: tf.Tensor4D;
  readonly queryOneHot: tf.Tensor3D;
  /** Class ids, int32 [tasks, querySize]. */
  readonly queryLabels: tf.Tensor2D;
}

export function classificationTensors(batch: ClassificationBatch): ClassificationTensors {
  const { tasks, ways, imageSize } = batch;
  const supportSize = ways * batch.shots;
  const querySize = ways * batch.queries;
  const images = (values: Float32Array, rows: number): tf.Tensor4D =>
    tf.tensor4d(values, [tasks * rows, imageSize, imageSize, 1]);
  const labels = (ids: Int32Array, rows: number): tf.Tensor2D =>
    tf.tensor2d(ids, [tasks, rows], 'int32');
  const oneHot = (ids: Int32Array, rows: number): tf.Tensor3D =>
    tf.tidy(() => tf.cast(tf.oneHot(labels(ids, rows), ways), 'float32') as tf.Tensor3D);
  return {
    tasks,
    ways,
    supportSize,
    querySize,
    supportImages: images(batch.supportImages, supportSize),
    supportOneHot: oneHot(batch.supportLabels, supportSize),
    queryImages: images(batch.queryImages, querySize),
    queryOneHot: oneHot(batch.queryLabels, querySize),
    queryLabels: labels(batch.queryLabels, querySize),
  };
}

/**
 * Tasks start..start+count-1 of a meta-batch, as new tensors (slices). Tasks are independent
 * (batch statistics are per task), so a meta-batch can be processed a few tasks at a time.
 */
export function sliceTasks(
  tensors: ClassificationTensors,
  start: number,
  count: number,
): ClassificationTensors {
  const rows = <T extends tf.Tensor>(x: T, perTask: number): T =>
    tf.slice(
      x,
      x.shape.map((_, axis) => (axis === 0 ? start * perTask : 0)),
      x.shape.map((size, axis) => (axis === 0 ? count * perTask : size)),
    );
  return {
    ...tensors,
    tasks: count,
    supportImages: rows(tensors.supportImages, tensors.supportSize),
    supportOneHot: rows(tensors.supportOneHot, 1),
    queryImages: rows(tensors.queryImages, tensors.querySize),
    queryOneHot: rows(tensors.queryOneHot, 1),
    queryLabels: rows(tensors.queryLabels, 1),
  };
}

/** Frees every tensor of a meta-batch made by classificationTensors. */
export function disposeClassificationTensors(tensors: ClassificationTensors): void {
  tf.dispose([
    tensors.supportImages,
    tensors.supportOneHot,
    tensors.queryImages,
    tensors.queryOneHot,
    tensors.queryLabels,
  ]);
}
