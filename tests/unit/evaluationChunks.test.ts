/**
 * Evaluations in chunks: awaiting a hook between chunks (so the worker can let training go first)
 * computes exactly the same numbers and holds no tensor while it waits, a hook that throws stops the evaluation without leaking a
 * tensor, and training between chunks does not change what is being evaluated.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { createSession } from '../../src/core/run/createSession';
import { startBackend } from '../../src/cli/nodeBackend';
import type { Evaluation, Session } from '../../src/core/session/types';
import { configWith, train } from '../helpers/sessions';

/** An evaluation without the compared algorithms' wall time per iteration (a clock reading). */
function numbersOf(evaluation: Evaluation) {
  return {
    ...evaluation,
    compared: evaluation.compared?.map((curve) => ({ ...curve, msPerIteration: 0 })) ?? null,
  };
}

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

async function trained(pairs: string[]): Promise<Session> {
  const session = createSession(configWith(...pairs), null);
  await train(session, 2);
  return session;
}

describe('evaluation in chunks, on wasm', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  it.each(CASES)('%s: the same numbers with the hook as without', async (_, pairs) => {
    const session = await trained(pairs);
    const plain = await session.evaluate();
    let calls = 0;
    const before = tf.memory().numTensors;
    const heldWhileWaiting: number[] = [];
    const chunked = await session.evaluate(undefined, () => {
      calls += 1;
      heldWhileWaiting.push(tf.memory().numTensors - before);
      return Promise.resolve();
    });
    expect(chunked).toEqual(plain);
    // Nothing is held while other work may go first.
    expect(new Set(heldWhileWaiting)).toEqual(new Set([0]));
    // At least one call per model evaluated (the learner and both baselines).
    expect(calls).toBeGreaterThanOrEqual(3);
  });

  it.each(CASES)('%s: a hook that throws stops it and frees every tensor', async (_, pairs) => {
    const session = await trained(pairs);
    const before = tf.memory().numTensors;
    let calls = 0;
    const stopAtSecond = () => {
      calls += 1;
      return calls === 2 ? Promise.reject(new Error('cancelled')) : Promise.resolve();
    };
    await expect(session.evaluate(undefined, stopAtSecond)).rejects.toThrow('cancelled');
    expect(calls).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each(CASES)(
    '%s: training between the chunks leaves the evaluation as it was at its start',
    async (_, pairs) => {
      const session = await trained(pairs);
      const twin = await trained(pairs);
      const expected = await twin.evaluate();
      const interleaved = await session.evaluate(undefined, async () => {
        await train(session, 1);
      });
      expect(numbersOf(interleaved)).toEqual(numbersOf(expected));
    },
  );
});
