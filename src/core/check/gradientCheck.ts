/**
 * A quick proof that the active tfjs backend computes MAML's second-order meta-gradient correctly:
 * the engines' gradients on tiny fixed problems against central finite differences of the same
 * meta-objectives computed in float64 by plain JavaScript: the sinusoid MLP (float64Mlp.ts) and a
 * small convolutional classifier with batch normalisation (float64Classifier.ts). Backends are
 * trusted only after passing it, since a wrong kernel would otherwise corrupt training silently.
 */
import { tf } from '../tfjs/tf';
import { createRng } from '../random/rng';
import { sampleSinusoidBatch } from '../tasks/sinusoid';
import { toTaskTensors } from '../tasks/taskTensors';
import { initialValues, layerSizes, toTensors, type Activation, type MlpSpec } from '../model/mlp';
import { metaGradient } from '../learners/maml/lowRankMaml';
import { finiteDifferences, metaObjective, tasksFromBatch } from './float64Mlp';
import type { ClassifierSpec } from '../classification/types';
import { randomClassificationBatch } from '../classification/randomBatch';
import { classificationTensors } from '../classification/classificationTensors';
import { classificationMetaGradient } from '../learners/maml/classification';
import { initialClassifierValues, toClassifierTensors } from '../model/classifierParams';
import { classTasksFromBatch, mamlObjective64 } from './float64ClassifierObjectives';

/** Relative error (2-norm) allowed; the tests justify this bound for float32 engines. */
export const GRADIENT_TOLERANCE = 1e-3;

export interface GradientCheck {
  readonly passed: boolean;
  /** ||engine - finite differences|| / ||finite differences||, worst over the checked networks. */
  readonly relativeError: number;
  /** Each network's relative error, and how long its check took (first runs compile kernels). */
  readonly checks: readonly {
    readonly network: string;
    readonly relativeError: number;
    readonly milliseconds: number;
  }[];
  readonly message: string;
}

const INNER_LR = 0.05;
const INNER_STEPS = 2;

/** ||engine - expected|| / ||expected||. */
function relativeError(engine: ArrayLike<number>, expected: ArrayLike<number>): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < expected.length; i++) {
    diff += (engine[i]! - expected[i]!) ** 2;
    norm += expected[i]! ** 2;
  }
  return Math.sqrt(diff / norm);
}

/** Reads a flat gradient computed by `compute` and frees it. */
async function readGradient(compute: () => tf.Tensor[]): Promise<Float32Array> {
  const flat = tf.tidy(() => tf.concat(compute().map((g) => tf.reshape(g, [-1]))));
  try {
    return (await flat.data()) as Float32Array;
  } finally {
    flat.dispose();
  }
}

/**
 * The classification engine on a 2-task, 2-way 1-shot problem: 6x6 images, two conv blocks of
 * 2 filters with batch normalisation, one inner step (80 parameters; the float64 finite
 * differences take a few milliseconds).
 */
async function classifierRelativeError(): Promise<number> {
  const spec: ClassifierSpec = {
    kind: 'conv',
    imageSize: 6,
    filters: 2,
    blocks: 2,
    norm: 'batch',
    outputs: 2,
  };
  const shape = { tasks: 2, ways: 2, shots: 1, queries: 2, imageSize: 6 };
  const batch = randomClassificationBatch(createRng(2017, 'classifier-check'), shape);
  const values = initialClassifierValues(spec, createRng(2017, 'classifier-check-init'));
  const options = { innerLr: 0.4, innerSteps: 1, firstOrder: false };
  const engine = await readGradient(
    () =>
      classificationMetaGradient(
        spec,
        toClassifierTensors(spec, values),
        classificationTensors(batch),
        options,
      ).grads,
  );
  const tasks = classTasksFromBatch(batch);
  // A small step: with ReLU the meta-objective jumps where a unit's input crosses zero in the
  // inner loop, and a larger step may straddle such a point (float64 rounding stays near 1e-9).
  const expected = finiteDifferences(
    (p) => mamlObjective64(spec, p, tasks, options.innerLr, options.innerSteps),
    Float64Array.from(values.flatMap((v) => Array.from(v))),
    1e-7,
  );
  return relativeError(engine, expected);
}

async function relativeErrorFor(activation: Activation): Promise<number> {
  const spec: MlpSpec = { inputSize: 1, hidden: [4, 4], outputSize: 1, activation };
  const batch = sampleSinusoidBatch(createRng(2017, 'gradient-check'), 2, 4, 4);
  const values = initialValues(spec, createRng(2017, 'gradient-check-init'));
  const flat = Float64Array.from(values.flatMap((v) => Array.from(v)));
  const options = { innerLr: INNER_LR, innerSteps: INNER_STEPS, firstOrder: false, activation };
  const engine = await readGradient(
    () => metaGradient(toTensors(spec, values), toTaskTensors(batch), options).grads,
  );
  const sizes = layerSizes(spec);
  const problem = tasksFromBatch(batch);
  const expected = finiteDifferences(
    (p) => metaObjective(p, sizes, problem, INNER_LR, INNER_STEPS, activation),
    flat,
    1e-5,
  );
  return relativeError(engine, expected);
}

/** Runs the check on the current backend: ReLU and tanh MLPs, and a convolutional classifier. */
export async function checkSecondOrderGradient(): Promise<GradientCheck> {
  const timed = async (network: string, run: () => Promise<number>) => {
    const started = Date.now();
    const relativeError = await run();
    return { network, relativeError, milliseconds: Date.now() - started };
  };
  const checks = [
    await timed('sinusoid MLP, ReLU', () => relativeErrorFor('relu')),
    await timed('sinusoid MLP, tanh', () => relativeErrorFor('tanh')),
    await timed('conv classifier, batch norm', classifierRelativeError),
  ];
  const worst = Math.max(
    ...checks.map(({ relativeError: e }) => (Number.isFinite(e) ? e : Infinity)),
  );
  const passed = worst < GRADIENT_TOLERANCE;
  const shown = Number.isFinite(worst) ? worst.toExponential(1) : 'not a number';
  const culprit = checks.find(({ relativeError: e }) => !(e < GRADIENT_TOLERANCE))?.network;
  return {
    passed,
    relativeError: worst,
    checks,
    message: passed
      ? `second-order gradient check passed (relative error ${shown})`
      : `second-order gradient check failed (${culprit}): relative error ${shown}, ` +
        `allowed ${GRADIENT_TOLERANCE}`,
  };
}
