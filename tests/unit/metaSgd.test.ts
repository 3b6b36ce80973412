/**
 * Meta-SGD's meta-gradient, with respect to the initial weights theta and the per-weight rates
 * alpha together, against independent computations:
 * - central finite differences of the float64 meta-objective (src/core/check/float64MetaLearners.ts);
 * - first-order Meta-SGD's float64 definition;
 * - MAML's vectorised engine, which Meta-SGD must equal when every rate is innerLr.
 *
 * Tolerance. As for MAML (metaGradient.test.ts): float32 engines, a few hundred products and sums
 * per entry through an inner backward pass and its derivative, so rounding near 1e-6 to 1e-5
 * relative; float64 finite differences with h = 1e-5 are accurate to about 1e-9. We require a
 * relative error (2-norm) below 1e-3: a hundredfold margin over float32 noise, still tenfold below
 * the gap between first- and second-order meta-gradients that a wrong second-order term would show.
 * The rates are drawn at random in [-0.02, 0.1], some negative, so that alpha's own gradient is
 * not a special case of MAML's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { startBackend } from '../../src/cli/nodeBackend';
import { metaSgdMetaGradient } from '../../src/core/learners/metasgd/regression';
import { metaGradient } from '../../src/core/learners/maml/lowRankMaml';
import { toTaskTensors } from '../../src/core/tasks/taskTensors';
import { paramShapes, toTensors, type Activation } from '../../src/core/model/mlp';
import { createRng } from '../../src/core/random/rng';
import { finiteDifferences } from '../../src/core/check/float64Mlp';
import { metaSgdFirstOrder, metaSgdObjective } from '../../src/core/check/float64MetaLearners';
import { readFlat, relativeError, scoped } from '../helpers/fixtures';
import {
  ACTIVATION_STEP_CASES as CASES,
  readMetaGradient,
  sinusoidProblem,
} from '../helpers/sinusoidProblem';

const TOLERANCE = 1e-3;
const FD_STEP = 1e-5;
const HIDDEN = [8, 8];
const TASKS = 4;

/** Rates of theta's shapes, uniform in [-0.02, 0.1]. */
function randomRates(values: readonly Float32Array[], seed: number): Float32Array[] {
  const rng = createRng(seed, 'rates');
  return values.map((v) => Float32Array.from(v, () => rng.uniform(-0.02, 0.1)));
}

function problem(activation: Activation, seed: number) {
  const base = sinusoidProblem(HIDDEN, activation, seed, TASKS);
  const alpha = randomRates(base.values, seed);
  return {
    ...base,
    alpha,
    theta64: base.flat,
    alpha64: Float64Array.from(alpha.flatMap((a) => [...a])),
  };
}

function engine(
  p: ReturnType<typeof problem>,
  alpha: Float32Array[],
  innerSteps: number,
  firstOrder: boolean,
): { loss: number; grad: Float64Array } {
  const { s, batch, values } = p;
  return scoped(() => {
    const tensors = [...toTensors(s, values), ...toTensors(s, alpha)];
    const options = { innerSteps, firstOrder, activation: s.activation };
    return readMetaGradient(metaSgdMetaGradient(tensors, toTaskTensors(batch), options));
  });
}

describe.each(['wasm', 'cpu'] as const)('Meta-SGD meta-gradient on %s', (backend) => {
  beforeAll(async () => {
    await startBackend(backend);
  });

  it.each(CASES)(
    'with respect to theta and alpha matches finite differences of the float64 objective ($activation, $innerSteps inner steps)',
    ({ activation, innerSteps }) => {
      const p = problem(activation, 31);
      const { sizes, tasks64 } = p;
      const objective = (v: Float64Array): number =>
        metaSgdObjective(v, sizes, tasks64, innerSteps, activation);
      const values64 = new Float64Array([...p.theta64, ...p.alpha64]);
      const expected = finiteDifferences(objective, values64, FD_STEP);
      const { loss, grad } = engine(p, p.alpha, innerSteps, false);

      expect(grad).toHaveLength(2 * p.theta64.length);
      expect(Math.abs(loss - objective(values64)) / objective(values64)).toBeLessThan(1e-5);
      expect(relativeError(grad, expected)).toBeLessThan(TOLERANCE);
      // The rates' own share is checked on its own, not hidden in theta's larger norm.
      const half = p.theta64.length;
      expect(relativeError(grad.subarray(half), expected.subarray(half))).toBeLessThan(TOLERANCE);
    },
  );

  it.each(CASES)(
    'first order equals its float64 definition and differs from second order ($activation, $innerSteps)',
    ({ activation, innerSteps }) => {
      const p = problem(activation, 32);
      const expected = metaSgdFirstOrder(
        p.theta64,
        p.alpha64,
        p.sizes,
        p.tasks64,
        innerSteps,
        activation,
      );
      const first = engine(p, p.alpha, innerSteps, true);
      const second = engine(p, p.alpha, innerSteps, false);
      expect(relativeError(first.grad, expected)).toBeLessThan(TOLERANCE);
      expect(first.loss).toBeCloseTo(second.loss, 5);
      expect(relativeError(first.grad, second.grad)).toBeGreaterThan(10 * TOLERANCE);
    },
  );

  it.each([1, 2])(
    'with every rate equal to innerLr its theta gradient is MAML’s (%i inner steps)',
    (innerSteps) => {
      const p = problem('tanh', 33);
      const innerLr = 0.05;
      const uniform = p.values.map((v) => new Float32Array(v.length).fill(innerLr));
      const metaSgd = engine(p, uniform, innerSteps, false);
      const maml = scoped(() => {
        const options = { innerLr, innerSteps, firstOrder: false, activation: 'tanh' as const };
        const result = metaGradient(toTensors(p.s, p.values), toTaskTensors(p.batch), options);
        return readFlat(result.grads);
      });
      const theta = metaSgd.grad.subarray(0, maml.length);
      expect(relativeError(theta, maml)).toBeLessThan(1e-4);
    },
  );

  it('leaves no tensors behind', () => {
    const p = problem('relu', 34);
    expect(paramShapes(p.s)).toHaveLength(p.alpha.length);
    engine(p, p.alpha, 2, false);
    const before = tf.memory().numTensors;
    for (const firstOrder of [false, true]) engine(p, p.alpha, 2, firstOrder);
    expect(tf.memory().numTensors).toBe(before);
  });
});
