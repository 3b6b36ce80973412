/**
 * Evaluations in chunks: awaiting a hook between chunks, and between a classification task's inner
 * steps (so the worker can let training and the page's commands go first), computes exactly the
 * same numbers and holds no tensor between chunks while it waits, a hook that throws stops the evaluation without leaking a
 * tensor, and training between chunks does not change what is being evaluated.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { createTrainer } from '../../src/core/trainer/createTrainer';
import type { Trainer } from '../../src/core/trainer/trainer';
import { startBackend } from '../../src/cli/nodeBackend';
import { configWith, numbersOf, train } from '../helpers/sessions';
import { estimateCost } from '../../src/core/bench/costModel';

const GLYPHS = [
  'task=glyphs',
  'ways=3',
  'shots=1',
  'query=2',
  'metaBatch=2',
  'filters=4',
  'imageSize=12',
  'innerLr=0.4',
  'testInnerSteps=2',
  'evalTasks=25',
  'evalQuery=2',
];

const CASES: [string, string[]][] = [
  ['sinusoid MAML', ['evalTasks=120', 'metaBatch=5', 'iterations=10']],
  ['glyphs MAML', GLYPHS],
  ['glyphs prototypical networks', [...GLYPHS, 'algorithm=protonet']],
  ['multi-task learning', ['algorithm=multitask', 'evalTasks=30']],
  ['a comparison', ['compare=maml,fomaml', 'evalTasks=30', 'metaBatch=5']],
];

async function trained(pairs: string[]): Promise<Trainer> {
  const trainer = createTrainer(configWith(...pairs), null);
  await train(trainer, 2);
  return trainer;
}

describe('evaluation in chunks, on wasm', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  it.each(CASES)('%s: the same numbers with the hook as without', async (_, pairs) => {
    const trainer = await trained(pairs);
    const plain = await trainer.evaluate();
    let calls = 0;
    const before = tf.memory().numBytes;
    const heldWhileWaiting: number[] = [];
    const chunked = await trainer.evaluate(undefined, () => {
      calls += 1;
      heldWhileWaiting.push(tf.memory().numBytes - before);
      return Promise.resolve();
    });
    expect(chunked).toEqual(plain);
    // Nothing is held between chunks while other work may go first; between the inner steps of
    // a classification task, at most what the cost model counts for one held-out pass.
    expect(Math.min(...heldWhileWaiting)).toBe(0);
    expect(Math.max(...heldWhileWaiting)).toBeLessThanOrEqual(
      estimateCost(trainer.config).evaluationBytes,
    );
    // At least one call per model evaluated (each learner and both baselines).
    expect(calls).toBeGreaterThanOrEqual(trainer.models.length);
  });

  it.each(CASES)('%s: a hook that throws stops it and frees every tensor', async (_, pairs) => {
    const trainer = await trained(pairs);
    const before = tf.memory().numTensors;
    let calls = 0;
    const stopAtSecond = () => {
      calls += 1;
      return calls === 2 ? Promise.reject(new Error('cancelled')) : Promise.resolve();
    };
    await expect(trainer.evaluate(undefined, stopAtSecond)).rejects.toThrow('cancelled');
    expect(calls).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each(CASES)(
    '%s: training between the chunks leaves the evaluation as it was at its start',
    async (_, pairs) => {
      const trainer = await trained(pairs);
      const twin = await trained(pairs);
      const expected = await twin.evaluate();
      const interleaved = await trainer.evaluate(undefined, async () => {
        await train(trainer, 1);
      });
      expect(numbersOf(interleaved)).toEqual(numbersOf(expected));
    },
  );
});
