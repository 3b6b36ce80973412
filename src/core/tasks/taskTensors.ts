import { tf } from '../tfjs/tf';
import type { RegressionBatch } from './sinusoid';

/** A meta-batch as [tasks, rows, features] tensors. */
export interface TaskTensors {
  readonly supportX: tf.Tensor3D;
  readonly supportY: tf.Tensor3D;
  readonly queryX: tf.Tensor3D;
  readonly queryY: tf.Tensor3D;
}

/** A regression batch as [tasks, rows, 1] tensors; the caller owns (or tidies) them. */
export function toTaskTensors(batch: RegressionBatch): TaskTensors {
  const shape = (rows: number): [number, number, number] => [batch.tasks, rows, 1];
  return {
    supportX: tf.tensor3d(batch.supportX, shape(batch.support)),
    supportY: tf.tensor3d(batch.supportY, shape(batch.support)),
    queryX: tf.tensor3d(batch.queryX, shape(batch.query)),
    queryY: tf.tensor3d(batch.queryY, shape(batch.query)),
  };
}
