/**
 * A quick proof that the active tfjs backend computes MAML's second-order meta-gradient correctly:
 * the vectorised engine's gradient on a tiny fixed problem against central finite differences of
 * the same meta-objective computed in float64 by plain JavaScript (float64Mlp.ts). Backends are
 * trusted only after passing it, since a wrong kernel would otherwise corrupt training silently.
 */
import { tf } from '../tfjs/tf';
import { createRng } from '../random/rng';
import { sampleSinusoidBatch } from '../tasks/sinusoid';
import { toTaskTensors } from '../tasks/taskTensors';
import { initialValues, layerSizes, toTensors, type Activation, type MlpSpec } from '../model/mlp';
import { metaGradient } from '../maml/lowRankMaml';
import { finiteDifferences, metaObjective, tasksFromBatch } from './float64Mlp';

/** Relative error (2-norm) allowed; the tests justify this bound for float32 engines. */
export const GRADIENT_TOLERANCE = 1e-3;

export interface GradientCheck {
  readonly passed: boolean;
  /** ||engine - finite differences|| / ||finite differences||, worst over the checked networks. */
  readonly relativeError: number;
  readonly message: string;
}

const INNER_LR = 0.05;
const INNER_STEPS = 2;

async function relativeErrorFor(activation: Activation): Promise<number> {
  const spec: MlpSpec = { inputSize: 1, hidden: [4, 4], outputSize: 1, activation };
  const batch = sampleSinusoidBatch(createRng(2017, 'gradient-check'), 2, 4, 4);
  const values = initialValues(spec, createRng(2017, 'gradient-check-init'));
  const flat = Float64Array.from(values.flatMap((v) => Array.from(v)));
  const options = { innerLr: INNER_LR, innerSteps: INNER_STEPS, firstOrder: false, activation };
  const gradient = tf.tidy(() => {
    const result = metaGradient(toTensors(spec, values), toTaskTensors(batch), options);
    return tf.concat(result.grads.map((g) => tf.reshape(g, [-1])));
  });
  let engine: Float32Array;
  try {
    engine = (await gradient.data()) as Float32Array;
  } finally {
    gradient.dispose();
  }
  const sizes = layerSizes(spec);
  const problem = tasksFromBatch(batch);
  const expected = finiteDifferences(
    (p) => metaObjective(p, sizes, problem, INNER_LR, INNER_STEPS, activation),
    flat,
    1e-5,
  );
  let diff = 0;
  let norm = 0;
  expected.forEach((e, i) => {
    diff += (engine[i]! - e) ** 2;
    norm += e * e;
  });
  return Math.sqrt(diff / norm);
}

/** Runs the check on the current backend, for ReLU and tanh networks. */
export async function checkSecondOrderGradient(): Promise<GradientCheck> {
  const errors = [await relativeErrorFor('relu'), await relativeErrorFor('tanh')];
  const worst = Math.max(...errors.map((e) => (Number.isFinite(e) ? e : Infinity)));
  const passed = worst < GRADIENT_TOLERANCE;
  const shown = Number.isFinite(worst) ? worst.toExponential(1) : 'not a number';
  return {
    passed,
    relativeError: worst,
    message: passed
      ? `second-order gradient check passed (relative error ${shown})`
      : `second-order gradient check failed: relative error ${shown}, allowed ${GRADIENT_TOLERANCE}`,
  };
}
