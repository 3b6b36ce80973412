/**
 * Adaptation curves (src/core/classification/adaptation.ts): query loss, accuracy and predictions
 * after 0..steps inner steps, against the float64 reference's own SGD steps and against the
 * meta-gradient's before/after losses. Losses agree to float32 rounding (1e-5 relative).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { startBackend } from '../../src/cli/nodeBackend';
import { createRng } from '../../src/core/random/rng';
import type { ClassifierSpec } from '../../src/core/classification/types';
import { randomClassificationBatch } from '../../src/core/classification/randomBatch';
import {
  classificationTensors,
  disposeClassificationTensors,
} from '../../src/core/classification/classificationTensors';
import { evaluateClassificationAdaptation } from '../../src/core/classification/adaptation';
import { classificationMetaGradient } from '../../src/core/learners/maml/classification';
import {
  initialClassifierValues,
  toClassifierTensors,
} from '../../src/core/model/classifierParams';
import {
  adapt64,
  classTasksFromBatch,
  loss64,
} from '../../src/core/check/float64ClassifierObjectives';
import { flatten, relativeError, scoped } from '../helpers/fixtures';

const SPEC: ClassifierSpec = {
  kind: 'conv',
  imageSize: 8,
  filters: 3,
  blocks: 2,
  norm: 'batch',
  outputs: 3,
};
const INNER_LR = 0.4;
const TASKS = 3;
const QUERIES = 6;

function setUp() {
  const shape = { tasks: TASKS, ways: 3, shots: 1, queries: 2, imageSize: 8 };
  const batch = randomClassificationBatch(createRng(31, 'tasks'), shape);
  const values = initialClassifierValues(SPEC, createRng(31, 'init'));
  return {
    batch,
    values,
    theta: toClassifierTensors(SPEC, values),
    tensors: classificationTensors(batch),
  };
}

describe.each(['wasm', 'cpu'] as const)('adaptation curves on %s', (backend) => {
  beforeAll(async () => {
    await startBackend(backend);
  });

  it('follow the float64 reference step by step, and agree with the meta-gradient', async () => {
    const { batch, values, theta, tensors } = setUp();
    const curves = await evaluateClassificationAdaptation(SPEC, theta, tensors, {
      innerLr: INNER_LR,
      steps: 2,
      predictions: true,
    });
    const tasks64 = classTasksFromBatch(batch);
    const flat = flatten(values);
    for (let s = 0; s <= 2; s++) {
      const expected = tasks64.map((task) =>
        loss64(SPEC, adapt64(SPEC, flat, task, INNER_LR, s), task.queryImages, task.queryLabels),
      );
      const actual = curves.queryLoss.subarray(s * TASKS, (s + 1) * TASKS);
      expect(relativeError(actual, expected)).toBeLessThan(1e-5);
    }
    const meta = scoped(() => {
      const r = classificationMetaGradient(SPEC, theta, tensors, {
        innerLr: INNER_LR,
        innerSteps: 2,
        firstOrder: false,
      });
      return { before: r.taskLossBefore.dataSync(), after: r.taskLossAfter.dataSync() };
    });
    expect(relativeError(curves.queryLoss.subarray(0, TASKS), meta.before)).toBeLessThan(1e-6);
    expect(relativeError(curves.queryLoss.subarray(2 * TASKS), meta.after)).toBeLessThan(1e-5);
    tf.dispose(theta);
    disposeClassificationTensors(tensors);
  });

  it('report accuracy as the share of predictions that match the labels', async () => {
    const { batch, theta, tensors } = setUp();
    const curves = await evaluateClassificationAdaptation(SPEC, theta, tensors, {
      innerLr: INNER_LR,
      steps: 3,
      predictions: true,
    });
    expect(curves.predictions).toHaveLength(4 * TASKS * QUERIES);
    for (let s = 0; s <= 3; s++) {
      for (let t = 0; t < TASKS; t++) {
        const start = (s * TASKS + t) * QUERIES;
        const predicted = curves.predictions!.subarray(start, start + QUERIES);
        const right = Array.from(predicted).filter(
          (c, q) => c === batch.queryLabels[t * QUERIES + q],
        ).length;
        expect(curves.queryAccuracy[s * TASKS + t]).toBeCloseTo(right / QUERIES, 6);
      }
    }
    tf.dispose(theta);
    disposeClassificationTensors(tensors);
  });

  it('are the same whatever the number of tasks adapted at once', async () => {
    const { theta, tensors } = setUp();
    const run = (tasksPerPass: number) =>
      evaluateClassificationAdaptation(SPEC, theta, tensors, {
        innerLr: INNER_LR,
        steps: 2,
        predictions: true,
        tasksPerPass,
      });
    const together = await run(TASKS);
    for (const tasksPerPass of [1, 2]) {
      const split = await run(tasksPerPass);
      expect(relativeError(split.queryLoss, together.queryLoss)).toBeLessThan(1e-6);
      expect(Array.from(split.queryAccuracy)).toEqual(Array.from(together.queryAccuracy));
      expect(Array.from(split.predictions!)).toEqual(Array.from(together.predictions!));
    }
    tf.dispose(theta);
    disposeClassificationTensors(tensors);
  });

  it('leave no tensors behind, and skip predictions unless asked', async () => {
    const { theta, tensors } = setUp();
    const options = { innerLr: INNER_LR, steps: 2, predictions: false };
    await evaluateClassificationAdaptation(SPEC, theta, tensors, options);
    const before = tf.memory().numTensors;
    const curves = await evaluateClassificationAdaptation(SPEC, theta, tensors, options);
    expect(tf.memory().numTensors).toBe(before);
    expect(curves.predictions).toBeNull();
    expect(curves.queryLoss).toHaveLength(3 * TASKS);
    tf.dispose(theta);
    disposeClassificationTensors(tensors);
  });
});
