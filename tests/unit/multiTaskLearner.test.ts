import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import type { ExperimentConfig } from '../../src/core/config';
import type { StepMetrics } from '../../src/core/trainer/types';
import { createTrainer, restoreTrainer } from '../../src/core/trainer/createTrainer';
import type { Trainer } from '../../src/core/trainer/trainer';
import type { MultiTaskModel } from '../../src/core/trainer/regression/multiTask';
import {
  PRETRAINED,
  SCRATCH,
  baselineCurves,
  leadCurves,
  learnerCurves,
} from '../../src/core/results/evaluation';
import { startBackend } from '../../src/cli/nodeBackend';
import { createRng } from '../../src/core/random/rng';
import { initialValues, layerSizes, paramShapes } from '../../src/core/model/mlp';
import { mseLoss } from '../../src/core/check/float64Mlp';
import { rowsOfPoints } from '../../src/core/check/float64MultiTask';
import { drawTrainingTasks, samplePoints } from '../../src/core/learners/multitask/trainingTasks';
import {
  divergenceOf,
  explainMultiTaskDivergence,
} from '../../src/core/learners/multitask/divergence';
import { SINUSOID, sampleSinusoidBatch } from '../../src/core/tasks/sinusoid';
import { flatten, spec, toTasks64 } from '../helpers/fixtures';
import { configWith as overridden, numbersOf, scaledValues, train } from '../helpers/sessions';

const configFor = (algorithm: string, pairs: string[]): ExperimentConfig =>
  overridden(`algorithm=${algorithm}`, ...pairs);

const configWith = (...pairs: string[]): ExperimentConfig => configFor('multitask', pairs);

function trainer(config: ExperimentConfig): Trainer {
  return createTrainer(config, null);
}

/** The run's multi-task learner (its first learner). */
function multiTask(run: Trainer): MultiTaskModel {
  const model = run.lead.model;
  if (!('trainingTasks' in model)) throw new Error(`${model.id} is not multi-task learning.`);
  return model as MultiTaskModel;
}

/** The run's fixed training tasks. */
const trainingTasksOf = (run: Trainer) => multiTask(run).trainingTasks;

/** Each training task's error against its clean function, with the values as they stand. */
const trainingTaskErrors = (run: Trainer) => multiTask(run).trainingTaskErrors(run.lead.values);

/** A grid and three points to fit, for the function view. */
const GRID = Float32Array.from({ length: 30 }, (_, i) => -5 + i / 3);
const FIT = {
  supportX: Float32Array.of(-1, 0, 2),
  supportY: Float32Array.of(0.5, 1, -1),
  gridX: GRID,
};

/** The lower and upper ends of a curve's 95% interval at one step. */
const interval = (curve: { mean: number[]; ci95: number[] }, step: number): [number, number] => [
  curve.mean[step]! - curve.ci95[step]!,
  curve.mean[step]! + curve.ci95[step]!,
];

describe('multi-task learning in a Trainer, on wasm', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  it('draws M fixed tasks with noise rising evenly from 0 to taskNoise', () => {
    const tasks = trainingTasksOf(trainer(configWith('mtlTasks=5', 'taskNoise=2', 'seed=3')));
    expect(tasks.map((t) => t.noise)).toEqual([0, 0.5, 1, 1.5, 2]);
    for (const task of tasks) {
      expect(task.amplitude).toBeGreaterThanOrEqual(SINUSOID.amplitude[0]);
      expect(task.amplitude).toBeLessThan(SINUSOID.amplitude[1]);
      expect(task.phase).toBeGreaterThanOrEqual(SINUSOID.phase[0]);
      expect(task.phase).toBeLessThan(SINUSOID.phase[1]);
    }
    // The same tasks for the same seed whatever the sharing or weighting.
    const other = trainer(
      configWith('mtlTasks=5', 'taskNoise=2', 'seed=3', 'sharing=soft', 'weighting=equal'),
    );
    expect(trainingTasksOf(other)).toEqual(tasks);
  });

  it.each(['hard', 'soft'] as const)(
    "reports every task's query loss and the baseline's loss at iteration 1, as computed independently (%s)",
    async (sharing) => {
      const config = configWith(
        `sharing=${sharing}`,
        'mtlTasks=4',
        'taskNoise=1.5',
        'shots=5',
        'query=7',
        'seed=5',
      );
      const [first] = await train(trainer(config), 1);
      // Every task starts as the single initial network, so the float64 MLP predicts them all.
      const points = samplePoints(
        createRng(5, 'multitask-points'),
        drawTrainingTasks(5, 4, 1.5),
        5,
        7,
      );
      const { x, y } = rowsOfPoints(points);
      const s = spec([40, 40]);
      const flat = flatten(initialValues(s, createRng(5, 'init')));
      const sizes = layerSizes(s);
      for (let m = 0; m < 4; m++) {
        const expected = mseLoss(flat, sizes, x[m]!.slice(5), y[m]!.slice(5), 'relu');
        expect(Math.abs(first!.taskLossBefore[m]! - expected) / expected).toBeLessThan(1e-5);
      }
      // Since the Trainer, the pretrained baseline trains on the run's meta-batch stream in every
      // run (not on the multi-task points): its loss is over every point of the first meta-batch.
      const batch = toTasks64(sampleSinusoidBatch(createRng(5, 'tasks'), config.metaBatch, 5, 7));
      const pooledX = batch.flatMap((task) => [...task.supportX, ...task.queryX]);
      const pooledY = batch.flatMap((task) => [...task.supportY, ...task.queryY]);
      const pooled = mseLoss(flat, sizes, pooledX, pooledY, 'relu');
      expect(Math.abs(first!.pretrainedLoss - pooled) / pooled).toBeLessThan(1e-5);
      expect(Array.from(first!.taskLossAfter)).toEqual(Array.from(first!.taskLossBefore));
      const mean = first!.taskLossBefore.reduce((a, b) => a + b, 0) / 4;
      expect(first!.metaTrainLoss).toBeCloseTo(mean, 6);
      expect(first!.metaTrainAccuracy).toBeNaN();
      expect(first!.pretrainedAccuracy).toBeNaN();
      expect(first!.comparedLoss).toBeNull();
    },
  );

  it("evaluates on exactly a MAML run's held-out tasks, and starts from its initialisation", async () => {
    const pairs = ['evalTasks=40', 'testInnerSteps=3', 'seed=9'];
    const multiRun = trainer(configWith(...pairs));
    const mamlRun = trainer(configFor('maml', pairs));
    const multi = await multiRun.evaluate();
    const maml = await mamlRun.evaluate();
    expect(baselineCurves(multi, SCRATCH).loss).toEqual(baselineCurves(maml, SCRATCH).loss);
    // Before training the shared network (trunk and mean head) is the initial network.
    expect(leadCurves(multi).loss).toEqual(leadCurves(maml).loss);
    expect(baselineCurves(multi, PRETRAINED).loss).toEqual(baselineCurves(maml, PRETRAINED).loss);
    expect(multi.steps).toEqual([0, 1, 2, 3]);
    expect(multi.tasks).toBe(40);
    expect(multi.lossKind).toBe('mse');
    expect(multi.models.every((m) => m.accuracy === null)).toBe(true);
    expect(learnerCurves(multi).map((m) => m.id)).toEqual(['multitask']);
    // So does the function view's fit: testInnerSteps + 1 curves over the grid.
    expect(multiRun.canFit).toBe(true);
    const fit = await multiRun.fit(FIT);
    expect(fit).toEqual(await mamlRun.fit(FIT));
    expect(fit.learner).toHaveLength(4);
    expect(fit.learner[3]).toHaveLength(30);
  });

  it('keeps the tensor count flat over steps, evaluate, insights, fit and task errors', async () => {
    for (const sharing of ['hard', 'soft']) {
      const run = trainer(configWith(`sharing=${sharing}`, 'evalTasks=20'));
      const grid = Float32Array.from({ length: 50 }, (_, i) => -5 + i / 5);
      const everything = async (): Promise<void> => {
        await train(run, 10);
        await run.insights();
        await run.evaluate();
        await run.fit({
          supportX: Float32Array.of(0, 1),
          supportY: Float32Array.of(1, 0),
          gridX: grid,
        });
        await trainingTaskErrors(run);
      };
      await everything();
      const before = tf.memory().numTensors;
      await everything();
      await everything();
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('gives bitwise-identical losses for the same seed, different ones for another; the learner ignores metaBatch', async () => {
    const run = async (...pairs: string[]) => await train(trainer(configWith(...pairs)), 50);
    const learner = (metrics: StepMetrics[]): number[] =>
      metrics.flatMap((m) => [m.metaTrainLoss, ...m.taskLossBefore]);
    const losses = (metrics: StepMetrics[]): number[] => [
      ...learner(metrics),
      ...metrics.map((m) => m.pretrainedLoss),
    ];
    const first = await run('seed=7');
    const again = await run('seed=7');
    const other = await run('seed=8');
    const batch = await run('seed=7', 'metaBatch=3');
    expect(losses(first).every((v, i) => Object.is(v, losses(again)[i]))).toBe(true);
    // Not by the multi-task learner, that is: since the Trainer, the pretrained baseline trains on
    // the run's meta-batches, metaBatch tasks each, whichever learner the run holds.
    expect(learner(batch)).toEqual(learner(first));
    const changed = losses(other).filter((v, i) => v !== losses(first)[i]).length;
    expect(changed).toBeGreaterThan(0.9 * losses(first).length);
  });

  it.each([
    ['sharing=hard', 'weighting=uncertainty'],
    ['sharing=soft', 'weighting=equal'],
    ['sharing=soft', 'weighting=uncertainty'],
  ])('continues a run from a snapshot bit for bit (%s, %s)', async (...pairs) => {
    const config = configWith(...pairs, 'mtlTasks=3', 'evalTasks=20');
    const whole = trainer(config);
    const wholeMetrics = await train(whole, 20);
    const first = trainer(config);
    const before = await train(first, 10);
    // Through structured cloning, as a snapshot travels between a worker and the page.
    const resumed = restoreTrainer(structuredClone(first.snapshot()), null);
    expect(resumed.iteration).toBe(10);
    const after = await train(resumed, 10);
    expect(after[0]!.iteration).toBe(11);
    expect([...before, ...after]).toEqual(wholeMetrics);
    expect(resumed.lead.values).toEqual(whole.lead.values);
    expect(resumed.parameters).toEqual(whole.parameters);
    expect(numbersOf(await resumed.evaluate())).toEqual(numbersOf(await whole.evaluate()));
    expect(await resumed.insights()).toEqual(await whole.insights());
  });

  it('refuses a snapshot of another kind of model, or of another number of tasks', async () => {
    const maml = trainer(configFor('maml', []));
    await maml.step();
    const multi = trainer(configWith());
    expect(() => {
      multi.restore(maml.snapshot());
    }).toThrow(/snapshot holds the models maml, pretrained, scratch, not this run's multitask/);
    const five = trainer(configWith('mtlTasks=5'));
    await five.step();
    const three = trainer(configWith('mtlTasks=3'));
    expect(() => {
      three.restore(five.snapshot());
    }).toThrow(/multitask values do not fit/);
  });

  it('exposes the shared network in the single-network layout: the trunk and the mean head', async () => {
    const run = trainer(configWith('mtlTasks=3'));
    await train(run, 5);
    const shapes = paramShapes(spec([40, 40]));
    expect(run.parameters.map((p) => p.length)).toEqual(
      shapes.map((s) => s.reduce((a, b) => a * b, 1)),
    );
    const values = run.lead.values;
    // Trunk unchanged; head weights [3, 40, 1]: the shared head is their mean, weight by weight.
    for (let l = 0; l < 4; l++) expect(run.parameters[l]).toEqual(values[l]);
    const headWeights = values[4]!;
    const sharedHead = run.parameters[4]!;
    for (let i = 0; i < 40; i++) {
      const mean = (headWeights[i]! + headWeights[40 + i]! + headWeights[80 + i]!) / 3;
      expect(sharedHead[i]).toBeCloseTo(mean, 6);
    }
    // The heads did move apart: they fit different tasks.
    expect(headWeights.subarray(0, 40)).not.toEqual(headWeights.subarray(40, 80));
  });

  it('shows task relations and, with uncertainty weighting only, the learned sigmas', async () => {
    const fresh = trainer(configWith('mtlTasks=4'));
    const none = await fresh.insights();
    expect(none.relations).toBeNull();
    expect(none.uncertainty?.map((u) => u.sigma)).toEqual([1, 1, 1, 1]);
    expect(none.innerRates).toBeNull();

    for (const sharing of ['hard', 'soft']) {
      const run = trainer(configWith('mtlTasks=4', `sharing=${sharing}`));
      await train(run, 20);
      const { relations, uncertainty, iteration } = await run.insights();
      expect(iteration).toBe(20);
      expect(relations!.labels).toEqual(['task 1', 'task 2', 'task 3', 'task 4']);
      const { cosine } = relations!;
      cosine.forEach((row, i) => {
        expect(row[i]).toBe(1);
        row.forEach((c, j) => {
          expect(Math.abs(c)).toBeLessThanOrEqual(1);
          expect(c).toBeCloseTo(cosine[j]![i]!, 12);
        });
      });
      expect(relations!.details[3]).toContainEqual({ name: 'noise', value: '1.00' });
      uncertainty!.forEach((u, m) => {
        expect(u.label).toBe(`task ${m + 1}`);
        expect(u.weight).toBeCloseTo(1 / (2 * u.sigma ** 2), 10);
        expect(u.noise).toBe(trainingTasksOf(run)[m]!.noise);
      });
    }

    const equal = trainer(configWith('weighting=equal'));
    await train(equal, 20);
    expect((await equal.insights()).uncertainty).toBeNull();
    // With equal weighting s is not in the objective: it stays exactly 0.
    expect(Array.from(equal.lead.values.at(-1)!)).toEqual(new Array(6).fill(0));
    // Hard sharing without hidden layers shares nothing, so there is no relation to show.
    const linear = trainer(configWith('hidden=none'));
    await train(linear, 3);
    expect((await linear.insights()).relations).toBeNull();
  });

  it("learns sigmas in the noise's order, each noisy task's sigma^2 near its training loss", async () => {
    // Kendall et al.'s term exp(-s) L / 2 + s / 2 is smallest at s = log L, so sigma^2 should track
    // the expected loss on fresh points: the mean of the reported query losses over the last 300
    // iterations estimates it. metaLr = 0.01 lets s travel the needed ~2 units in a few hundred
    // Adam steps. Bound: |log sigma^2 - log L| < 0.25, allowing for Adam's jitter at that rate
    // (about 0.01 per step, averaged over its ~10-step momentum window); the clean task's loss
    // keeps falling as the model trains, so s lags it, and only its place in the order is checked.
    const run = trainer(configWith('mtlTasks=4', 'taskNoise=2', 'metaLr=0.01', 'seed=2'));
    const metrics = await train(run, 1000);
    const recent = metrics.slice(-300);
    const trainingLoss = [0, 1, 2, 3].map(
      (m) => recent.reduce((sum, r) => sum + r.taskLossBefore[m]!, 0) / recent.length,
    );
    const sigmas = (await run.insights()).uncertainty!.map((u) => u.sigma);
    for (let m = 1; m < 4; m++) {
      expect(sigmas[m]!).toBeGreaterThan(sigmas[m - 1]!);
      expect(Math.abs(Math.log(sigmas[m]! ** 2) - Math.log(trainingLoss[m]!))).toBeLessThan(0.25);
    }
  });

  it('after 1,000 iterations, fine-tuning from the shared weights beats scratch on held-out tasks', async () => {
    const run = trainer(configWith('evalTasks=300'));
    await train(run, 1000);
    const evaluation = await run.evaluate();
    const maml = leadCurves(evaluation).loss;
    const scratch = baselineCurves(evaluation, SCRATCH).loss;
    // Not at step 0: the mean head fits no task in particular and may miss a new one by as much
    // as the zero function scratch roughly draws; the trunk's features pay off once it adapts.
    for (const step of [1, 10]) {
      // Not just lower means: the 95% intervals must not overlap.
      expect(interval(maml, step)[1]).toBeLessThan(interval(scratch, step)[0]);
    }
    // Fine-tuning helps the shared weights.
    expect(maml.mean[10]!).toBeLessThan(maml.mean[0]!);
  });

  it('stops at the first non-finite loss, keeps what it had and explains it without blaming innerLr', async () => {
    const config = configWith('innerLr=5', 'evalTasks=10');
    const healthy = trainer(config);
    await train(healthy, 3);
    const snapshot = healthy.snapshot();
    // Weights scaled far beyond float32's range make every prediction overflow.
    const broken = scaledValues(snapshot, 'multitask', 1e30);
    const run = restoreTrainer(broken, null);
    const kept = run.lead.values.map((v) => v.slice());
    const result = await run.step();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.divergence.iteration).toBe(4);
    expect(result.divergence.message).toMatch(/NaN or infinite/);
    expect(result.divergence.message).not.toMatch(/innerLr/);
    expect(run.iteration).toBe(3);
    expect(run.divergence).toEqual(result.divergence);
    expect((await run.step()).ok).toBe(false);
    expect(run.lead.values).toEqual(kept);
  });

  it("calls a loss a million times the targets' mean square an explosion, and names metaLr when it is high", () => {
    expect(divergenceOf([1, 2], 3, 1)).toBeNull();
    expect(divergenceOf([1, NaN], 3, 1)).toEqual({ kind: 'non-finite' });
    const exploded = divergenceOf([1, 2], 2e6, 1);
    expect(exploded).toEqual({ kind: 'exploded', loss: 2e6, targets: 1 });
    const high = explainMultiTaskDivergence(configWith('metaLr=0.5'), 9, exploded!);
    expect(high).toMatch(/iteration 9/);
    expect(high).toMatch(/metaLr = 0\.5/);
    const usual = explainMultiTaskDivergence(configWith('sharing=soft'), 9, exploded!);
    expect(usual).toMatch(/softPenalty/);
  });
});
