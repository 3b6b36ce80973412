/**
 * The vectorised MAML meta-gradient against independent computations:
 * - central finite differences of the full meta-objective, computed in float64 by a separate
 *   implementation (src/core/check/float64Mlp.ts);
 * - the plain per-task loop with nested tfjs autodiff;
 * - first-order MAML's definition (the query-loss gradient at the adapted parameters).
 *
 * Tolerance. The engines compute in float32 (unit roundoff 6e-8). A meta-gradient entry is built
 * from a few hundred products and sums, through an inner backward pass and its derivative, so its
 * rounding error is expected around 1e-6 to 1e-5 relative; the float64 finite differences
 * (h = 1e-5) are accurate to about 1e-9. We require a relative error (in the 2-norm) below 1e-3:
 * a hundredfold margin over float32 noise, and still tenfold smaller than the gap between
 * first- and second-order meta-gradients, which a wrong second-order term would fall into.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { metaGradient, type MamlOptions } from '../../src/core/learners/maml/lowRankMaml';
import { taskLoopMetaGradient } from '../../src/core/learners/maml/taskLoopMaml';
import { toTaskTensors } from '../../src/core/tasks/taskTensors';
import { toTensors, type Activation } from '../../src/core/model/mlp';
import { startBackend } from '../../src/cli/nodeBackend';
import {
  adapt,
  finiteDifferences,
  layout,
  metaObjective,
  mseGradient,
  mseLoss,
} from '../../src/core/check/float64Mlp';
import { readFlat, relativeError, scoped } from '../helpers/fixtures';
import { readMetaGradient, sinusoidProblem } from '../helpers/sinusoidProblem';

const TOLERANCE = 1e-3;
const FD_STEP = 1e-5;

interface Case {
  readonly activation: Activation;
  readonly innerSteps: number;
}
const CASES: Case[] = [
  { activation: 'relu', innerSteps: 1 },
  { activation: 'relu', innerSteps: 2 },
  { activation: 'tanh', innerSteps: 1 },
  { activation: 'tanh', innerSteps: 3 },
];

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

/** The finite-difference checks' problem: a 1-8-8-1 network, 4 tasks of 5 + 6 points, innerLr 0.05. */
const SMALL_HIDDEN = [8, 8];
const SMALL_TASKS = 4;
const innerLr = 0.05;

const smallProblem = (activation: Activation, seed: number) =>
  sinusoidProblem(SMALL_HIDDEN, activation, seed, SMALL_TASKS);

describe.each(['wasm', 'cpu'] as const)('MAML meta-gradient on %s', (backend) => {
  beforeAll(async () => {
    await startBackend(backend);
  });

  it.each(CASES)(
    'second order matches finite differences of the float64 meta-objective ($activation, $innerSteps inner steps)',
    ({ activation, innerSteps }) => {
      const seed = 11;
      const { sizes, tasks64, flat } = smallProblem(activation, seed);
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
    'first order is the query gradient at the adapted parameters, and differs from second order ($activation, $innerSteps)',
    ({ activation, innerSteps }) => {
      const seed = 12;
      const { sizes, tasks64, flat } = smallProblem(activation, seed);
      const expected = new Float64Array(flat.length);
      for (const task of tasks64) {
        const adapted = adapt(flat, sizes, task, innerLr, innerSteps, activation);
        const g = mseGradient(adapted, sizes, task.queryX, task.queryY, activation);
        g.forEach((v, i) => (expected[i]! += v / tasks64.length));
      }
      const base = { innerLr, innerSteps, activation };
      const first = engineGradient(
        SMALL_HIDDEN,
        activation,
        { ...base, firstOrder: true },
        seed,
        SMALL_TASKS,
      );
      const second = engineGradient(
        SMALL_HIDDEN,
        activation,
        { ...base, firstOrder: false },
        seed,
        SMALL_TASKS,
      );

      expect(relativeError(first.grad, expected)).toBeLessThan(TOLERANCE);
      expect(first.loss).toBeCloseTo(second.loss, 5);
      expect(relativeError(first.grad, second.grad)).toBeGreaterThan(10 * TOLERANCE);
    },
  );

  it('the float64 reference backpropagation matches finite differences of its own loss', () => {
    const { sizes, tasks64, flat } = sinusoidProblem([8, 8], 'tanh', 3, 1);
    const [task] = tasks64;
    const loss = (p: Float64Array): number =>
      mseLoss(p, sizes, task!.supportX, task!.supportY, 'tanh');
    const analytic = mseGradient(flat, sizes, task!.supportX, task!.supportY, 'tanh');
    expect(relativeError(analytic, finiteDifferences(loss, flat, FD_STEP))).toBeLessThan(1e-7);
    expect(layout(sizes).count).toBe(flat.length);
  });

  it.each([
    { innerSteps: 1, firstOrder: false },
    { innerSteps: 2, firstOrder: false },
    { innerSteps: 1, firstOrder: true },
  ])(
    'vectorised engine equals the per-task loop on the Finn network (innerSteps $innerSteps, firstOrder $firstOrder)',
    ({ innerSteps, firstOrder }) => {
      const options = { innerLr: 0.01, innerSteps, firstOrder, activation: 'relu' as const };
      const vectorised = engineGradient([40, 40], 'relu', options, 21, 25);
      const loop = engineGradient([40, 40], 'relu', options, 21, 25, taskLoopMetaGradient);
      expect(relativeError(vectorised.taskLoss, loop.taskLoss)).toBeLessThan(1e-5);
      expect(relativeError(vectorised.grad, loop.grad)).toBeLessThan(1e-4);
    },
  );

  it('matches a linear model derived by hand', () => {
    // Model y = w x + b, one task. Support x = (1, 2), y = (1, 3); query x = (0, 1), y = (1, 2);
    // w = 0.5, b = 0, innerLr = 0.1.
    // Support residuals r = (-0.5, -2): dL/dw = 2 mean(x r) = -4.5, dL/db = 2 mean(r) = -2.5,
    // so w' = 0.95 and b' = 0.25. Query residuals r' = (-0.75, -0.8): meta-loss 0.60125,
    // dL/dw' = 2 mean(x r') = -0.8, dL/db' = 2 mean(r') = -1.55.
    // The support loss's Hessian is H = 2 [[mean x^2, mean x], [mean x, 1]] = [[5, 3], [3, 2]], so
    // (I - 0.1 H) = [[0.5, -0.3], [-0.3, 0.8]] and the meta-gradient is
    // dL/dw = 0.5 (-0.8) - 0.3 (-1.55) = 0.065, dL/db = -0.3 (-0.8) + 0.8 (-1.55) = -1.0.
    // First-order MAML keeps only (dL/dw', dL/db') = (-0.8, -1.55).
    const column = (values: number[]): tf.Tensor3D => tf.tensor3d(values, [1, values.length, 1]);
    const run = (firstOrder: boolean): { loss: number; grad: Float64Array } =>
      scoped(() => {
        const batch = {
          supportX: column([1, 2]),
          supportY: column([1, 3]),
          queryX: column([0, 1]),
          queryY: column([1, 2]),
        };
        const params = [tf.tensor2d([[0.5]]), tf.tensor1d([0])];
        const options = { innerLr: 0.1, innerSteps: 1, firstOrder, activation: 'relu' as const };
        const result = metaGradient(params, batch, options);
        return { loss: result.taskLoss.dataSync()[0]!, grad: readFlat(result.grads) };
      });
    const second = run(false);
    const first = run(true);
    expect(second.loss).toBeCloseTo(0.60125, 6);
    expect(second.grad[0]).toBeCloseTo(0.065, 6);
    expect(second.grad[1]).toBeCloseTo(-1.0, 6);
    expect(first.grad[0]).toBeCloseTo(-0.8, 6);
    expect(first.grad[1]).toBeCloseTo(-1.55, 6);
  });

  it('leaves no tensors behind', () => {
    const options = {
      innerLr: 0.01,
      innerSteps: 2,
      firstOrder: false,
      activation: 'relu' as const,
    };
    engineGradient([40, 40], 'relu', options, 1, 5);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) engineGradient([40, 40], 'relu', options, i, 5);
    expect(tf.memory().numTensors).toBe(before);
  });
});
