/**
 * Cross-entropy written for double differentiation (src/core/classification/crossEntropy.ts):
 * values, gradients and second derivatives against closed forms worked out by hand.
 * For one row z with label y and p = softmax(z): loss = log sum exp z - z_y, gradient p - e_y,
 * Hessian diag(p) - p p^T; a mean over n rows divides each by n.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { startBackend } from '../../src/cli/nodeBackend';
import {
  accuracy,
  crossEntropy,
  logSumExp,
  predictedLabels,
  taskAccuracy,
  taskCrossEntropy,
} from '../../src/core/classification/crossEntropy';
import { relativeError, scoped } from '../helpers/fixtures';

const LOGITS = [
  [1, 2, 3],
  [0, 0, 0],
];
const LABELS = [2, 0];

function softmax(row: number[]): number[] {
  const max = Math.max(...row);
  const e = row.map((z) => Math.exp(z - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

describe.each(['wasm', 'cpu'] as const)('cross-entropy on %s', (backend) => {
  beforeAll(async () => {
    await startBackend(backend);
  });

  it('equals a case worked by hand, with one-hot or integer labels', () => {
    // Row 1: log(e + e^2 + e^3) - 3 = log(1 + e^-1 + e^-2) = 0.4076059644.
    // Row 2: log 3 = 1.0986122887. Mean: 0.7531091265.
    const [fromOneHot, fromIds] = scoped(() => {
      const logits = tf.tensor2d(LOGITS);
      const ids = tf.tensor1d(LABELS, 'int32');
      return [
        crossEntropy(logits, tf.oneHot(ids, 3).toFloat()).dataSync()[0]!,
        crossEntropy(logits, ids).dataSync()[0]!,
      ];
    });
    expect(fromOneHot).toBeCloseTo(0.7531091265, 6);
    expect(fromIds).toBeCloseTo(0.7531091265, 6);
  });

  it('has gradient (softmax - one-hot) / rows', () => {
    const grad = scoped(() => {
      const labels = tf.oneHot(tf.tensor1d(LABELS, 'int32'), 3).toFloat();
      return tf
        .grad((z: tf.Tensor) => crossEntropy(z, labels))(tf.tensor2d(LOGITS))
        .dataSync();
    });
    const expected = LOGITS.flatMap((row, r) =>
      softmax(row).map((p, k) => (p - (k === LABELS[r] ? 1 : 0)) / 2),
    );
    expect(relativeError(grad, expected)).toBeLessThan(1e-6);
  });

  it('has second derivative (diag(p) - p p^T) / rows: the nested gradient along v', () => {
    const v = [
      [0.5, -1, 2],
      [1, 0.25, -0.75],
    ];
    const hv = scoped(() => {
      const labels = tf.oneHot(tf.tensor1d(LABELS, 'int32'), 3).toFloat();
      const direction = tf.tensor2d(v);
      const alongV = (z: tf.Tensor): tf.Scalar =>
        tf.sum(tf.mul(tf.grad((y: tf.Tensor) => crossEntropy(y, labels))(z), direction));
      return tf.grad(alongV)(tf.tensor2d(LOGITS)).dataSync();
    });
    const expected = LOGITS.flatMap((row, r) => {
      const p = softmax(row);
      const pv = p.reduce((sum, pk, k) => sum + pk * v[r]![k]!, 0);
      return p.map((pk, k) => (pk * (v[r]![k]! - pv)) / 2);
    });
    expect(relativeError(hv, expected)).toBeLessThan(1e-5);
  });

  it('stays finite for huge logits: the max-shift makes exp safe', () => {
    const [loss, grad, lse] = scoped(() => {
      const logits = tf.tensor2d([
        [1000, 0],
        [-1000, 0],
      ]);
      const ids = tf.tensor1d([1, 1], 'int32');
      return [
        crossEntropy(logits, ids).dataSync()[0]!,
        tf
          .grad((z: tf.Tensor) => crossEntropy(z, ids))(logits)
          .dataSync(),
        logSumExp(logits).dataSync(),
      ];
    });
    // Row 1: 1000 + log(1 + e^-1000) - 0 = 1000; row 2: log(1 + e^-1000) = 0.
    expect(loss).toBeCloseTo(500, 3);
    expect(Array.from(lse)).toEqual([1000, 0]);
    expect(Array.from(grad)).toEqual([0.5, -0.5, 0, 0]);
  });

  it('gives each task its mean loss and accuracy; predictions take the first of tied maxima', () => {
    const [losses, accuracies, overall, predicted] = scoped(() => {
      // Task 0: rows predicted 2 (right) and 0 (wrong); task 1: 1 (right) and 0 (tie, right).
      const logits = tf.tensor3d([
        [
          [1, 2, 3],
          [5, 0, 0],
        ],
        [
          [0, 1, 0],
          [0, 0, 0],
        ],
      ]);
      const labels = tf.tensor2d(
        [
          [2, 1],
          [1, 0],
        ],
        [2, 2],
        'int32',
      );
      return [
        taskCrossEntropy(logits, labels).dataSync(),
        taskAccuracy(logits, labels).dataSync(),
        accuracy(logits, labels).dataSync()[0]!,
        predictedLabels(logits).dataSync(),
      ];
    });
    const row = (z: number[], y: number): number =>
      Math.log(z.reduce((s, v) => s + Math.exp(v), 0)) - z[y]!;
    expect(losses[0]).toBeCloseTo((row([1, 2, 3], 2) + row([5, 0, 0], 1)) / 2, 5);
    expect(losses[1]).toBeCloseTo((row([0, 1, 0], 1) + row([0, 0, 0], 0)) / 2, 5);
    expect(Array.from(accuracies)).toEqual([0.5, 1]);
    expect(overall).toBe(0.75);
    expect(Array.from(predicted)).toEqual([2, 0, 1, 0]);
  });
});
