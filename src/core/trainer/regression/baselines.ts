/**
 * The two baselines of a regression run, both fine-tuned at test time by plain SGD on every
 * weight at innerLr:
 * - "pretrained": one network trained jointly on every point of each meta-batch (mean squared
 *   error over them all) with Adam at metaLr: the multi-task baseline of the MAML paper. It trains
 *   on the run's task stream, so it is the same network whichever learners a run holds;
 * - "scratch": a fresh random initialisation (the seed's 'scratch' stream), never trained.
 */
import { tf } from '../../tfjs/tf';
import type { ExperimentConfig } from '../../config';
import { createRng } from '../../random/rng';
import type { RegressionBatch } from '../../tasks/regressionBatch';
import type { TaskTensors } from '../../tasks/taskTensors';
import { initialValues, paramShapes, toTensors, type MlpSpec } from '../../model/mlp';
import { forwardAdapted } from '../../learners/maml/lowRankMaml';
import { PRETRAINED, SCRATCH } from '../../results/evaluation';
import { baselineDivergence } from '../divergence';
import type { TrainedModel } from '../model';
import { splitFlat } from '../readout';
import { fitRegression, scoreRegression, type AdaptedTensors } from './adapted';
import { initialNetwork, modelSpec } from './stream';

type RegressionModel = TrainedModel<RegressionBatch, TaskTensors, RegressionBatch>;

/** A plain network's tensors, adapted by plain SGD. */
const plain = (spec: MlpSpec, values: readonly Float32Array[]) => (): AdaptedTensors => {
  const tensors = toTensors(spec, values);
  return { tensors, theta: tensors };
};

/** What both baselines share: a plain network, scored and fitted by plain SGD. */
function plainModel(config: ExperimentConfig, spec: MlpSpec) {
  return {
    role: 'baseline' as const,
    config,
    parameters: (values: readonly Float32Array[]) => values.map((v) => v.slice()),
    score: (
      values: readonly Float32Array[],
      chunk: RegressionBatch,
      beforeChunk?: () => Promise<void>,
    ) => scoreRegression(config, plain(spec, values), chunk, beforeChunk),
    fit: (
      values: readonly Float32Array[],
      request: Parameters<NonNullable<RegressionModel['fit']>>[1],
    ) => fitRegression(config, plain(spec, values), request),
  };
}

export function regressionPretrained(config: ExperimentConfig): RegressionModel {
  const spec = modelSpec(config);
  return {
    ...plainModel(config, spec),
    id: PRETRAINED,
    initialValues: () => initialNetwork(config),
    training: {
      // Reads back the joint loss, then its gradient.
      launch(values, _batch, data) {
        const x = tf.concat([data.supportX, data.queryX], 1);
        const y = tf.concat([data.supportY, data.queryY], 1);
        const loss = (...phi: tf.Tensor[]): tf.Scalar => {
          const acts = forwardAdapted(phi, [], x, config.activation);
          return tf.mean(tf.squaredDifference(acts[acts.length - 1]!, y));
        };
        const { value, grads } = tf.valueAndGrads(loss)(toTensors(spec, values));
        const flat = [value, ...grads].map((t) => tf.reshape(t, [-1]));
        return { readout: tf.concat(flat) };
      },
      read(readout, _values, _batch, iteration) {
        const message = baselineDivergence(readout, iteration);
        if (message) return { ok: false, message };
        return {
          ok: true,
          step: { loss: readout[0]!, accuracy: NaN, taskLossBefore: null, taskLossAfter: null },
          grads: splitFlat(readout, 1, paramShapes(spec)),
        };
      },
    },
  };
}

export function regressionScratch(config: ExperimentConfig): RegressionModel {
  const spec = modelSpec(config);
  return {
    ...plainModel(config, spec),
    id: SCRATCH,
    initialValues: () => initialValues(spec, createRng(config.seed, 'scratch')),
    training: null,
  };
}
