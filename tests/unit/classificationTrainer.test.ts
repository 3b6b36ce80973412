import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { DEFAULT_CONFIG, applyOverrides, type ExperimentConfig } from '../../src/core/config';
import { isClassificationLearner } from '../../src/core/trainer/classification/learner';
import type { TaskView } from '../../src/core/trainer/classification/inspectTypes';
import { classificationStream } from '../../src/core/trainer/classification/stream';
import { classSources, createTrainer, restoreTrainer } from '../../src/core/trainer/createTrainer';
import type { Trainer } from '../../src/core/trainer/trainer';
import { SCRATCH, baselineCurves, leadCurves } from '../../src/core/results/evaluation';
import { DataError } from '../../src/core/data/errors';
import { DatasetLibrary } from '../../src/core/datasets/library';
import { alphabetsZip, bandDrawing } from '../helpers/omniglotFixtures';
import { startBackend } from '../../src/cli/nodeBackend';
import { configOver, train } from '../helpers/sessions';

/** Small enough to take a fraction of a second per step on two cores. */
const SMALL = [
  'task=glyphs',
  'ways=3',
  'shots=1',
  'query=3',
  'metaBatch=2',
  'filters=4',
  'imageSize=12',
  'innerLr=0.4',
  'testInnerSteps=2',
  'evalTasks=6',
  'evalQuery=3',
];

/** SMALL with `pairs` replacing settings of the same name. */
const configWith = (...pairs: string[]): ExperimentConfig => configOver(SMALL, ...pairs);

function trainer(config: ExperimentConfig): Trainer {
  return createTrainer(config, null);
}

/** Held-out task `index` with the run's learner's predictions. */
function inspect(run: Trainer, index: number): Promise<TaskView> {
  const { model, values } = run.lead;
  if (!isClassificationLearner(model)) throw new Error(`${model.id} cannot inspect a task.`);
  return model.inspect(values, index);
}

describe('a classification Trainer on wasm', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  for (const algorithm of ['maml', 'protonet'] as const) {
    it(`${algorithm}: reports losses and accuracies in range, one per task`, async () => {
      const [first] = await train(trainer(configWith(`algorithm=${algorithm}`)), 1);
      expect(first!.taskLossAfter).toHaveLength(2);
      expect(first!.taskLossBefore).toHaveLength(2);
      for (const value of [first!.metaTrainAccuracy, first!.pretrainedAccuracy]) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
      expect(first!.metaTrainLoss).toBeGreaterThan(0);
      expect(Number.isFinite(first!.pretrainedLoss)).toBe(true);
    });

    it(`${algorithm}: keeps the tensor count flat over steps, evaluation and inspection`, async () => {
      const s = trainer(configWith(`algorithm=${algorithm}`));
      await train(s, 1);
      await s.evaluate(3);
      await inspect(s, 0);
      const before = tf.memory().numTensors;
      await train(s, 3);
      await s.evaluate(3);
      await inspect(s, 1);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('repeats a run bit for bit for one seed and differs for another', async () => {
    const run = async (seed: number) =>
      (await train(trainer(configWith(`seed=${seed}`)), 3)).map((m) => m.metaTrainLoss);
    const first = await run(4);
    expect(await run(4)).toEqual(first);
    expect(await run(5)).not.toEqual(first);
  });

  it('continues a snapshot exactly where the run was', async () => {
    const config = configWith('seed=9');
    const whole = await train(trainer(config), 4);
    const s = trainer(config);
    await train(s, 2);
    const resumed = restoreTrainer(structuredClone(s.snapshot()), null);
    const rest: number[] = [];
    for (let i = 0; i < 2; i++) {
      const result = await resumed.step();
      if (!result.ok) throw new Error('diverged');
      rest.push(result.metrics.metaTrainLoss);
    }
    expect(rest).toEqual(whole.slice(2).map((m) => m.metaTrainLoss));
  });

  it('evaluates on the same held-out tasks every time, with flat ProtoNet curves', async () => {
    const s = trainer(configWith('algorithm=protonet'));
    await train(s, 2);
    const a = await s.evaluate();
    const b = await s.evaluate();
    expect(b).toEqual(a);
    expect(a.lossKind).toBe('cross-entropy');
    expect(a.steps).toEqual([0, 1, 2]);
    expect(a.tasks).toBe(6);
    const protonet = leadCurves(a).accuracy!.mean;
    expect(new Set(protonet).size).toBe(1);
    // The baselines do fine-tune: their loss changes with the steps.
    const scratch = baselineCurves(a, SCRATCH).loss;
    expect(scratch.mean[2]).not.toBe(scratch.mean[0]);
  });

  it('shows one held-out task with its images and the predictions before and after', async () => {
    const config = configWith();
    const s = trainer(config);
    await train(s, 1);
    const view = await inspect(s, 4);
    const pixels = config.imageSize ** 2;
    expect(view.supportImages).toHaveLength(config.ways * config.shots * pixels);
    expect(view.queryImages).toHaveLength(config.ways * config.evalQuery * pixels);
    expect([...view.supportLabels]).toEqual([0, 1, 2]);
    expect(view.before).toHaveLength(config.ways * config.evalQuery);
    expect(view.after).toHaveLength(config.ways * config.evalQuery);
    for (const label of [...view.before, ...view.after]) {
      expect(label).toBeGreaterThanOrEqual(0);
      expect(label).toBeLessThan(config.ways);
    }
    expect(view.steps).toBe(config.testInnerSteps);
    // Task 4 is the same task whichever way it is reached (also wrapping past evalTasks).
    expect((await inspect(s, 4 + config.evalTasks)).queryImages).toEqual(view.queryImages);
    expect((await inspect(s, 5)).queryImages).not.toEqual(view.queryImages);
  });

  it('refuses an Omniglot run without Omniglot images, saying what to load', () => {
    const config = applyOverrides(DEFAULT_CONFIG, ['task=omniglot', 'shots=1', 'query=5']).config;
    expect(() => createTrainer(config, null)).toThrow(DataError);
    expect(() => createTrainer(config, null)).toThrow(/images_background\.zip/);
  });
});

describe('meta-learning on glyphs (wasm)', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  // 5-way 1-shot: chance is 20%. After a short meta-training both meta-learners must adapt
  // clearly better than a network trained from scratch on the same held-out tasks.
  for (const algorithm of ['maml', 'protonet'] as const) {
    it(`${algorithm} beats scratch on held-out glyph classes`, async () => {
      const config = configWith(
        `algorithm=${algorithm}`,
        'ways=5',
        'query=3',
        'metaBatch=4',
        'filters=8',
        'imageSize=16',
        'metaLr=0.003',
        'evalTasks=60',
        'evalQuery=3',
      );
      const s = trainer(config);
      await train(s, 60);
      const evaluation = await s.evaluate();
      const learnerAccuracy = leadCurves(evaluation).accuracy!;
      const scratchAccuracy = baselineCurves(evaluation, SCRATCH).accuracy!;
      const last = evaluation.steps.length - 1;
      const learner = learnerAccuracy.mean[last]! - learnerAccuracy.ci95[last]!;
      const scratch = scratchAccuracy.mean[last]! + scratchAccuracy.ci95[last]!;
      expect(learner).toBeGreaterThan(scratch);
      expect(learnerAccuracy.mean[last]).toBeGreaterThan(0.4);
    });
  }
});

describe('settings the class pools cannot serve', () => {
  it("are refused when the run's task stream is made, with the reason", () => {
    const config = configWith('ways=4');
    const sources = classSources(config, null);
    const fewClasses = { ...sources, test: { ...sources.test, classCount: 3 } };
    expect(() => classificationStream(config, fewClasses)).toThrow(
      /held-out classes number 3, fewer than ways = 4/,
    );
    const fewImages = { ...sources, train: { ...sources.train, examplesPerClass: 3 } };
    expect(() => classificationStream(config, fewImages)).toThrow(
      /meta-training class has as few as 3 images, fewer than the 4 a task needs \(shots \+ query = 1 \+ 3\): lower shots or query/,
    );
  });

  it('name the file and the character with the fewest drawings', () => {
    const library = new DatasetLibrary();
    const two = { 'a.png': bandDrawing(2), 'b.png': bandDrawing(3) };
    const three = { ...two, 'c.png': bandDrawing(4) };
    library.add(
      'few_drawings.zip',
      alphabetsZip('', {
        Alpha: { character01: three, character02: two },
        Beta: { character01: three, character02: three },
      }),
    );
    const config = configWith('task=omniglot', 'ways=2', 'shots=1', 'query=5');
    expect(() => classificationStream(config, classSources(config, library))).toThrow(
      'Each meta-training class has as few as 2 images (few_drawings.zip, Alpha/character02), ' +
        'fewer than the 6 a task needs (shots + query = 1 + 5): lower shots or query, or load ' +
        'an archive with more drawings per character.',
    );
  });
});
