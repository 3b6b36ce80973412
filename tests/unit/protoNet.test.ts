/**
 * Prototypical networks (src/core/classification/protoNet.ts) against independent computations:
 * central finite differences of the float64 loss (float64ClassifierObjectives.ts, which embeds,
 * averages and measures distances in its own code), and a task small enough to work by hand.
 * Tolerance as in classifierGradient.test.ts: float32 gradients against float64 finite
 * differences, relative error (2-norm) below 1e-3, a hundredfold above float32 rounding here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { startBackend } from '../../src/cli/nodeBackend';
import { createRng } from '../../src/core/random/rng';
import type { ClassificationBatch, ClassifierSpec } from '../../src/core/classification/types';
import { randomClassificationBatch } from '../../src/core/classification/randomBatch';
import {
  classificationTensors,
  disposeClassificationTensors,
} from '../../src/core/classification/classificationTensors';
import { protoNetGradient, protoNetScores } from '../../src/core/learners/protonet/protoNet';
import {
  initialClassifierValues,
  toClassifierTensors,
} from '../../src/core/model/classifierParams';
import { finiteDifferences } from '../../src/core/check/float64Mlp';
import {
  classTasksFromBatch,
  protoNetObjective64,
} from '../../src/core/check/float64ClassifierObjectives';
import { flatten, readFlat, relativeError, scoped } from '../helpers/fixtures';

const TOLERANCE = 1e-3;
// Small enough not to straddle a ReLU kink (see classifierGradient.test.ts).
const FD_STEP = 1e-7;

const ENCODERS: { name: string; spec: ClassifierSpec }[] = [
  {
    name: 'conv, batch norm',
    spec: { kind: 'conv', imageSize: 8, filters: 3, blocks: 2, norm: 'batch', outputs: 0 },
  },
  {
    name: 'conv, no norm',
    spec: { kind: 'conv', imageSize: 7, filters: 3, blocks: 2, norm: 'none', outputs: 0 },
  },
  { name: 'mlp', spec: { kind: 'mlp', imageSize: 6, hidden: [8, 5], outputs: 0 } },
];

/** Three 3-way 2-shot tasks, 2 queries per class; parameters offset from the initial values. */
function problem(spec: ClassifierSpec, seed: number) {
  const shape = { tasks: 3, ways: 3, shots: 2, queries: 2, imageSize: spec.imageSize };
  const batch = randomClassificationBatch(createRng(seed, 'tasks'), shape);
  const rng = createRng(seed, 'offsets');
  const values = initialClassifierValues(spec, createRng(seed, 'init')).map((v) =>
    v.map((x) => x + rng.uniform(-0.1, 0.1)),
  );
  return { batch, values, flat: flatten(values) };
}

describe.each(['wasm', 'cpu'] as const)('prototypical networks on %s', (backend) => {
  beforeAll(async () => {
    await startBackend(backend);
  });

  it.each(ENCODERS)(
    'the gradient matches finite differences of the float64 loss ($name)',
    ({ spec }) => {
      const p = problem(spec, 21);
      const tasks = classTasksFromBatch(p.batch);
      const objective = (theta: Float64Array): number => protoNetObjective64(spec, theta, tasks);
      const expected = finiteDifferences(objective, p.flat, FD_STEP);
      const { grad, loss } = scoped(() => {
        const r = protoNetGradient(
          spec,
          toClassifierTensors(spec, p.values),
          classificationTensors(p.batch),
        );
        const taskLoss = Array.from(r.taskLoss.dataSync());
        return { grad: readFlat(r.grads), loss: taskLoss.reduce((a, b) => a + b, 0) / 3 };
      });
      expect(relativeError(grad, expected)).toBeLessThan(TOLERANCE);
      expect(Math.abs(loss - objective(p.flat))).toBeLessThan(1e-5);
    },
  );

  it('scores a task worked by hand, with the identity as encoder', async () => {
    // An MLP with no layers and no head embeds a 2x2 image as its 4 pixels. Class 0's shots
    // are (1,0,0,0) and (1,0,0,0.2), prototype (1,0,0,0.1); class 1's is (0,0,0,1). Query
    // (0.9,0,0,0.1) of class 0 lies 0.01 from prototype 0 and 0.81 + 0.81 = 1.62 from
    // prototype 1: logits (-0.01, -1.62), loss log(1 + e^-1.61) = 0.182228, predicted 0.
    // Query (0,0,0,0.8) of class 1: distances 1 + 0.49 = 1.49 and 0.04, loss
    // log(1 + e^-1.45) = 0.210723, predicted 1.
    const spec: ClassifierSpec = { kind: 'mlp', imageSize: 2, hidden: [], outputs: 0 };
    const batch: ClassificationBatch = {
      tasks: 1,
      ways: 2,
      shots: 2,
      queries: 1,
      imageSize: 2,
      supportImages: Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0.2, 0, 0, 0, 1, 0, 0, 0, 1]),
      supportLabels: Int32Array.from([0, 0, 1, 1]),
      queryImages: Float32Array.from([0.9, 0, 0, 0.1, 0, 0, 0, 0.8]),
      queryLabels: Int32Array.from([0, 1]),
    };
    const tensors = classificationTensors(batch);
    const scores = await protoNetScores(spec, [], tensors);
    disposeClassificationTensors(tensors);
    expect(scores.loss[0]).toBeCloseTo((0.182228 + 0.210723) / 2, 5);
    expect(Array.from(scores.accuracy)).toEqual([1]);
    expect(Array.from(scores.predictions)).toEqual([0, 1]);
  });

  it('scores agree with the gradient pass, in any number of passes, and free every tensor', async () => {
    const spec = ENCODERS[0]!.spec;
    const p = problem(spec, 22);
    const theta = toClassifierTensors(spec, p.values);
    const tensors = classificationTensors(p.batch);
    const run = (tasksPerPass: number) =>
      scoped(() => {
        const r = protoNetGradient(spec, theta, tensors, { tasksPerPass });
        return {
          grad: readFlat(r.grads),
          loss: r.taskLoss.dataSync().slice(),
          accuracy: r.taskAccuracy.dataSync().slice(),
        };
      });
    const together = run(3);
    const before = tf.memory().numTensors;
    const scores = await protoNetScores(spec, theta, tensors);
    const scoresInPairs = await protoNetScores(spec, theta, tensors, { tasksPerPass: 2 });
    expect(Array.from(scoresInPairs.predictions)).toEqual(Array.from(scores.predictions));
    expect(relativeError(scoresInPairs.loss, scores.loss)).toBeLessThan(1e-6);
    for (const tasksPerPass of [1, 2]) {
      const split = run(tasksPerPass);
      expect(relativeError(split.grad, together.grad)).toBeLessThan(1e-5);
      expect(relativeError(split.loss, together.loss)).toBeLessThan(1e-6);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(relativeError(scores.loss, together.loss)).toBeLessThan(1e-6);
    expect(Array.from(scores.accuracy)).toEqual(Array.from(together.accuracy));
    scores.accuracy.forEach((a, t) => {
      const predicted = scores.predictions.subarray(t * 6, (t + 1) * 6);
      const right = Array.from(predicted).filter(
        (c, q) => c === p.batch.queryLabels[t * 6 + q],
      ).length;
      expect(a).toBeCloseTo(right / 6, 6);
    });
    tf.dispose(theta);
    disposeClassificationTensors(tensors);
  });
});
