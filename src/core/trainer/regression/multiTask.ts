/**
 * Multi-task learning as a model of a run (the learner that trains on fixed tasks): one model
 * trained on M fixed tasks at once (multitask/objective.ts gives the objective). Everything is
 * determined by the config and its seed.
 *
 * - Training tasks: config.mtlTasks sinusoids from the seed's 'multitask' stream, label noise
 *   growing from 0 to config.taskNoise (multitask/trainingTasks.ts). Every iteration draws fresh
 *   points, shots + query per task, for all M tasks (metaBatch is not used), from its own
 *   'multitask-points' stream, not the run's meta-batches. The objective uses all of them; the
 *   reported query loss is measured on the query points before the update, so it scores points
 *   the model has not been fitted to.
 * - Transfer: a new task fine-tunes, with plain SGD at innerLr, from the shared weights: the trunk
 *   and the mean of the heads (hard sharing) or the mean of the task networks (soft sharing).
 *
 * Its values are in multitask/layout.ts's order (trunk, heads, s for hard sharing; stacked task
 * networks, s for soft); `parameters` is the shared network.
 */
import { tf } from '../../tfjs/tf';
import type { ExperimentConfig } from '../../config';
import { createRng, restoreRng } from '../../random/rng';
import type { RegressionBatch } from '../../tasks/regressionBatch';
import type { TaskTensors } from '../../tasks/taskTensors';
import { toTensors } from '../../model/mlp';
import {
  initialMultiTaskValues,
  logVariances,
  sharedValues,
  splitFlat,
  toMultiTaskTensors,
  type MultiTaskSpec,
} from '../../learners/multitask/layout';
import {
  hasSharedParameters,
  multiTaskGradient,
  sharedGradients,
  taskLosses,
} from '../../learners/multitask/objective';
import {
  cleanPoints,
  drawTrainingTasks,
  samplePoints,
  type TaskPoints,
  type TrainingTask,
} from '../../learners/multitask/trainingTasks';
import { cosineMatrix, matrixRows } from '../../math/cosineMatrix';
import { taskRelations, taskUncertainties } from '../../learners/multitask/insights';
import { divergenceOf, explainMultiTaskDivergence } from '../../learners/multitask/divergence';
import type { TrainedModel } from '../model';
import type { Insights } from '../types';
import { fitRegression, scoreRegression, type AdaptedTensors } from './adapted';
import { initialNetwork, modelSpec } from './stream';

/** Evenly spaced noise-free points per task for `trainingTaskErrors`. */
const CLEAN_POINTS = 200;

/** [M, rows, 1] tensors of task-major points. */
function pointTensors(points: TaskPoints): { x: tf.Tensor3D; y: tf.Tensor3D } {
  const shape: [number, number, number] = [points.tasks, points.shots + points.query, 1];
  return { x: tf.tensor3d(points.x, shape), y: tf.tensor3d(points.y, shape) };
}

/** The last `query` rows of every task. */
function queryRows(t: tf.Tensor3D, points: TaskPoints): tf.Tensor3D {
  return tf.slice(t, [0, points.shots, 0], [points.tasks, points.query, 1]);
}

function meanOf(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/** Mean square of the query targets: the loss of predicting 0 everywhere. */
function queryTargetsMeanSquare(points: TaskPoints): number {
  const perTask = points.shots + points.query;
  let sum = 0;
  for (let m = 0; m < points.tasks; m++) {
    for (let i = m * perTask + points.shots; i < (m + 1) * perTask; i++) sum += points.y[i]! ** 2;
  }
  return sum / (points.tasks * points.query);
}

async function readAndDispose(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

export interface MultiTaskModel extends TrainedModel<
  RegressionBatch,
  TaskTensors,
  RegressionBatch
> {
  /** The fixed training tasks, in order (task 1 is clean, task M the noisiest). */
  readonly trainingTasks: readonly TrainingTask[];
  /**
   * Each training task's mean squared error against its noise-free function, on 200 evenly spaced
   * inputs over the whole input range, with its own head (hard) or network (soft).
   */
  trainingTaskErrors(values: readonly Float32Array[]): Promise<Float64Array>;
}

export function multiTaskLearner(config: ExperimentConfig): MultiTaskModel {
  const net = modelSpec(config);
  const spec: MultiTaskSpec = { net, tasks: config.mtlTasks, sharing: config.sharing };
  const options = { weighting: config.weighting, softPenalty: config.softPenalty };
  const trainingTasks = drawTrainingTasks(config.seed, config.mtlTasks, config.taskNoise);
  let pointRng = createRng(config.seed, 'multitask-points');
  /** This iteration's points, between launch and read. */
  let drawn: TaskPoints | null = null;
  /** The latest iteration's points, for the gradient relations; null until a step. */
  let latest: TaskPoints | null = null;
  const shared = (values: readonly Float32Array[]) => (): AdaptedTensors => {
    const tensors = toTensors(net, sharedValues(spec, values));
    return { tensors, theta: tensors };
  };

  return {
    id: config.algorithm,
    role: 'learner',
    config,
    trainingTasks,
    // The same initialisation as the other learners': every task's copy starts from it, so at
    // iteration 0 the shared network is the pretrained baseline's.
    initialValues: () => initialMultiTaskValues(spec, initialNetwork(config)),
    parameters: (values) => sharedValues(spec, values),
    training: {
      stream: {
        save: () => pointRng.save(),
        restore: (state) => {
          pointRng = restoreRng(state);
        },
      },
      // Reads back the M query losses, the objective J and dJ in layout order.
      launch(values) {
        const points = samplePoints(pointRng, trainingTasks, config.shots, config.query);
        drawn = points;
        const { x, y } = pointTensors(points);
        const params = toMultiTaskTensors(spec, values);
        const { value, grads } = multiTaskGradient(spec, options, params, x, y);
        const query = taskLosses(spec, params, queryRows(x, points), queryRows(y, points));
        const flat = [query, value, ...grads].map((t) => tf.reshape(t, [-1]));
        return { readout: tf.concat(flat) };
      },
      read(readout, _values, _batch, iteration) {
        const points = drawn!;
        const m = spec.tasks;
        const query = readout.slice(0, m);
        const loss = meanOf(query);
        const cause = divergenceOf(readout, loss, queryTargetsMeanSquare(points));
        if (cause) {
          return { ok: false, message: explainMultiTaskDivergence(config, iteration, cause) };
        }
        return {
          ok: true,
          // The model is not adapted during training: before and after are the same losses.
          step: { loss, accuracy: NaN, taskLossBefore: query, taskLossAfter: query.slice() },
          grads: splitFlat(spec, readout, m + 1),
          commit: () => {
            latest = points;
          },
        };
      },
    },
    score: (values, chunk, beforeChunk) =>
      scoreRegression(config, shared(values), chunk, beforeChunk),
    fit: (values, request) => fitRegression(config, shared(values), request),
    /**
     * Learned sigmas (uncertainty weighting only; null with equal weighting, where nothing is
     * learned) and the cosine similarity of the tasks' gradients on the latest iteration's points
     * (null before the first step, and for hard sharing without hidden layers).
     */
    async insights(values, iteration): Promise<Insights> {
      const uncertainty =
        config.weighting === 'uncertainty'
          ? taskUncertainties(trainingTasks, logVariances(values))
          : null;
      const points = latest;
      if (!points || !hasSharedParameters(spec)) {
        return { iteration, relations: null, innerRates: null, uncertainty };
      }
      const rows = tf.tidy(() => {
        const { x, y } = pointTensors(points);
        return sharedGradients(spec, toMultiTaskTensors(spec, values), x, y);
      });
      const cosine = cosineMatrix(matrixRows(await readAndDispose(rows), spec.tasks));
      return {
        iteration,
        relations: taskRelations(spec.sharing, trainingTasks, cosine),
        innerRates: null,
        uncertainty,
      };
    },
    async trainingTaskErrors(values) {
      const points = cleanPoints(trainingTasks, CLEAN_POINTS);
      const losses = tf.tidy(() => {
        const { x, y } = pointTensors(points);
        return taskLosses(spec, toMultiTaskTensors(spec, values), x, y);
      });
      return Float64Array.from(await readAndDispose(losses));
    },
  };
}
