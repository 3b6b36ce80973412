/**
 * Classification runs with first-order MAML, Reptile, Meta-SGD and ANIL: what each step
 * reports, tensor leaks, determinism and snapshots, Meta-SGD's learned rates in the learner's
 * values, and the insights (task relations, inner rates).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import type { ExperimentConfig } from '../../src/core/config';
import { isClassificationLearner } from '../../src/core/trainer/classification/learner';
import type { TaskView } from '../../src/core/trainer/classification/inspectTypes';
import { classSources, createTrainer, restoreTrainer } from '../../src/core/trainer/createTrainer';
import type { Trainer } from '../../src/core/trainer/trainer';
import { learnerCurves } from '../../src/core/results/evaluation';
import { learnerSpec } from '../../src/core/trainer/classification/specs';
import { cosineMatrix } from '../../src/core/math/cosineMatrix';
import { taskRelations } from '../../src/core/trainer/classification/insights';
import {
  sampleClassificationBatch,
  sampleClassificationTasks,
} from '../../src/core/classification/sampling';
import { datasetPool } from '../../src/core/classification/poolsDataset';
import type { ClassificationBatch } from '../../src/core/classification/types';
import {
  classifierParameterNames,
  classifierShapes,
  initialClassifierValues,
} from '../../src/core/model/classifierParams';
import { createRng } from '../../src/core/random/rng';
import { startBackend } from '../../src/cli/nodeBackend';
import { configOver, train, valuesOf } from '../helpers/sessions';

/** Small enough to take a fraction of a second per step on two cores. */
const SMALL = [
  'task=glyphs',
  'ways=3',
  'shots=1',
  'query=3',
  'metaBatch=3',
  'filters=4',
  'imageSize=12',
  'innerLr=0.4',
  'innerSteps=2',
  'testInnerSteps=2',
  'evalTasks=6',
  'evalQuery=3',
];

const ALGORITHMS = ['fomaml', 'reptile', 'metasgd', 'anil'] as const;

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

describe('classification runs with the other meta-learners, on wasm', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  describe.each(ALGORITHMS)('%s', (algorithm) => {
    const config = configWith(`algorithm=${algorithm}`);

    it('reports losses and accuracies in range, one per task', async () => {
      const [first] = await train(trainer(config), 1);
      expect(first!.taskLossAfter).toHaveLength(3);
      expect(first!.taskLossBefore).toHaveLength(3);
      expect(first!.metaTrainAccuracy).toBeGreaterThanOrEqual(0);
      expect(first!.metaTrainAccuracy).toBeLessThanOrEqual(1);
      expect(first!.metaTrainLoss).toBeGreaterThan(0);
      expect(first!.comparedLoss).toBeNull();
    });

    it('keeps the tensor count flat over steps, evaluation, inspection and insights', async () => {
      const s = trainer(config);
      await train(s, 1);
      await s.evaluate(3);
      await inspect(s, 0);
      await s.insights();
      const before = tf.memory().numTensors;
      await train(s, 2);
      const evaluation = await s.evaluate(3);
      await inspect(s, 1);
      await s.insights();
      expect(tf.memory().numTensors).toBe(before);
      expect(learnerCurves(evaluation).map((m) => m.id)).toEqual([algorithm]);
    });

    it('repeats a run bit for bit for one seed, differs for another, and resumes a snapshot exactly', async () => {
      const run = async (seed: number) =>
        (await train(trainer(configWith(`algorithm=${algorithm}`, `seed=${seed}`)), 3)).map(
          (m) => m.metaTrainLoss,
        );
      const first = await run(4);
      expect(await run(4)).toEqual(first);
      expect(await run(5)).not.toEqual(first);

      const s = trainer(configWith(`algorithm=${algorithm}`, 'seed=4'));
      await train(s, 1);
      const resumed = restoreTrainer(structuredClone(s.snapshot()), null);
      const rest = (await train(resumed, 2)).map((m) => m.metaTrainLoss);
      expect(rest).toEqual(first.slice(1));
    });
  });

  it('first-order MAML is MAML with firstOrder set', async () => {
    const fomaml = await train(trainer(configWith('algorithm=fomaml')), 3);
    const maml = await train(trainer(configWith('algorithm=maml', 'firstOrder=true')), 3);
    expect(fomaml.map((m) => m.metaTrainLoss)).toEqual(maml.map((m) => m.metaTrainLoss));
  });

  it("reports, at the first iteration, MAML's query losses after adaptation on the support set", async () => {
    // Same start, same batch, same adaptation: Meta-SGD's alpha starts at innerLr, and Reptile
    // reports the query loss after adapting on the support set only.
    const [maml] = await train(trainer(configWith('algorithm=maml')), 1);
    for (const algorithm of ['fomaml', 'reptile', 'metasgd'] as const) {
      const [first] = await train(trainer(configWith(`algorithm=${algorithm}`)), 1);
      first!.taskLossAfter.forEach((loss, t) => {
        expect(loss).toBeCloseTo(maml!.taskLossAfter[t]!, 5);
      });
      expect(Array.from(first!.taskLossBefore)).toEqual(Array.from(maml!.taskLossBefore));
    }
  });

  it('Meta-SGD keeps its learned rates beside theta: in snapshots, not in parameters', async () => {
    const config = configWith('algorithm=metasgd');
    const shapes = classifierShapes(learnerSpec(config));
    const s = trainer(config);
    const initial = await s.insights();
    expect(initial.relations).toBeNull();
    expect(initial.innerRates!.map((r) => r.name)).toEqual(
      classifierParameterNames(learnerSpec(config)),
    );
    for (const rates of initial.innerRates!) {
      expect(rates.min).toBeCloseTo(0.4, 6);
      expect(rates.max).toBeCloseTo(0.4, 6);
      expect(rates.negative).toBe(0);
    }
    await train(s, 2);
    expect(s.parameters.map((p) => p.length)).toEqual(
      shapes.map((shape) => shape.reduce((a, b) => a * b, 1)),
    );
    const values = valuesOf(s, 'metasgd');
    expect(values).toHaveLength(2 * shapes.length);
    const alpha = values.slice(shapes.length);
    // Meta-trained: the rates have moved away from innerLr.
    expect(alpha.some((a) => a.some((r) => Math.abs(r - 0.4) > 1e-4))).toBe(true);
    const after = await s.insights();
    after.innerRates!.forEach((rates, i) => {
      expect(rates.count).toBe(alpha[i]!.length);
      expect(rates.min).toBeCloseTo(Math.min(...alpha[i]!), 6);
      expect(rates.max).toBeCloseTo(Math.max(...alpha[i]!), 6);
    });
  });

  it.each([...ALGORITHMS, 'maml', 'protonet'] as const)(
    '%s: insights relate the latest batch tasks, and name their classes',
    async (algorithm) => {
      const config = configWith(`algorithm=${algorithm}`);
      const s = trainer(config);
      expect((await s.insights()).relations).toBeNull();
      await train(s, 2);
      const insights = await s.insights();
      expect(insights.iteration).toBe(2);
      expect(insights.innerRates === null).toBe(algorithm !== 'metasgd');
      expect(insights.uncertainty).toBeNull();
      const relations = insights.relations!;
      expect(relations.basis.length).toBeGreaterThan(20);
      expect(relations.labels).toEqual(['task 1', 'task 2', 'task 3']);
      relations.cosine.forEach((row, i) => {
        expect(row[i]).toBe(1);
        row.forEach((c, j) => {
          expect(c).toBeGreaterThanOrEqual(-1);
          expect(c).toBeLessThanOrEqual(1);
          expect(c).toBeCloseTo(relations.cosine[j]![i]!, 12);
        });
      });
      for (const details of relations.details) {
        const classes = details.find((d) => d.name === 'classes')!.value;
        expect(classes.split(', ')).toHaveLength(config.ways);
        expect(classes).toMatch(/^glyph \d+/);
      }
      // A restored run has no latest batch until its next step.
      const restored = restoreTrainer(s.snapshot(), null);
      expect((await restored.insights()).relations).toBeNull();
    },
  );

  it('relations: a task repeated in the batch has cosine 1 with its copy', async () => {
    const config = configWith('algorithm=maml', 'metaBatch=2');
    const pool = classSources(config, null).train;
    const shape = { tasks: 2, ways: 3, shots: 1, queries: 3 };
    const { batch, classIds } = sampleClassificationTasks(createRng(3, 'tasks'), pool, shape);
    // Tasks 0, 1 and 0 again.
    const repeated: ClassificationBatch = {
      ...batch,
      tasks: 3,
      supportImages: firstTaskAgain(batch.supportImages, 2),
      supportLabels: firstTaskAgain(batch.supportLabels, 2),
      queryImages: firstTaskAgain(batch.queryImages, 2),
      queryLabels: firstTaskAgain(batch.queryLabels, 2),
    };
    const values = initialClassifierValues(learnerSpec(config), createRng(1, 'init'));
    const relations = await taskRelations(config, {
      batch: repeated,
      classNames: [...classIds, classIds[0]!].map((ids) => ids.map(String)),
      values,
      taskLossBefore: new Float32Array(3),
      taskLossAfter: new Float32Array(3),
    });
    expect(relations.cosine[0]![2]).toBeCloseTo(1, 5);
    expect(relations.cosine[0]![1]).toBeLessThan(0.999);
    expect(relations.details[2]![0]!.value).toBe(relations.details[0]![0]!.value);
  });

  it('know which classes each task drew, without changing what is drawn', () => {
    // Two 3x3 drawings per character.
    const images = Float32Array.from({ length: 18 }, (_, i) => i);
    const pool = datasetPool(
      ['character01', 'character02', 'character03'].map((character) => ({
        alphabet: 'Latin',
        character,
        images,
        count: 2,
      })),
      { rotations: true },
    );
    const shape = { tasks: 4, ways: 3, shots: 1, queries: 1 };
    const drawn = sampleClassificationTasks(createRng(8, 'tasks'), pool, shape);
    const batch = sampleClassificationBatch(createRng(8, 'tasks'), pool, shape);
    expect(drawn.batch).toEqual(batch);
    expect(drawn.classIds).toHaveLength(4);
    for (const ids of drawn.classIds) expect(new Set(ids).size).toBe(3);
    expect(pool.describeClass!(0)).toBe('Latin/character01');
    expect(pool.describeClass!(6)).toBe('Latin/character02 180°');
  });

  it('cosines are those of the vectors, and 0 against a zero vector', () => {
    const cosine = cosineMatrix([
      Float32Array.of(1, 0),
      Float32Array.of(1, 1),
      Float32Array.of(-2, 0),
      Float32Array.of(0, 0),
    ]);
    expect(cosine[0]![1]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(cosine[0]![2]).toBe(-1);
    expect(cosine[3]![0]).toBe(0);
    expect(cosine[3]![3]).toBe(1);
  });
});

/** A task-major array of `tasks` tasks, followed by its first task once more. */
function firstTaskAgain<T extends Float32Array | Int32Array>(values: T, tasks: number): T {
  const perTask = values.length / tasks;
  const out = new (values.constructor as new (n: number) => T)(values.length + perTask);
  out.set(values);
  out.set(values.subarray(0, perTask), values.length);
  return out;
}
