/**
 * Lines y = a x + b: the family for MAML's picture in parameter space. With `hidden=` empty the
 * network is y = w x + b, two parameters, so every task's optimum (a, b) is a point of the (w, b)
 * plane and the learned initialisations can be drawn beside them.
 *
 * Why two clusters seen through different windows. When every task's loss has the same curvature
 * (the same inputs), one SGD step moves every task the same fraction of the way to its optimum, so
 * MAML's best initialisation is the same point as pretraining's: the mean of the optima, however
 * the optima are spread (two clusters or a ring alike). MAML differs where tasks differ in how far
 * one step takes them. So half the tasks are steep rising lines seen over the whole window
 * (x in [-2, 2]: strong curvature in w, one step at the preset's rate goes most of the way from
 * anywhere) and half are falling lines seen only near 0 (x in [-0.5, 0.5]: flat in w, a step
 * barely moves w). Pretraining weights each task's slope by its curvature, so it sits near the
 * steep lines; MAML puts its initialisation near the falling lines, which cannot get there by
 * themselves, and lets the steep ones take their step. First-order MAML and Reptile land between.
 */
import type { RegressionFamily } from '../contract';
import type { Rng } from '../../random/rng';
import type { RegressionBatch } from '../../tasks/regressionBatch';
import { sampleOneInputPoints } from '../../tasks/oneInputBatch';

export const LINES = {
  /** Rising lines, seen over the whole window. */
  wide: { slope: [1, 2], intercept: [-1, 0], input: [-2, 2] },
  /** Falling lines, seen only near x = 0. */
  narrow: { slope: [-2, -1], intercept: [0, 1], input: [-0.5, 0.5] },
} as const;

/** A batch of lines with each task's slope a and intercept b. */
export interface LinesBatch extends RegressionBatch {
  readonly slope: Float64Array;
  readonly intercept: Float64Array;
}

/** Draws `tasks` lines, each from one of the two clusters, with its support and query points. */
export function sampleLinesBatch(
  rng: Rng,
  tasks: number,
  support: number,
  query: number,
): LinesBatch {
  const slope = new Float64Array(tasks);
  const intercept = new Float64Array(tasks);
  const points = sampleOneInputPoints(rng, tasks, support, query, (r, t) => {
    const cluster = r.next() < 0.5 ? LINES.wide : LINES.narrow;
    const a = r.uniform(cluster.slope[0], cluster.slope[1]);
    const b = r.uniform(cluster.intercept[0], cluster.intercept[1]);
    slope[t] = a;
    intercept[t] = b;
    return { input: cluster.input, value: (x) => a * x + b };
  });
  return {
    ...points,
    slope,
    intercept,
    describe: (t: number) => [
      { name: 'a', value: slope[t]!.toFixed(2) },
      { name: 'b', value: intercept[t]!.toFixed(2) },
    ],
  };
}

const signed = (v: number): string => (v < 0 ? `\u2212 ${(-v).toFixed(2)}` : `+ ${v.toFixed(2)}`);

export const LINES_FAMILY: RegressionFamily<'lines'> = {
  id: 'lines',
  name: 'Lines',
  hint: 'fits lines y = a x + b (two parameters with hidden= empty)',
  kind: 'regression',
  view: 'function',
  reads: ['hidden', 'activation'],
  // A step of rate r shrinks the slope's error by 1 - 2 r E[x^2]; E[x^2] reaches 4/3 on the
  // wide tasks, and a single unlucky support set more, so above about 0.5 a step overshoots.
  innerLr: { safe: 0.5, paper: 0.01 },
  inputs: 1,
  // Slopes up to 2 over x in [-2, 2], intercepts up to 1: outputs within about 5.
  window: { x: [-2, 2], y: [-5, 5] },
  sampleBatch: sampleLinesBatch,
  drawTask: (rng, shots) => {
    const batch = sampleLinesBatch(rng, 1, shots, 0);
    const a = batch.slope[0]!;
    const b = batch.intercept[0]!;
    return {
      supportX: batch.supportX,
      supportY: batch.supportY,
      truth: (x) => a * x + b,
      formula: `y = ${a.toFixed(2)} x ${signed(b)}`,
    };
  },
};
