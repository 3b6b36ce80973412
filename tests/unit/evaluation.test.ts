import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { adaptationLosses, summarize } from '../../src/core/maml/evaluation';
import {
  EVALUATION_CHUNK_BYTES,
  evaluationBytesPerTask,
  evaluationTasksPerChunk,
} from '../../src/core/maml/evaluationMemory';
import { toTensors, layerSizes, type Activation } from '../../src/core/model/mlp';
import { startBackend } from '../../src/cli/nodeBackend';
import { adapt, mseLoss, predict } from '../../src/core/check/float64Mlp';
import { adaptedPredictions } from '../../src/core/maml/preview';
import { initialParams, sinusoidBatch, spec, toTasks64 } from '../helpers/fixtures';

describe('held-out evaluation', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  it.each(['relu', 'tanh'] as const)(
    'query loss after 0..k SGD steps matches the float64 reference for every task (%s)',
    async (activation: Activation) => {
      const s = spec([16, 16], activation);
      // 130 tasks: more than one chunk of tasks adapted together.
      const batch = sinusoidBatch(4, 130, 5, 20);
      const { values, flat } = initialParams(s, 4);
      const params = toTensors(s, values);
      const losses = await adaptationLosses(params, batch, 3, 0.02, activation);
      tf.dispose(params);
      const sizes = layerSizes(s);
      expect(losses).toHaveLength(4);
      toTasks64(batch).forEach((task, t) => {
        for (let step = 0; step <= 3; step++) {
          const adapted = adapt(flat, sizes, task, 0.02, step, activation);
          const expected = mseLoss(adapted, sizes, task.queryX, task.queryY, activation);
          expect(Math.abs(losses[step]![t]! - expected) / expected).toBeLessThan(1e-4);
        }
      });
    },
  );

  it('adapts a wide network in chunks sized by their memory, with the same losses', async () => {
    const hidden = [512, 512];
    const s = spec(hidden, 'relu');
    const batch = sinusoidBatch(5, 50, 5, 20);
    // About 6 MB a task: 45 tasks fit the chunk budget, so 50 tasks take two chunks.
    expect(evaluationTasksPerChunk([1, ...hidden, 1], 25)).toBe(45);
    const { values, flat } = initialParams(s, 6);
    const params = toTensors(s, values);
    // A small rate: at 0.01 so wide a network's second step is 0.2% off float64 in float32,
    // chunked or not.
    const losses = await adaptationLosses(params, batch, 2, 0.001, 'relu');
    tf.dispose(params);
    const sizes = layerSizes(s);
    toTasks64(batch).forEach((task, t) => {
      for (let step = 0; step <= 2; step++) {
        const adapted = adapt(flat, sizes, task, 0.001, step, 'relu');
        const expected = mseLoss(adapted, sizes, task.queryX, task.queryY, 'relu');
        expect(Math.abs(losses[step]![t]! - expected) / expected).toBeLessThan(1e-4);
      }
    });
  });

  it('sizes chunks between one task and a hundred', () => {
    expect(evaluationTasksPerChunk([1, 40, 40, 1], 110)).toBe(100);
    expect(evaluationTasksPerChunk([1, 1024, 1024, 1024, 1024, 1], 2000)).toBe(1);
    const perTask = evaluationBytesPerTask([1, 256, 256, 1], 110);
    expect(evaluationTasksPerChunk([1, 256, 256, 1], 110)).toBe(
      Math.floor(EVALUATION_CHUNK_BYTES / perTask),
    );
  });

  it('summarises a step as the mean and 1.96 standard errors', () => {
    // Values 1, 2, 3, 4: mean 2.5, sample standard deviation sqrt(5/3), n = 4.
    const [curve] = [summarize([Float64Array.from([1, 2, 3, 4]), Float64Array.from([5, 5])])];
    expect(curve.mean).toEqual([2.5, 5]);
    expect(curve.ci95[0]).toBeCloseTo((1.96 * Math.sqrt(5 / 3)) / 2, 12);
    expect(curve.ci95[1]).toBe(0);
  });
});

describe('function-view predictions', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  it('after 0..k steps on placed points match the float64 reference along the grid', async () => {
    const s = spec([16, 16], 'tanh');
    const { values, flat } = initialParams(s, 8);
    const supportX = Float32Array.from([-3, -0.5, 2.25]);
    const supportY = Float32Array.from([1.5, -2, 0.75]);
    const gridX = Float32Array.from({ length: 21 }, (_, i) => -5 + i / 2);
    const params = toTensors(s, values);
    const curves = await adaptedPredictions(params, {
      supportX,
      supportY,
      gridX,
      steps: 3,
      learningRate: 0.05,
      activation: 'tanh',
    });
    tf.dispose(params);
    const sizes = layerSizes(s);
    const task = {
      supportX: Array.from(supportX, (x) => [x]),
      supportY: Array.from(supportY, (y) => [y]),
      queryX: [],
      queryY: [],
    };
    expect(curves).toHaveLength(4);
    for (let step = 0; step <= 3; step++) {
      const adapted = adapt(flat, sizes, task, 0.05, step, 'tanh');
      gridX.forEach((x, i) => {
        expect(curves[step]![i]).toBeCloseTo(predict(adapted, sizes, [x], 'tanh')[0]!, 4);
      });
    }
    // Fine-tuning moves the curve towards the placed points.
    const errorAt = (curve: Float32Array): number =>
      [-3, -0.5, 2.25].reduce((sum, x, k) => {
        const i = gridX.indexOf(x);
        return i < 0 ? sum : sum + (curve[i]! - supportY[k]!) ** 2;
      }, 0);
    expect(errorAt(curves[3]!)).toBeLessThan(errorAt(curves[0]!));
  });
});
