/**
 * Multi-task learning on sinusoids as a session (the learner that trains on fixed tasks): one model
 * trained on M fixed tasks at once (multitask/objective.ts gives the objective), beside the usual
 * baselines, driven one iteration at a time. Everything is determined by the config and its seed.
 *
 * - Training tasks: config.mtlTasks sinusoids from the seed's 'multitask' stream, label noise
 *   growing from 0 to config.taskNoise (multitask/trainingTasks.ts). Every iteration draws fresh
 *   points, shots + query per task, for all M tasks (metaBatch is not used), from the
 *   'multitask-points' stream. The objective uses all of them; the reported query loss is measured
 *   on the query points before the update, so it scores points the model has not been fitted to.
 * - Transfer: a new task fine-tunes, with plain SGD at innerLr, from the shared weights: the trunk
 *   and the mean of the heads (hard sharing) or the mean of the task networks (soft sharing).
 * - "pretrained": one network trained on all tasks' points (mean squared error over them all, noisy
 *   targets) with Adam at metaLr, starting where the multi-task model starts; "scratch": a fresh
 *   initialisation, never trained. The same held-out tasks as the MAML session are used.
 *
 * Snapshot layout: `maml` holds the multi-task model's values in multitask/layout.ts's order
 * (trunk, heads, s for hard sharing; stacked task networks, s for soft) with its Adam state,
 * `pretrained` the baseline's, `taskRng` the point stream. `parameters` is the shared network.
 */
import { tf } from '../tfjs/tf';
import type { ExperimentConfig } from '../config';
import { createRng, restoreRng, type Rng } from '../random/rng';
import { firstTasks, type RegressionBatch } from '../tasks/regressionBatch';
import { regressionFamily } from '../families/registry';
import { initialValues, paramShapes, toTensors, type MlpSpec } from '../model/mlp';
import { forwardAdapted } from '../learners/maml/lowRankMaml';
import { adaptationLosses, summarize } from '../maml/evaluation';
import { adaptedPredictions } from '../maml/preview';
import {
  initialMultiTaskValues,
  logVariances,
  multiTaskCount,
  sharedValues,
  splitFlat,
  toMultiTaskTensors,
  type MultiTaskSpec,
} from '../learners/multitask/layout';
import {
  hasSharedParameters,
  multiTaskGradient,
  sharedGradients,
  taskLosses,
  type MultiTaskOptions,
} from '../learners/multitask/objective';
import {
  cleanPoints,
  drawTrainingTasks,
  samplePoints,
  type TaskPoints,
  type TrainingTask,
} from '../learners/multitask/trainingTasks';
import { cosineMatrix, matrixRows } from '../math/cosineMatrix';
import { taskRelations, taskUncertainties } from '../learners/multitask/insights';
import { divergenceOf, explainMultiTaskDivergence } from '../learners/multitask/divergence';
import { loadLearner, newLearner, saveLearner, type Learner } from './learner';
import { modelSpec } from './session';
import type {
  AdaptationCurve,
  BeforeChunk,
  Divergence,
  Evaluation,
  Insights,
  Session,
  SessionSnapshot,
  StepMetrics,
  StepResult,
} from './types';

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

export class MultiTaskSession implements Session {
  readonly config: ExperimentConfig;
  /** The fixed training tasks, in order (task 1 is clean, task M the noisiest). */
  readonly trainingTasks: readonly TrainingTask[];
  private readonly net: MlpSpec;
  private readonly spec: MultiTaskSpec;
  private readonly options: MultiTaskOptions;
  private pointRng: Rng;
  private readonly model: Learner;
  private readonly pretrained: Learner;
  private readonly scratch: Float32Array[];
  private evaluationTasks: RegressionBatch | null = null;
  /** The latest iteration's points, for the gradient relations; null until a step in this session. */
  private latest: TaskPoints | null = null;
  private completed = 0;
  private stoppedBy: Divergence | null = null;

  constructor(config: ExperimentConfig) {
    this.config = config;
    this.net = modelSpec(config);
    this.spec = { net: this.net, tasks: config.mtlTasks, sharing: config.sharing };
    this.options = { weighting: config.weighting, softPenalty: config.softPenalty };
    this.trainingTasks = drawTrainingTasks(config.seed, config.mtlTasks, config.taskNoise);
    this.pointRng = createRng(config.seed, 'multitask-points');
    // The same initialisation as the MAML session's: the baseline and every task's copy start from
    // it, so at iteration 0 the multi-task model's shared network is the baseline.
    const initial = initialValues(this.net, createRng(config.seed, 'init'));
    this.model = newLearner(initialMultiTaskValues(this.spec, initial), config.metaLr);
    this.pretrained = newLearner(
      initial.map((v) => v.slice()),
      config.metaLr,
    );
    this.scratch = initialValues(this.net, createRng(config.seed, 'scratch'));
  }

  /** Iterations completed so far. */
  get iteration(): number {
    return this.completed;
  }

  /** Why training stopped early, or null while it can go on. */
  get divergence(): Divergence | null {
    return this.stoppedBy;
  }

  /** The shared network new tasks fine-tune from, in model/mlp.ts's layout (a fresh copy). */
  get parameters(): readonly Float32Array[] {
    return sharedValues(this.spec, this.model.values);
  }

  /** The multi-task model's own arrays (multitask/layout.ts), e.g. to inspect heads or s. */
  get multiTaskValues(): readonly Float32Array[] {
    return this.model.values;
  }

  snapshot(): SessionSnapshot {
    return {
      config: this.config,
      iteration: this.completed,
      taskRng: this.pointRng.save(),
      maml: saveLearner(this.model),
      pretrained: saveLearner(this.pretrained),
    };
  }

  /** A session that continues a snapshot's run: the next step is the one that would have followed. */
  static restore(snapshot: SessionSnapshot): MultiTaskSession {
    const session = new MultiTaskSession(snapshot.config);
    const expected = session.model.values.map((v) => v.length);
    const given = snapshot.maml.values.map((v) => v.length);
    if (given.join() !== expected.join()) {
      throw new Error('The snapshot does not hold a multi-task model of this configuration.');
    }
    session.pointRng = restoreRng(snapshot.taskRng);
    session.completed = snapshot.iteration;
    loadLearner(session.model, snapshot.maml);
    loadLearner(session.pretrained, snapshot.pretrained);
    return session;
  }

  /**
   * One Adam step of the multi-task model and one of the baseline, on fresh points of every task.
   * A step that throws leaves the session as it was (the point stream is rolled back).
   */
  async step(): Promise<StepResult> {
    if (this.stoppedBy) return { ok: false, divergence: this.stoppedBy };
    const rngBefore = this.pointRng.save();
    const points = samplePoints(
      this.pointRng,
      this.trainingTasks,
      this.config.shots,
      this.config.query,
    );
    try {
      return this.complete(points, await this.launch(points));
    } catch (error) {
      this.pointRng = restoreRng(rngBefore);
      throw error;
    }
  }

  /**
   * Reads back, as one flat array: the M query losses, J, the baseline's loss, dJ in layout order
   * and the baseline's gradient.
   */
  private launch(points: TaskPoints): Promise<Float32Array> {
    const readout = tf.tidy(() => {
      const { x, y } = pointTensors(points);
      const params = toMultiTaskTensors(this.spec, this.model.values);
      const { value, grads } = multiTaskGradient(this.spec, this.options, params, x, y);
      const query = taskLosses(this.spec, params, queryRows(x, points), queryRows(y, points));
      const joint = this.jointGradient(x, y);
      const flatten = (ts: tf.Tensor[]): tf.Tensor[] => ts.map((t) => tf.reshape(t, [-1]));
      return tf.concat([
        query,
        tf.reshape(value, [1]),
        tf.reshape(joint.value, [1]),
        ...flatten(grads),
        ...flatten(joint.grads),
      ]);
    });
    return readAndDispose(readout);
  }

  /** The baseline: mean squared error of one network over every task's points, and its gradient. */
  private jointGradient(x: tf.Tensor3D, y: tf.Tensor3D): { value: tf.Scalar; grads: tf.Tensor[] } {
    const allX = tf.reshape<tf.Rank.R3>(x, [1, -1, 1]);
    const allY = tf.reshape(y, [1, -1, 1]);
    const loss = (...phi: tf.Tensor[]): tf.Scalar => {
      const acts = forwardAdapted(phi, [], allX, this.net.activation);
      return tf.mean(tf.squaredDifference(acts[acts.length - 1]!, allY));
    };
    return tf.valueAndGrads(loss)(toTensors(this.net, this.pretrained.values));
  }

  private complete(points: TaskPoints, values: Float32Array): StepResult {
    const m = this.spec.tasks;
    const iteration = this.completed + 1;
    const query = values.slice(0, m);
    const metaTrainLoss = meanOf(query);
    const cause = divergenceOf(values, metaTrainLoss, queryTargetsMeanSquare(points));
    if (cause) {
      this.stoppedBy = {
        iteration,
        message: explainMultiTaskDivergence(this.config, iteration, cause),
      };
      return { ok: false, divergence: this.stoppedBy };
    }
    const pretrainedLoss = values[m + 1]!;
    const gradsAt = m + 2;
    this.model.optimiser.step(this.model.values, splitFlat(this.spec, values, gradsAt));
    let at = gradsAt + multiTaskCount(this.spec);
    const baselineGrads = paramShapes(this.net).map((shape) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const part = values.subarray(at, at + size);
      at += size;
      return part;
    });
    this.pretrained.optimiser.step(this.pretrained.values, baselineGrads);
    this.completed = iteration;
    this.latest = points;
    const metrics: StepMetrics = {
      iteration,
      metaTrainLoss,
      // The model is not adapted during training: before and after are the same losses.
      taskLossBefore: query,
      taskLossAfter: query.slice(),
      pretrainedLoss,
      metaTrainAccuracy: NaN,
      pretrainedAccuracy: NaN,
      comparedLoss: null,
    };
    return { ok: true, metrics };
  }

  /**
   * Learned sigmas (uncertainty weighting only; null with equal weighting, where nothing is
   * learned) and the cosine similarity of the tasks' gradients on the latest iteration's points
   * (null before this session's first step, and for hard sharing without hidden layers).
   */
  async insights(): Promise<Insights> {
    const uncertainty =
      this.config.weighting === 'uncertainty'
        ? taskUncertainties(this.trainingTasks, logVariances(this.model.values))
        : null;
    const iteration = this.completed;
    const points = this.latest;
    if (!points || !hasSharedParameters(this.spec)) {
      return { iteration, relations: null, innerRates: null, uncertainty };
    }
    const rows = tf.tidy(() => {
      const { x, y } = pointTensors(points);
      return sharedGradients(this.spec, toMultiTaskTensors(this.spec, this.model.values), x, y);
    });
    const cosine = cosineMatrix(matrixRows(await readAndDispose(rows), this.spec.tasks));
    const relations = taskRelations(this.spec.sharing, this.trainingTasks, cosine);
    return { iteration, relations, innerRates: null, uncertainty };
  }

  /**
   * Each training task's mean squared error against its noise-free function, on 200 evenly spaced
   * inputs over the whole input range, with its own head (hard) or network (soft).
   */
  async trainingTaskErrors(): Promise<Float64Array> {
    const points = cleanPoints(this.trainingTasks, CLEAN_POINTS);
    const losses = tf.tidy(() => {
      const { x, y } = pointTensors(points);
      return taskLosses(this.spec, toMultiTaskTensors(this.spec, this.model.values), x, y);
    });
    return Float64Array.from(await readAndDispose(losses));
  }

  /**
   * How the shared network and the baseline fit a task given by its support points: predictions on
   * `gridX` after 0..testInnerSteps fine-tuning steps, for each model.
   */
  async preview(
    supportX: Float32Array,
    supportY: Float32Array,
    gridX: Float32Array,
  ): Promise<{ maml: Float32Array[]; pretrained: Float32Array[] }> {
    const request = {
      supportX,
      supportY,
      gridX,
      steps: this.config.testInnerSteps,
      learningRate: this.config.innerLr,
      activation: this.config.activation,
    };
    const predict = async (values: readonly Float32Array[]): Promise<Float32Array[]> => {
      const params = toTensors(this.net, values);
      try {
        return await adaptedPredictions(params, request);
      } finally {
        tf.dispose(params);
      }
    };
    return {
      maml: await predict(this.parameters),
      pretrained: await predict(this.pretrained.values),
    };
  }

  /**
   * Held-out adaptation curves after 0..testInnerSteps SGD steps, on the same `evalTasks` tasks of
   * the seed's evaluation stream as the MAML session: `maml` is the shared network.
   */
  async evaluate(
    tasks: number = this.config.evalTasks,
    beforeChunk?: BeforeChunk,
  ): Promise<Evaluation> {
    const { config } = this;
    // The parameters as they are now: training may go on between the chunks.
    const shared = this.parameters.map((v) => v.slice());
    const pretrained = this.pretrained.values.map((v) => v.slice());
    this.evaluationTasks ??= regressionFamily(config).sampleBatch(
      createRng(config.seed, 'evaluation'),
      config.evalTasks,
      config.shots,
      config.evalQuery,
    );
    const heldOut = firstTasks(this.evaluationTasks, Math.min(tasks, config.evalTasks));
    const curve = async (values: readonly Float32Array[]): Promise<AdaptationCurve> => {
      await beforeChunk?.();
      const params = toTensors(this.net, values);
      try {
        const losses = await adaptationLosses(
          params,
          heldOut,
          config.testInnerSteps,
          config.innerLr,
          config.activation,
        );
        return summarize(losses);
      } finally {
        tf.dispose(params);
      }
    };
    return {
      steps: Array.from({ length: config.testInnerSteps + 1 }, (_, i) => i),
      tasks: heldOut.tasks,
      lossKind: 'mse',
      accuracy: null,
      compared: null,
      maml: await curve(shared),
      pretrained: await curve(pretrained),
      scratch: await curve(this.scratch),
    };
  }
}
