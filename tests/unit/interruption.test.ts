/**
 * A classification iteration interrupted between its task passes (the worker's page has posted
 * a command) throws `Interrupted`, frees every tensor and leaves the run as it was: the iteration
 * done again gives exactly what an uninterrupted run gives.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { startBackend } from '../../src/cli/nodeBackend';
import { createTrainer } from '../../src/core/trainer/createTrainer';
import {
  interruptionPoint,
  isInterrupted,
  setInterruptionCheck,
} from '../../src/core/tfjs/interruption';
import { configWith } from '../helpers/sessions';
import type { TrainerSnapshot } from '../../src/core/trainer';

/** A snapshot without the wall time each model took, which no two runs share. */
function withoutTimes(snapshot: TrainerSnapshot) {
  return {
    ...snapshot,
    models: snapshot.models.map((model) => ({ ...model, milliseconds: 0 })),
  };
}

const GLYPHS = [
  'task=glyphs',
  'ways=3',
  'shots=1',
  'query=2',
  'metaBatch=4',
  'filters=4',
  'imageSize=12',
  'innerLr=0.4',
  'seed=5',
];

describe('interrupting an iteration between task passes', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });
  afterEach(() => {
    setInterruptionCheck(() => false);
  });

  it('never interrupts without a check installed', () => {
    expect(() => {
      interruptionPoint();
    }).not.toThrow();
  });

  it.each([['maml'], ['reptile'], ['protonet']])(
    '%s: throws at the pass asked, frees its tensors, and the step done again is unchanged',
    async (algorithm) => {
      const config = configWith(...GLYPHS, `algorithm=${algorithm}`);
      const interrupted = createTrainer(config, null);
      const plain = createTrainer(config, null);
      await interrupted.step();
      await plain.step();
      const tensors = tf.memory().numTensors;
      // One pass per task on WASM: the third of four passes finds the command waiting.
      let passes = 0;
      setInterruptionCheck(() => ++passes === 3);
      const failed = await interrupted.step().then(
        () => null,
        (error: unknown) => error,
      );
      expect(isInterrupted(failed)).toBe(true);
      expect(passes).toBe(3);
      expect(tf.memory().numTensors).toBe(tensors);
      expect(interrupted.iteration).toBe(1);
      setInterruptionCheck(() => false);
      const again = await interrupted.step();
      const expected = await plain.step();
      expect(again).toEqual(expected);
      expect(withoutTimes(interrupted.snapshot())).toEqual(withoutTimes(plain.snapshot()));
    },
  );
});
