/**
 * Each meta-learner beside MAML learns something on sinusoids in a few hundred meta-iterations:
 * on 200 held-out tasks, its query loss after adapting its own way is below that of a network
 * trained from scratch, with non-overlapping 95% intervals. Runs are seeded, so the numbers are
 * the same on every run; each takes a few seconds on wasm.
 *
 * Settings per learner, and why:
 * - fomaml: the defaults, 500 iterations (the first-order gradient learns more slowly than MAML's).
 * - reptile: 3 inner steps; with one step Reptile's direction is innerLr times the joint-training
 *   gradient, so it would just be the pretrained baseline.
 * - metasgd: the defaults. Its rates are tuned for the one inner step it trains with, and taken
 *   ten times at test time they overshoot, so only the step it was trained for is compared.
 * - anil: metaLr 0.003: only the head adapts, with innerLr 0.01, so the body has to learn more
 *   per iteration for the effect to show within 300 iterations.
 * - mamlpp: 2 inner steps, so there are two steps' rates to learn; like Meta-SGD's, its rates suit
 *   the steps it trained with, so the step compared is the second.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, applyOverrides } from '../../src/core/config';
import { createTrainer } from '../../src/core/trainer/createTrainer';
import type { AdaptationCurve } from '../../src/core/trainer';
import { SCRATCH, baselineCurves, leadCurves } from '../../src/core/results/evaluation';
import { startBackend } from '../../src/cli/nodeBackend';

const RUNS = [
  { algorithm: 'fomaml', iterations: 500, settings: [], steps: [1, 10] },
  { algorithm: 'reptile', iterations: 300, settings: ['innerSteps=3'], steps: [3, 10] },
  { algorithm: 'metasgd', iterations: 300, settings: [], steps: [1] },
  { algorithm: 'anil', iterations: 300, settings: ['metaLr=0.003'], steps: [1, 10] },
  { algorithm: 'mamlpp', iterations: 300, settings: ['innerSteps=2'], steps: [2] },
];

/** The upper end of one curve's 95% interval at `step` lies below the lower end of the other's. */
function clearlyBelow(a: AdaptationCurve, b: AdaptationCurve, step: number): boolean {
  return a.mean[step]! + a.ci95[step]! < b.mean[step]! - b.ci95[step]!;
}

describe('meta-learners on sinusoids, on wasm', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  it.each(RUNS)(
    '$algorithm after $iterations iterations adapts better than a network trained from scratch',
    async ({ algorithm, iterations, settings, steps }) => {
      const { config, problems } = applyOverrides(DEFAULT_CONFIG, [
        `algorithm=${algorithm}`,
        'evalTasks=200',
        ...settings,
      ]);
      expect(problems).toEqual([]);
      const trainer = createTrainer(config, null);
      for (let i = 0; i < iterations; i++) {
        const result = await trainer.step();
        if (!result.ok) throw new Error(result.divergence.message);
      }
      const evaluation = await trainer.evaluate();
      const learner = leadCurves(evaluation).loss;
      const scratch = baselineCurves(evaluation, SCRATCH).loss;
      for (const step of steps) expect(clearlyBelow(learner, scratch, step)).toBe(true);
      // Adapting helps: the first step lowers the learner's held-out loss.
      expect(learner.mean[1]!).toBeLessThan(learner.mean[0]!);
    },
  );
});
