import { tf } from '../tfjs/tf';
import type { ExperimentConfig } from '../config';
import { createRng, restoreRng, type Rng } from '../random/rng';
import { firstTasks, type RegressionBatch } from '../tasks/regressionBatch';
import { regressionFamily } from '../families/registry';
import { initialValues, parameterCount, paramShapes, toTensors, type MlpSpec } from '../model/mlp';
import { forwardAdapted, queryLosses, type TaskTensors } from '../learners/maml/lowRankMaml';
import { adaptationLosses, summarize } from '../maml/evaluation';
import { adaptedPredictions } from '../maml/preview';
import type { InnerRule } from '../maml/perTaskAdaptation';
import { regressionAlgorithm } from '../learners/registry';
import type { RegressionAlgorithm, RegressionOptions } from '../learners/regressionAlgorithm';
import { cosineMatrix, matrixRows } from '../math/cosineMatrix';
import { loadLearner, newLearner, saveLearner, type Learner } from './learner';
import { toTaskTensors } from '../tasks/taskTensors';
import { EXPLOSION_FACTOR, explainDivergence, type DivergenceKind } from './divergence';
import type {
  AdaptationCurve,
  BeforeChunk,
  CurvesByModel,
  Divergence,
  Evaluation,
  Session,
  SessionSnapshot,
  StepMetrics,
  StepResult,
  Insights,
  TaskRelations,
} from './types';
import { noInsights } from './types';

function mean(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Per-task directions held at once for the task relations, in floats (tasks x parameters): the
 * default network compares a whole meta-batch; a very large one compares its first few tasks
 * rather than exhaust memory with a copy of the network per task.
 */
const RELATIONS_BUDGET = 1 << 22;

export function modelSpec(config: ExperimentConfig): MlpSpec {
  return {
    inputSize: regressionFamily(config).inputs,
    hidden: config.hidden,
    outputSize: 1,
    activation: config.activation,
  };
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

/**
 * One experiment: meta-training on sinusoid tasks with the config's algorithm (MAML, first-order
 * MAML, Reptile, Meta-SGD or ANIL; the learner registry), beside two baselines, driven
 * one meta-iteration at a time. Everything is determined by the config (its seed included).
 *
 * - "pretrained": one network trained jointly on all tasks' points, with the same number of outer
 *   Adam steps on the same task stream (the multi-task baseline of the MAML paper);
 * - "scratch": a fresh random initialisation, never trained.
 * Both fine-tune at test time by plain SGD on every weight with innerLr; the meta-learner adapts
 * its own way (Meta-SGD with its learned rates, ANIL its last layer only).
 *
 * Parameters live in JavaScript arrays between iterations and every tensor is created and disposed
 * within a call, so a session holds no tensors: nothing can leak across iterations.
 */
export class TrainingSession implements Session {
  readonly config: ExperimentConfig;
  private readonly spec: MlpSpec;
  private readonly algorithm: RegressionAlgorithm;
  private readonly options: RegressionOptions;
  private taskRng: Rng;
  /** The meta-learner's values: theta, then anything else it learns (Meta-SGD's rates). */
  private readonly maml: Learner;
  private readonly pretrained: Learner;
  private readonly scratch: Float32Array[];
  private evaluationTasks: RegressionBatch | null = null;
  /** The meta-batch of the last completed iteration, for comparing its tasks' gradients. */
  private lastBatch: RegressionBatch | null = null;
  private completed = 0;
  private stoppedBy: Divergence | null = null;

  constructor(config: ExperimentConfig) {
    this.config = config;
    this.spec = modelSpec(config);
    this.algorithm = regressionAlgorithm(config.algorithm);
    this.options = regressionOptions(config);
    this.taskRng = createRng(config.seed, 'tasks');
    const initial = initialValues(this.spec, createRng(config.seed, 'init'));
    const learner = (values: Float32Array[]): Learner => newLearner(values, config.metaLr);
    // The pretrained baseline starts where the meta-learner starts, so only the objective differs.
    this.maml = learner(
      this.algorithm.initialValues(
        initial.map((v) => v.slice()),
        this.options,
      ),
    );
    this.pretrained = learner(initial.map((v) => v.slice()));
    this.scratch = initialValues(this.spec, createRng(config.seed, 'scratch'));
  }

  /** Meta-iterations completed so far. */
  get iteration(): number {
    return this.completed;
  }

  /** Why training stopped early, or null while it can go on. */
  get divergence(): Divergence | null {
    return this.stoppedBy;
  }

  /** The meta-learned initialisation as it stands (theta only, without Meta-SGD's rates). */
  get parameters(): readonly Float32Array[] {
    return this.maml.values.slice(0, paramShapes(this.spec).length);
  }

  /** The meta-learner's values as tensors; the caller disposes them. */
  private valueTensors(values: readonly Float32Array[] = this.maml.values): tf.Tensor[] {
    const shapes = this.algorithm.valueShapes(this.spec, this.options);
    return values.map((v, i) => tf.tensor(v, shapes[i]));
  }

  /**
   * The learner as it stands: how the tasks of the last meta-batch pull on the initial weights
   * (each task's own update direction, recomputed at the current values) and, for Meta-SGD, its
   * learned inner rates.
   */
  async insights(): Promise<Insights> {
    const iteration = this.completed;
    const innerRates = this.algorithm.innerRates(this.maml.values, this.spec);
    const relations = this.lastBatch ? await this.taskRelations(this.lastBatch) : null;
    return { ...noInsights(iteration), relations, innerRates };
  }

  private async taskRelations(latest: RegressionBatch): Promise<TaskRelations> {
    const fits = Math.floor(RELATIONS_BUDGET / parameterCount(this.spec));
    const batch = firstTasks(latest, Math.max(2, fits));
    const directions = tf.tidy(() => {
      const values = this.valueTensors();
      return this.algorithm.taskDirections(values, toTaskTensors(batch), this.options);
    });
    let rows: Float32Array;
    try {
      rows = (await directions.data()) as Float32Array;
    } finally {
      directions.dispose();
    }
    return {
      basis: this.algorithm.directionBasis,
      labels: Array.from({ length: batch.tasks }, (_, t) => `task ${t + 1}`),
      cosine: cosineMatrix(matrixRows(rows, batch.tasks)),
      details: Array.from({ length: batch.tasks }, (_, t) => batch.describe(t)),
    };
  }

  snapshot(): SessionSnapshot {
    return {
      config: this.config,
      iteration: this.completed,
      taskRng: this.taskRng.save(),
      maml: saveLearner(this.maml),
      pretrained: saveLearner(this.pretrained),
    };
  }

  /** A session that continues a snapshot's run: the next step is the one that would have followed. */
  static restore(snapshot: SessionSnapshot): TrainingSession {
    const session = new TrainingSession(snapshot.config);
    session.taskRng = restoreRng(snapshot.taskRng);
    session.completed = snapshot.iteration;
    loadLearner(session.maml, snapshot.maml);
    loadLearner(session.pretrained, snapshot.pretrained);
    return session;
  }

  /**
   * One meta-iteration of the meta-learner and one Adam step of the pretrained baseline on the same tasks.
   * Asynchronous so that GPU backends can read results back without blocking; on CPU and WASM it
   * resolves at once.
   */
  async step(): Promise<StepResult> {
    if (this.stoppedBy) return { ok: false, divergence: this.stoppedBy };
    const { config } = this;
    const tasks = config.metaBatch;
    // A step that throws (a lost GPU, say) must leave the session as it was, so the run can go on
    // elsewhere from the last completed iteration: keep the task stream's state to roll it back.
    const rngBefore = this.taskRng.save();
    const batch = regressionFamily(config).sampleBatch(
      this.taskRng,
      tasks,
      config.shots,
      config.query,
    );
    try {
      return this.complete(await this.launch(batch), batch);
    } catch (error) {
      this.taskRng = restoreRng(rngBefore);
      throw error;
    }
  }

  /** Runs the iteration's kernels and reads back losses and gradients, as one flat array. */
  private async launch(batch: RegressionBatch): Promise<Float32Array> {
    const readout = tf.tidy(() => {
      const data = toTaskTensors(batch);
      const values = this.valueTensors();
      const theta = values.slice(0, paramShapes(this.spec).length);
      const meta = this.algorithm.metaStep(values, data, this.options);
      const before = queryLosses(theta, [], data, this.options.activation);
      const joint = this.jointGradient(data);
      const flatten = (ts: tf.Tensor[]): tf.Tensor[] => ts.map((t) => tf.reshape(t, [-1]));
      return tf.concat([
        meta.taskLoss,
        before,
        tf.reshape(joint.value, [1]),
        ...flatten(meta.grads),
        ...flatten(joint.grads),
      ]);
    });
    try {
      return (await readout.data()) as Float32Array;
    } finally {
      readout.dispose();
    }
  }

  /** Checks the numbers, applies both Adam steps and reports the iteration. */
  private complete(values: Float32Array, batch: RegressionBatch): StepResult {
    const { config } = this;
    const tasks = config.metaBatch;
    const iteration = this.completed + 1;
    const taskLossAfter = values.slice(0, tasks);
    const taskLossBefore = values.slice(tasks, 2 * tasks);
    const metaTrainLoss = mean(taskLossAfter);
    const lossBefore = mean(taskLossBefore);
    const cause: DivergenceKind | null = !values.every(Number.isFinite)
      ? { kind: 'non-finite' }
      : metaTrainLoss > EXPLOSION_FACTOR * Math.max(lossBefore, Number.MIN_VALUE)
        ? { kind: 'exploded', before: lossBefore, after: metaTrainLoss }
        : null;
    if (cause) {
      this.stoppedBy = { iteration, message: explainDivergence(config, iteration, cause) };
      return { ok: false, divergence: this.stoppedBy };
    }
    const pretrainedLoss = values[2 * tasks]!;
    let offset = 2 * tasks + 1;
    const take = (shapes: number[][]): Float32Array[] =>
      shapes.map((shape) => {
        const size = shape.reduce((a, b) => a * b, 1);
        const part = values.subarray(offset, offset + size);
        offset += size;
        return part;
      });
    this.maml.optimiser.step(
      this.maml.values,
      take(this.algorithm.valueShapes(this.spec, this.options)),
    );
    this.pretrained.optimiser.step(this.pretrained.values, take(paramShapes(this.spec)));
    this.completed = iteration;
    this.lastBatch = batch;

    const metrics: StepMetrics = {
      iteration,
      metaTrainLoss,
      taskLossBefore,
      taskLossAfter,
      pretrainedLoss,
      metaTrainAccuracy: NaN,
      pretrainedAccuracy: NaN,
      comparedLoss: null,
    };
    return { ok: true, metrics };
  }

  /** Mean squared error of the jointly trained network on all of the batch's points, and its gradient. */
  private jointGradient(data: TaskTensors): { value: tf.Scalar; grads: tf.Tensor[] } {
    const x = tf.concat([data.supportX, data.queryX], 1);
    const y = tf.concat([data.supportY, data.queryY], 1);
    const loss = (...phi: tf.Tensor[]): tf.Scalar => {
      const acts = forwardAdapted(phi, [], x, this.config.activation);
      return tf.mean(tf.squaredDifference(acts[acts.length - 1]!, y));
    };
    return tf.valueAndGrads(loss)(toTensors(this.spec, this.pretrained.values));
  }

  /**
   * How the meta-learner and the pretrained baseline fit a task given by its support points:
   * predictions on `gridX` after 0..testInnerSteps fine-tuning steps, for each model (the
   * meta-learner adapting its own way, the baseline by plain SGD).
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
    const pretrained = toTensors(this.spec, this.pretrained.values);
    const learner = this.learnerTensors();
    try {
      return {
        maml: await adaptedPredictions(learner.theta, { ...request, rule: learner.rule }),
        pretrained: await adaptedPredictions(pretrained, request),
      };
    } finally {
      tf.dispose([...pretrained, ...learner.values]);
    }
  }

  /** The meta-learner's values as tensors, its theta among them, and its test-time inner rule. */
  private learnerTensors(from?: readonly Float32Array[]): {
    values: tf.Tensor[];
    theta: tf.Tensor[];
    rule: InnerRule;
  } {
    const values = this.valueTensors(from);
    return {
      values,
      theta: values.slice(0, paramShapes(this.spec).length),
      rule: this.algorithm.innerRule(values, this.spec, this.options),
    };
  }

  /**
   * Held-out adaptation curves: query loss after 0..testInnerSteps inner steps for the meta-learner, the
   * pretrained baseline and scratch, on `evalTasks` tasks drawn from the seed's evaluation stream
   * (the same tasks at every call). `tasks` evaluates on the first few of them only.
   */
  async evaluate(
    tasks: number = this.config.evalTasks,
    beforeChunk?: BeforeChunk,
  ): Promise<Evaluation> {
    const { config } = this;
    this.evaluationTasks ??= regressionFamily(config).sampleBatch(
      createRng(config.seed, 'evaluation'),
      config.evalTasks,
      config.shots,
      config.evalQuery,
    );
    const heldOut = firstTasks(this.evaluationTasks, Math.min(tasks, config.evalTasks));
    // The parameters as they are now: training may go on between the chunks, so each chunk
    // makes its tensors from these copies and frees them before the next.
    const learnerValues = this.maml.values.map((v) => v.slice());
    const pretrainedValues = this.pretrained.values.map((v) => v.slice());
    const curve = async (
      tensors: () => { values: tf.Tensor[]; theta: tf.Tensor[]; rule?: InnerRule },
    ): Promise<AdaptationCurve> => {
      await beforeChunk?.();
      const { values, theta, rule } = tensors();
      try {
        const losses = await adaptationLosses(
          theta,
          heldOut,
          config.testInnerSteps,
          config.innerLr,
          config.activation,
          rule,
        );
        return summarize(losses);
      } finally {
        tf.dispose(values);
      }
    };
    const plain = (from: readonly Float32Array[]) => () => {
      const values = toTensors(this.spec, from);
      return { values, theta: values };
    };
    const curves: CurvesByModel = {
      maml: await curve(() => this.learnerTensors(learnerValues)),
      pretrained: await curve(plain(pretrainedValues)),
      scratch: await curve(plain(this.scratch)),
    };
    return {
      steps: Array.from({ length: config.testInnerSteps + 1 }, (_, i) => i),
      tasks: heldOut.tasks,
      lossKind: 'mse',
      accuracy: null,
      compared: null,
      ...curves,
    };
  }
}
