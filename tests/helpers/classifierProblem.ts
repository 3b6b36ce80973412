import type { ClassifierSpec } from '../../src/core/classification/types';
import type { ClassificationMetaGradient } from '../../src/core/learners/maml/classification';
import { randomClassificationBatch } from '../../src/core/classification/randomBatch';
import { initialClassifierValues } from '../../src/core/model/classifierParams';
import { createRng } from '../../src/core/random/rng';
import { classTasksFromBatch } from '../../src/core/check/float64ClassifierObjectives';
import { flatten, readFlat } from './fixtures';

export const CONV_BATCH: ClassifierSpec = {
  kind: 'conv',
  imageSize: 8,
  filters: 3,
  blocks: 2,
  norm: 'batch',
  outputs: 3,
};
export const MLP: ClassifierSpec = { kind: 'mlp', imageSize: 6, hidden: [8, 8], outputs: 3 };

/**
 * `tasks` 3-way 1-shot tasks with 2 queries per class, seeded random images, and parameters at a
 * generic point: the initial values plus small seeded offsets. (At the initial values themselves
 * every bias is 0, so a unit whose inputs are all zero sits exactly on ReLU's kink, where finite
 * differences average the two one-sided slopes and no gradient is defined.) `offsets` is the
 * offsets' random stream, left where they end, for anything else a test draws near them.
 */
export function classifierProblem(spec: ClassifierSpec, seed: number, tasks = 3) {
  const shape = { tasks, ways: 3, shots: 1, queries: 2, imageSize: spec.imageSize };
  const batch = randomClassificationBatch(createRng(seed, 'tasks'), shape);
  const offsets = createRng(seed, 'offsets');
  const values = initialClassifierValues(spec, createRng(seed, 'init')).map((v) =>
    v.map((x) => x + offsets.uniform(-0.1, 0.1)),
  );
  return { batch, values, flat: flatten(values), tasks64: classTasksFromBatch(batch), offsets };
}

/** An engine's flat gradient and per-task scores; call inside `scoped`. */
export function readClassification(r: ClassificationMetaGradient) {
  return {
    grad: readFlat(r.grads),
    lossBefore: r.taskLossBefore.dataSync() as Float32Array,
    lossAfter: r.taskLossAfter.dataSync() as Float32Array,
    accuracyBefore: r.taskAccuracyBefore.dataSync() as Float32Array,
    accuracyAfter: r.taskAccuracyAfter.dataSync() as Float32Array,
  };
}

export const mean = (values: ArrayLike<number>): number =>
  Array.from(values).reduce((a, b) => a + b, 0) / values.length;
