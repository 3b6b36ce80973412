import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { TrainingSession } from '../../src/core/session';
import { startBackend } from '../../src/cli/nodeBackend';
import { explainDivergence } from '../../src/core/session/divergence';
import { createRng } from '../../src/core/random/rng';
import { sampleSinusoidBatch } from '../../src/core/tasks/sinusoid';
import { initialValues, layerSizes } from '../../src/core/model/mlp';
import { adapt, mseLoss } from '../../src/core/check/float64Mlp';
import { flatten, spec, toTasks64 } from '../helpers/fixtures';
import { configWith, train } from '../helpers/sessions';

describe('TrainingSession on wasm', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  it('reports each task of the meta-batch before and after adaptation, as computed independently', async () => {
    const config = configWith('metaBatch=7', 'shots=5', 'query=9', 'seed=5');
    const [first] = await train(new TrainingSession(config), 1);
    // The same tasks and initialisation, through the float64 reference implementation.
    const batch = sampleSinusoidBatch(createRng(5, 'tasks'), 7, 5, 9);
    const s = spec([40, 40]);
    const flat = flatten(initialValues(s, createRng(5, 'init')));
    const sizes = layerSizes(s);
    toTasks64(batch).forEach((task, t) => {
      const before = mseLoss(flat, sizes, task.queryX, task.queryY, 'relu');
      const adapted = adapt(flat, sizes, task, config.innerLr, 1, 'relu');
      const after = mseLoss(adapted, sizes, task.queryX, task.queryY, 'relu');
      expect(Math.abs(first!.taskLossBefore[t]! - before) / before).toBeLessThan(1e-5);
      expect(Math.abs(first!.taskLossAfter[t]! - after) / after).toBeLessThan(1e-5);
    });
    expect(first!.iteration).toBe(1);
    const mean = first!.taskLossAfter.reduce((a, b) => a + b, 0) / 7;
    expect(first!.metaTrainLoss).toBeCloseTo(mean, 6);
    expect(Number.isFinite(first!.pretrainedLoss)).toBe(true);
  });

  it('keeps the tensor count flat over 20 steps after a warm-up step, and through evaluate', async () => {
    for (const firstOrder of ['false', 'true']) {
      const session = new TrainingSession(
        configWith('metaBatch=5', 'innerSteps=2', `firstOrder=${firstOrder}`, 'evalTasks=30'),
      );
      await train(session, 1);
      const before = tf.memory().numTensors;
      await train(session, 20);
      expect(tf.memory().numTensors).toBe(before);
      await session.evaluate();
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('gives bitwise-identical meta-training losses for the same seed, and different ones for another', async () => {
    const losses = async (seed: number): Promise<number[]> =>
      (await train(new TrainingSession(configWith(`seed=${seed}`)), 50)).map(
        (m) => m.metaTrainLoss,
      );
    const first = await losses(7);
    const again = await losses(7);
    const other = await losses(8);
    expect(first).toHaveLength(50);
    expect(again).toEqual(first);
    expect(first.every((v, i) => Object.is(v, again[i]))).toBe(true);
    expect(other.filter((v, i) => v !== first[i]).length).toBeGreaterThan(45);
  });

  it('stops a diverging run at the first bad iteration, names innerLr, and keeps what it had', async () => {
    const session = new TrainingSession(configWith('innerLr=10', 'evalTasks=10'));
    const result = await session.step();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.divergence.iteration).toBe(1);
    expect(result.divergence.message).toMatch(/innerLr = 10/);
    expect(session.iteration).toBe(0);
    expect(session.divergence).toEqual(result.divergence);
    // Further steps do nothing and report the same reason.
    const again = await session.step();
    expect(again.ok).toBe(false);
    expect(session.parameters.every((p) => p.every(Number.isFinite))).toBe(true);
  });

  it('continues a run from a snapshot exactly as if it had never stopped', async () => {
    const config = configWith('metaBatch=6', 'innerSteps=2', 'evalTasks=20');
    const whole = await train(new TrainingSession(config), 20);
    const first = new TrainingSession(config);
    const before = await train(first, 10);
    // Through structured cloning, as a snapshot travels between a worker and the page.
    const resumed = TrainingSession.restore(structuredClone(first.snapshot()));
    expect(resumed.iteration).toBe(10);
    const after = await train(resumed, 10);
    expect([...before, ...after].map((m) => m.metaTrainLoss)).toEqual(
      whole.map((m) => m.metaTrainLoss),
    );
    expect(after[0]!.iteration).toBe(11);
    const continued = new TrainingSession(config);
    await train(continued, 20);
    expect(await resumed.evaluate()).toEqual(await continued.evaluate());
  });

  it('explains a blow-up by the rate most likely at fault', () => {
    const cause = { kind: 'non-finite' } as const;
    const inner = explainDivergence(configWith('innerLr=2'), 9, cause);
    const outer = explainDivergence(configWith('metaLr=0.5'), 9, cause);
    const neither = explainDivergence(DEFAULT_CONFIG, 9, cause);
    expect(inner).toMatch(/iteration 9/);
    expect(inner).toMatch(/innerLr = 2/);
    expect(outer).toMatch(/metaLr = 0\.5/);
    expect(outer).not.toMatch(/innerLr =/);
    expect(neither).toMatch(/lowering innerLr or metaLr/);
  });

  it('evaluates the same held-out tasks every time, with curves of testInnerSteps + 1 points', async () => {
    const session = new TrainingSession(configWith('evalTasks=40', 'testInnerSteps=4'));
    await train(session, 3);
    const first = await session.evaluate();
    const second = await session.evaluate();
    expect(second).toEqual(first);
    expect(first.steps).toEqual([0, 1, 2, 3, 4]);
    expect(first.tasks).toBe(40);
    for (const curve of [first.maml, first.pretrained, first.scratch]) {
      expect(curve.mean).toHaveLength(5);
      expect(curve.ci95.every((c) => c > 0)).toBe(true);
    }
    expect((await session.evaluate(10)).tasks).toBe(10);
  });

  it('after 1,000 meta-iterations (10-shot, one inner step) MAML adapts better than both baselines', async () => {
    const session = new TrainingSession(configWith('iterations=1000', 'evalTasks=300'));
    await train(session, 1000);
    const { maml, pretrained, scratch } = await session.evaluate();
    for (const step of [1, 10]) {
      // Not just lower means: the 95% intervals must not overlap.
      const mamlHigh = maml.mean[step]! + maml.ci95[step]!;
      expect(mamlHigh).toBeLessThan(pretrained.mean[step]! - pretrained.ci95[step]!);
      expect(mamlHigh).toBeLessThan(scratch.mean[step]! - scratch.ci95[step]!);
    }
    // Adapting helps MAML: one step lowers its held-out loss.
    expect(maml.mean[1]!).toBeLessThan(maml.mean[0]!);
  });
});
