import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import type { ExperimentConfig } from '../../src/core/config';
import { TrainingSession } from '../../src/core/session';
import { MultiTaskSession } from '../../src/core/session/multiTaskSession';
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
import { SINUSOID } from '../../src/core/tasks/sinusoid';
import { flatten, spec } from '../helpers/fixtures';
import { configWith as overridden, train } from '../helpers/sessions';

const configFor = (algorithm: string, pairs: string[]): ExperimentConfig =>
  overridden(`algorithm=${algorithm}`, ...pairs);

const configWith = (...pairs: string[]): ExperimentConfig => configFor('multitask', pairs);

/** The lower and upper ends of a curve's 95% interval at one step. */
const interval = (curve: { mean: number[]; ci95: number[] }, step: number): [number, number] => [
  curve.mean[step]! - curve.ci95[step]!,
  curve.mean[step]! + curve.ci95[step]!,
];

describe('MultiTaskSession on wasm', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  it('draws M fixed tasks with noise rising evenly from 0 to taskNoise', () => {
    const session = new MultiTaskSession(configWith('mtlTasks=5', 'taskNoise=2', 'seed=3'));
    expect(session.trainingTasks.map((t) => t.noise)).toEqual([0, 0.5, 1, 1.5, 2]);
    for (const task of session.trainingTasks) {
      expect(task.amplitude).toBeGreaterThanOrEqual(SINUSOID.amplitude[0]);
      expect(task.amplitude).toBeLessThan(SINUSOID.amplitude[1]);
      expect(task.phase).toBeGreaterThanOrEqual(SINUSOID.phase[0]);
      expect(task.phase).toBeLessThan(SINUSOID.phase[1]);
    }
    // The same tasks for the same seed whatever the sharing or weighting.
    const other = new MultiTaskSession(
      configWith('mtlTasks=5', 'taskNoise=2', 'seed=3', 'sharing=soft', 'weighting=equal'),
    );
    expect(other.trainingTasks).toEqual(session.trainingTasks);
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
      const [first] = await train(new MultiTaskSession(config), 1);
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
      const pooled = mseLoss(flat, sizes, x.flat(), y.flat(), 'relu');
      expect(Math.abs(first!.pretrainedLoss - pooled) / pooled).toBeLessThan(1e-5);
      expect(Array.from(first!.taskLossAfter)).toEqual(Array.from(first!.taskLossBefore));
      const mean = first!.taskLossBefore.reduce((a, b) => a + b, 0) / 4;
      expect(first!.metaTrainLoss).toBeCloseTo(mean, 6);
      expect(first!.metaTrainAccuracy).toBeNaN();
      expect(first!.pretrainedAccuracy).toBeNaN();
      expect(first!.comparedLoss).toBeNull();
    },
  );

  it("evaluates on exactly the MAML session's held-out tasks, and starts from its initialisation", async () => {
    const pairs = ['evalTasks=40', 'testInnerSteps=3', 'seed=9'];
    const multiSession = new MultiTaskSession(configWith(...pairs));
    const mamlSession = new TrainingSession(configFor('maml', pairs));
    const multi = await multiSession.evaluate();
    const maml = await mamlSession.evaluate();
    expect(multi.scratch).toEqual(maml.scratch);
    // Before training the shared network (trunk and mean head) is the initial network.
    expect(multi.maml).toEqual(maml.maml);
    expect(multi.pretrained).toEqual(maml.pretrained);
    expect(multi.steps).toEqual([0, 1, 2, 3]);
    expect(multi.tasks).toBe(40);
    expect(multi.lossKind).toBe('mse');
    expect(multi.accuracy).toBeNull();
    expect(multi.compared).toBeNull();
    // So does the function view's preview: testInnerSteps + 1 curves over the grid.
    const grid = Float32Array.from({ length: 30 }, (_, i) => -5 + i / 3);
    const support = [Float32Array.of(-1, 0, 2), Float32Array.of(0.5, 1, -1)] as const;
    const preview = await multiSession.preview(...support, grid);
    expect(preview).toEqual(await mamlSession.preview(...support, grid));
    expect(preview.maml).toHaveLength(4);
    expect(preview.maml[3]).toHaveLength(30);
  });

  it('keeps the tensor count flat over steps, evaluate, insights, preview and task errors', async () => {
    for (const sharing of ['hard', 'soft']) {
      const session = new MultiTaskSession(configWith(`sharing=${sharing}`, 'evalTasks=20'));
      const grid = Float32Array.from({ length: 50 }, (_, i) => -5 + i / 5);
      const everything = async (): Promise<void> => {
        await train(session, 10);
        await session.insights();
        await session.evaluate();
        await session.preview(Float32Array.of(0, 1), Float32Array.of(1, 0), grid);
        await session.trainingTaskErrors();
      };
      await everything();
      const before = tf.memory().numTensors;
      await everything();
      await everything();
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('gives bitwise-identical losses for the same seed, different ones for another; metaBatch is unused', async () => {
    const losses = async (...pairs: string[]): Promise<number[]> =>
      (await train(new MultiTaskSession(configWith(...pairs)), 50)).flatMap((m) => [
        m.metaTrainLoss,
        m.pretrainedLoss,
        ...m.taskLossBefore,
      ]);
    const first = await losses('seed=7');
    const again = await losses('seed=7');
    const other = await losses('seed=8');
    const batch = await losses('seed=7', 'metaBatch=3');
    expect(first.every((v, i) => Object.is(v, again[i]))).toBe(true);
    expect(batch).toEqual(first);
    expect(other.filter((v, i) => v !== first[i]).length).toBeGreaterThan(0.9 * first.length);
  });

  it.each([
    ['sharing=hard', 'weighting=uncertainty'],
    ['sharing=soft', 'weighting=equal'],
    ['sharing=soft', 'weighting=uncertainty'],
  ])('continues a run from a snapshot bit for bit (%s, %s)', async (...pairs) => {
    const config = configWith(...pairs, 'mtlTasks=3', 'evalTasks=20');
    const whole = new MultiTaskSession(config);
    const wholeMetrics = await train(whole, 20);
    const first = new MultiTaskSession(config);
    const before = await train(first, 10);
    // Through structured cloning, as a snapshot travels between a worker and the page.
    const resumed = MultiTaskSession.restore(structuredClone(first.snapshot()));
    expect(resumed.iteration).toBe(10);
    const after = await train(resumed, 10);
    expect(after[0]!.iteration).toBe(11);
    expect([...before, ...after]).toEqual(wholeMetrics);
    expect(resumed.multiTaskValues).toEqual(whole.multiTaskValues);
    expect(resumed.parameters).toEqual(whole.parameters);
    expect(await resumed.evaluate()).toEqual(await whole.evaluate());
    expect(await resumed.insights()).toEqual(await whole.insights());
  });

  it('refuses a snapshot of another kind of model', async () => {
    const maml = new TrainingSession(configFor('maml', []));
    await maml.step();
    expect(() => MultiTaskSession.restore(maml.snapshot())).toThrow(/multi-task model/);
  });

  it('exposes the shared network in the single-network layout: the trunk and the mean head', async () => {
    const session = new MultiTaskSession(configWith('mtlTasks=3'));
    await train(session, 5);
    const shapes = paramShapes(spec([40, 40]));
    expect(session.parameters.map((p) => p.length)).toEqual(
      shapes.map((s) => s.reduce((a, b) => a * b, 1)),
    );
    const values = session.multiTaskValues;
    // Trunk unchanged; head weights [3, 40, 1]: the shared head is their mean, weight by weight.
    for (let l = 0; l < 4; l++) expect(session.parameters[l]).toEqual(values[l]);
    const headWeights = values[4]!;
    const sharedHead = session.parameters[4]!;
    for (let i = 0; i < 40; i++) {
      const mean = (headWeights[i]! + headWeights[40 + i]! + headWeights[80 + i]!) / 3;
      expect(sharedHead[i]).toBeCloseTo(mean, 6);
    }
    // The heads did move apart: they fit different tasks.
    expect(headWeights.subarray(0, 40)).not.toEqual(headWeights.subarray(40, 80));
  });

  it('shows task relations and, with uncertainty weighting only, the learned sigmas', async () => {
    const fresh = new MultiTaskSession(configWith('mtlTasks=4'));
    const none = await fresh.insights();
    expect(none.relations).toBeNull();
    expect(none.uncertainty?.map((u) => u.sigma)).toEqual([1, 1, 1, 1]);
    expect(none.innerRates).toBeNull();

    for (const sharing of ['hard', 'soft']) {
      const session = new MultiTaskSession(configWith('mtlTasks=4', `sharing=${sharing}`));
      await train(session, 20);
      const { relations, uncertainty, iteration } = await session.insights();
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
        expect(u.noise).toBe(session.trainingTasks[m]!.noise);
      });
    }

    const equal = new MultiTaskSession(configWith('weighting=equal'));
    await train(equal, 20);
    expect((await equal.insights()).uncertainty).toBeNull();
    // With equal weighting s is not in the objective: it stays exactly 0.
    expect(Array.from(equal.multiTaskValues.at(-1)!)).toEqual(new Array(6).fill(0));
    // Hard sharing without hidden layers shares nothing, so there is no relation to show.
    const linear = new MultiTaskSession(configWith('hidden=none'));
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
    const session = new MultiTaskSession(
      configWith('mtlTasks=4', 'taskNoise=2', 'metaLr=0.01', 'seed=2'),
    );
    const metrics = await train(session, 1000);
    const recent = metrics.slice(-300);
    const trainingLoss = [0, 1, 2, 3].map(
      (m) => recent.reduce((sum, r) => sum + r.taskLossBefore[m]!, 0) / recent.length,
    );
    const sigmas = (await session.insights()).uncertainty!.map((u) => u.sigma);
    for (let m = 1; m < 4; m++) {
      expect(sigmas[m]!).toBeGreaterThan(sigmas[m - 1]!);
      expect(Math.abs(Math.log(sigmas[m]! ** 2) - Math.log(trainingLoss[m]!))).toBeLessThan(0.25);
    }
  });

  it('after 1,000 iterations, fine-tuning from the shared weights beats scratch on held-out tasks', async () => {
    const session = new MultiTaskSession(configWith('evalTasks=300'));
    await train(session, 1000);
    const { maml, scratch } = await session.evaluate();
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
    const healthy = new MultiTaskSession(config);
    await train(healthy, 3);
    const snapshot = healthy.snapshot();
    // Weights scaled far beyond float32's range make every prediction overflow.
    const broken = {
      ...snapshot,
      maml: { ...snapshot.maml, values: snapshot.maml.values.map((v) => v.map((w) => w * 1e30)) },
    };
    const session = MultiTaskSession.restore(broken);
    const kept = session.multiTaskValues.map((v) => v.slice());
    const result = await session.step();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.divergence.iteration).toBe(4);
    expect(result.divergence.message).toMatch(/NaN or infinite/);
    expect(result.divergence.message).not.toMatch(/innerLr/);
    expect(session.iteration).toBe(3);
    expect(session.divergence).toEqual(result.divergence);
    expect((await session.step()).ok).toBe(false);
    expect(session.multiTaskValues).toEqual(kept);
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
