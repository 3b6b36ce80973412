/**
 * A comparison: several learners in one Trainer, on the same settings and seed, so they see the
 * same task stream and are scored on the same held-out tasks, beside one pair of baselines.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExperimentConfig } from '../../src/core/config';
import { configFor } from '../../src/core/learners/registry';
import { createTrainer, restoreTrainer } from '../../src/core/trainer/createTrainer';
import type { Trainer } from '../../src/core/trainer/trainer';
import type { StepReading } from '../../src/core/trainer/model';
import {
  PRETRAINED,
  SCRATCH,
  baselineCurves,
  curvesOf,
  leadCurves,
  learnerCurves,
} from '../../src/core/results/evaluation';
import { startBackend } from '../../src/cli/nodeBackend';
import { configWith as overridden, numbersOf } from '../helpers/sessions';

const SMALL = ['metaBatch=4', 'shots=5', 'query=5', 'hidden=16,16', 'evalTasks=30', 'seed=3'];

const configWith = (...pairs: string[]): ExperimentConfig => overridden(...SMALL, ...pairs);

function trainer(config: ExperimentConfig): Trainer {
  return createTrainer(config, null);
}

/** Each step's training loss of every learner (the one learner's, for a run of one). */
async function losses(run: Trainer, iterations: number): Promise<number[][]> {
  const rows: number[][] = [];
  for (let i = 0; i < iterations; i++) {
    const result = await run.step();
    if (!result.ok) throw new Error(result.divergence.message);
    rows.push([...(result.metrics.comparedLoss ?? [result.metrics.metaTrainLoss])]);
  }
  return rows;
}

/** From now on, the model's training reports a loss that is not finite, as a diverging one would. */
function diverge(run: Trainer, id: string): void {
  const training = run.models.find((m) => m.model.id === id)!.model.training!;
  const stopped: StepReading = { ok: false, message: 'loss is not finite' };
  vi.spyOn(training, 'read').mockReturnValue(stopped);
}

describe('a comparison of learners on wasm', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('trains each learner exactly as it trains alone, on the same seed and tasks', async () => {
    const config = configWith('compare=maml,fomaml,reptile');
    const together = await losses(trainer(config), 6);
    const alone = await Promise.all(
      config.compare.map((id) => losses(trainer(configFor(config, id)), 6)),
    );
    for (let i = 0; i < 6; i++) {
      expect(together[i]).toEqual(alone.map((rows) => rows[i]![0]));
    }
    // Different learners really are different runs.
    expect(new Set(together[5]).size).toBe(3);
  });

  it('holds one pair of baselines, trained once per step: those of a run of its first learner alone', async () => {
    const compared = trainer(configWith('compare=maml,fomaml'));
    const alone = trainer(configWith('algorithm=maml'));
    const pretrained = compared.models.find((m) => m.model.id === PRETRAINED)!.model.training!;
    const launches = vi.spyOn(pretrained, 'launch');
    for (let i = 0; i < 4; i++) {
      const [together, own] = [await compared.step(), await alone.step()];
      if (!together.ok || !own.ok) throw new Error('diverged');
      expect(together.metrics.pretrainedLoss).toBe(own.metrics.pretrainedLoss);
    }
    expect(launches).toHaveBeenCalledTimes(4);
    const evaluation = await compared.evaluate();
    const own = await alone.evaluate();
    expect(evaluation.models.map((m) => m.id)).toEqual(['maml', 'fomaml', PRETRAINED, SCRATCH]);
    for (const id of [PRETRAINED, SCRATCH] as const) {
      expect(evaluation.models.filter((m) => m.id === id)).toHaveLength(1);
      // Bit for bit, but for the wall time per iteration (a clock reading).
      expect(numbersOf(evaluation).models.find((m) => m.id === id)).toEqual(
        numbersOf(own).models.find((m) => m.id === id),
      );
    }
  });

  it('scores every learner on the same held-out tasks as a run of its own', async () => {
    const config = configWith('compare=maml,reptile', 'testInnerSteps=3');
    const compare = trainer(config);
    await losses(compare, 5);
    const evaluation = await compare.evaluate();
    expect(learnerCurves(evaluation).map((c) => c.id)).toEqual(['maml', 'reptile']);
    for (const id of config.compare) {
      const alone = trainer(configFor(config, id));
      await losses(alone, 5);
      const own = await alone.evaluate();
      const curves = curvesOf(evaluation, id)!;
      expect(curves.role).toBe('learner');
      expect(curves.loss).toEqual(leadCurves(own).loss);
      expect(curves.iteration).toBe(5);
      expect(curves.msPerIteration).toBeGreaterThanOrEqual(0);
      expect(baselineCurves(evaluation, PRETRAINED).loss).toEqual(
        baselineCurves(own, PRETRAINED).loss,
      );
      expect(baselineCurves(evaluation, SCRATCH).loss).toEqual(baselineCurves(own, SCRATCH).loss);
    }
  });

  it('compares transfer from multi-task shared weights with MAML on the same held-out tasks', async () => {
    const config = configWith('compare=multitask,maml', 'testInnerSteps=2', 'mtlTasks=3');
    const run = trainer(config);
    const rows = await losses(run, 4);
    expect(rows.every((row) => row.length === 2 && row.every(Number.isFinite))).toBe(true);
    const evaluation = await run.evaluate();
    expect(learnerCurves(evaluation).map((c) => c.id)).toEqual(['multitask', 'maml']);
    const maml = trainer(configFor(config, 'maml'));
    await losses(maml, 4);
    const own = await maml.evaluate();
    expect(curvesOf(evaluation, 'maml')!.loss).toEqual(leadCurves(own).loss);
    // Scratch is the same network on the same tasks whichever run reports it; and since the
    // Trainer, so is pretrained: it trains on the run's meta-batches, whichever learner leads
    // (it used to train on the multi-task learner's points when that one led).
    expect(baselineCurves(evaluation, SCRATCH).loss).toEqual(baselineCurves(own, SCRATCH).loss);
    expect(baselineCurves(evaluation, PRETRAINED).loss).toEqual(
      baselineCurves(own, PRETRAINED).loss,
    );
  });

  it('continues from a snapshot exactly, even one taken after a step failed half way', async () => {
    const config = configWith('compare=maml,fomaml');
    const uninterrupted = await losses(trainer(config), 6);

    const run = trainer(config);
    const before = await losses(run, 3);
    // The second learner's kernels fail at the fourth step, after the first learner's have run.
    vi.spyOn(run.models[1]!.model.training!, 'launch').mockImplementationOnce(() => {
      throw new Error('device lost');
    });
    await expect(run.step()).rejects.toThrow('device lost');
    expect(run.iteration).toBe(3);
    const snapshot = structuredClone(run.snapshot());
    expect(snapshot.models.map((m) => [m.id, m.iteration])).toEqual([
      ['maml', 3],
      ['fomaml', 3],
      [PRETRAINED, 3],
      [SCRATCH, 0],
    ]);
    const resumed = restoreTrainer(snapshot, null);
    expect(resumed.iteration).toBe(3);
    const after = await losses(resumed, 3);
    expect([...before, ...after]).toEqual(uninterrupted);
  });

  it('lets the others go on when one learner stops, says which stopped, and stops when all have', async () => {
    const config = configWith('compare=maml,reptile', 'testInnerSteps=2');
    const run = trainer(config);
    await losses(run, 2);
    diverge(run, 'maml');
    const rows = await losses(run, 3);
    for (const row of rows) {
      expect(row[0]).toBeNaN();
      expect(Number.isFinite(row[1])).toBe(true);
    }
    expect(run.divergence).toBeNull();
    expect(run.iteration).toBe(5);
    const evaluation = await run.evaluate();
    expect(curvesOf(evaluation, 'maml')!.divergence).toMatch(/not finite/);
    expect(curvesOf(evaluation, 'maml')!.iteration).toBe(2);
    expect(curvesOf(evaluation, 'reptile')!.divergence).toBeNull();
    expect(curvesOf(evaluation, 'reptile')!.iteration).toBe(5);
    // The baselines go on beside the learner still running.
    expect(baselineCurves(evaluation, PRETRAINED).iteration).toBe(5);

    diverge(run, 'reptile');
    const last = await run.step();
    expect(last.ok).toBe(false);
    if (last.ok) return;
    expect(last.divergence.iteration).toBe(6);
    expect(last.divergence.message).toMatch(/^maml: .*not finite.* reptile: .*not finite/);
    expect(run.divergence).toEqual(last.divergence);
    expect(run.iteration).toBe(5);
  });
});
