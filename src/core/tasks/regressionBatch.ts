import type { TaskDetail } from '../results/types';

/**
 * Regression tasks of any input width, stored task-major: task t's support points are rows
 * t*support .. (t+1)*support - 1, each row `inputs` numbers in X and one target in Y.
 */
export interface RegressionBatch {
  readonly tasks: number;
  readonly support: number;
  readonly query: number;
  /** Numbers per input point (1 for a function of x). */
  readonly inputs: number;
  /** tasks * support * inputs. */
  readonly supportX: Float32Array;
  /** tasks * support. */
  readonly supportY: Float32Array;
  readonly queryX: Float32Array;
  readonly queryY: Float32Array;
  /** What defines task t, for hover text (a sine wave's amplitude and phase). */
  readonly describe: (task: number) => readonly TaskDetail[];
}

/** The first `count` tasks of a batch (views, not copies). */
export function firstTasks(batch: RegressionBatch, count: number): RegressionBatch {
  if (count >= batch.tasks) return batch;
  const { support, query, inputs } = batch;
  return {
    tasks: count,
    support,
    query,
    inputs,
    supportX: batch.supportX.subarray(0, count * support * inputs),
    supportY: batch.supportY.subarray(0, count * support),
    queryX: batch.queryX.subarray(0, count * query * inputs),
    queryY: batch.queryY.subarray(0, count * query),
    describe: batch.describe,
  };
}
