/**
 * Meta-SGD (Li, Zhou, Chen and Li 2017, "Meta-SGD: Learning to Learn Quickly for Few-Shot
 * Learning"): beside the initial weights theta, meta-learns a rate alpha for every weight, and a
 * task adapts by phi = theta - alpha * grad L_support(theta) (elementwise), repeated for
 * `innerSteps` steps. alpha has no sign constraint: a negative rate moves that weight uphill, and
 * the paper's point is that the learned vector sets both step size and direction.
 *
 * Outer loop: the mean over tasks of the query loss after adaptation, differentiated with respect
 * to theta and alpha together, through the inner steps (second order; with `firstOrder` the inner
 * gradients are constants, so alpha still learns from -grad L_query * sum of inner gradients).
 *
 * alpha starts at innerLr everywhere, so iteration 0 of Meta-SGD is exactly MAML's: any difference
 * later comes from learning the rates, not from a different starting rule. The rates are tuned for
 * the `innerSteps` steps of training; repeated many more times at test time they can overshoot
 * (on the default sinusoid run, after 300 iterations, held-out loss is lowest after one step and
 * blows up by the fourth).
 *
 * Settings: innerLr (alpha's starting value; default 0.01), innerSteps (1), firstOrder (false),
 * activation (relu).
 *
 * Per-weight rates break the low-rank form of an SGD step that lowRankMaml.ts relies on, so each
 * task gets its own weight copies ([tasks, in, out]) and an inner backward pass written out with
 * ops whose first derivatives are exact (perTaskAdaptation.ts).
 *
 * Values: theta's tensors, then alpha's, in the same order and shapes.
 */
import { tf } from '../../tfjs/tf';
import { paramShapes, type MlpSpec } from '../../model/mlp';
import type { MetaGradient, TaskTensors } from '../maml/lowRankMaml';
import { tileParams, type InnerRule } from '../../maml/perTaskAdaptation';
import type { LayerRates } from '../../results/types';
import {
  meanQueryLossGradient,
  perTaskMetaGradients,
  type InnerLoopOptions,
} from '../regressionInnerLoop';
import type { RegressionAlgorithm } from '../regressionAlgorithm';
import { summarizeRates } from '../rateSummary';

/** theta's tensors and alpha's, from the values [theta..., alpha...]. */
function split(values: tf.Tensor[]): { theta: tf.Tensor[]; alpha: tf.Tensor[] } {
  const half = values.length / 2;
  return { theta: values.slice(0, half), alpha: values.slice(half) };
}

/** Meta-SGD's inner step: every weight with its own learned rate. */
export function learnedRates(alpha: readonly tf.Tensor[]): InnerRule {
  return { rates: alpha, firstLayer: 0 };
}

/**
 * Each task's query loss after adaptation ([tasks]) and the gradient of their mean with respect
 * to every value: theta's, then alpha's.
 */
export function metaSgdMetaGradient(
  values: tf.Tensor[],
  batch: TaskTensors,
  options: InnerLoopOptions,
): MetaGradient {
  const tasks = batch.queryX.shape[0];
  const setup = (v: tf.Tensor[]) => {
    const { theta, alpha } = split(v);
    return { start: tileParams(theta, tasks), rule: learnedRates(alpha) };
  };
  return meanQueryLossGradient(values, setup, batch, options);
}

/** Summary of each parameter tensor's rates: 'layer 1 weights', 'layer 1 bias', ... */
export function layerRates(alpha: readonly Float32Array[]): LayerRates[] {
  return alpha.map((rates, i) =>
    summarizeRates(`layer ${Math.floor(i / 2) + 1} ${i % 2 === 0 ? 'weights' : 'bias'}`, rates),
  );
}

export const META_SGD: RegressionAlgorithm = {
  valueShapes: (spec: MlpSpec) => [...paramShapes(spec), ...paramShapes(spec)],
  initialValues: (theta, options) => [
    ...theta,
    ...theta.map((p) => new Float32Array(p.length).fill(options.innerLr)),
  ],
  metaStep: metaSgdMetaGradient,
  innerRule: (values) => learnedRates(split(values).alpha),
  taskDirections: (values, batch, options) =>
    tf.tidy(() => {
      const { theta, alpha } = split(values);
      const start = tileParams(theta, batch.queryX.shape[0]);
      return perTaskMetaGradients(start, learnedRates(alpha), batch, options);
    }),
  directionBasis:
    "Each task's meta-gradient with respect to the initial weights (its query loss after the inner steps with the learned rates).",
  innerRates: (values) => layerRates(values.slice(values.length / 2)),
};
