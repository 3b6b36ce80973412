/**
 * End to end through the Trainer: a short meta-training on glyphs, 5-way 1-shot (chance
 * 20%), for each of MAML's relatives. Each must adapt to held-out glyph classes clearly better than
 * a network trained from scratch on the same tasks: the lower end of its 95% interval (over 60
 * held-out tasks) above the upper end of scratch's. Small network and images (8 filters, 16x16)
 * so that each stays well under a minute on WASM.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, applyOverrides, type ExperimentConfig } from '../../src/core/config';
import { createTrainer } from '../../src/core/trainer/createTrainer';
import { SCRATCH, baselineCurves, leadCurves } from '../../src/core/results/evaluation';
import { startBackend } from '../../src/cli/nodeBackend';

const COMMON = [
  'task=glyphs',
  'ways=5',
  'shots=1',
  'query=3',
  'metaBatch=4',
  'filters=8',
  'imageSize=16',
  'innerLr=0.4',
  'metaLr=0.003',
  'testInnerSteps=2',
  'evalTasks=60',
  'evalQuery=3',
];

/** COMMON with `pairs` replacing settings of the same name. */
function configWith(pairs: readonly string[]): ExperimentConfig {
  const byKey = new Map([...COMMON, ...pairs].map((pair) => [pair.split('=')[0]!, pair]));
  const { config, problems } = applyOverrides(DEFAULT_CONFIG, [...byKey.values()]);
  expect(problems).toEqual([]);
  return config;
}

/**
 * Per algorithm, what differs from COMMON, and the meta-iterations. Reptile takes several inner
 * steps: with one, its direction is only innerLr times the joint-training gradient (the paper
 * uses 5 on Omniglot); three steps cost more per iteration, and a larger metaLr lets it take
 * fewer. ANIL fine-tunes a linear head on the body's features, of which 8 filters at 16x16 leave
 * only 8 (one pixel after four stride-2 blocks): it gets 16 filters and the larger metaLr.
 */
const RUNS = [
  { algorithm: 'fomaml', iterations: 60, settings: [] },
  {
    algorithm: 'reptile',
    iterations: 40,
    settings: ['innerSteps=3', 'testInnerSteps=3', 'metaLr=0.01'],
  },
  { algorithm: 'metasgd', iterations: 60, settings: [] },
  { algorithm: 'anil', iterations: 60, settings: ['filters=16', 'metaLr=0.01'] },
] as const;

describe('meta-learning on glyphs with the other algorithms (wasm)', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  it.each(RUNS)(
    '$algorithm beats scratch on held-out glyph classes',
    async ({ algorithm, iterations, settings }) => {
      const config = configWith([`algorithm=${algorithm}`, ...settings]);
      const trainer = createTrainer(config, null);
      for (let i = 0; i < iterations; i++) {
        const result = await trainer.step();
        if (!result.ok) throw new Error(result.divergence.message);
      }
      const evaluation = await trainer.evaluate();
      const learnerAccuracy = leadCurves(evaluation).accuracy!;
      const scratchAccuracy = baselineCurves(evaluation, SCRATCH).accuracy!;
      const last = evaluation.steps.length - 1;
      const learner = learnerAccuracy.mean[last]! - learnerAccuracy.ci95[last]!;
      const scratch = scratchAccuracy.mean[last]! + scratchAccuracy.ci95[last]!;
      expect(learner).toBeGreaterThan(scratch);
    },
  );
});
