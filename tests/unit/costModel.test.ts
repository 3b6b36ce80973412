/**
 * The cost model against measurement: for a spread of settings (sine waves and glyphs, narrow to
 * wide, 1 to 10 inner steps, every kind of learner), the real trainer on WASM, with tf.profile's
 * peak tensor bytes of one iteration and of a held-out evaluation, and the time of an iteration
 * (the lower quartile of timed iterations after a warm-up). Each memory estimate must lie within a
 * factor of two of its measurement. Time is checked as the model's ratio to a reference of the
 * same task family (the defaults; the first glyph case) against the measured ratio, the two timed
 * in turns: on a machine busy with other tests an absolute time drifts with the load, a ratio far
 * less. The absolute estimates on an idle machine are in docs/BENCHMARKS.md (`npm run bench:cost`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startBackend } from '../../src/cli/nodeBackend';
import { DEFAULT_CONFIG, applyOverrides, type ExperimentConfig } from '../../src/core/config';
import { DatasetLibrary } from '../../src/core/datasets/library';
import { estimateCost } from '../../src/core/bench/costModel';
import { measureCost, relativeIterationTime } from '../../src/cli/costMeasurement';

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

function within(estimate: number, measured: number): boolean {
  return estimate <= measured * FACTOR && measured <= estimate * FACTOR;
}

/** The references iteration times are compared with: the defaults, and the first glyph case. */
const SINE_REFERENCE: readonly string[] = [];
const GLYPH_REFERENCE = CASES.find((c) => c.settings.includes('task=glyphs'))!.settings;

function configOf(settings: readonly string[]): ExperimentConfig {
  const { config, problems } = applyOverrides(DEFAULT_CONFIG, [...settings]);
  expect(problems).toEqual([]);
  return config;
}

describe('the cost model against the real trainer on WASM', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  for (const { settings, warmUp, timed, evalTasks } of CASES) {
    it(`estimates ${settings.join(' ') || 'the defaults'} within ${FACTOR}x`, async () => {
      const config = configOf([...settings, `evalTasks=${evalTasks}`]);
      const estimate = estimateCost(config);
      const library = new DatasetLibrary();
      // Memory only here (one timed iteration); time below, against the reference.
      const measured = await measureCost(config, library, { warmUp: 0, timed: 1, evalTasks });
      const reference = configOf(
        settings.includes('task=glyphs') ? GLYPH_REFERENCE : SINE_REFERENCE,
      );
      const relative = await relativeIterationTime(config, reference, library, { warmUp, timed });
      const estimatedRelative = estimate.msPerIteration / estimateCost(reference).msPerIteration;
      const ratios = {
        stepBytes: estimate.stepBytes / measured.stepBytes,
        evaluationBytes: estimate.evaluationBytes / measured.evaluationBytes,
        relativeTime: estimatedRelative / relative,
      };
      const shown = JSON.stringify(ratios, (_, v: unknown) =>
        typeof v === 'number' ? Number(v.toFixed(2)) : v,
      );
      // Printed so that a failure shows every ratio, not only the first one out of bounds.
      console.log(`[cost model] ${settings.join(' ') || 'defaults'}: ${shown}`);
      expect(within(estimate.stepBytes, measured.stepBytes), `step bytes: ${shown}`).toBe(true);
      expect(
        within(estimate.evaluationBytes, measured.evaluationBytes),
        `evaluation bytes: ${shown}`,
      ).toBe(true);
      // Time on this machine at this moment: against a reference timed in turns with it, so that
      // the other tests running beside this one change both alike.
      expect(within(estimatedRelative, relative), `time against the reference: ${shown}`).toBe(
        true,
      );
    });
  }
});
