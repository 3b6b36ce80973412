/**
 * ANIL's meta-gradient against independent computations: central finite differences of the
 * float64 meta-objective with head-only inner steps (src/core/check/float64MetaLearners.ts), the
 * first-order definition, and MAML for a network with no hidden layer (where the head is all).
 *
 * Tolerance: 1e-3 relative error in the 2-norm, justified as in metaGradient.test.ts (float32
 * rounding near 1e-6 to 1e-5, float64 finite differences near 1e-9, and the first/second-order gap
 * far above the bound).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { startBackend } from '../../src/cli/nodeBackend';
import { anilMetaGradient } from '../../src/core/learners/anil/regression';
import { metaGradient } from '../../src/core/learners/maml/lowRankMaml';
import { toTaskTensors } from '../../src/core/tasks/taskTensors';
import { toTensors, type Activation } from '../../src/core/model/mlp';
import { finiteDifferences } from '../../src/core/check/float64Mlp';
import { anilFirstOrder, anilObjective, headStart } from '../../src/core/check/float64MetaLearners';
import { relativeError, scoped } from '../helpers/fixtures';
import {
  ACTIVATION_STEP_CASES as CASES,
  readMetaGradient,
  sinusoidProblem,
} from '../helpers/sinusoidProblem';

const TOLERANCE = 1e-3;
const FD_STEP = 1e-5;
const TASKS = 4;
const innerLr = 0.05;

function engine(
  hidden: number[],
  activation: Activation,
  seed: number,
  innerSteps: number,
  firstOrder: boolean,
  run = anilMetaGradient,
): { loss: number; grad: Float64Array } {
  const { s, batch, values } = sinusoidProblem(hidden, activation, seed, TASKS);
  return scoped(() => {
    const options = { innerLr, innerSteps, firstOrder, activation };
    return readMetaGradient(run(toTensors(s, values), toTaskTensors(batch), options));
  });
}

const reference = (activation: Activation, seed: number) =>
  sinusoidProblem([8, 8], activation, seed, TASKS);

describe.each(['wasm', 'cpu'] as const)('ANIL meta-gradient on %s', (backend) => {
  beforeAll(async () => {
    await startBackend(backend);
  });

  it.each(CASES)(
    'matches finite differences of the float64 objective, body and head ($activation, $innerSteps inner steps)',
    ({ activation, innerSteps }) => {
      const { sizes, tasks64, flat } = reference(activation, 41);
      const objective = (p: Float64Array): number =>
        anilObjective(p, sizes, tasks64, innerLr, innerSteps, activation);
      const expected = finiteDifferences(objective, flat, FD_STEP);
      const { loss, grad } = engine([8, 8], activation, 41, innerSteps, false);

      expect(Math.abs(loss - objective(flat)) / objective(flat)).toBeLessThan(1e-5);
      expect(relativeError(grad, expected)).toBeLessThan(TOLERANCE);
      // The body's share, which reaches it only through the features, checked on its own.
      const head = headStart(sizes);
      expect(relativeError(grad.subarray(0, head), expected.subarray(0, head))).toBeLessThan(
        TOLERANCE,
      );
    },
  );

  it.each(CASES)(
    'first order is the query gradient at the head-adapted weights, and differs from second order ($activation, $innerSteps)',
    ({ activation, innerSteps }) => {
      const { sizes, tasks64, flat } = reference(activation, 42);
      const expected = anilFirstOrder(flat, sizes, tasks64, innerLr, innerSteps, activation);
      const first = engine([8, 8], activation, 42, innerSteps, true);
      const second = engine([8, 8], activation, 42, innerSteps, false);
      expect(relativeError(first.grad, expected)).toBeLessThan(TOLERANCE);
      expect(first.loss).toBeCloseTo(second.loss, 5);
      expect(relativeError(first.grad, second.grad)).toBeGreaterThan(10 * TOLERANCE);
    },
  );

  it('adapts the head only: its objective differs from MAML’s, unless the head is the whole network', () => {
    const anil = engine([8, 8], 'tanh', 43, 2, false);
    const maml = engine([8, 8], 'tanh', 43, 2, false, metaGradient);
    expect(Math.abs(anil.loss - maml.loss)).toBeGreaterThan(1e-4);
    const linearAnil = engine([], 'tanh', 43, 2, false);
    const linearMaml = engine([], 'tanh', 43, 2, false, metaGradient);
    expect(linearAnil.loss).toBeCloseTo(linearMaml.loss, 6);
    expect(relativeError(linearAnil.grad, linearMaml.grad)).toBeLessThan(1e-5);
  });

  it('leaves no tensors behind', () => {
    engine([40, 40], 'relu', 1, 2, false);
    const before = tf.memory().numTensors;
    for (const firstOrder of [false, true]) engine([40, 40], 'relu', 2, 2, firstOrder);
    expect(tf.memory().numTensors).toBe(before);
  });
});
