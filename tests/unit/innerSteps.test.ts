/**
 * MAML's vectorised engine with several inner steps (3 and 5), where it folds earlier steps into
 * per-task weight offsets (narrow layers) or keeps them as low-rank terms (wide layers):
 * - the second-order meta-gradient against central finite differences of the float64
 *   meta-objective (src/core/check/float64Mlp.ts), with every layer folding;
 * - first order against the query gradient at the float64 adapted parameters;
 * - against the plain per-task loop with nested tfjs autodiff, on a network whose middle layer
 *   folds and on one whose middle layer does not;
 * - against the engine before folding (revisitingLowRankMaml.ts), which computes the same numbers
 *   in a different order;
 * - kernels per meta-iteration grow by the same amount with every step.
 * Tolerances as in metaGradient.test.ts (float32 engines, a hundredfold margin over rounding).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import {
  foldsSteps,
  metaGradient,
  type MamlOptions,
} from '../../src/core/learners/maml/lowRankMaml';
import { revisitingMetaGradient } from '../../src/core/learners/maml/revisitingLowRankMaml';
import { taskLoopMetaGradient } from '../../src/core/learners/maml/taskLoopMaml';
import { toTaskTensors } from '../../src/core/tasks/taskTensors';
import { toTensors, type Activation } from '../../src/core/model/mlp';
import { startBackend } from '../../src/cli/nodeBackend';
import {
  adapt,
  finiteDifferences,
  metaObjective,
  mseGradient,
} from '../../src/core/check/float64Mlp';
import { relativeError, scoped } from '../helpers/fixtures';
import { readMetaGradient, sinusoidProblem } from '../helpers/sinusoidProblem';

const TOLERANCE = 1e-3;
const FD_STEP = 1e-5;
const SMALL_HIDDEN = [8, 8];
const SMALL_TASKS = 4;
const SUPPORT = 5;
const innerLr = 0.05;

function engineGradient(
  hidden: number[],
  activation: Activation,
  options: MamlOptions,
  seed: number,
  tasks: number,
  engine = metaGradient,
): { loss: number; grad: Float64Array; taskLoss: Float32Array } {
  const { s, batch, values } = sinusoidProblem(hidden, activation, seed, tasks);
  return scoped(() =>
    readMetaGradient(engine(toTensors(s, values), toTaskTensors(batch), options)),
  );
}

const CASES = [
  { activation: 'relu', innerSteps: 3 },
  { activation: 'relu', innerSteps: 5 },
  { activation: 'tanh', innerSteps: 3 },
  { activation: 'tanh', innerSteps: 5 },
] as const;

describe('which layers fold their steps', () => {
  it('narrow layers fold, wide ones keep low-rank terms', () => {
    expect(foldsSteps(1, 40, 10)).toBe(true);
    expect(foldsSteps(40, 40, 10)).toBe(true);
    expect(foldsSteps(40, 1, 10)).toBe(true);
    expect(foldsSteps(256, 256, 10)).toBe(false);
    // The test networks below: 1-8-8-1 folds everywhere, 1-48-48-1's middle layer does not.
    expect(foldsSteps(8, 8, SUPPORT)).toBe(true);
    expect(foldsSteps(48, 48, SUPPORT)).toBe(false);
    expect(foldsSteps(1, 48, SUPPORT) && foldsSteps(48, 1, SUPPORT)).toBe(true);
  });
});

describe.each(['wasm', 'cpu'] as const)('MAML with several inner steps on %s', (backend) => {
  beforeAll(async () => {
    await startBackend(backend);
  });

  it.each(CASES)(
    'second order matches finite differences of the float64 meta-objective ($activation, $innerSteps steps)',
    ({ activation, innerSteps }) => {
      const seed = 31;
      const { sizes, tasks64, flat } = sinusoidProblem(SMALL_HIDDEN, activation, seed, SMALL_TASKS);
      const objective = (p: Float64Array): number =>
        metaObjective(p, sizes, tasks64, innerLr, innerSteps, activation);
      const expected = finiteDifferences(objective, flat, FD_STEP);
      const options = { innerLr, innerSteps, firstOrder: false, activation };
      const { loss, grad } = engineGradient(SMALL_HIDDEN, activation, options, seed, SMALL_TASKS);

      expect(Math.abs(loss - objective(flat)) / objective(flat)).toBeLessThan(1e-5);
      expect(relativeError(grad, expected)).toBeLessThan(TOLERANCE);
    },
  );

  it.each(CASES)(
    'first order is the query gradient at the adapted parameters ($activation, $innerSteps steps)',
    ({ activation, innerSteps }) => {
      const seed = 32;
      const { sizes, tasks64, flat } = sinusoidProblem(SMALL_HIDDEN, activation, seed, SMALL_TASKS);
      const expected = new Float64Array(flat.length);
      for (const task of tasks64) {
        const adapted = adapt(flat, sizes, task, innerLr, innerSteps, activation);
        const g = mseGradient(adapted, sizes, task.queryX, task.queryY, activation);
        g.forEach((v, i) => (expected[i]! += v / tasks64.length));
      }
      const options = { innerLr, innerSteps, firstOrder: true, activation };
      const first = engineGradient(SMALL_HIDDEN, activation, options, seed, SMALL_TASKS);
      expect(relativeError(first.grad, expected)).toBeLessThan(TOLERANCE);
    },
  );

  it.each([
    { hidden: [40, 40], innerSteps: 3, firstOrder: false },
    { hidden: [40, 40], innerSteps: 5, firstOrder: false },
    { hidden: [40, 40], innerSteps: 5, firstOrder: true },
    { hidden: [48, 48], innerSteps: 3, firstOrder: false },
    { hidden: [48, 48], innerSteps: 5, firstOrder: false },
    { hidden: [48, 48], innerSteps: 5, firstOrder: true },
  ])(
    'equals the per-task loop and the engine before folding (1-$hidden-1, $innerSteps steps, firstOrder $firstOrder)',
    ({ hidden, innerSteps, firstOrder }) => {
      const options = { innerLr: 0.01, innerSteps, firstOrder, activation: 'relu' as const };
      const vectorised = engineGradient(hidden, 'relu', options, 21, 10);
      const loop = engineGradient(hidden, 'relu', options, 21, 10, taskLoopMetaGradient);
      const before = engineGradient(hidden, 'relu', options, 21, 10, revisitingMetaGradient);
      expect(relativeError(vectorised.taskLoss, loop.taskLoss)).toBeLessThan(1e-5);
      expect(relativeError(vectorised.grad, loop.grad)).toBeLessThan(1e-4);
      expect(relativeError(vectorised.taskLoss, before.taskLoss)).toBeLessThan(1e-5);
      expect(relativeError(vectorised.grad, before.grad)).toBeLessThan(1e-4);
    },
  );

  it('one inner step computes exactly what the engine before folding did', () => {
    const options = {
      innerLr: 0.01,
      innerSteps: 1,
      firstOrder: false,
      activation: 'relu' as const,
    };
    const now = engineGradient([40, 40], 'relu', options, 5, 25);
    const before = engineGradient([40, 40], 'relu', options, 5, 25, revisitingMetaGradient);
    expect(Array.from(now.taskLoss)).toEqual(Array.from(before.taskLoss));
    expect(Array.from(now.grad)).toEqual(Array.from(before.grad));
  });

  it('every further inner step adds the same number of kernels (1-40-40-1)', async () => {
    const { s, batch, values } = sinusoidProblem([40, 40], 'relu', 7, 25);
    const kernels = async (innerSteps: number): Promise<number> => {
      const options = { innerLr: 0.01, innerSteps, firstOrder: false, activation: 'relu' as const };
      const profile = await tf.profile(() =>
        tf.tidy(() => {
          const result = metaGradient(toTensors(s, values), toTaskTensors(batch), options);
          return tf.concat([result.taskLoss, ...result.grads.map((g) => tf.reshape(g, [-1]))]);
        }),
      );
      (profile.result as tf.Tensor).dispose();
      return profile.kernels.length;
    };
    const counts: number[] = [];
    for (let steps = 2; steps <= 5; steps++) counts.push(await kernels(steps));
    const increments = counts.slice(1).map((count, i) => count - counts[i]!);
    expect(new Set(increments).size).toBe(1);
  });

  it('leaves no tensors behind with several steps and mixed layers', () => {
    const options = {
      innerLr: 0.01,
      innerSteps: 4,
      firstOrder: false,
      activation: 'relu' as const,
    };
    engineGradient([48, 48], 'relu', options, 1, 5);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) engineGradient([48, 48], 'relu', options, i, 5);
    engineGradient([48, 48], 'relu', { ...options, firstOrder: true }, 9, 5);
    expect(tf.memory().numTensors).toBe(before);
  });
});
