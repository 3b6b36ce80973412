/**
 * A classification learner's latest meta-iteration slowed down: a few tasks of its meta-batch
 * adapting from the initialisation the iteration started from, scored after every inner step, and
 * the initialisation's query scores before and after the outer step.
 *
 * Every number comes from the code that scores held-out tasks (scoreAdaptation: the learner's own
 * test-time rule, Meta-SGD's rates, ANIL's head only), so the view shows what evaluation does. The
 * support set is scored by adapting a second time with the supports standing in as the queries:
 * the inner steps see the same support set, so they are the same steps, and the query set's batch
 * statistics are then the support set's own, as in the inner loss.
 */
import type { ExperimentConfig } from '../../config';
import type { ClassificationBatch } from '../../classification/types';
import { algorithmInfo } from '../../learners/registry';
import type {
  ClassificationIterationPicture,
  ImageTaskUpClose,
  InitialisationScores,
  ShownImages,
} from '../types';
import { isClassificationLearner, type ClassificationLearnerModel } from './learner';
import { scoreAdaptation, type TaskScores } from './scores';
import type { NamedBatch } from './stream';

/** Classes of a task whose images are shown, one image of each, at most. */
export const SHOWN_CLASSES = 5;

/** Whether a model is a classification learner with an inner loop to step through. */
export function stepsThroughImages(model: object): model is ClassificationLearnerModel {
  return isClassificationLearner(model) && algorithmInfo(model.config.algorithm).adapts !== 'none';
}

/** The first `count` tasks of a batch (its arrays are task-major). */
function leadingTasks(batch: ClassificationBatch, count: number): ClassificationBatch {
  const pixels = batch.imageSize ** 2;
  const support = batch.ways * batch.shots;
  const query = batch.ways * batch.queries;
  return {
    ...batch,
    tasks: count,
    supportImages: batch.supportImages.subarray(0, count * support * pixels),
    supportLabels: batch.supportLabels.subarray(0, count * support),
    queryImages: batch.queryImages.subarray(0, count * query * pixels),
    queryLabels: batch.queryLabels.subarray(0, count * query),
  };
}

/** The batch with each task's support set standing in as its query set too. */
function supportAsQueries(batch: ClassificationBatch): ClassificationBatch {
  return {
    ...batch,
    queries: batch.shots,
    queryImages: batch.supportImages,
    queryLabels: batch.supportLabels,
  };
}

/**
 * Task t's first image of each of its first SHOWN_CLASSES labels, with their predicted labels
 * after every step. `predictions[step]` holds every task's `perTask` images, task after task.
 */
function shownImages(
  batch: ClassificationBatch,
  images: Float32Array,
  labels: Int32Array,
  perTask: number,
  predictions: readonly Int32Array[],
  t: number,
): ShownImages {
  const area = batch.imageSize ** 2;
  const first = t * perTask;
  const picked: number[] = [];
  for (let label = 0; label < Math.min(batch.ways, SHOWN_CLASSES); label++) {
    const index = labels.subarray(first, first + perTask).indexOf(label);
    if (index >= 0) picked.push(first + index);
  }
  const pixels = new Float32Array(picked.length * area);
  picked.forEach((index, i) => {
    pixels.set(images.subarray(index * area, (index + 1) * area), i * area);
  });
  return {
    pixels,
    labels: Int32Array.from(picked, (index) => labels[index]!),
    predicted: predictions.map((step) => Int32Array.from(picked, (index) => step[index]!)),
  };
}

const perTask = (scores: readonly Float64Array[], t: number): number[] =>
  scores.map((step) => step[t]!);

/**
 * The picture of `model`'s iteration `iteration` on the tasks of `named` it trained on: up to
 * `maxTasks` of them adapting from `before` (the values the iteration started from), and the
 * initialisation before and after the outer step (`after`: the values it ended with).
 */
export async function classificationIterationPicture(
  model: ClassificationLearnerModel,
  iteration: number,
  named: NamedBatch,
  before: readonly Float32Array[],
  after: readonly Float32Array[],
  maxTasks: number,
): Promise<ClassificationIterationPicture> {
  const config: ExperimentConfig = model.config;
  const steps = config.innerSteps;
  const count = Math.max(0, Math.min(Math.floor(maxTasks), named.batch.tasks));
  const batch = leadingTasks(named.batch, count);
  const adapting = { steps, predictions: true };
  const onQueries = await scoreAdaptation(config, 'learner', before, batch, adapting);
  const onSupport = await scoreAdaptation(
    config,
    'learner',
    before,
    supportAsQueries(batch),
    adapting,
  );
  const moved = await scoreAdaptation(config, 'learner', after, batch, { steps: 0 });
  const supportSize = batch.ways * batch.shots;
  const querySize = batch.ways * batch.queries;
  const tasks = Array.from({ length: count }, (_, t): ImageTaskUpClose => ({
    classNames: named.classNames[t] ?? [],
    support: shownImages(
      batch,
      batch.supportImages,
      batch.supportLabels,
      supportSize,
      onSupport.predictions!,
      t,
    ),
    query: shownImages(
      batch,
      batch.queryImages,
      batch.queryLabels,
      querySize,
      onQueries.predictions!,
      t,
    ),
    supportLoss: perTask(onSupport.loss, t),
    supportAccuracy: perTask(onSupport.accuracy, t),
    queryLoss: perTask(onQueries.loss, t),
    queryAccuracy: perTask(onQueries.accuracy, t),
  }));
  const initialisation = (scores: TaskScores): InitialisationScores => ({
    queryLoss: Array.from(scores.loss[0]!),
    queryAccuracy: Array.from(scores.accuracy[0]!),
  });
  return {
    kind: 'classification',
    iteration,
    learner: model.id,
    innerSteps: steps,
    imageSize: batch.imageSize,
    tasks,
    before: initialisation(onQueries),
    after: initialisation(moved),
  };
}
