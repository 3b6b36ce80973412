/**
 * MAML++'s learned per-step, per-layer inner rates (src/core/learners/mamlpp), against independent
 * computations:
 * - central finite differences of its float64 meta-objective (tests/helpers/float64MamlPlusPlus.ts),
 *   with respect to theta and the rates, second order;
 * - the float64 definition of its first-order meta-gradient;
 * - MAML's vectorised engine, which it must equal when every rate is innerLr;
 * - plain SGD at test time when every rate is one number, also past the steps it learned.
 * Tolerances as for Meta-SGD (metaSgd.test.ts): float32 rounding near 1e-6..1e-5 relative, 1e-3
 * required. Rates are drawn in [-0.02, 0.1] and differ per step, so a step that used another
 * step's rates would show.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { startBackend } from '../../src/cli/nodeBackend';
import {
  MAML_PLUS_PLUS,
  mamlPlusPlusMetaGradient,
} from '../../src/core/learners/mamlpp/regression';
import { metaGradient } from '../../src/core/learners/maml/lowRankMaml';
import { adaptationLosses } from '../../src/core/maml/evaluation';
import { plainSgd } from '../../src/core/maml/perTaskAdaptation';
import { toTaskTensors } from '../../src/core/tasks/taskTensors';
import { paramShapes, toTensors, type Activation } from '../../src/core/model/mlp';
import { createRng } from '../../src/core/random/rng';
import { finiteDifferences } from '../../src/core/check/float64Mlp';
import { sampleSinusoidBatch } from '../../src/core/tasks/sinusoid';
import { mamlPlusPlusFirstOrder, mamlPlusPlusObjective } from '../helpers/float64MamlPlusPlus';
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

function problem(activation: Activation, seed: number, innerSteps: number) {
  const base = sinusoidProblem(HIDDEN, activation, seed, TASKS);
  const rng = createRng(seed, 'rates');
  const rates = Float32Array.from({ length: innerSteps * base.values.length }, () =>
    rng.uniform(-0.02, 0.1),
  );
  return { ...base, rates, rates64: Float64Array.from(rates) };
}

function engine(
  p: ReturnType<typeof problem>,
  rates: Float32Array,
  innerSteps: number,
  firstOrder: boolean,
): { loss: number; grad: Float64Array } {
  const { s, batch, values } = p;
  return scoped(() => {
    const tensors = [...toTensors(s, values), tf.tensor2d(rates, [innerSteps, values.length])];
    const options = { innerSteps, firstOrder, activation: s.activation };
    return readMetaGradient(mamlPlusPlusMetaGradient(tensors, toTaskTensors(batch), options));
  });
}

describe.each(['wasm', 'cpu'] as const)('MAML++ meta-gradient on %s', (backend) => {
  beforeAll(async () => {
    await startBackend(backend);
  });

  it.each(CASES)(
    'with respect to theta and the rates matches finite differences of the float64 objective ($activation, $innerSteps inner steps)',
    ({ activation, innerSteps }) => {
      const p = problem(activation, 41, innerSteps);
      const objective = (v: Float64Array): number =>
        mamlPlusPlusObjective(v, p.sizes, p.tasks64, innerSteps, activation);
      const values64 = new Float64Array([...p.flat, ...p.rates64]);
      const expected = finiteDifferences(objective, values64, FD_STEP);
      const { loss, grad } = engine(p, p.rates, innerSteps, false);

      expect(grad).toHaveLength(p.flat.length + p.rates.length);
      expect(Math.abs(loss - objective(values64)) / objective(values64)).toBeLessThan(1e-5);
      expect(relativeError(grad, expected)).toBeLessThan(TOLERANCE);
      // The rates' share on its own: a handful of entries, not hidden in theta's norm.
      const at = p.flat.length;
      expect(relativeError(grad.subarray(at), expected.subarray(at))).toBeLessThan(TOLERANCE);
    },
  );

  it.each(CASES)(
    'first order equals its float64 definition and differs from second order ($activation, $innerSteps)',
    ({ activation, innerSteps }) => {
      const p = problem(activation, 42, innerSteps);
      const expected = mamlPlusPlusFirstOrder(
        p.flat,
        p.rates64,
        p.sizes,
        p.tasks64,
        innerSteps,
        activation,
      );
      const first = engine(p, p.rates, innerSteps, true);
      const second = engine(p, p.rates, innerSteps, false);
      expect(relativeError(first.grad, expected)).toBeLessThan(TOLERANCE);
      expect(first.loss).toBeCloseTo(second.loss, 5);
      expect(relativeError(first.grad, second.grad)).toBeGreaterThan(10 * TOLERANCE);
    },
  );

  it.each([1, 2])(
    'with every rate equal to innerLr its theta gradient is MAML’s (%i inner steps)',
    (innerSteps) => {
      const p = problem('tanh', 43, innerSteps);
      const innerLr = 0.05;
      const uniform = new Float32Array(p.rates.length).fill(innerLr);
      const plusPlus = engine(p, uniform, innerSteps, false);
      const maml = scoped(() => {
        const options = { innerLr, innerSteps, firstOrder: false, activation: 'tanh' as const };
        const result = metaGradient(toTensors(p.s, p.values), toTaskTensors(p.batch), options);
        return readFlat(result.grads);
      });
      expect(relativeError(plusPlus.grad.subarray(0, maml.length), maml)).toBeLessThan(1e-4);
    },
  );

  it('adapts at test time with each step’s rates, and the last step’s beyond them', async () => {
    const p = problem('relu', 44, 2);
    const options = {
      innerLr: 0.01,
      innerSteps: 2,
      firstOrder: false,
      activation: 'relu' as const,
    };
    const tasks = sampleSinusoidBatch(createRng(44, 'held-out'), 6, 5, 10);
    const evaluate = async (rates: Float32Array, rule: 'learned' | number) => {
      const values = [...toTensors(p.s, p.values), tf.tensor2d(rates, [2, p.values.length])];
      try {
        const innerRule =
          rule === 'learned' ? MAML_PLUS_PLUS.innerRule(values, p.s, options) : plainSgd(rule);
        return await adaptationLosses(
          values.slice(0, -1),
          tasks,
          4,
          0.01,
          p.s.activation,
          innerRule,
        );
      } finally {
        tf.dispose(values);
      }
    };
    const same = new Float32Array(p.rates.length).fill(0.03);
    const learned = await evaluate(same, 'learned');
    const sgd = await evaluate(same, 0.03);
    learned.forEach((step, s) => {
      expect(relativeError(step, sgd[s]!)).toBeLessThan(1e-5);
    });
    // Step 2's rates are 0: from the second step on, nothing moves any more.
    const firstOnly = Float32Array.from(p.rates, (_, at) => (at < p.values.length ? 0.03 : 0));
    const frozen = await evaluate(firstOnly, 'learned');
    expect(relativeError(frozen[1]!, sgd[1]!)).toBeLessThan(1e-5);
    for (const s of [2, 3, 4]) expect(relativeError(frozen[s]!, frozen[1]!)).toBeLessThan(1e-6);
  });

  it('lays out theta, then one rate per step and tensor, all starting at innerLr', () => {
    const p = problem('relu', 45, 3);
    const options = {
      innerLr: 0.02,
      innerSteps: 3,
      firstOrder: false,
      activation: 'relu' as const,
    };
    const shapes = MAML_PLUS_PLUS.valueShapes(p.s, options);
    expect(shapes).toEqual([...paramShapes(p.s), [3, paramShapes(p.s).length]]);
    const initial = MAML_PLUS_PLUS.initialValues(p.values, options);
    expect([...initial[initial.length - 1]!]).toEqual(
      new Array(3 * p.values.length).fill(Math.fround(0.02)),
    );
    const named = MAML_PLUS_PLUS.innerRates(initial, p.s)!;
    expect(named).toHaveLength(3 * p.values.length);
    expect(named[p.values.length]!.name).toBe('step 2, layer 1 weights');
  });

  it('leaves no tensors behind', () => {
    const p = problem('relu', 46, 2);
    engine(p, p.rates, 2, false);
    const before = tf.memory().numTensors;
    for (const firstOrder of [false, true]) engine(p, p.rates, 2, firstOrder);
    expect(tf.memory().numTensors).toBe(before);
  });
});
