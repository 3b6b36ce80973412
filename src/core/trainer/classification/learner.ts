/**
 * A classification learner of the registry as a model of a run (MAML, first-order MAML, Reptile,
 * Meta-SGD, ANIL, prototypical networks): its values are the network's parameters theta,
 * followed for a learner of inner rates by one rate per weight. It can also show one held-out task
 * up close and score the standard one-shot runs.
 */
import { tf } from '../../tfjs/tf';
import type { ExperimentConfig } from '../../config';
import { createRng } from '../../random/rng';
import type { ClassSources, ClassificationBatch } from '../../classification/types';
import type { ClassificationTensors } from '../../classification/classificationTensors';
import { oneShotRunsBatch } from '../../classification/samplingOneShotRuns';
import type { OneShotRunsArchive } from '../../data/omniglot';
import { summarize } from '../../maml/evaluation';
import {
  LEARNERS,
  algorithmInfo,
  classificationLearner,
  type AlgorithmId,
  type LearnerDefinition,
} from '../../learners/registry';
import { aboveGuessingWatch, explainDivergence, learnerDivergence } from '../divergence';
import type { TrainedModel } from '../model';
import { splitFlat } from '../readout';
import type { OneShotScore, TaskView } from './inspectTypes';
import { classificationInsights, type LatestBatch } from './insights';
import { scoreAdaptation } from './scores';
import { singleTask } from './singleTask';
import { initialLearnerValues, learnerShapes, learnerSpec, splitLearnerValues } from './specs';
import { learnerGradient, learnerTensors } from './step';
import { heldOutTasks, type NamedBatch } from './stream';

function mean(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** The learners whose network has no per-way head, so they score tasks of any width. */
function withoutHead(): string {
  const learners: readonly LearnerDefinition[] = LEARNERS;
  return learners
    .filter((learner) => learner.classification?.head === 'embedding')
    .map((learner) => learner.id)
    .join(' or ');
}

export interface ClassificationLearnerModel extends TrainedModel<
  NamedBatch,
  ClassificationTensors,
  ClassificationBatch
> {
  /** Held-out task `index` (wrapping at evalTasks) with the learner's predictions on its queries. */
  inspect(values: readonly Float32Array[], index: number): Promise<TaskView>;
  /**
   * Error rate on the standard 20-way one-shot runs: each run's 20 training drawings are the
   * support set, its 20 test drawings the queries. A learner with a head per way needs ways = 20.
   */
  scoreOneShotRuns(
    values: readonly Float32Array[],
    archive: OneShotRunsArchive,
  ): Promise<{ score: OneShotScore | null; problem: string | null }>;
}

/** Whether a model of a run is a classification learner (one that can inspect a task). */
export function isClassificationLearner(model: object): model is ClassificationLearnerModel {
  return typeof (model as Partial<ClassificationLearnerModel>).inspect === 'function';
}

export function classificationLearnerModel(
  config: ExperimentConfig,
  sources: ClassSources,
): ClassificationLearnerModel {
  const id: AlgorithmId = config.algorithm;
  const spec = learnerSpec(config);
  const shapes = learnerShapes(config);
  /** Fine-tuning steps at test time: none for a learner that does not adapt. */
  const testSteps = algorithmInfo(id).adapts === 'none' ? 0 : config.testInnerSteps;
  /** The latest meta-batch, for insights; not in snapshots (a restored run has none yet). */
  let latest: LatestBatch | null = null;
  /** Whether the step in flight computes each task's loss before adapting (its launch says). */
  let lossBeforeAsked = true;
  const aboveGuessing = aboveGuessingWatch(config.ways);

  return {
    id,
    role: 'learner',
    config,
    initialValues: () => initialLearnerValues(config, createRng(config.seed, 'init')),
    parameters: (values) => splitLearnerValues(config, values).theta.map((v) => v.slice()),
    training: {
      // Reads back each task's query loss before and after adaptation, accuracy after, the direction.
      launch(values, _named, data, options) {
        lossBeforeAsked = options.taskDetail;
        const tensors = learnerTensors(config, values);
        const meta = learnerGradient(config, spec, tensors, data, options.taskDetail);
        const flat = [meta.lossBefore, meta.lossAfter, meta.accuracyAfter, ...meta.grads];
        return { readout: tf.concat(flat.map((t) => tf.reshape(t, [-1]))) };
      },
      read(readout, values, named, iteration) {
        const tasks = named.batch.tasks;
        const taskLossAfter = readout.slice(tasks, 2 * tasks);
        const accuracyAfter = readout.subarray(2 * tasks, 3 * tasks);
        const loss = mean(taskLossAfter);
        // Not computed this step (NaN in its place: only the per-task view wants it), an
        // explosion is measured against guessing, the loss of a network that knows nothing.
        const taskLossBefore = lossBeforeAsked ? readout.slice(0, tasks) : null;
        const checked = taskLossBefore ? readout : readout.subarray(tasks);
        const reference = taskLossBefore ? mean(taskLossBefore) : Math.log(config.ways);
        const cause = learnerDivergence(checked, reference, loss) ?? aboveGuessing(loss);
        if (cause) return { ok: false, message: explainDivergence(config, iteration, cause) };
        // The values the batch's gradient was taken at, for revisiting it in the insights.
        const before = values.map((v) => v.slice());
        return {
          ok: true,
          step: { loss, accuracy: mean(accuracyAfter), taskLossBefore, taskLossAfter },
          grads: splitFlat(readout, 3 * tasks, shapes),
          commit: () => {
            latest = { ...named, values: before, taskLossBefore, taskLossAfter };
          },
        };
      },
    },
    async score(values, chunk, beforeChunk) {
      const scores = await scoreAdaptation(config, 'learner', values, chunk, {
        ...(beforeChunk ? { beforeChunk } : {}),
      });
      return { loss: scores.loss, accuracy: scores.accuracy };
    },
    /**
     * How the latest meta-batch's tasks relate (cosines of their own update directions,
     * recomputed here) and the learned inner rates as they stand, if any.
     */
    insights: (values, iteration) => classificationInsights(config, iteration, values, latest),

    async inspect(values, index) {
      const count = config.evalTasks;
      const wanted = ((Math.floor(index) % count) + count) % count;
      let seen = 0;
      for (const batch of heldOutTasks(config, sources, wanted + 1)) {
        if (wanted >= seen + batch.tasks) {
          seen += batch.tasks;
          continue;
        }
        const task = singleTask(batch, wanted - seen);
        const scores = await scoreAdaptation(config, 'learner', values, task, {
          predictions: true,
        });
        const predictions = scores.predictions!;
        return {
          ways: task.ways,
          shots: task.shots,
          queries: task.queries,
          imageSize: task.imageSize,
          supportImages: task.supportImages,
          supportLabels: task.supportLabels,
          queryImages: task.queryImages,
          queryLabels: task.queryLabels,
          before: predictions[0]!,
          after: predictions[predictions.length - 1]!,
          steps: testSteps,
        };
      }
      throw new RangeError(`there is no held-out task ${index}`);
    },

    async scoreOneShotRuns(values, archive) {
      const batch = oneShotRunsBatch(archive);
      if (classificationLearner(id).head === 'ways' && batch.ways !== config.ways) {
        return {
          score: null,
          problem: `The one-shot runs are ${batch.ways}-way, but this ${algorithmInfo(id).name} network was trained with ${config.ways} ways (one output per way): train with ways = ${batch.ways} to score them, or use ${withoutHead()}, which works for any number of classes.`,
        };
      }
      const scores = await scoreAdaptation(config, 'learner', values, batch);
      const final = scores.accuracy[scores.accuracy.length - 1]!;
      const items = batch.ways * batch.queries;
      const runs = batch.runNames.map((name, t) => ({
        name,
        errors: Math.round((1 - final[t]!) * items),
        items,
      }));
      const summary = summarize([Float64Array.from(runs, (r) => r.errors / r.items)]);
      return {
        score: { runs, errorRate: summary.mean[0]!, ci95: summary.ci95[0]!, steps: testSteps },
        problem: null,
      };
    },
  };
}
