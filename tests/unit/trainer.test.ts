/**
 * The Trainer on sinusoid runs: what a step reports against an independent computation, memory,
 * determinism, divergence, snapshots and held-out evaluation; and what it promises of every run:
 * one read-back per step, a step that throws leaves the run as it was, and a baseline whose numbers
 * stop being finite stops alone.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/core/config';
import { createTrainer, restoreTrainer } from '../../src/core/trainer/createTrainer';
import type { Trainer } from '../../src/core/trainer/trainer';
import { explainDivergence } from '../../src/core/trainer/divergence';
import { PRETRAINED, SCRATCH, baselineCurves, leadCurves } from '../../src/core/results/evaluation';
import { startBackend } from '../../src/cli/nodeBackend';
import { createRng } from '../../src/core/random/rng';
import { sampleSinusoidBatch } from '../../src/core/tasks/sinusoid';
import { initialValues, layerSizes } from '../../src/core/model/mlp';
import { adapt, mseLoss } from '../../src/core/check/float64Mlp';
import { flatten, spec, toTasks64 } from '../helpers/fixtures';
import { configWith, numbersOf, scaledValues, train, valuesOf } from '../helpers/sessions';

function trainer(config: ExperimentConfig): Trainer {
  return createTrainer(config, null);
}

describe('Trainer on wasm', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reports each task of the meta-batch before and after adaptation, as computed independently', async () => {
    const config = configWith('metaBatch=7', 'shots=5', 'query=9', 'seed=5');
    const [first] = await train(trainer(config), 1);
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
    expect(first!.comparedLoss).toBeNull();
  });

  it('keeps the tensor count flat over 20 steps after a warm-up step, and through evaluate', async () => {
    for (const firstOrder of ['false', 'true']) {
      const run = trainer(
        configWith('metaBatch=5', 'innerSteps=2', `firstOrder=${firstOrder}`, 'evalTasks=30'),
      );
      await train(run, 1);
      const before = tf.memory().numTensors;
      await train(run, 20);
      expect(tf.memory().numTensors).toBe(before);
      await run.evaluate();
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('gives bitwise-identical meta-training losses for the same seed, and different ones for another', async () => {
    const losses = async (seed: number): Promise<number[]> =>
      (await train(trainer(configWith(`seed=${seed}`)), 50)).map((m) => m.metaTrainLoss);
    const first = await losses(7);
    const again = await losses(7);
    const other = await losses(8);
    expect(first).toHaveLength(50);
    expect(again).toEqual(first);
    expect(first.every((v, i) => Object.is(v, again[i]))).toBe(true);
    expect(other.filter((v, i) => v !== first[i]).length).toBeGreaterThan(45);
  });

  it('stops a diverging run at the first bad iteration, names innerLr, and keeps what it had', async () => {
    const run = trainer(configWith('innerLr=10', 'evalTasks=10'));
    const result = await run.step();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.divergence.iteration).toBe(1);
    expect(result.divergence.message).toMatch(/innerLr = 10/);
    expect(run.iteration).toBe(0);
    expect(run.divergence).toEqual(result.divergence);
    // Further steps do nothing and report the same reason.
    const again = await run.step();
    expect(again.ok).toBe(false);
    expect(run.parameters.every((p) => p.every(Number.isFinite))).toBe(true);
  });

  it('stops a baseline whose numbers stop being finite alone: the learner goes on, unaffected', async () => {
    const config = configWith('evalTasks=10');
    const healthy = trainer(config);
    await train(healthy, 3);
    // Pretrained weights far beyond float32's range make its every prediction overflow.
    const broken = restoreTrainer(scaledValues(healthy.snapshot(), PRETRAINED, 1e30), null);
    const kept = valuesOf(broken, PRETRAINED);
    const [expected] = await train(healthy, 1);
    const [step] = await train(broken, 1);
    expect(step!.pretrainedLoss).toBeNaN();
    expect(step!.metaTrainLoss).toBe(expected!.metaTrainLoss);
    expect(step!.taskLossAfter).toEqual(expected!.taskLossAfter);
    expect(broken.divergence).toBeNull();
    expect(broken.iteration).toBe(4);
    // Its values are not moved by the bad step, nor by later ones.
    await train(broken, 1);
    expect(valuesOf(broken, PRETRAINED)).toEqual(kept);
    const evaluation = await broken.evaluate();
    const pretrained = baselineCurves(evaluation, PRETRAINED);
    expect(pretrained.divergence).toMatch(/iteration 4: .*NaN or infinite/);
    expect(pretrained.iteration).toBe(3);
    expect(leadCurves(evaluation).divergence).toBeNull();
    expect(leadCurves(evaluation).iteration).toBe(5);
  });

  it.each([
    ['sinusoid MAML', ['metaBatch=6', 'innerSteps=2', 'evalTasks=20']],
    ['multi-task learning', ['algorithm=multitask', 'mtlTasks=3', 'evalTasks=20']],
    ['a comparison', ['compare=maml,multitask', 'mtlTasks=3', 'metaBatch=6', 'evalTasks=20']],
  ])('%s: continues from a snapshot exactly as if it had never stopped', async (_, pairs) => {
    const config = configWith(...pairs);
    const whole = trainer(config);
    const wholeMetrics = await train(whole, 20);
    const first = trainer(config);
    const before = await train(first, 10);
    // Through structured cloning, as a snapshot travels between a worker and the page.
    const resumed = restoreTrainer(structuredClone(first.snapshot()), null);
    expect(resumed.iteration).toBe(10);
    const after = await train(resumed, 10);
    expect(after[0]!.iteration).toBe(11);
    // Every number of every step, bit for bit.
    expect([...before, ...after]).toEqual(wholeMetrics);
    expect(resumed.models.map((run) => run.values)).toEqual(whole.models.map((run) => run.values));
    expect(numbersOf(await resumed.evaluate())).toEqual(numbersOf(await whole.evaluate()));
  });

  it('reads back once per step, however many models it trains', async () => {
    const run = trainer(configWith('compare=maml,fomaml,reptile', 'metaBatch=4', 'hidden=16,16'));
    // Every read of a tensor's numbers, and every read the backend serves (kernels' own included:
    // on wasm, read() and every other read go through readSync()).
    const reads = [
      vi.spyOn(tf.Tensor.prototype, 'data'),
      vi.spyOn(tf.Tensor.prototype, 'dataSync'),
      vi.spyOn(tf.Tensor.prototype, 'array'),
      vi.spyOn(tf.Tensor.prototype, 'arraySync'),
    ];
    const backend = tf.backend();
    const backendReads = [vi.spyOn(backend, 'readSync')];
    const calls = (spies: readonly { mock: { calls: unknown[] } }[]): number[] =>
      spies.map((spy) => spy.mock.calls.length);
    for (let i = 0; i < 2; i++) {
      const before = [...calls(reads), ...calls(backendReads)];
      const result = await run.step();
      expect(result.ok && result.metrics.comparedLoss).toHaveLength(3);
      const made = [...calls(reads), ...calls(backendReads)].map((n, j) => n - before[j]!);
      // One data(), and the backend serves that one read alone.
      expect(made).toEqual([1, 0, 0, 0, 1]);
    }
  });

  it.each([
    ['two learners', ['compare=maml,fomaml']],
    ['multi-task learning beside MAML', ['compare=multitask,maml', 'mtlTasks=3']],
  ])(
    'leaves the run as it was when a step throws half way (%s): the next step is a first step',
    async (_, pairs) => {
      const config = configWith(...pairs, 'metaBatch=4', 'hidden=16,16', 'evalTasks=10');
      const [fresh] = await train(trainer(config), 1);
      const run = trainer(config);
      const before = run.snapshot();
      const tensors = tf.memory().numTensors;
      // The second model's kernels fail after the first's have run (and multi-task learning has
      // drawn its points), as a lost GPU would.
      vi.spyOn(run.models[1]!.model.training!, 'launch').mockImplementationOnce(() => {
        throw new Error('device lost');
      });
      await expect(run.step()).rejects.toThrow('device lost');
      expect(run.iteration).toBe(0);
      expect(run.snapshot()).toEqual(before);
      expect(tf.memory().numTensors).toBe(tensors);
      const [next] = await train(run, 1);
      expect(next).toEqual(fresh);
    },
  );

  it('leaves the run as it was when the read-back fails: the next step is a first step', async () => {
    const config = configWith('metaBatch=4', 'hidden=16,16', 'evalTasks=10');
    const [fresh] = await train(trainer(config), 1);
    const run = trainer(config);
    const before = run.snapshot();
    const tensors = tf.memory().numTensors;
    vi.spyOn(tf.Tensor.prototype, 'data').mockRejectedValueOnce(new Error('device lost'));
    await expect(run.step()).rejects.toThrow('device lost');
    expect(run.snapshot()).toEqual(before);
    expect(tf.memory().numTensors).toBe(tensors);
    const [next] = await train(run, 1);
    expect(next).toEqual(fresh);
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
    const run = trainer(configWith('evalTasks=40', 'testInnerSteps=4'));
    await train(run, 3);
    const first = await run.evaluate();
    const second = await run.evaluate();
    expect(second).toEqual(first);
    expect(first.steps).toEqual([0, 1, 2, 3, 4]);
    expect(first.tasks).toBe(40);
    expect(first.models.map((m) => [m.id, m.role])).toEqual([
      ['maml', 'learner'],
      [PRETRAINED, 'baseline'],
      [SCRATCH, 'baseline'],
    ]);
    for (const model of first.models) {
      expect(model.loss.mean).toHaveLength(5);
      expect(model.loss.ci95.every((c) => c > 0)).toBe(true);
      expect(model.accuracy).toBeNull();
    }
    // The scratch baseline never trains.
    expect(baselineCurves(first, SCRATCH).iteration).toBe(0);
    expect(baselineCurves(first, SCRATCH).msPerIteration).toBeNaN();
    expect((await run.evaluate(10)).tasks).toBe(10);
  });

  it('evaluates on no tasks as a curve of no numbers, for sine waves and for images', async () => {
    for (const link of ['', 'task=glyphs', 'task=glyphs&algorithm=protonet']) {
      const run = trainer(configWith(...link.split('&').filter(Boolean), 'testInnerSteps=2'));
      const evaluation = await run.evaluate(0);
      expect(evaluation.tasks).toBe(0);
      for (const model of evaluation.models) {
        expect(model.loss.mean).toHaveLength(3);
        expect(model.loss.mean.every(Number.isNaN)).toBe(true);
        // Images are scored by accuracy too, even on no tasks.
        expect(model.accuracy === null).toBe(link === '');
      }
    }
  });

  it('restores a snapshot only into a fresh trainer', async () => {
    const run = trainer(configWith('metaBatch=3'));
    await train(run, 2);
    const snapshot = run.snapshot();
    expect(() => {
      run.restore(snapshot);
    }).toThrow(/fresh trainer/);
    const fresh = trainer(configWith('metaBatch=3'));
    fresh.restore(snapshot);
    expect(fresh.iteration).toBe(2);
  });

  it('after 1,000 meta-iterations (10-shot, one inner step) MAML adapts better than both baselines', async () => {
    const run = trainer(configWith('iterations=1000', 'evalTasks=300'));
    await train(run, 1000);
    const evaluation = await run.evaluate();
    const maml = leadCurves(evaluation).loss;
    const pretrained = baselineCurves(evaluation, PRETRAINED).loss;
    const scratch = baselineCurves(evaluation, SCRATCH).loss;
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
