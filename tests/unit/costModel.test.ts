/**
 * The cost model against measurement: for a spread of settings (sine waves and glyphs, narrow to
 * wide, 1 to 10 inner steps, every kind of learner), the real trainer on WASM, with tf.profile's
 * peak tensor bytes of one iteration and of a held-out evaluation, and the time of an iteration
 * (the lower quartile of timed iterations after a warm-up, so that other work on the machine
 * cannot make it look slower). Each estimate must lie within a factor of two of its measurement.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { startBackend } from '../../src/cli/nodeBackend';
import { DEFAULT_CONFIG, applyOverrides } from '../../src/core/config';
import { createTrainer } from '../../src/core/trainer/createTrainer';
import { DatasetLibrary } from '../../src/core/datasets/library';
import { estimateCost } from '../../src/core/bench/costModel';
import type { Trainer } from '../../src/core/trainer';

const FACTOR = 2;

interface Case {
  readonly settings: readonly string[];
  readonly warmUp: number;
  readonly timed: number;
  /** Held-out tasks the evaluation's memory is measured on. */
  readonly evalTasks: number;
}

const SINE = { warmUp: 50, timed: 30, evalTasks: 100 };
const IMAGES = { warmUp: 2, timed: 4, evalTasks: 1 };

const CASES: readonly Case[] = [
  { settings: [], ...SINE },
  { settings: ['metaBatch=100', 'hidden=20'], ...SINE },
  { settings: ['hidden=256,256', 'metaBatch=10'], ...SINE, warmUp: 10, timed: 10 },
  { settings: ['hidden=40,40,40,40', 'innerSteps=5'], ...SINE },
  { settings: ['shots=50', 'query=200', 'metaBatch=10', 'evalQuery=500'], ...SINE },
  { settings: ['innerSteps=10', 'algorithm=fomaml'], ...SINE },
  { settings: ['algorithm=metasgd', 'innerSteps=3'], ...SINE },
  { settings: ['compare=maml,reptile,anil', 'innerSteps=2'], ...SINE },
  { settings: ['algorithm=multitask'], ...SINE },
  // Evaluation chunks sized by their memory: about 33 tasks at a time, not 100.
  { settings: ['hidden=512,512', 'metaBatch=5'], ...SINE, warmUp: 5, timed: 5 },
  {
    settings: ['task=glyphs', 'metaBatch=4', 'shots=1', 'query=5', 'filters=16', 'evalQuery=50'],
    ...IMAGES,
  },
  {
    settings: ['task=glyphs', 'metaBatch=2', 'ways=10', 'shots=2', 'filters=8', 'innerSteps=3'],
    ...IMAGES,
  },
  {
    settings: ['task=glyphs', 'algorithm=protonet', 'metaBatch=4', 'imageSize=14', 'filters=32'],
    ...IMAGES,
  },
  {
    settings: ['task=glyphs', 'network=mlp', 'hidden=128,64', 'metaBatch=10', 'ways=5'],
    ...IMAGES,
  },
];

async function peakBytes(work: () => Promise<unknown>): Promise<number> {
  const before = tf.memory().numBytes;
  const info = await tf.profile(async () => {
    await work();
  });
  return info.peakBytes - before;
}

async function iterationMs(trainer: Trainer, warmUp: number, timed: number): Promise<number> {
  for (let i = 0; i < warmUp; i++) await trainer.step({ taskDetail: false });
  const times: number[] = [];
  for (let i = 0; i < timed; i++) {
    const started = performance.now();
    await trainer.step({ taskDetail: false });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor((times.length - 1) / 4)]!;
}

function within(estimate: number, measured: number): boolean {
  return estimate <= measured * FACTOR && measured <= estimate * FACTOR;
}

describe('the cost model against the real trainer on WASM', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  for (const { settings, warmUp, timed, evalTasks } of CASES) {
    it(`estimates ${settings.join(' ') || 'the defaults'} within ${FACTOR}x`, async () => {
      const { config, problems } = applyOverrides(DEFAULT_CONFIG, [
        ...settings,
        `evalTasks=${evalTasks}`,
      ]);
      expect(problems).toEqual([]);
      const estimate = estimateCost(config);
      const trainer = createTrainer(config, new DatasetLibrary());
      await trainer.step({ taskDetail: false });
      const step = await peakBytes(() => trainer.step({ taskDetail: false }));
      const evaluation = await peakBytes(() => trainer.evaluate(evalTasks));
      const ms = await iterationMs(trainer, warmUp, timed);
      const measured = { step, evaluation, ms };
      const estimated = {
        step: estimate.stepBytes,
        evaluation: estimate.evaluationBytes,
        ms: estimate.msPerIteration,
      };
      const ratios = Object.fromEntries(
        (['step', 'evaluation', 'ms'] as const).map((key) => [
          key,
          Number((estimated[key] / measured[key]).toFixed(2)),
        ]),
      );
      // Printed so that a failure shows every ratio, not only the first one out of bounds.
      console.log(`[cost model] ${settings.join(' ') || 'defaults'}: ${JSON.stringify(ratios)}`);
      expect(within(estimated.step, measured.step), `step bytes ${JSON.stringify(ratios)}`).toBe(
        true,
      );
      expect(
        within(estimated.evaluation, measured.evaluation),
        `evaluation bytes ${JSON.stringify(ratios)}`,
      ).toBe(true);
      expect(within(estimated.ms, measured.ms), `ms ${JSON.stringify(ratios)}`).toBe(true);
    });
  }
});
