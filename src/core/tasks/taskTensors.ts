import { tf } from '../tfjs/tf';
import type { RegressionBatch } from './regressionBatch';

/** A meta-batch as [tasks, rows, features] tensors. */
export interface TaskTensors {
  readonly supportX: tf.Tensor3D;
  readonly supportY: tf.Tensor3D;
  readonly queryX: tf.Tensor3D;
  readonly queryY: tf.Tensor3D;
}

/** A regression batch as [tasks, rows, inputs] and [tasks, rows, 1] tensors; the caller owns them. */
export function toTaskTensors(batch: RegressionBatch): TaskTensors {
  const { tasks, inputs } = batch;
  return {
    supportX: tf.tensor3d(batch.supportX, [tasks, batch.support, inputs]),
    supportY: tf.tensor3d(batch.supportY, [tasks, batch.support, 1]),
    queryX: tf.tensor3d(batch.queryX, [tasks, batch.query, inputs]),
    queryY: tf.tensor3d(batch.queryY, [tasks, batch.query, 1]),
  };
}
