/**
 * The classification engines of MAML's relatives against independent float64 computations
 * (src/core/check/float64ClassifierMetaLearners.ts, on the hand-written network of
 * float64Classifier.ts):
 * - Meta-SGD and ANIL, second order: the full meta-gradient (Meta-SGD: with respect to theta and
 *   alpha) against central finite differences of the float64 meta-objective;
 * - their first-order variants, first-order MAML and Reptile against their float64 definitions;
 * - test-time adaptation with learned rates and with the head only, step by step.
 *
 * Tolerance and finite-difference step as in classifierGradient.test.ts, for the same reasons: the
 * engines compute in float32 (expected relative error 1e-6 to 1e-5 through batch normalisation and
 * a differentiated inner backward pass), h = 1e-7 keeps each difference from straddling a ReLU
 * kink of the inner loop, and 1e-3 stays far below the first-to-second-order gap (checked here
 * too, so a dropped second-order term cannot pass).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { startBackend } from '../../src/cli/nodeBackend';
import type { ClassifierSpec } from '../../src/core/classification/types';
import {
  classificationTensors,
  disposeClassificationTensors,
} from '../../src/core/classification/classificationTensors';
import {
  classificationMetaGradient,
  type ClassificationMetaGradient,
} from '../../src/core/learners/maml/classification';
import { evaluateClassificationAdaptation } from '../../src/core/classification/adaptation';
import { metaSgdClassificationGradient } from '../../src/core/learners/metasgd/classification';
import { anilClassificationGradient } from '../../src/core/learners/anil/classification';
import { firstOrderMamlClassificationGradient } from '../../src/core/learners/fomaml/classification';
import { reptileClassificationStep } from '../../src/core/learners/reptile/classification';
import { toClassifierTensors } from '../../src/core/model/classifierParams';
import { finiteDifferences } from '../../src/core/check/float64Mlp';
import {
  adapt64,
  firstOrderMamlGradient64,
  loss64,
} from '../../src/core/check/float64ClassifierObjectives';
import {
  adaptWithRates64,
  anilObjective64,
  firstOrderGradient64,
  headOnlyRates64,
  metaSgdObjective64,
  reptileDirection64,
} from '../../src/core/check/float64ClassifierMetaLearners';
import { flatten, relativeError, scoped } from '../helpers/fixtures';
import {
  CONV_BATCH,
  MLP,
  classifierProblem,
  mean,
  readClassification,
} from '../helpers/classifierProblem';

const TOLERANCE = 1e-3;
const FD_STEP = 1e-7;
const INNER_LR = 0.4;

const CASES = [
  { name: 'conv, batch norm', spec: CONV_BATCH, innerSteps: 1 },
  { name: 'conv, batch norm', spec: CONV_BATCH, innerSteps: 2 },
  { name: 'mlp', spec: MLP, innerSteps: 1 },
  { name: 'mlp', spec: MLP, innerSteps: 2 },
];

/**
 * The shared classifier problem (theta at a generic point, away from ReLU's kinks), with alpha
 * around INNER_LR, different for every weight, drawn after theta's offsets from the same stream.
 */
function problem(spec: ClassifierSpec, seed: number, tasks = 3) {
  const base = classifierProblem(spec, seed, tasks);
  const alpha = base.values.map((v) => v.map(() => INNER_LR + base.offsets.uniform(-0.1, 0.1)));
  return { ...base, alpha, flatAlpha: flatten(alpha) };
}

type Problem = ReturnType<typeof problem>;

interface Read {
  readonly grad: Float64Array;
  readonly lossBefore: Float32Array;
  readonly lossAfter: Float32Array;
  readonly accuracyAfter: Float32Array;
}

type Engine = (
  theta: tf.Tensor[],
  alpha: tf.Tensor[],
  tensors: ReturnType<typeof classificationTensors>,
) => ClassificationMetaGradient;

function run(spec: ClassifierSpec, p: Problem, engine: Engine): Read {
  return scoped(() => {
    const r = engine(
      toClassifierTensors(spec, p.values),
      toClassifierTensors(spec, p.alpha),
      classificationTensors(p.batch),
    );
    return readClassification(r);
  });
}

const metaSgd =
  (spec: ClassifierSpec, innerSteps: number, firstOrder: boolean, tasksPerPass?: number): Engine =>
  (theta, alpha, tensors) =>
    metaSgdClassificationGradient(spec, theta, alpha, tensors, {
      innerSteps,
      firstOrder,
      ...(tasksPerPass ? { tasksPerPass } : {}),
    });

const anil =
  (spec: ClassifierSpec, innerSteps: number, firstOrder: boolean, tasksPerPass?: number): Engine =>
  (theta, _alpha, tensors) =>
    anilClassificationGradient(spec, theta, tensors, {
      innerLr: INNER_LR,
      innerSteps,
      firstOrder,
      ...(tasksPerPass ? { tasksPerPass } : {}),
    });

const reptile =
  (spec: ClassifierSpec, innerSteps: number, tasksPerPass?: number): Engine =>
  (theta, _alpha, tensors) =>
    reptileClassificationStep(spec, theta, tensors, {
      innerLr: INNER_LR,
      innerSteps,
      ...(tasksPerPass ? { tasksPerPass } : {}),
    });

function joined(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

describe.each(['wasm', 'cpu'] as const)('meta-learners for classification on %s', (backend) => {
  beforeAll(async () => {
    await startBackend(backend);
  });

  it.each(CASES)(
    'Meta-SGD: the gradient with respect to theta and alpha matches finite differences ($name, $innerSteps inner steps)',
    ({ spec, innerSteps }) => {
      const p = problem(spec, 21);
      const objective = (x: Float64Array): number =>
        metaSgdObjective64(spec, x, p.tasks64, innerSteps);
      const point = joined(p.flat, p.flatAlpha);
      const expected = finiteDifferences(objective, point, FD_STEP);
      const result = run(spec, p, metaSgd(spec, innerSteps, false));

      expect(relativeError(result.grad, expected)).toBeLessThan(TOLERANCE);
      // Each half on its own too: alpha's gradient is much smaller than theta's.
      const n = p.flat.length;
      expect(relativeError(result.grad.subarray(n), expected.subarray(n))).toBeLessThan(TOLERANCE);
      expect(Math.abs(mean(result.lossAfter) - objective(point))).toBeLessThan(1e-5);
    },
  );

  it.each(CASES)(
    'ANIL: the meta-gradient with respect to every parameter matches finite differences ($name, $innerSteps inner steps)',
    ({ spec, innerSteps }) => {
      const p = problem(spec, 22);
      const objective = (theta: Float64Array): number =>
        anilObjective64(spec, theta, p.tasks64, INNER_LR, innerSteps);
      const expected = finiteDifferences(objective, p.flat, FD_STEP);
      const result = run(spec, p, anil(spec, innerSteps, false));

      expect(relativeError(result.grad, expected)).toBeLessThan(TOLERANCE);
      expect(Math.abs(mean(result.lossAfter) - objective(p.flat))).toBeLessThan(1e-5);
      p.tasks64.forEach((task, t) => {
        const before = loss64(spec, p.flat, task.queryImages, task.queryLabels);
        expect(result.lossBefore[t]).toBeCloseTo(before, 5);
      });
    },
  );

  it.each(CASES)(
    'first-order Meta-SGD and ANIL hold the inner gradients constant, and differ from second order ($name, $innerSteps)',
    ({ spec, innerSteps }) => {
      const p = problem(spec, 23);
      const n = p.flat.length;
      const sgd = firstOrderGradient64(spec, p.flat, p.flatAlpha, p.tasks64, innerSteps);
      const sgdFirst = run(spec, p, metaSgd(spec, innerSteps, true));
      expect(relativeError(sgdFirst.grad.subarray(0, n), sgd.theta)).toBeLessThan(TOLERANCE);
      expect(relativeError(sgdFirst.grad.subarray(n), sgd.rates)).toBeLessThan(TOLERANCE);
      const sgdSecond = run(spec, p, metaSgd(spec, innerSteps, false));
      expect(relativeError(sgdFirst.grad, sgdSecond.grad)).toBeGreaterThan(100 * TOLERANCE);

      const head = headOnlyRates64(spec, INNER_LR);
      const anilExpected = firstOrderGradient64(spec, p.flat, head, p.tasks64, innerSteps);
      const anilFirst = run(spec, p, anil(spec, innerSteps, true));
      expect(relativeError(anilFirst.grad, anilExpected.theta)).toBeLessThan(TOLERANCE);
      const anilSecond = run(spec, p, anil(spec, innerSteps, false));
      expect(relativeError(anilFirst.grad, anilSecond.grad)).toBeGreaterThan(100 * TOLERANCE);
      expect(relativeError(anilFirst.lossAfter, anilSecond.lossAfter)).toBeLessThan(1e-6);
    },
  );

  it.each(CASES)(
    'first-order MAML is the query gradient at the adapted parameters ($name, $innerSteps)',
    ({ spec, innerSteps }) => {
      const p = problem(spec, 24);
      const expected = firstOrderMamlGradient64(spec, p.flat, p.tasks64, INNER_LR, innerSteps);
      const result = run(spec, p, (theta, _alpha, tensors) =>
        firstOrderMamlClassificationGradient(spec, theta, tensors, {
          innerLr: INNER_LR,
          innerSteps,
        }),
      );
      expect(relativeError(result.grad, expected)).toBeLessThan(TOLERANCE);
    },
  );

  it.each(CASES)(
    "Reptile's direction is theta minus the mean of the parameters after SGD on support and query ($name, $innerSteps)",
    ({ spec, innerSteps }) => {
      const p = problem(spec, 25);
      const expected = reptileDirection64(spec, p.flat, p.tasks64, INNER_LR, innerSteps);
      const result = run(spec, p, reptile(spec, innerSteps));
      expect(relativeError(result.grad, expected)).toBeLessThan(TOLERANCE);
      // What it reports: the query loss before, and after adapting on the support set only.
      p.tasks64.forEach((task, t) => {
        const adapted = adapt64(spec, p.flat, task, INNER_LR, innerSteps);
        const after = loss64(spec, adapted, task.queryImages, task.queryLabels);
        expect(result.lossAfter[t]).toBeCloseTo(after, 5);
        const before = loss64(spec, p.flat, task.queryImages, task.queryLabels);
        expect(result.lossBefore[t]).toBeCloseTo(before, 5);
      });
    },
  );

  it('Meta-SGD with every rate at innerLr is MAML (its first meta-iteration)', () => {
    const p = problem(CONV_BATCH, 26);
    const alpha = p.alpha.map((v) => v.map(() => INNER_LR));
    const options = { innerSteps: 2, firstOrder: false };
    const sgd = run(CONV_BATCH, { ...p, alpha }, metaSgd(CONV_BATCH, 2, false));
    const maml = run(CONV_BATCH, p, (theta, _alpha, tensors) =>
      classificationMetaGradient(CONV_BATCH, theta, tensors, { ...options, innerLr: INNER_LR }),
    );
    const n = p.flat.length;
    expect(relativeError(sgd.grad.subarray(0, n), maml.grad)).toBeLessThan(1e-5);
    expect(relativeError(sgd.lossAfter, maml.lossAfter)).toBeLessThan(1e-6);
  });

  it('give the same results in one pass and one task at a time', () => {
    const p = problem(CONV_BATCH, 27, 4);
    const engines: [string, (perPass: number) => Engine][] = [
      ['metasgd', (perPass) => metaSgd(CONV_BATCH, 2, false, perPass)],
      ['anil', (perPass) => anil(CONV_BATCH, 2, false, perPass)],
      ['reptile', (perPass) => reptile(CONV_BATCH, 2, perPass)],
    ];
    for (const [, engine] of engines) {
      const together = run(CONV_BATCH, p, engine(4));
      const split = run(CONV_BATCH, p, engine(1));
      expect(relativeError(split.grad, together.grad)).toBeLessThan(1e-5);
      expect(relativeError(split.lossAfter, together.lossAfter)).toBeLessThan(1e-5);
      expect(Array.from(split.accuracyAfter)).toEqual(Array.from(together.accuracyAfter));
    }
  });

  it('leave no tensors behind', () => {
    const p = problem(CONV_BATCH, 28, 2);
    const all = (perPass: number): Engine[] => [
      metaSgd(CONV_BATCH, 2, false, perPass),
      metaSgd(CONV_BATCH, 2, true, perPass),
      anil(CONV_BATCH, 2, false, perPass),
      anil(CONV_BATCH, 2, true, perPass),
      reptile(CONV_BATCH, 2, perPass),
    ];
    const runAll = (perPass: number): void => {
      for (const engine of all(perPass)) {
        const theta = toClassifierTensors(CONV_BATCH, p.values);
        const alpha = toClassifierTensors(CONV_BATCH, p.alpha);
        const tensors = classificationTensors(p.batch);
        const r = engine(theta, alpha, tensors);
        tf.dispose([...r.grads, r.taskLossBefore, r.taskAccuracyBefore, r.taskLossAfter]);
        tf.dispose([r.taskAccuracyAfter, ...theta, ...alpha]);
        disposeClassificationTensors(tensors);
      }
    };
    runAll(1);
    const before = tf.memory().numTensors;
    runAll(1);
    runAll(2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('adapt at test time with learned rates, or the head only, as the float64 reference does', async () => {
    const p = problem(CONV_BATCH, 29);
    const theta = toClassifierTensors(CONV_BATCH, p.values);
    const alpha = toClassifierTensors(CONV_BATCH, p.alpha);
    const tensors = classificationTensors(p.batch);
    const before = tf.memory().numTensors;
    const steps = 2;
    const cases = [
      { options: { rates: alpha }, rates: p.flatAlpha },
      { options: { adapts: 'head' as const }, rates: headOnlyRates64(CONV_BATCH, INNER_LR) },
    ];
    for (const { options, rates } of cases) {
      const curves = await evaluateClassificationAdaptation(CONV_BATCH, theta, tensors, {
        innerLr: INNER_LR,
        steps,
        predictions: false,
        ...options,
      });
      for (let s = 0; s <= steps; s++) {
        const expected = p.tasks64.map((task) => {
          const adapted = adaptWithRates64(CONV_BATCH, p.flat, task, rates, s);
          return loss64(CONV_BATCH, adapted, task.queryImages, task.queryLabels);
        });
        const actual = curves.queryLoss.subarray(s * 3, (s + 1) * 3);
        expect(relativeError(actual, expected)).toBeLessThan(1e-5);
      }
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([...theta, ...alpha]);
    disposeClassificationTensors(tensors);
  });
});
