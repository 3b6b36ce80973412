import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { adaptationLosses, summarize } from '../../src/core/maml/evaluation';
import { toTensors, layerSizes, type Activation } from '../../src/core/model/mlp';
import { startBackend } from '../../src/cli/nodeBackend';
import { adapt, mseLoss } from '../../src/core/check/float64Mlp';
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

  it('summarises a step as the mean and 1.96 standard errors', () => {
    // Values 1, 2, 3, 4: mean 2.5, sample standard deviation sqrt(5/3), n = 4.
    const [curve] = [summarize([Float64Array.from([1, 2, 3, 4]), Float64Array.from([5, 5])])];
    expect(curve.mean).toEqual([2.5, 5]);
    expect(curve.ci95[0]).toBeCloseTo((1.96 * Math.sqrt(5 / 3)) / 2, 12);
    expect(curve.ci95[1]).toBe(0);
  });
});
