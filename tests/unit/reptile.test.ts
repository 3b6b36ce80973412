/**
 * Reptile's direction against independent computations: the float64 reference's theta - mean(phi)
 * with its own SGD (src/core/check/float64MetaLearners.ts), and the identity that with one inner
 * step the direction is innerLr times the joint-training gradient (phi_t = theta - innerLr *
 * grad L_t(theta) on all of task t's points, and every task has as many points, so
 * theta - mean_t(phi_t) = innerLr * grad of the mean squared error over the whole batch).
 *
 * Tolerance 1e-4 relative (2-norm): the direction is a float32 difference theta - phi, about
 * innerLr times smaller than theta itself, so float32 rounding of theta (6e-8 relative) shows up
 * magnified about a hundredfold, near 1e-5; float64 reference errors are far smaller.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { startBackend } from '../../src/cli/nodeBackend';
import { reptileStep } from '../../src/core/learners/reptile/regression';
import { forwardAdapted } from '../../src/core/learners/maml/lowRankMaml';
import { toTaskTensors } from '../../src/core/tasks/taskTensors';
import { toTensors, type Activation } from '../../src/core/model/mlp';
import { adapt, mseLoss } from '../../src/core/check/float64Mlp';
import { reptileDirection } from '../../src/core/check/float64MetaLearners';
import { readFlat, relativeError, scoped } from '../helpers/fixtures';
import { sinusoidProblem } from '../helpers/sinusoidProblem';

const TOLERANCE = 1e-4;
const innerLr = 0.02;

function run(activation: Activation, innerSteps: number, seed: number, hidden = [8, 8]) {
  const problem = sinusoidProblem(hidden, activation, seed, 5);
  const { s, batch, values } = problem;
  const engine = scoped(() => {
    const options = { innerLr, innerSteps, firstOrder: false, activation };
    const result = reptileStep(toTensors(s, values), toTaskTensors(batch), options);
    return { taskLoss: result.taskLoss.dataSync(), direction: readFlat(result.grads) };
  });
  return { ...engine, ...problem };
}

describe.each(['wasm', 'cpu'] as const)('Reptile on %s', (backend) => {
  beforeAll(async () => {
    await startBackend(backend);
  });

  it.each([
    { activation: 'relu', innerSteps: 1 },
    { activation: 'relu', innerSteps: 3 },
    { activation: 'tanh', innerSteps: 1 },
    { activation: 'tanh', innerSteps: 3 },
  ] as const)(
    'direction equals the float64 theta - mean(phi) ($activation, $innerSteps inner steps)',
    ({ activation, innerSteps }) => {
      const r = run(activation, innerSteps, 51);
      const expected = reptileDirection(
        r.flat,
        r.sizes,
        r.tasks64,
        innerLr,
        innerSteps,
        activation,
      );
      expect(relativeError(r.direction, expected)).toBeLessThan(TOLERANCE);
    },
  );

  it('with one inner step, the direction is innerLr times the joint-training gradient', () => {
    const r = run('tanh', 1, 52, [40, 40]);
    const joint = scoped(() => {
      const data = toTaskTensors(r.batch);
      const x = tf.concat([data.supportX, data.queryX], 1);
      const y = tf.concat([data.supportY, data.queryY], 1);
      const loss = (...theta: tf.Tensor[]): tf.Scalar => {
        const acts = forwardAdapted(theta, [], x, 'tanh');
        return tf.mean(tf.squaredDifference(acts[acts.length - 1]!, y));
      };
      return readFlat(tf.grads(loss)(toTensors(r.s, r.values)));
    });
    expect(
      relativeError(
        r.direction,
        joint.map((g) => innerLr * g),
      ),
    ).toBeLessThan(TOLERANCE);
  });

  it('reports each task’s query loss after adapting on its support set alone, like MAML', () => {
    const innerSteps = 3;
    const r = run('relu', innerSteps, 53);
    r.tasks64.forEach((task, t) => {
      const phi = adapt(r.flat, r.sizes, task, innerLr, innerSteps, 'relu');
      const expected = mseLoss(phi, r.sizes, task.queryX, task.queryY, 'relu');
      expect(Math.abs(r.taskLoss[t]! - expected) / expected).toBeLessThan(1e-5);
    });
  });

  it('leaves no tensors behind', () => {
    run('relu', 2, 1, [40, 40]);
    const before = tf.memory().numTensors;
    for (let seed = 2; seed < 5; seed++) run('relu', 2, seed, [40, 40]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
