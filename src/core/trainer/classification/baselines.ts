/**
 * The two baselines of a classification run, both classifiers with one output per way that
 * fine-tune on a new task's support images by SGD at innerLr:
 * - "pretrained": trained jointly on every meta-batch's images with their task labels, with Adam
 *   at metaLr on the run's task stream (the MAML paper's multi-task baseline). Since a label means
 *   a different class in every task, what it can carry over is only its features;
 * - "scratch": a fresh random classifier (the seed's 'scratch' stream), never trained.
 */
import { tf } from '../../tfjs/tf';
import type { ExperimentConfig } from '../../config';
import { createRng } from '../../random/rng';
import type { ClassificationBatch } from '../../classification/types';
import type { ClassificationTensors } from '../../classification/classificationTensors';
import {
  classifierShapes,
  initialClassifierValues,
  toClassifierTensors,
} from '../../model/classifierParams';
import { PRETRAINED, SCRATCH } from '../../results/evaluation';
import { baselineDivergence } from '../divergence';
import type { TaskScores, TrainedModel } from '../model';
import { splitFlat } from '../readout';
import type { BeforeChunk } from '../types';
import { scoreAdaptation } from './scores';
import { baselineSpec } from './specs';
import { jointGradient } from './step';
import type { NamedBatch } from './stream';

type ClassificationModel = TrainedModel<NamedBatch, ClassificationTensors, ClassificationBatch>;

/** What both baselines share: a classifier with a head per way, scored by SGD fine-tuning. */
function classifierModel(config: ExperimentConfig) {
  return {
    role: 'baseline' as const,
    config,
    parameters: (values: readonly Float32Array[]) => values.map((v) => v.slice()),
    async score(
      values: readonly Float32Array[],
      chunk: ClassificationBatch,
      beforeChunk?: BeforeChunk,
    ): Promise<TaskScores> {
      const scores = await scoreAdaptation(config, 'baseline', values, chunk, {
        ...(beforeChunk ? { beforeChunk } : {}),
      });
      return { loss: scores.loss, accuracy: scores.accuracy };
    },
  };
}

export function classificationPretrained(config: ExperimentConfig): ClassificationModel {
  const spec = baselineSpec(config);
  return {
    ...classifierModel(config),
    id: PRETRAINED,
    initialValues: () => initialClassifierValues(spec, createRng(config.seed, 'init')),
    training: {
      // Reads back the joint loss, its accuracy, then the gradient.
      launch(values, _named, data) {
        const joint = jointGradient(spec, toClassifierTensors(spec, values), data);
        const flat = [joint.loss, joint.accuracy, ...joint.grads].map((t) => tf.reshape(t, [-1]));
        // The accuracy is kept out of the gradient's tidy: freed after the trainer's.
        return { readout: tf.concat(flat), kept: [joint.accuracy] };
      },
      read(readout, _values, _named, iteration) {
        const message = baselineDivergence(readout, iteration);
        if (message) return { ok: false, message };
        return {
          ok: true,
          step: {
            loss: readout[0]!,
            accuracy: readout[1]!,
            taskLossBefore: null,
            taskLossAfter: null,
          },
          grads: splitFlat(readout, 2, classifierShapes(spec)),
        };
      },
    },
  };
}

export function classificationScratch(config: ExperimentConfig): ClassificationModel {
  const spec = baselineSpec(config);
  return {
    ...classifierModel(config),
    id: SCRATCH,
    initialValues: () => initialClassifierValues(spec, createRng(config.seed, 'scratch')),
    training: null,
  };
}
