/**
 * One meta-iteration slowed down: the picture is made by the code that adapts at test time, from
 * the values the learner started the iteration with, so its query losses must be the ones the
 * training step itself reported (computed by the fused engines), step by step.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer } from '../../src/core/trainer/createTrainer';
import { startBackend } from '../../src/cli/nodeBackend';
import type { Trainer } from '../../src/core/trainer/trainer';
import type { RegressionIterationPicture } from '../../src/core/trainer/types';
import { configWith, train } from '../helpers/sessions';

const GRID = Float32Array.from({ length: 11 }, (_, i) => -5 + i);

async function pictureOf(trainer: Trainer, tasks: number): Promise<RegressionIterationPicture> {
  const picture = await trainer.iterationPicture(GRID, tasks);
  if (picture?.kind !== 'regression') throw new Error('expected a regression picture');
  return picture;
}

function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
}

describe('the latest iteration up close', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  it('is null before the first iteration', async () => {
    const trainer = createTrainer(configWith('metaBatch=3'), null);
    expect(await trainer.iterationPicture(GRID, 8)).toBeNull();
  });

  for (const algorithm of ['maml', 'metasgd', 'anil', 'mamlpp'] as const) {
    it(`${algorithm}: gives each task's query loss before and after its inner steps as the step reported`, async () => {
      const trainer = createTrainer(
        configWith(`algorithm=${algorithm}`, 'metaBatch=5', 'innerSteps=2', 'seed=3'),
        null,
      );
      const metrics = await train(trainer, 4);
      const last = metrics[metrics.length - 1]!;
      const picture = await pictureOf(trainer, 3);
      expect(picture.iteration).toBe(4);
      expect(picture.learner).toBe(algorithm);
      expect(picture.tasks).toHaveLength(3);
      picture.tasks.forEach((task, t) => {
        expect(task.fits).toHaveLength(3);
        expect(task.fits[0]).toHaveLength(GRID.length);
        expect(relative(task.queryLoss[0]!, last.taskLossBefore[t]!)).toBeLessThan(1e-4);
        expect(relative(task.queryLoss[2]!, last.taskLossAfter[t]!)).toBeLessThan(1e-4);
        expect(task.supportLoss).toHaveLength(3);
      });
      // The outer step moved the initialisation: its fit changed.
      expect(Array.from(picture.after)).not.toEqual(Array.from(picture.before));
    });
  }

  it("gives each task's support loss as computed from its points and fits at step 0", async () => {
    const trainer = createTrainer(configWith('metaBatch=2', 'seed=9', 'hidden=none'), null);
    await train(trainer, 1);
    const picture = await pictureOf(trainer, 2);
    // hidden=none is a line y = w x + b: its fit on the grid gives w and b, and so the support loss.
    for (const task of picture.tasks) {
      const fit = task.fits[0]!;
      const w = (fit[1]! - fit[0]!) / (GRID[1]! - GRID[0]!);
      const b = fit[0]! - w * GRID[0]!;
      let sum = 0;
      task.supportX.forEach((x, i) => {
        sum += (w * x + b - task.supportY[i]!) ** 2;
      });
      expect(relative(task.supportLoss[0]!, sum / task.supportX.length)).toBeLessThan(1e-4);
    }
  });

  it('shows the initialisation before the outer step as the one the next picture starts from', async () => {
    const trainer = createTrainer(configWith('metaBatch=2', 'seed=5'), null);
    await train(trainer, 2);
    const first = await pictureOf(trainer, 1);
    await train(trainer, 1);
    const second = await pictureOf(trainer, 1);
    expect(second.iteration).toBe(first.iteration + 1);
    expect(Array.from(second.before)).toEqual(Array.from(first.after));
  });
});
