/**
 * How a model does on held-out classification tasks after 0..testInnerSteps fine-tuning steps:
 * per task and step, query loss, accuracy and (on request) every query's predicted class.
 * The learner fine-tunes as it was meta-trained to (Meta-SGD with its learned rates, ANIL its head
 * only, the others every weight at innerLr); the baselines by SGD at innerLr. Prototypical
 * networks do not fine-tune, so their scores are the same at every step.
 */
import { tf } from '../../tfjs/tf';
import type { ExperimentConfig } from '../../config';
import type { ClassificationBatch } from '../../classification/types';
import {
  classificationTensors,
  disposeClassificationTensors,
} from '../../classification/classificationTensors';
import { evaluateClassificationAdaptation } from '../../classification/adaptation';
import { defaultTasksPerPass } from '../../classification/passes';
import { algorithmInfo, classificationLearner } from '../../learners/registry';
import { toClassifierTensors } from '../../model/classifierParams';
import { baselineSpec, learnerSpec, splitLearnerValues } from './specs';
import type { BeforeChunk } from '../types';

export interface TaskScores {
  /** loss[step][task]. */
  readonly loss: Float64Array[];
  readonly accuracy: Float64Array[];
  /** predictions[step][task * querySize + query], when asked for. */
  readonly predictions: Int32Array[] | null;
}

/**
 * 'learner': the config's meta-learner, whose values are the learner's (with Meta-SGD's alpha);
 * 'baseline': a classifier fine-tuned by SGD.
 */
export type ScoredModel = 'learner' | 'baseline';

interface ScoreOptions {
  readonly predictions?: boolean;
  readonly steps?: number;
  readonly beforeStep?: () => Promise<void>;
}

/**
 * Scores of the tasks of `batch`. With `beforeChunk`, the tasks go in the groups the adaptation
 * takes one pass at a time anyway (batch statistics are per task), each with its own tensors,
 * awaiting it before each group: the same computations, so the same numbers, with no tensor held
 * while other work goes first.
 */
export async function scoreAdaptation(
  config: ExperimentConfig,
  model: ScoredModel,
  values: readonly Float32Array[],
  batch: ClassificationBatch,
  options: ScoreOptions & { readonly beforeChunk?: BeforeChunk } = {},
): Promise<TaskScores> {
  const { beforeChunk, ...scoring } = options;
  if (!beforeChunk) return scoreBatch(config, model, values, batch, scoring);
  // Between a group's inner steps too: one task's steps can take seconds.
  const withSteps = { ...scoring, beforeStep: () => beforeChunk('step') };
  const perPass = defaultTasksPerPass();
  const groups: TaskScores[] = [];
  for (let start = 0; start < batch.tasks; start += perPass) {
    await beforeChunk();
    const group = sliceBatch(batch, start, Math.min(perPass, batch.tasks - start));
    groups.push(await scoreBatch(config, model, values, group, withSteps));
  }
  return joinScores(groups);
}

/** Tasks `start` to `start + count` of a batch (its arrays are task-major). */
function sliceBatch(batch: ClassificationBatch, start: number, count: number): ClassificationBatch {
  const images = batch.imageSize ** 2;
  const support = batch.ways * batch.shots;
  const query = batch.ways * batch.queries;
  const rows = <T extends Float32Array | Int32Array>(values: T, perTask: number): T =>
    values.subarray(start * perTask, (start + count) * perTask) as T;
  return {
    ...batch,
    tasks: count,
    supportImages: rows(batch.supportImages, support * images),
    supportLabels: rows(batch.supportLabels, support),
    queryImages: rows(batch.queryImages, query * images),
    queryLabels: rows(batch.queryLabels, query),
  };
}

/** Groups' scores joined, step by step, in task order. */
function joinScores(groups: readonly TaskScores[]): TaskScores {
  const first = groups[0]!;
  const join = <T extends Float64Array | Int32Array>(
    pick: (scores: TaskScores) => readonly T[],
    Make: new (length: number) => T,
  ): T[] =>
    pick(first).map((_, step) => {
      const parts = groups.map((group) => pick(group)[step]!);
      const joined = new Make(parts.reduce((n, part) => n + part.length, 0));
      let offset = 0;
      for (const part of parts) {
        joined.set(part, offset);
        offset += part.length;
      }
      return joined;
    });
  return {
    loss: join((s) => s.loss, Float64Array),
    accuracy: join((s) => s.accuracy, Float64Array),
    predictions: first.predictions ? join((s) => s.predictions!, Int32Array) : null,
  };
}

async function scoreBatch(
  config: ExperimentConfig,
  model: ScoredModel,
  values: readonly Float32Array[],
  batch: ClassificationBatch,
  options: ScoreOptions,
): Promise<TaskScores> {
  const steps = options.steps ?? config.testInnerSteps;
  const learner = model === 'learner';
  const spec = learner ? learnerSpec(config) : baselineSpec(config);
  const split = learner ? splitLearnerValues(config, values) : { theta: [...values], alpha: null };
  const data = classificationTensors(batch);
  const theta = toClassifierTensors(spec, split.theta);
  const rates = split.alpha ? toClassifierTensors(spec, split.alpha) : undefined;
  try {
    const score = learner ? classificationLearner(config.algorithm).score : undefined;
    if (score) {
      const scores = await score(spec, theta, data);
      const same = <T>(make: () => T): T[] => Array.from({ length: steps + 1 }, make);
      return {
        loss: same(() => Float64Array.from(scores.loss)),
        accuracy: same(() => Float64Array.from(scores.accuracy)),
        predictions: options.predictions ? same(() => scores.predictions.slice()) : null,
      };
    }
    const curves = await evaluateClassificationAdaptation(spec, theta, data, {
      innerLr: config.innerLr,
      steps,
      predictions: options.predictions ?? false,
      ...(rates ? { rates } : {}),
      adapts: learner && algorithmInfo(config.algorithm).adapts === 'head' ? 'head' : 'all',
      ...(options.beforeStep ? { beforeStep: options.beforeStep } : {}),
    });
    const perStep = (values: Float32Array): Float64Array[] =>
      Array.from({ length: steps + 1 }, (_, s) =>
        Float64Array.from(values.subarray(s * batch.tasks, (s + 1) * batch.tasks)),
      );
    const perQuery = batch.tasks * curves.querySize;
    return {
      loss: perStep(curves.queryLoss),
      accuracy: perStep(curves.queryAccuracy),
      predictions: curves.predictions
        ? Array.from({ length: steps + 1 }, (_, s) =>
            curves.predictions!.slice(s * perQuery, (s + 1) * perQuery),
          )
        : null,
    };
  } finally {
    tf.dispose(theta);
    tf.dispose(rates ?? []);
    disposeClassificationTensors(data);
  }
}
