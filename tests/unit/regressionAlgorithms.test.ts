/**
 * A sinusoid run with each meta-learner: what it reports, how it adapts at test time (checked
 * against the float64 reference with the learner's own inner rule), memory, determinism and
 * snapshots.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import type { ExperimentConfig } from '../../src/core/config';
import { createTrainer, restoreTrainer } from '../../src/core/trainer/createTrainer';
import type { Trainer } from '../../src/core/trainer/trainer';
import { PRETRAINED, baselineCurves, leadCurves } from '../../src/core/results/evaluation';
import { startBackend } from '../../src/cli/nodeBackend';
import { createRng } from '../../src/core/random/rng';
import { firstTasks, sampleSinusoidBatch } from '../../src/core/tasks/sinusoid';
import { layerSizes, paramShapes } from '../../src/core/model/mlp';
import { adapt, mseLoss, predict, type Task64 } from '../../src/core/check/float64Mlp';
import { adaptHead, adaptMetaSgd } from '../../src/core/check/float64MetaLearners';
import { flatten, spec, toTasks64 } from '../helpers/fixtures';
import { configWith, train, valuesOf } from '../helpers/sessions';

function trainer(config: ExperimentConfig): Trainer {
  return createTrainer(config, null);
}

const LEARNERS = ['maml', 'fomaml', 'reptile', 'metasgd', 'anil'] as const;
type Learner = (typeof LEARNERS)[number];

/** A float64 inner loop of `steps` steps from a model's values, the learner's way. */
function adapter(
  algorithm: Learner,
  values: readonly Float32Array[],
  sizes: number[],
  config: ExperimentConfig,
): (task: Task64, steps: number) => Float64Array {
  const count = 2 * (sizes.length - 1);
  const theta = flatten(values.slice(0, count));
  const { innerLr, activation } = config;
  if (algorithm === 'metasgd') {
    const alpha = flatten(values.slice(count));
    return (task, steps) => adaptMetaSgd(theta, alpha, sizes, task, steps, activation);
  }
  if (algorithm === 'anil') {
    return (task, steps) => adaptHead(theta, sizes, task, innerLr, steps, activation);
  }
  return (task, steps) => adapt(theta, sizes, task, innerLr, steps, activation);
}

describe('sinusoid runs with each meta-learner, on wasm', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  it.each(LEARNERS)(
    '%s keeps the tensor count flat over steps, evaluation, fits and insights',
    async (algorithm) => {
      const run = trainer(
        configWith(`algorithm=${algorithm}`, 'metaBatch=5', 'innerSteps=2', 'evalTasks=20'),
      );
      await train(run, 1);
      const before = tf.memory().numTensors;
      await train(run, 10);
      expect(tf.memory().numTensors).toBe(before);
      await run.evaluate();
      const gridX = Float32Array.from([-1, 0, 1]);
      await run.fit({
        supportX: Float32Array.from([0.5]),
        supportY: Float32Array.from([1]),
        gridX,
      });
      await run.insights();
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it.each(LEARNERS)(
    '%s gives bitwise-identical losses for the same seed, different ones for another',
    async (algorithm) => {
      const losses = async (seed: number): Promise<number[]> =>
        (
          await train(
            trainer(configWith(`algorithm=${algorithm}`, `seed=${seed}`, 'metaBatch=10')),
            15,
          )
        ).map((m) => m.metaTrainLoss);
      const first = await losses(3);
      const again = await losses(3);
      const other = await losses(4);
      expect(first.every((v, i) => Object.is(v, again[i]))).toBe(true);
      expect(other.filter((v, i) => v !== first[i]).length).toBeGreaterThan(12);
    },
  );

  it('first-order MAML is MAML with firstOrder on, whatever the setting says', async () => {
    const run = async (...pairs: string[]) =>
      (await train(trainer(configWith('metaBatch=6', ...pairs)), 10)).map((m) => m.metaTrainLoss);
    const reference = await run('algorithm=maml', 'firstOrder=true');
    expect(await run('algorithm=fomaml', 'firstOrder=false')).toEqual(reference);
    expect(await run('algorithm=fomaml', 'firstOrder=true')).toEqual(reference);
    expect(await run('algorithm=maml', 'firstOrder=false')).not.toEqual(reference);
  });

  it.each(LEARNERS)(
    '%s reports losses before and after adapting on the support set, as computed independently',
    async (algorithm) => {
      const config = configWith(`algorithm=${algorithm}`, 'metaBatch=4', 'innerSteps=2', 'seed=9');
      const run = trainer(config);
      const start = valuesOf(run, algorithm);
      const [first] = await train(run, 1);
      const sizes = layerSizes(spec([40, 40]));
      const batch = sampleSinusoidBatch(createRng(9, 'tasks'), 4, config.shots, config.query);
      // Reptile reports MAML's quantity: plain SGD on the support set alone.
      const adapted = adapter(algorithm === 'reptile' ? 'maml' : algorithm, start, sizes, config);
      const theta = flatten(start.slice(0, 6));
      toTasks64(batch).forEach((task, t) => {
        const before = mseLoss(theta, sizes, task.queryX, task.queryY, 'relu');
        const after = mseLoss(adapted(task, 2), sizes, task.queryX, task.queryY, 'relu');
        expect(Math.abs(first!.taskLossBefore[t]! - before) / before).toBeLessThan(1e-5);
        expect(Math.abs(first!.taskLossAfter[t]! - after) / after).toBeLessThan(1e-5);
      });
    },
  );

  it.each(LEARNERS)(
    '%s adapts at test time its own way, in evaluation and fit; baselines by plain SGD',
    async (algorithm) => {
      const config = configWith(
        `algorithm=${algorithm}`,
        'metaBatch=5',
        'evalTasks=12',
        'testInnerSteps=3',
        'activation=tanh',
        'hidden=16,16',
        'metaLr=0.01',
        'seed=2',
      );
      const run = trainer(config);
      await train(run, 5);
      const values = valuesOf(run, algorithm);
      const sizes = layerSizes(spec([16, 16], 'tanh'));
      const adapted = adapter(algorithm, values, sizes, config);
      const plain = adapter('maml', valuesOf(run, PRETRAINED), sizes, config);

      const tasks = toTasks64(
        firstTasks(
          sampleSinusoidBatch(createRng(2, 'evaluation'), 12, config.shots, config.evalQuery),
          8,
        ),
      );
      const evaluation = await run.evaluate(8);
      const learnerCurve = leadCurves(evaluation).loss;
      const pretrainedCurve = baselineCurves(evaluation, PRETRAINED).loss;
      for (let step = 0; step <= 3; step++) {
        const meanLoss = (adaptTo: typeof adapted): number =>
          tasks.reduce((sum, task) => {
            const phi = adaptTo(task, step);
            return sum + mseLoss(phi, sizes, task.queryX, task.queryY, 'tanh') / tasks.length;
          }, 0);
        const learner = meanLoss(adapted);
        const pretrained = meanLoss(plain);
        expect(Math.abs(learnerCurve.mean[step]! - learner) / learner).toBeLessThan(1e-4);
        expect(Math.abs(pretrainedCurve.mean[step]! - pretrained) / pretrained).toBeLessThan(1e-4);
      }

      const supportX = Float32Array.from([-3, -0.5, 2.25]);
      const supportY = Float32Array.from([1.5, -2, 0.75]);
      const gridX = Float32Array.from({ length: 11 }, (_, i) => -5 + i);
      const curves = await run.fit({ supportX, supportY, gridX });
      const task: Task64 = {
        supportX: Array.from(supportX, (x) => [x]),
        supportY: Array.from(supportY, (y) => [y]),
        queryX: [],
        queryY: [],
      };
      for (let step = 0; step <= 3; step++) {
        const phi = adapted(task, step);
        gridX.forEach((x, i) => {
          expect(curves.learner[step]![i]).toBeCloseTo(predict(phi, sizes, [x], 'tanh')[0]!, 4);
        });
      }
      // No points placed: nothing to fit, every step shows the initial curve.
      const none = await run.fit({
        supportX: new Float32Array(0),
        supportY: new Float32Array(0),
        gridX,
      });
      for (const curve of none.learner) expect(curve).toEqual(curves.learner[0]);
    },
  );

  it('Meta-SGD keeps its rates beside theta: parameters are theta only, snapshots carry both', async () => {
    const config = configWith('algorithm=metasgd', 'metaBatch=6', 'innerSteps=2', 'evalTasks=10');
    const whole = await train(trainer(config), 12);
    const first = trainer(config);
    expect(valuesOf(first, 'metasgd')).toHaveLength(12);
    // Stored as float32: the rate nearest innerLr.
    const innerLr32 = Math.fround(config.innerLr);
    expect(
      valuesOf(first, 'metasgd')
        .slice(6)
        .every((a) => a.every((r) => r === innerLr32)),
    ).toBe(true);
    const before = await train(first, 6);
    const resumed = restoreTrainer(structuredClone(first.snapshot()), null);
    const after = await train(resumed, 6);
    expect([...before, ...after].map((m) => m.metaTrainLoss)).toEqual(
      whole.map((m) => m.metaTrainLoss),
    );
    expect(resumed.parameters.map((p) => p.length)).toEqual(
      paramShapes(spec([40, 40])).map((shape) => shape.reduce((a, b) => a * b, 1)),
    );
    // The rates have learned: no longer all equal to innerLr.
    const rates = valuesOf(resumed, 'metasgd').slice(6);
    expect(rates.some((a) => a.some((r) => r !== innerLr32))).toBe(true);
  });
});
