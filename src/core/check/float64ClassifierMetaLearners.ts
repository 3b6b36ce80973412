/**
 * The objectives of MAML's relatives in float64, on the hand-written network of
 * float64Classifier.ts, written from the papers' definitions and sharing nothing with the tfjs
 * engines but the conventions (parameter layout, per-call batch statistics):
 * - Meta-SGD (Li et al. 2017): phi = theta - alpha * grad, elementwise, alpha learned;
 * - ANIL (Raghu et al. 2020): the same update with rate innerLr on the head's entries and 0 on
 *   every other, i.e. only the head adapts (a rate vector, not the engine's cached features);
 * - their first-order gradients, with the inner gradients held constant;
 * - Reptile's direction (Nichol et al. 2018): theta - mean over tasks of the parameters after SGD
 *   on each task's support and query images together.
 * Finite differences of these are the reference the tfjs engines are tested against.
 */
import type { ClassifierSpec } from '../classification/types';
import { layers64 } from './float64Classifier';
import {
  type ClassTask64,
  lossGradient64,
  queryLossAfter64,
  supportSteps64,
} from './float64ClassifierObjectives';

/** `steps` steps of phi <- phi - rates * grad(support loss)(phi), elementwise. */
export function adaptWithRates64(
  spec: ClassifierSpec,
  p: Float64Array,
  task: ClassTask64,
  rates: Float64Array,
  steps: number,
): Float64Array {
  return supportSteps64(spec, p, task, steps, (v, g, i) => v - rates[i]! * g);
}

/** Mean over tasks of the query loss after adaptWithRates64. */
function adaptedObjective64(
  spec: ClassifierSpec,
  p: Float64Array,
  rates: Float64Array,
  tasks: readonly ClassTask64[],
  steps: number,
): number {
  return queryLossAfter64(spec, tasks, (task) => adaptWithRates64(spec, p, task, rates, steps));
}

/**
 * Meta-SGD's meta-objective as a function of theta and alpha joined in one vector
 * [theta..., alpha...] (each as long as the network's parameter count).
 */
export function metaSgdObjective64(
  spec: ClassifierSpec,
  thetaAlpha: Float64Array,
  tasks: readonly ClassTask64[],
  steps: number,
): number {
  const n = thetaAlpha.length / 2;
  return adaptedObjective64(spec, thetaAlpha.subarray(0, n), thetaAlpha.subarray(n), tasks, steps);
}

/** Rate innerLr on the head's weights and bias (the last dense layer), 0 on every other entry. */
export function headOnlyRates64(spec: ClassifierSpec, innerLr: number): Float64Array {
  const { layers, count } = layers64(spec);
  const head = layers[layers.length - 1];
  if (spec.outputs === 0 || head?.kind !== 'dense') throw new Error('the network has no head');
  const rates = new Float64Array(count);
  rates.fill(innerLr, head.weightsAt, count);
  return rates;
}

/** ANIL's meta-objective: MAML's with only the head adapting. */
export function anilObjective64(
  spec: ClassifierSpec,
  p: Float64Array,
  tasks: readonly ClassTask64[],
  innerLr: number,
  steps: number,
): number {
  return adaptedObjective64(spec, p, headOnlyRates64(spec, innerLr), tasks, steps);
}

/**
 * The first-order gradient with per-entry rates: phi = theta - rates * (g_1 + ... + g_k) with
 * the inner gradients g_j constant, so with G the query-loss gradient at phi (mean over tasks),
 * d/dtheta = G and d/drates = -G * (g_1 + ... + g_k).
 */
export function firstOrderGradient64(
  spec: ClassifierSpec,
  p: Float64Array,
  rates: Float64Array,
  tasks: readonly ClassTask64[],
  steps: number,
): { theta: Float64Array; rates: Float64Array } {
  const theta = new Float64Array(p.length);
  const dRates = new Float64Array(p.length);
  for (const task of tasks) {
    const summed = new Float64Array(p.length);
    const current = supportSteps64(spec, p, task, steps, (v, g, i) => {
      summed[i]! += g;
      return v - rates[i]! * g;
    });
    const query = lossGradient64(spec, current, task.queryImages, task.queryLabels);
    query.forEach((g, i) => {
      theta[i]! += g / tasks.length;
      dRates[i]! -= (g * summed[i]!) / tasks.length;
    });
  }
  return { theta, rates: dRates };
}

/**
 * Reptile's direction: theta - mean_t phi_t, where phi_t takes `steps` SGD steps of rate innerLr
 * on the mean loss over task t's support and query images (each set through its own forward
 * call, so with its own batch statistics).
 */
export function reptileDirection64(
  spec: ClassifierSpec,
  p: Float64Array,
  tasks: readonly ClassTask64[],
  innerLr: number,
  steps: number,
): Float64Array {
  const direction = new Float64Array(p.length);
  for (const task of tasks) {
    const support = task.supportLabels.length;
    const query = task.queryLabels.length;
    let current = p;
    for (let s = 0; s < steps; s++) {
      const gs = lossGradient64(spec, current, task.supportImages, task.supportLabels);
      const gq = lossGradient64(spec, current, task.queryImages, task.queryLabels);
      current = current.map(
        (v, i) => v - (innerLr * (support * gs[i]! + query * gq[i]!)) / (support + query),
      );
    }
    current.forEach((v, i) => (direction[i]! += (p[i]! - v) / tasks.length));
  }
  return direction;
}
