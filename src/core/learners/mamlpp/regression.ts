/**
 * MAML++'s learned inner rates for sine waves (Antoniou, Edwards and Storkey 2019, "How to train
 * your MAML", section 4, "learning per-layer per-step learning rates"). Beside the initialisation
 * theta it meta-learns one rate for every inner step and every parameter tensor (each layer's
 * weights and its bias), so a task adapts by
 *   phi_{s+1}[i] = phi_s[i] - rate[s, i] * grad_i L_support(phi_s)
 * for tensor i at step s. MAML has one rate for everything; Meta-SGD one per weight, the same at
 * every step; these are few (steps x tensors) yet may differ from one step to the next.
 *
 * The meta-objective is MAML's, differentiated with respect to theta and the rates together,
 * through the inner steps (second order; with `firstOrder` each step's gradient is a constant, and
 * the rates still learn from them). Every rate starts at innerLr, so iteration 0 is MAML's.
 * At test time, steps beyond those it trained with reuse the last step's rates.
 *
 * Values: theta's tensors, then one [innerSteps, tensors] array of rates.
 * Left out of the paper's recipe: the multi-step loss and cosine-annealed outer rate (training
 * schedule, not learner), and per-step batch norm (the sine network has no batch norm).
 */
import { tf } from '../../tfjs/tf';
import { paramShapes } from '../../model/mlp';
import { tileParams, type InnerRule } from '../../maml/perTaskAdaptation';
import type { LayerRates } from '../../results/types';
import type { MetaGradient, TaskTensors } from '../maml/lowRankMaml';
import {
  meanQueryLossGradient,
  perTaskMetaGradients,
  type InnerLoopOptions,
} from '../regressionInnerLoop';
import type { RegressionAlgorithm } from '../regressionAlgorithm';
import { summarizeRates } from '../rateSummary';

/** theta's tensors and the rates' [steps, tensors] array, from the values [theta..., rates]. */
function split(values: readonly tf.Tensor[]): { theta: tf.Tensor[]; rates: tf.Tensor } {
  return { theta: values.slice(0, -1), rates: values[values.length - 1]! };
}

/**
 * The inner step with rates [steps, tensors]: step s scales tensor i's gradient by rates[s, i];
 * steps past the last learned one take its rates.
 */
export function perStepRates(rates: tf.Tensor): InnerRule {
  const [count, tensors] = rates.shape as [number, number];
  // Sliced row by row: tfjs 4.22 failed to differentiate unstacking a one-row array (1 step).
  const steps = Array.from({ length: count }, (_, s) =>
    tf.unstack(tf.reshape(tf.slice(rates, [s, 0], [1, tensors]), [tensors])),
  );
  return { rates: (step) => steps[Math.min(step, steps.length - 1)]!, firstLayer: 0 };
}

/**
 * Each task's query loss after adaptation ([tasks]) and the gradient of their mean with respect
 * to every value: theta's, then the rates'.
 */
export function mamlPlusPlusMetaGradient(
  values: tf.Tensor[],
  batch: TaskTensors,
  options: InnerLoopOptions,
): MetaGradient {
  const tasks = batch.queryX.shape[0];
  const setup = (v: tf.Tensor[]) => {
    const { theta, rates } = split(v);
    return { start: tileParams(theta, tasks), rule: perStepRates(rates) };
  };
  return meanQueryLossGradient(values, setup, batch, options);
}

/** One entry per step and tensor: 'step 1, layer 1 weights', ... */
function stepRates(rates: Float32Array, tensors: number): LayerRates[] {
  return Array.from(rates, (rate, at) => {
    const step = Math.floor(at / tensors);
    const i = at % tensors;
    const tensor = `layer ${Math.floor(i / 2) + 1} ${i % 2 === 0 ? 'weights' : 'bias'}`;
    return summarizeRates(`step ${step + 1}, ${tensor}`, Float32Array.of(rate));
  });
}

export const MAML_PLUS_PLUS: RegressionAlgorithm = {
  valueShapes: (spec, options) => {
    const theta = paramShapes(spec);
    return [...theta, [options.innerSteps, theta.length]];
  },
  initialValues: (theta, options) => [
    ...theta,
    new Float32Array(options.innerSteps * theta.length).fill(options.innerLr),
  ],
  metaStep: mamlPlusPlusMetaGradient,
  innerRule: (values) => perStepRates(split(values).rates),
  taskDirections: (values, batch, options) =>
    tf.tidy(() => {
      const { theta, rates } = split(values);
      const start = tileParams(theta, batch.queryX.shape[0]);
      return perTaskMetaGradients(start, perStepRates(rates), batch, options);
    }),
  directionBasis:
    "Each task's meta-gradient with respect to the initial weights (its query loss after the inner steps with the learned per-step rates).",
  innerRates: (values) => stepRates(values[values.length - 1]!, values.length - 1),
};
