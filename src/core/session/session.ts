import { tf } from '../tfjs/tf';
import type { ExperimentConfig } from '../config';
import { createRng, restoreRng, type Rng } from '../random/rng';
import { firstTasks, sampleSinusoidBatch, type RegressionBatch } from '../tasks/sinusoid';
import { initialValues, paramShapes, toTensors, type MlpSpec } from '../model/mlp';
import { forwardAdapted, metaGradient, queryLosses, type TaskTensors } from '../maml/lowRankMaml';
import { adaptationLosses, summarize } from '../maml/evaluation';
import { adaptedPredictions } from '../maml/preview';
import { loadLearner, newLearner, saveLearner, type Learner } from './learner';
import { toTaskTensors } from '../tasks/taskTensors';
import { EXPLOSION_FACTOR, explainDivergence, type DivergenceKind } from './divergence';
import type {
  AdaptationCurve,
  Divergence,
  Evaluation,
  Session,
  SessionSnapshot,
  StepMetrics,
  StepResult,
} from './types';

function mean(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export function modelSpec(config: ExperimentConfig): MlpSpec {
  return { inputSize: 1, hidden: config.hidden, outputSize: 1, activation: config.activation };
}

/**
 * One experiment: MAML meta-training on sinusoid tasks, beside its two baselines, driven one
 * meta-iteration at a time. Everything is determined by the config (its seed included).
 *
 * - "pretrained": one network trained jointly on all tasks' points, with the same number of outer
 *   Adam steps on the same task stream (the multi-task baseline of the MAML paper);
 * - "scratch": a fresh random initialisation, never trained.
 * Both fine-tune at test time with the same inner steps as MAML.
 *
 * Parameters live in JavaScript arrays between iterations and every tensor is created and disposed
 * within a call, so a session holds no tensors: nothing can leak across iterations.
 */
export class TrainingSession implements Session {
  readonly config: ExperimentConfig;
  private readonly spec: MlpSpec;
  private taskRng: Rng;
  private readonly maml: Learner;
  private readonly pretrained: Learner;
  private readonly scratch: Float32Array[];
  private evaluationTasks: RegressionBatch | null = null;
  private completed = 0;
  private stoppedBy: Divergence | null = null;

  constructor(config: ExperimentConfig) {
    this.config = config;
    this.spec = modelSpec(config);
    this.taskRng = createRng(config.seed, 'tasks');
    const initial = initialValues(this.spec, createRng(config.seed, 'init'));
    const learner = (values: Float32Array[]): Learner => newLearner(values, config.metaLr);
    // The pretrained baseline starts where MAML starts, so only the training objective differs.
    this.maml = learner(initial.map((v) => v.slice()));
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

  /** The meta-learned initialisation as it stands. */
  get parameters(): readonly Float32Array[] {
    return this.maml.values;
  }

  /** The run's state after the last completed iteration. */
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
   * One meta-iteration of MAML and one Adam step of the pretrained baseline on the same tasks.
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
    const batch = sampleSinusoidBatch(this.taskRng, tasks, config.shots, config.query);
    try {
      return this.complete(await this.launch(batch));
    } catch (error) {
      this.taskRng = restoreRng(rngBefore);
      throw error;
    }
  }

  /** Runs the iteration's kernels and reads back losses and gradients, as one flat array. */
  private async launch(batch: RegressionBatch): Promise<Float32Array> {
    const { config } = this;
    const readout = tf.tidy(() => {
      const data = toTaskTensors(batch);
      const theta = toTensors(this.spec, this.maml.values);
      const meta = metaGradient(theta, data, config);
      const before = queryLosses(theta, [], data, config.activation);
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
  private complete(values: Float32Array): StepResult {
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
    const take = (): Float32Array[] =>
      paramShapes(this.spec).map((shape) => {
        const size = shape.reduce((a, b) => a * b, 1);
        const part = values.subarray(offset, offset + size);
        offset += size;
        return part;
      });
    this.maml.optimiser.step(this.maml.values, take());
    this.pretrained.optimiser.step(this.pretrained.values, take());
    this.completed = iteration;

    const metrics: StepMetrics = {
      iteration,
      metaTrainLoss,
      taskLossBefore,
      taskLossAfter,
      pretrainedLoss,
      metaTrainAccuracy: NaN,
      pretrainedAccuracy: NaN,
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
   * How MAML's initialisation and the pretrained baseline fit a task given by its support points:
   * predictions on `gridX` after 0..testInnerSteps fine-tuning steps, for each model.
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
      const params = toTensors(this.spec, values);
      try {
        return await adaptedPredictions(params, request);
      } finally {
        tf.dispose(params);
      }
    };
    return {
      maml: await predict(this.maml.values),
      pretrained: await predict(this.pretrained.values),
    };
  }

  /**
   * Held-out adaptation curves: query loss after 0..testInnerSteps inner steps for MAML, the
   * pretrained baseline and scratch, on `evalTasks` tasks drawn from the seed's evaluation stream
   * (the same tasks at every call). `tasks` evaluates on the first few of them only.
   */
  async evaluate(tasks: number = this.config.evalTasks): Promise<Evaluation> {
    const { config } = this;
    this.evaluationTasks ??= sampleSinusoidBatch(
      createRng(config.seed, 'evaluation'),
      config.evalTasks,
      config.shots,
      config.evalQuery,
    );
    const heldOut = firstTasks(this.evaluationTasks, Math.min(tasks, config.evalTasks));
    const curve = async (values: readonly Float32Array[]): Promise<AdaptationCurve> => {
      const params = toTensors(this.spec, values);
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
      maml: await curve(this.maml.values),
      pretrained: await curve(this.pretrained.values),
      scratch: await curve(this.scratch),
    };
  }
}
