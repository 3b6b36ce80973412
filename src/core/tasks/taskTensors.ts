import { tf } from '../tfjs/tf';
import type { TaskTensors } from '../learners/maml/lowRankMaml';
import type { RegressionBatch } from './sinusoid';

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
