/**
 * Classification runs that thrash far above the loss of guessing are stopped as diverged, with
 * the setting at fault named, although every number stays finite; a lone spike and runs that
 * still learn (innerLr 10 alone) go on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startBackend } from '../../src/cli/nodeBackend';
import { createTrainer } from '../../src/core/trainer/createTrainer';
import {
  ABOVE_GUESSING_FACTOR,
  ABOVE_GUESSING_WINDOW,
  aboveGuessingWatch,
} from '../../src/core/trainer/divergence';
import { configOver } from '../helpers/sessions';

beforeAll(async () => {
  await startBackend('wasm');
});

describe('the loss of guessing as a yardstick', () => {
  const guessing = Math.log(5);
  const far = ABOVE_GUESSING_FACTOR * guessing * 1.5;

  it('needs a whole window of losses, and its median above the yardstick', () => {
    const watch = aboveGuessingWatch(5);
    for (let i = 1; i < ABOVE_GUESSING_WINDOW; i++) expect(watch(far)).toBeNull();
    expect(watch(far)).toEqual({ kind: 'above-guessing', median: far, guessing });
  });

  it('lets a few spikes pass while most losses are sane', () => {
    const watch = aboveGuessingWatch(5);
    const losses = [1.6, 1000, 1.5, 1.4, 900, 1.3, 800, 1.2, 1.1, 700, 1.0, 1.0];
    expect(losses.map(watch).filter((d) => d !== null)).toEqual([]);
  });
});

/** Glyphs small enough for a fraction of a second per step. */
const SMALL = [
  'task=glyphs',
  'ways=3',
  'shots=1',
  'query=3',
  'metaBatch=2',
  'filters=4',
  'imageSize=12',
  'evalTasks=4',
  'evalQuery=3',
  'iterations=100',
];

async function stepsUntilStopped(sets: string[], steps: number) {
  const trainer = createTrainer(configOver(SMALL, ...sets), null);
  for (let i = 0; i < steps; i++) {
    const result = await trainer.step({ taskDetail: false });
    if (!result.ok) return { at: i + 1, message: result.divergence.message };
  }
  return null;
}

describe('a glyph run', () => {
  it('with innerLr 10 and metaLr 1 is stopped, naming the inner learning rate', async () => {
    const stopped = await stepsUntilStopped(['innerLr=10', 'metaLr=1'], 40);
    expect(stopped).not.toBeNull();
    expect(stopped!.at).toBeGreaterThanOrEqual(ABOVE_GUESSING_WINDOW);
    expect(stopped!.message).toContain('times the loss of guessing (ln ways = 1.10)');
    expect(stopped!.message).toContain('inner learning rate (innerLr = 10)');
  });

  it('at the defaults, or with innerLr 10 alone, goes on', async () => {
    expect(await stepsUntilStopped([], 40)).toBeNull();
    expect(await stepsUntilStopped(['innerLr=10'], 40)).toBeNull();
  });
});
