import { describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { startBackend } from '../../src/cli/nodeBackend';
import {
  measureClassificationSpeed,
  type SpeedAlgorithm,
} from '../../src/core/bench/classificationSpeed';

describe('classification speed measurement', () => {
  it.each(['maml', 'first-order maml', 'maml-task-loop', 'protonet'] as SpeedAlgorithm[])(
    'times %s on a tiny network, profiles it, and frees every tensor',
    async (algorithm) => {
      await startBackend('wasm');
      const before = tf.memory().numTensors;
      let clock = 0;
      const result = await measureClassificationSpeed(
        {
          algorithm,
          spec: {
            kind: 'conv',
            imageSize: 8,
            filters: 2,
            blocks: 2,
            norm: 'batch',
            outputs: algorithm === 'protonet' ? 0 : 2,
          },
          ways: 2,
          shots: 1,
          queries: 2,
          metaBatch: 2,
          innerLr: 0.4,
          innerSteps: 1,
          seed: 1,
        },
        // A fake clock that advances 5 ms per reading: each iteration reads it twice.
        { iterations: 4, seconds: 60, now: () => (clock += 5), cpuNow: () => clock },
      );
      expect(result.algorithm).toBe(algorithm);
      expect(result.iterationsMeasured).toBe(4);
      expect(result.msPerIteration).toBe(5);
      expect(result.cpuMsPerIteration).toBe(5);
      expect(result.kernels).toBeGreaterThan(10);
      expect(result.peakBytes).toBeGreaterThan(0);
      expect(tf.memory().numTensors).toBe(before);
    },
  );
});
