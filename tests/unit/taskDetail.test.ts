/**
 * Each task's loss before adaptation is computed only when asked (the page asks while its
 * per-task view is shown): a classification step without it trains exactly as one with it (same
 * losses after adapting, same parameters), reports no losses before, and still stops a run whose
 * adapted loss explodes, measured against guessing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer } from '../../src/core/trainer/createTrainer';
import { startBackend } from '../../src/cli/nodeBackend';
import { configWith, valuesOf } from '../helpers/sessions';

const GLYPHS = [
  'task=glyphs',
  'ways=3',
  'shots=1',
  'query=2',
  'metaBatch=2',
  'filters=4',
  'seed=3',
];

describe('each task’s loss before adaptation, on demand', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  for (const algorithm of ['maml', 'reptile', 'metasgd']) {
    it(`${algorithm}: without it, the same step and no losses before`, async () => {
      const config = configWith(...GLYPHS, `algorithm=${algorithm}`);
      const asked = createTrainer(config, null);
      const skipped = createTrainer(config, null);
      for (let i = 0; i < 3; i++) {
        const a = await asked.step({ taskDetail: true });
        const b = await skipped.step({ taskDetail: false });
        if (!a.ok || !b.ok) throw new Error('a run stopped');
        expect(a.metrics.taskLossBefore).toHaveLength(2);
        expect(a.metrics.taskLossBefore.every(Number.isFinite)).toBe(true);
        expect(b.metrics.taskLossBefore).toHaveLength(0);
        expect(Array.from(b.metrics.taskLossAfter)).toEqual(Array.from(a.metrics.taskLossAfter));
        expect(b.metrics.metaTrainLoss).toBe(a.metrics.metaTrainLoss);
      }
      expect(valuesOf(skipped, algorithm)).toEqual(valuesOf(asked, algorithm));
    });
  }

  it('without the losses before, measures an explosion against guessing', async () => {
    const config = configWith(...GLYPHS, 'algorithm=maml');
    const trainer = createTrainer(config, null);
    const result = await trainer.step({ taskDetail: false });
    expect(result.ok).toBe(true);
    const run = trainer.models[0]!;
    const tasks = 2;
    const size = run.values.reduce((n, v) => n + v.length, 0);
    // What the step reads back: NaN where the losses before would be, then the losses after,
    // the accuracies and the direction.
    const readout = (lossAfter: number) => {
      const flat = new Float32Array(3 * tasks + size);
      flat.fill(Number.NaN, 0, tasks);
      flat.fill(lossAfter, tasks, 2 * tasks);
      return flat;
    };
    const read = (lossAfter: number) =>
      run.model.training!.read(readout(lossAfter), run.values, { batch: { tasks } }, 2);
    const guessing = Math.log(3);
    expect(read(guessing * 10).ok).toBe(true);
    const exploded = read(guessing * 2e6);
    expect(exploded.ok).toBe(false);
    if (!exploded.ok) expect(exploded.message).toMatch(/more than 1e\+6 times the loss before/);
  });
});
