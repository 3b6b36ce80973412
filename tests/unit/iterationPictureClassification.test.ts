/**
 * One classification meta-iteration slowed down: the picture shows tasks of the latest meta-batch,
 * adapting from the values the iteration started with by the learner's own test-time rule. Each
 * number is checked against a forward pass of the network written here (tf.logSoftmax, argMax),
 * not against the code that made it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tfjs/tf';
import { defaultConvMethod } from '../../src/core/tfjs/stride2Conv';
import type { ExperimentConfig } from '../../src/core/config';
import type { ClassificationBatch } from '../../src/core/classification/types';
import { taskOutputs } from '../../src/core/model/classifier';
import {
  bodySpec,
  HEAD_PARAMETERS,
  toClassifierTensors,
} from '../../src/core/model/classifierParams';
import { createRng } from '../../src/core/random/rng';
import { learnerSpec } from '../../src/core/trainer/classification/specs';
import { classificationStream } from '../../src/core/trainer/classification/stream';
import { classSources, createTrainer } from '../../src/core/trainer/createTrainer';
import type { Trainer } from '../../src/core/trainer/trainer';
import type { ClassificationIterationPicture } from '../../src/core/trainer/types';
import { startBackend } from '../../src/cli/nodeBackend';
import { configOver, train, valuesOf } from '../helpers/sessions';

/** Small enough for a fraction of a second per step on two cores. */
const SMALL = [
  'task=glyphs',
  'ways=5',
  'shots=1',
  'query=2',
  'metaBatch=4',
  'filters=4',
  'imageSize=12',
  'innerLr=0.05',
  'innerSteps=2',
  'seed=4',
];

const configWith = (...pairs: string[]): ExperimentConfig => configOver(SMALL, ...pairs);

function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
}

async function pictureOf(trainer: Trainer, tasks: number): Promise<ClassificationIterationPicture> {
  const picture = await trainer.iterationPicture(new Float32Array(0), tasks);
  if (picture?.kind !== 'classification') throw new Error('expected a classification picture');
  return picture;
}

/** The meta-batch the trainer drew at iteration `iteration`, drawn again from the seed. */
function batchAt(config: ExperimentConfig, iteration: number): ClassificationBatch {
  const stream = classificationStream(config, classSources(config, null));
  const rng = createRng(config.seed, 'tasks');
  let batch = stream.draw(rng).batch;
  for (let i = 1; i < iteration; i++) batch = stream.draw(rng).batch;
  return batch;
}

interface Scored {
  readonly loss: number;
  readonly accuracy: number;
  readonly predicted: Int32Array;
}

/** The network at `theta` on task t's support or query set, by its own forward pass. */
function scoreSet(
  config: ExperimentConfig,
  theta: readonly Float32Array[],
  batch: ClassificationBatch,
  t: number,
  set: 'support' | 'query',
): Scored {
  const perClass = set === 'support' ? batch.shots : batch.queries;
  const rows = batch.ways * perClass;
  const area = batch.imageSize ** 2;
  const images = set === 'support' ? batch.supportImages : batch.queryImages;
  const labels = (set === 'support' ? batch.supportLabels : batch.queryLabels).slice(
    t * rows,
    (t + 1) * rows,
  );
  const spec = learnerSpec(config);
  const [loss, predicted] = tf.tidy(() => {
    const params = toClassifierTensors(spec, theta);
    const x = tf.tensor4d(images.slice(t * rows * area, (t + 1) * rows * area), [
      rows,
      batch.imageSize,
      batch.imageSize,
      1,
    ]);
    const logits = tf.reshape(
      taskOutputs(spec, params, x, { tasks: 1, perTask: false, conv: defaultConvMethod() }),
      [rows, batch.ways],
    );
    const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), batch.ways);
    const crossEntropy = tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(logits), oneHot), 1)));
    return [crossEntropy.dataSync()[0]!, Int32Array.from(tf.argMax(logits, 1).dataSync())];
  });
  const right = predicted.filter((p, i) => p === labels[i]).length;
  return { loss, accuracy: right / rows, predicted };
}

/** Indices (within the task) of the first image of each label, as the picture picks them. */
function firstOfEachLabel(labels: Int32Array, shown: number): number[] {
  return Array.from({ length: shown }, (_, label) => labels.indexOf(label));
}

describe('a classification iteration up close', () => {
  beforeAll(async () => {
    await startBackend('wasm');
  });

  it('shows tasks of the latest meta-batch, scored as the initialisation and the step said', async () => {
    const config = configWith('algorithm=maml');
    const trainer = createTrainer(config, null);
    expect(trainer.canShowIteration).toBe(true);
    expect(await trainer.iterationPicture(new Float32Array(0), 3)).toBeNull();
    await train(trainer, 2);
    const before = valuesOf(trainer, 'maml');
    const [last] = await train(trainer, 1);
    const after = valuesOf(trainer, 'maml');
    const tensorsBefore = tf.memory().numTensors;
    const picture = await pictureOf(trainer, 3);
    expect(tf.memory().numTensors).toBe(tensorsBefore);

    expect(picture.iteration).toBe(3);
    expect(picture.learner).toBe('maml');
    expect(picture.innerSteps).toBe(2);
    expect(picture.tasks).toHaveLength(3);
    const batch = batchAt(config, 3);
    const area = batch.imageSize ** 2;
    const supportRows = batch.ways * batch.shots;
    const queryRows = batch.ways * batch.queries;
    picture.tasks.forEach((task, t) => {
      // The images shown are this task's: one of each class, in label order.
      const supportLabels = batch.supportLabels.slice(t * supportRows, (t + 1) * supportRows);
      const queryLabels = batch.queryLabels.slice(t * queryRows, (t + 1) * queryRows);
      const shownSupport = firstOfEachLabel(supportLabels, 5);
      const shownQuery = firstOfEachLabel(queryLabels, 5);
      expect(Array.from(task.support.labels)).toEqual([0, 1, 2, 3, 4]);
      shownSupport.forEach((index, i) => {
        const start = (t * supportRows + index) * area;
        expect(task.support.pixels.slice(i * area, (i + 1) * area)).toEqual(
          batch.supportImages.slice(start, start + area),
        );
      });
      shownQuery.forEach((index, i) => {
        const start = (t * queryRows + index) * area;
        expect(task.query.pixels.slice(i * area, (i + 1) * area)).toEqual(
          batch.queryImages.slice(start, start + area),
        );
      });

      // Step 0 is the initialisation the iteration started from, by the network's own pass.
      const support = scoreSet(config, before, batch, t, 'support');
      const query = scoreSet(config, before, batch, t, 'query');
      expect(Array.from(task.support.predicted[0]!)).toEqual(
        shownSupport.map((i) => support.predicted[i]),
      );
      expect(Array.from(task.query.predicted[0]!)).toEqual(
        shownQuery.map((i) => query.predicted[i]),
      );
      expect(relative(task.supportLoss[0]!, support.loss)).toBeLessThan(1e-4);
      expect(task.supportAccuracy[0]).toBeCloseTo(support.accuracy, 6);
      expect(relative(task.queryLoss[0]!, query.loss)).toBeLessThan(1e-4);
      expect(task.queryAccuracy[0]).toBeCloseTo(query.accuracy, 6);
      // The query losses before and after the inner loop are the ones the training step reported.
      expect(relative(task.queryLoss[0]!, last!.taskLossBefore[t]!)).toBeLessThan(1e-4);
      expect(relative(task.queryLoss[2]!, last!.taskLossAfter[t]!)).toBeLessThan(1e-4);
      // Small steps on the support loss lower it.
      expect(task.supportLoss[1]!).toBeLessThan(task.supportLoss[0]!);
      expect(task.supportLoss[2]!).toBeLessThan(task.supportLoss[1]!);
      expect(task.support.predicted).toHaveLength(3);

      // The initialisation before and after the outer step, on this task's queries.
      expect(relative(picture.before.queryLoss[t]!, query.loss)).toBeLessThan(1e-4);
      const moved = scoreSet(config, after, batch, t, 'query');
      expect(relative(picture.after.queryLoss[t]!, moved.loss)).toBeLessThan(1e-4);
      expect(picture.after.queryAccuracy[t]).toBeCloseTo(moved.accuracy, 6);
    });
    expect(picture.after.queryLoss).not.toEqual(picture.before.queryLoss);
  });

  it('ANIL adapts only the head, by its own rule', async () => {
    const config = configWith('algorithm=anil', 'innerSteps=1');
    const trainer = createTrainer(config, null);
    await train(trainer, 1);
    const theta = valuesOf(trainer, 'anil');
    await train(trainer, 1);
    const picture = await pictureOf(trainer, 2);
    const batch = batchAt(config, 2);
    const spec = learnerSpec(config);
    const rows = batch.ways * batch.shots;
    const area = batch.imageSize ** 2;
    picture.tasks.forEach((task, t) => {
      // One SGD step of the head alone on the body's features of the support images.
      const expected = tf.tidy(() => {
        const params = toClassifierTensors(spec, theta);
        const body = params.length - HEAD_PARAMETERS;
        const x = tf.tensor4d(batch.supportImages.slice(t * rows * area, (t + 1) * rows * area), [
          rows,
          batch.imageSize,
          batch.imageSize,
          1,
        ]);
        const options = { tasks: 1, perTask: false, conv: defaultConvMethod() };
        const features = tf.reshape(
          taskOutputs(bodySpec(spec), params.slice(0, body), x, options),
          [rows, -1],
        );
        const labels = batch.supportLabels.slice(t * rows, (t + 1) * rows);
        const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), batch.ways);
        const loss = (w: tf.Tensor, b: tf.Tensor): tf.Scalar =>
          tf.neg<tf.Scalar>(
            tf.mean<tf.Scalar>(
              tf.sum(tf.mul(tf.logSoftmax(tf.add(tf.matMul(features, w), b)), oneHot), 1),
            ),
          );
        const [w, b] = [params[body]!, params[body + 1]!];
        const [gw, gb] = tf.grads(loss)([w, b]);
        const stepped = loss(
          tf.sub(w, tf.mul(gw!, config.innerLr)),
          tf.sub(b, tf.mul(gb!, config.innerLr)),
        );
        return stepped.dataSync()[0]!;
      });
      expect(relative(task.supportLoss[1]!, expected)).toBeLessThan(1e-4);
    });
  });

  it('prototypical networks have no inner loop to step through', async () => {
    const trainer = createTrainer(configWith('algorithm=protonet'), null);
    expect(trainer.canShowIteration).toBe(false);
    await train(trainer, 1);
    expect(await trainer.iterationPicture(new Float32Array(0), 3)).toBeNull();
  });
});
