/**
 * The pretrained baseline on its own schedule: with pretrainEvery=N it takes a step on every Nth
 * meta-batch only (its values move at iterations 1, 1 + N, ...), reaches every iteration, and
 * leaves the learner exactly as it is with a baseline stepping every time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer } from '../../src/core/trainer/createTrainer';
import { pretrainedSteps, pretrainScheduleText } from '../../src/core/trainer/baselineSchedule';
import { startBackend } from '../../src/cli/nodeBackend';
import { configWith, valuesOf } from '../helpers/sessions';

const SMALL = ['metaBatch=3', 'hidden=8,8', 'evalTasks=5', 'seed=2'];

describe('the pretrained baseline’s schedule', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  it('steps on every Nth batch, reaches every iteration, and leaves the learner alone', async () => {
    const every = createTrainer(configWith(...SMALL), null);
    const third = createTrainer(configWith(...SMALL, 'pretrainEvery=3'), null);
    const moved: number[] = [];
    for (let i = 1; i <= 7; i++) {
      const before = valuesOf(third, 'pretrained');
      const a = await every.step();
      const b = await third.step();
      expect(a.ok && b.ok).toBe(true);
      const after = valuesOf(third, 'pretrained');
      if (after.some((v, j) => v.some((x, k) => x !== before[j]![k]))) moved.push(i);
      expect(valuesOf(third, 'maml')).toEqual(valuesOf(every, 'maml'));
    }
    expect(moved).toEqual([1, 4, 7]);
    const pretrained = third.snapshot().models.find((m) => m.id === 'pretrained')!;
    expect(pretrained.iteration).toBe(7);
    expect(pretrained.timedSteps).toBe(pretrainedSteps({ pretrainEvery: 3 }, 7));
    expect(pretrained.optimiser!.steps).toBe(3);
  });

  it('counts steps and names the schedule', () => {
    expect(pretrainedSteps({ pretrainEvery: 1 }, 10)).toBe(10);
    expect(pretrainedSteps({ pretrainEvery: 4 }, 0)).toBe(0);
    expect(pretrainedSteps({ pretrainEvery: 4 }, 1)).toBe(1);
    expect(pretrainedSteps({ pretrainEvery: 4 }, 8)).toBe(2);
    expect(pretrainedSteps({ pretrainEvery: 4 }, 9)).toBe(3);
    expect(pretrainScheduleText({ pretrainEvery: 1 })).toBeNull();
    expect(pretrainScheduleText({ pretrainEvery: 2 })).toBe('every 2nd meta-batch');
    expect(pretrainScheduleText({ pretrainEvery: 4 })).toBe('every 4th meta-batch');
    expect(pretrainScheduleText({ pretrainEvery: 13 })).toBe('every 13th meta-batch');
  });
});
