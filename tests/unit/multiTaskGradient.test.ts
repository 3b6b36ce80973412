/**
 * The multi-task objective's gradient (hard and soft sharing, equal and uncertainty weighting; with
 * respect to the trunk or task networks, the heads and s) against central finite differences of an
 * independent float64 implementation (src/core/check/float64MultiTask.ts), and the uncertainty term
 * against its derivative by hand.
 *
 * Tolerance, as for the MAML meta-gradient: the engine computes in float32 (unit roundoff 6e-8) and
 * each gradient entry sums a few hundred rounded products, so its relative error is expected near
 * 1e-6; the float64 finite differences (h = 1e-5) are accurate to about 1e-9. We require a relative
 * error (2-norm) below 1e-3. A missing term is far larger: the soft penalty and the s terms change
 * the gradient by tens of percent in these problems (lambda = 0.3, s drawn in [-1, 1]).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { startBackend } from '../../src/cli/nodeBackend';
import { createRng } from '../../src/core/random/rng';
import { layerSizes, type Activation } from '../../src/core/model/mlp';
import { finiteDifferences, mseGradient } from '../../src/core/check/float64Mlp';
import {
  multiTaskCount64,
  multiTaskObjective64,
  rowsOfPoints,
  taskLosses64,
  taskNetwork,
  type MultiTaskProblem64,
} from '../../src/core/check/float64MultiTask';
import {
  multiTaskCount,
  splitFlat,
  toMultiTaskTensors,
  trunkLength,
  type MultiTaskSpec,
  type Sharing,
} from '../../src/core/learners/multitask/layout';
import {
  multiTaskGradient,
  sharedGradients,
  taskLosses,
  type Weighting,
} from '../../src/core/learners/multitask/objective';
import { drawTrainingTasks, samplePoints } from '../../src/core/learners/multitask/trainingTasks';
import { flatten, readFlat, relativeError, scoped } from '../helpers/fixtures';

const TOLERANCE = 1e-3;
const FD_STEP = 1e-5;
const TASKS = 3;
const SOFT_PENALTY = 0.3;

interface Case {
  readonly sharing: Sharing;
  readonly weighting: Weighting;
  readonly activation: Activation;
}
const CASES: Case[] = (['hard', 'soft'] as const).flatMap((sharing) =>
  (['equal', 'uncertainty'] as const).flatMap((weighting) =>
    (['relu', 'tanh'] as const).map((activation) => ({ sharing, weighting, activation })),
  ),
);

/**
 * A 1-6-5-1 network, 3 tasks of 4 + 3 noisy points, every value (heads, task networks, s) drawn
 * independently so that no term of the objective vanishes by symmetry.
 */
function problem(
  { sharing, weighting, activation }: Case,
  seed: number,
  hidden: number[] = [6, 5],
) {
  const spec: MultiTaskSpec = {
    net: { inputSize: 1, hidden, outputSize: 1, activation },
    tasks: TASKS,
    sharing,
  };
  const points = samplePoints(createRng(seed, 'points'), drawTrainingTasks(seed, TASKS, 1.5), 4, 3);
  const rng = createRng(seed, 'values');
  const flat = Float32Array.from({ length: multiTaskCount(spec) }, () => rng.uniform(-1, 1));
  const values = splitFlat(spec, flat);
  const reference: MultiTaskProblem64 = {
    sizes: layerSizes(spec.net),
    tasks: TASKS,
    sharing,
    weighting,
    softPenalty: SOFT_PENALTY,
    activation,
    ...rowsOfPoints(points),
  };
  const tensors = () => {
    const shape: [number, number, number] = [TASKS, 7, 1];
    return { x: tf.tensor3d(points.x, shape), y: tf.tensor3d(points.y, shape) };
  };
  return { spec, values, flat64: flatten(values), reference, tensors };
}

describe.each(['wasm', 'cpu'] as const)('multi-task objective on %s', (backend) => {
  beforeAll(async () => {
    await startBackend(backend);
  });

  it.each(CASES)(
    'the gradient matches finite differences of the float64 objective ($sharing, $weighting, $activation)',
    (c) => {
      const { spec, values, flat64, reference, tensors } = problem(c, 31);
      expect(multiTaskCount64(reference)).toBe(flat64.length);
      const objective = (p: Float64Array): number => multiTaskObjective64(p, reference);
      const expected = finiteDifferences(objective, flat64, FD_STEP);
      const { value, grad } = scoped(() => {
        const { x, y } = tensors();
        const options = { weighting: c.weighting, softPenalty: SOFT_PENALTY };
        const params = toMultiTaskTensors(spec, values);
        const result = multiTaskGradient(spec, options, params, x, y);
        return { value: result.value.dataSync()[0]!, grad: readFlat(result.grads) };
      });

      const exact = objective(flat64);
      expect(Math.abs(value - exact) / Math.abs(exact)).toBeLessThan(1e-5);
      expect(relativeError(grad, expected)).toBeLessThan(TOLERANCE);
      // Equal weighting does not depend on s at all.
      const s = grad.subarray(grad.length - TASKS);
      if (c.weighting === 'equal') expect(Array.from(s)).toEqual([0, 0, 0]);
      else expect(s.every((g) => Math.abs(g) > 1e-3)).toBe(true);
    },
  );

  it('the s gradient is (1 - exp(-s) L) / 2 by hand, zero at s = log L', () => {
    const c = { sharing: 'hard', weighting: 'uncertainty', activation: 'tanh' } as const;
    const { spec, values, flat64, reference, tensors } = problem(c, 32);
    const losses = taskLosses64(flat64, reference);
    const sGradient = (s: number[]): Float64Array =>
      scoped(() => {
        const { x, y } = tensors();
        const withS = [...values.slice(0, -1), Float32Array.from(s)];
        const params = toMultiTaskTensors(spec, withS);
        const options = { weighting: 'uncertainty', softPenalty: 0 } as const;
        const grads = multiTaskGradient(spec, options, params, x, y).grads;
        return readFlat([grads[grads.length - 1]!]);
      });
    const atZero = sGradient([0, 0, 0]);
    losses.forEach((loss, m) => {
      expect(atZero[m]).toBeCloseTo((1 - loss) / 2, 5);
    });
    const atOptimum = sGradient(losses.map(Math.log));
    atOptimum.forEach((g) => {
      expect(Math.abs(g)).toBeLessThan(1e-6);
    });
  });

  it.each(['hard', 'soft'] as const)(
    "each task's gradient of its own loss with respect to what it shares matches float64 backpropagation (%s)",
    (sharing) => {
      const c = { sharing, weighting: 'equal', activation: 'tanh' } as const;
      const { spec, values, flat64, reference, tensors } = problem(c, 33);
      const { rows, losses } = scoped(() => {
        const { x, y } = tensors();
        const params = toMultiTaskTensors(spec, values);
        return {
          rows: sharedGradients(spec, params, x, y).dataSync(),
          losses: taskLosses(spec, params, x, y).dataSync(),
        };
      });
      const width = rows.length / TASKS;
      for (let m = 0; m < TASKS; m++) {
        const network = taskNetwork(flat64, reference, m);
        const full = mseGradient(
          network,
          reference.sizes,
          reference.x[m]!,
          reference.y[m]!,
          'tanh',
        );
        // Hard sharing: the trunk comes first in a task's network; soft: the whole network.
        const expected = full.subarray(0, width);
        expect(relativeError(rows.subarray(m * width, (m + 1) * width), expected)).toBeLessThan(
          TOLERANCE,
        );
        expect(losses[m]).toBeCloseTo(taskLosses64(flat64, reference)[m]!, 5);
      }
      const trunk = flatten(values.slice(0, trunkLength(spec))).length;
      expect(width).toBe(sharing === 'hard' ? trunk : flatten(values.slice(0, -1)).length / TASKS);
    },
  );

  it('leaves no tensors behind', () => {
    const c = { sharing: 'soft', weighting: 'uncertainty', activation: 'relu' } as const;
    const run = (): void => {
      const { spec, values, tensors } = problem(c, 34, [40, 40]);
      scoped(() => {
        const { x, y } = tensors();
        const params = toMultiTaskTensors(spec, values);
        readFlat(
          multiTaskGradient(spec, { weighting: 'uncertainty', softPenalty: 0.1 }, params, x, y)
            .grads,
        );
        sharedGradients(spec, params, x, y).dataSync();
      });
    };
    run();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) run();
    expect(tf.memory().numTensors).toBe(before);
  });
});
