import type { Rng } from '../random/rng';
import type { RegressionBatch } from './regressionBatch';

/** One task of a one-input regression family, once drawn: where its inputs lie, and its function. */
export interface OneInputTask {
  /** Each input x is drawn uniformly from [low, high]. */
  readonly input: readonly [number, number];
  readonly value: (x: number) => number;
}

/** A regression batch's sizes and points: all of it but what defines each task. */
export type RegressionPoints = Omit<RegressionBatch, 'describe'>;

function fillPoints(
  rng: Rng,
  task: OneInputTask,
  xs: Float32Array,
  ys: Float32Array,
  offset: number,
  count: number,
): void {
  for (let i = offset; i < offset + count; i++) {
    const x = rng.uniform(task.input[0], task.input[1]);
    xs[i] = x;
    ys[i] = task.value(x);
  }
}

/**
 * Draws the points of a meta-batch of one-input regression tasks. For each task in turn,
 * `drawTask(rng, t)` first draws what defines task t (and keeps it where the family wants it),
 * then the task's `support` support points and `query` query points are drawn, each x uniform
 * over the task's input range. Same-seed runs stay identical only while this order holds.
 */
export function sampleOneInputPoints(
  rng: Rng,
  tasks: number,
  support: number,
  query: number,
  drawTask: (rng: Rng, task: number) => OneInputTask,
): RegressionPoints {
  const points = {
    tasks,
    support,
    query,
    inputs: 1,
    supportX: new Float32Array(tasks * support),
    supportY: new Float32Array(tasks * support),
    queryX: new Float32Array(tasks * query),
    queryY: new Float32Array(tasks * query),
  };
  for (let t = 0; t < tasks; t++) {
    const task = drawTask(rng, t);
    fillPoints(rng, task, points.supportX, points.supportY, t * support, support);
    fillPoints(rng, task, points.queryX, points.queryY, t * query, query);
  }
  return points;
}
