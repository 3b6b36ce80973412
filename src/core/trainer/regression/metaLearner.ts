/**
 * A regression learner of the registry that meta-trains on meta-batches (MAML, first-order MAML,
 * Reptile, Meta-SGD, ANIL, MAML++): its values are the network's parameters theta, then anything
 * else it meta-learns (learned inner rates).
 */
import { tf } from '../../tfjs/tf';
import type { ExperimentConfig } from '../../config';
import { firstTasks, type RegressionBatch } from '../../tasks/regressionBatch';
import { toTaskTensors, type TaskTensors } from '../../tasks/taskTensors';
import { parameterCount, paramShapes, type MlpSpec } from '../../model/mlp';
import { queryLosses } from '../../learners/maml/lowRankMaml';
import { regressionAlgorithm, type AlgorithmId } from '../../learners/registry';
import type { RegressionAlgorithm, RegressionOptions } from '../../learners/regressionAlgorithm';
import { cosineMatrix, matrixRows } from '../../math/cosineMatrix';
import { explainDivergence, learnerDivergence } from '../divergence';
import { noInsights, type Insights, type TaskRelations } from '../types';
import type { TrainedModel } from '../model';
import { fitRegression, scoreRegression, type AdaptedTensors } from './adapted';
import { initialNetwork, modelSpec } from './stream';
import { splitFlat } from '../readout';

/**
 * Per-task directions held at once for the task relations, in floats (tasks x parameters): the
 * default network compares a whole meta-batch; a very large one compares its first few tasks
 * rather than exhaust memory with a copy of the network per task.
 */
const RELATIONS_BUDGET = 1 << 22;

function mean(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** The inner-loop settings of a config. */
function regressionOptions(config: ExperimentConfig): RegressionOptions {
  return {
    innerLr: config.innerLr,
    innerSteps: config.innerSteps,
    firstOrder: config.firstOrder,
    activation: config.activation,
  };
}

export function metaBatchLearner(
  config: ExperimentConfig,
): TrainedModel<RegressionBatch, TaskTensors, RegressionBatch> {
  const id: AlgorithmId = config.algorithm;
  const spec: MlpSpec = modelSpec(config);
  const algorithm: RegressionAlgorithm = regressionAlgorithm(id);
  const options = regressionOptions(config);
  const shapes = algorithm.valueShapes(spec, options);
  const thetaCount = paramShapes(spec).length;
  /** The meta-batch of the last completed iteration, for comparing its tasks' gradients. */
  let lastBatch: RegressionBatch | null = null;

  const tensorsOf = (values: readonly Float32Array[]): tf.Tensor[] =>
    values.map((v, i) => tf.tensor(v, shapes[i]));
  const adapted = (values: readonly Float32Array[]) => (): AdaptedTensors => {
    const tensors = tensorsOf(values);
    return {
      tensors,
      theta: tensors.slice(0, thetaCount),
      rule: algorithm.innerRule(tensors, spec, options),
    };
  };

  const taskRelations = async (
    values: readonly Float32Array[],
    latest: RegressionBatch,
  ): Promise<TaskRelations> => {
    const fits = Math.floor(RELATIONS_BUDGET / parameterCount(spec));
    const batch = firstTasks(latest, Math.max(2, fits));
    const directions = tf.tidy(() =>
      algorithm.taskDirections(tensorsOf(values), toTaskTensors(batch), options),
    );
    let rows: Float32Array;
    try {
      rows = (await directions.data()) as Float32Array;
    } finally {
      directions.dispose();
    }
    return {
      basis: algorithm.directionBasis,
      labels: Array.from({ length: batch.tasks }, (_, t) => `task ${t + 1}`),
      cosine: cosineMatrix(matrixRows(rows, batch.tasks)),
      details: Array.from({ length: batch.tasks }, (_, t) => batch.describe(t)),
    };
  };

  return {
    id,
    role: 'learner',
    config,
    initialValues: () => algorithm.initialValues(initialNetwork(config), options),
    parameters: (values) => values.slice(0, thetaCount).map((v) => v.slice()),
    training: {
      // Reads back: each task's query loss after adaptation, then before it, then the direction.
      launch(values, _batch, data) {
        const tensors = tensorsOf(values);
        const meta = algorithm.metaStep(tensors, data, options);
        const before = queryLosses(tensors.slice(0, thetaCount), [], data, options.activation);
        const flat = [meta.taskLoss, before, ...meta.grads].map((t) => tf.reshape(t, [-1]));
        return { readout: tf.concat(flat) };
      },
      read(readout, _values, batch, iteration) {
        const tasks = batch.tasks;
        const taskLossAfter = readout.slice(0, tasks);
        const taskLossBefore = readout.slice(tasks, 2 * tasks);
        const loss = mean(taskLossAfter);
        const cause = learnerDivergence(readout, mean(taskLossBefore), loss);
        if (cause) return { ok: false, message: explainDivergence(config, iteration, cause) };
        return {
          ok: true,
          step: { loss, accuracy: NaN, taskLossBefore, taskLossAfter },
          grads: splitFlat(readout, 2 * tasks, shapes),
          commit: () => {
            lastBatch = batch;
          },
        };
      },
    },
    score: (values, chunk, beforeChunk) =>
      scoreRegression(config, adapted(values), chunk, beforeChunk),
    fit: (values, request) => fitRegression(config, adapted(values), request),
    /**
     * How the tasks of the last meta-batch pull on the initial weights (each task's own update
     * direction, recomputed at the current values) and its learned inner rates, if any.
     */
    async insights(values, iteration): Promise<Insights> {
      const innerRates = algorithm.innerRates(values, spec);
      const relations = lastBatch ? await taskRelations(values, lastBatch) : null;
      return { ...noInsights(iteration), relations, innerRates };
    },
  };
}
