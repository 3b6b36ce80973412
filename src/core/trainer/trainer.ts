/**
 * The one training loop of the playground. A Trainer hosts a run's models, its learners (one, or
 * several in a comparison) and the two baselines, on one task family, and drives them one
 * iteration at a time:
 *
 * - one task stream: every model that trains sees the same meta-batch, drawn once per iteration;
 * - one read-back per iteration: every model's kernels run inside one tf.tidy and their numbers
 *   and gradients come back in one transfer;
 * - a step either completes or leaves the run as it was: on a throw (a lost GPU) the task streams
 *   are rolled back and no parameter has moved, so the run can continue elsewhere exactly;
 * - each model is checked on its own: one that diverges stops, with the reason, and the others go
 *   on; the run stops when every learner has;
 * - held-out evaluation scores every model on the same tasks, chunk by chunk, from copies of the
 *   parameters taken when it starts (training may go on between chunks);
 * - snapshots are plain data.
 *
 * Parameters live in JavaScript arrays between iterations and every tensor is created and disposed
 * within a call, so a Trainer holds no tensors: nothing can leak across iterations.
 */
import { tf } from '../tfjs/tf';
import type { ExperimentConfig } from '../config';
import { Adam } from '../optim/adam';
import { createRng, restoreRng, type Rng, type RngState } from '../random/rng';
import { summarize } from '../maml/evaluation';
import type {
  ModelStep,
  StepOptions,
  StepReading,
  TaskScores,
  TaskStream,
  TrainedModel,
} from './model';
import {
  noInsights,
  type BeforeChunk,
  type Divergence,
  type Evaluation,
  type FunctionPreview,
  type Insights,
  type IterationPicture,
  type RegressionIterationPicture,
  type TaskUpClose,
  type ModelCurves,
  type StepMetrics,
  type StepResult,
  type TrainerSnapshot,
} from './types';
import type { FitRequest } from './model';
import {
  classificationIterationPicture,
  stepsThroughImages,
} from './classification/iterationPicture';
import type { NamedBatch } from './classification/stream';

/** Wall clock in milliseconds; Date is in every runtime the core runs in (worker and Node). */
const now = (): number => Date.now();

/** One model as the run stands: its values, its optimiser and how far it got. */
export interface ModelRun<Batch, Data, Chunk> {
  readonly model: TrainedModel<Batch, Data, Chunk>;
  readonly values: Float32Array[];
  readonly optimiser: Adam | null;
  completed: number;
  divergence: Divergence | null;
  /** Wall time of its training kernels, and over how many iterations. */
  milliseconds: number;
  timedSteps: number;
  /** Its numbers of the latest iteration it completed. */
  last: { readonly iteration: number; readonly step: ModelStep } | null;
}

function meanSquaredError(predicted: ArrayLike<number>, target: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < target.length; i++) sum += (predicted[i]! - target[i]!) ** 2;
  return sum / target.length;
}

/** Per-step scores of every chunk, joined task after task (no chunks: no tasks). */
function joinChunks(chunks: readonly Float64Array[][], steps: number): Float64Array[] {
  return Array.from({ length: steps }, (_, step) => {
    const parts = chunks.map((chunk) => chunk[step]!);
    const joined = new Float64Array(parts.reduce((n, part) => n + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      joined.set(part, offset);
      offset += part.length;
    }
    return joined;
  });
}

export class Trainer<Batch = unknown, Data = unknown, Chunk = unknown> {
  readonly config: ExperimentConfig;
  private readonly stream: TaskStream<Batch, Data, Chunk>;
  private readonly runs: ModelRun<Batch, Data, Chunk>[];
  private taskRng: Rng;
  private completed = 0;
  /**
   * The first learner's latest iteration, to show it slowed down: its batch and the values it
   * started from. Kept only where the run can show it (canShowIteration); not in snapshots.
   */
  private latest: { iteration: number; batch: Batch; before: Float32Array[] } | null = null;

  constructor(
    config: ExperimentConfig,
    stream: TaskStream<Batch, Data, Chunk>,
    models: readonly TrainedModel<Batch, Data, Chunk>[],
  ) {
    const learners = models.filter((model) => model.role === 'learner').length;
    if (learners === 0 || models.slice(0, learners).some((model) => model.role !== 'learner')) {
      throw new Error('A run lists one or more learners, then its baselines.');
    }
    this.config = config;
    this.stream = stream;
    this.taskRng = createRng(config.seed, 'tasks');
    this.runs = models.map((model) => {
      const values = model.initialValues();
      return {
        model,
        values,
        optimiser: model.training ? new Adam(values, { learningRate: model.config.metaLr }) : null,
        completed: 0,
        divergence: null,
        milliseconds: 0,
        timedSteps: 0,
        last: null,
      };
    });
  }

  /** Every model as it stands, learners first, in the run's order. */
  get models(): readonly Readonly<ModelRun<Batch, Data, Chunk>>[] {
    return this.runs;
  }

  private get learners(): ModelRun<Batch, Data, Chunk>[] {
    return this.runs.filter((run) => run.model.role === 'learner');
  }

  /** The run's first learner: the one the page features and a run of one learner is about. */
  get lead(): Readonly<ModelRun<Batch, Data, Chunk>> {
    return this.learners[0]!;
  }

  /** Iterations completed so far (by the learners still running, or the last one to stop). */
  get iteration(): number {
    return this.completed;
  }

  /** Set once every learner has stopped; one that stops alone is reported with its curves. */
  get divergence(): Divergence | null {
    return this.stoppedBy();
  }

  /** A method, not the getter: its value changes within a step. */
  private stoppedBy(): Divergence | null {
    const learners = this.learners;
    if (learners.some((run) => run.divergence === null)) return null;
    if (learners.length === 1) return learners[0]!.divergence;
    return {
      iteration: Math.max(...learners.map((run) => run.divergence!.iteration)),
      message: learners.map((run) => `${run.model.id}: ${run.divergence!.message}`).join(' '),
    };
  }

  /** The first learner's network as it stands (what a new task starts from). */
  get parameters(): readonly Float32Array[] {
    return this.lead.model.parameters(this.lead.values);
  }

  /**
   * One iteration of every model still training, on one meta-batch, read back once. Without
   * `taskDetail`, learners may skip what only the per-task view shows (each task's loss before
   * adaptation, an extra pass over the query set for classification).
   */
  async step(options: StepOptions = {}): Promise<StepResult> {
    const launchOptions = { taskDetail: options.taskDetail !== false };
    const stopped = this.stoppedBy();
    if (stopped) return { ok: false, divergence: stopped };
    const iteration = this.completed + 1;
    // The pretrained baseline steps on every pretrainEvery-th batch (1, 1 + N, ...); on the others
    // it reaches the iteration without a step.
    const baselineSteps = (iteration - 1) % this.config.pretrainEvery === 0;
    const waiting = this.runs.filter(
      (run) => run.model.role === 'baseline' && run.model.training && run.divergence === null,
    );
    const training = this.runs.filter(
      (run) =>
        run.model.training &&
        run.divergence === null &&
        (baselineSteps || run.model.role !== 'baseline'),
    );
    const rngBefore = this.taskRng.save();
    const streamsBefore = training.map((run) => run.model.training!.stream?.save() ?? null);
    let readings: StepReading[];
    let batchOf: Batch | undefined;
    const milliseconds: number[] = [];
    try {
      const batch = this.stream.draw(this.taskRng);
      batchOf = batch;
      const sizes: number[] = [];
      const kept: tf.Tensor[] = [];
      let flat: tf.Tensor;
      try {
        flat = tf.tidy(() => {
          const data = this.stream.tensors(batch);
          const parts = training.map((run) => {
            const started = now();
            const launched = run.model.training!.launch(run.values, batch, data, launchOptions);
            milliseconds.push(now() - started);
            kept.push(...(launched.kept ?? []));
            sizes.push(launched.readout.size);
            return tf.reshape(launched.readout, [-1]);
          });
          return tf.concat(parts);
        });
      } finally {
        // Also when a model's kernels throw part-way (an interruption): nothing may leak.
        tf.dispose(kept);
      }
      let readout: Float32Array;
      try {
        readout = (await flat.data()) as Float32Array;
      } finally {
        flat.dispose();
      }
      // Every share is read (and checked) before any parameter moves.
      let offset = 0;
      readings = training.map((run, i) =>
        run.model.training!.read(
          readout.subarray(offset, (offset += sizes[i]!)),
          run.values,
          batch,
          iteration,
        ),
      );
    } catch (error) {
      this.rollBack(rngBefore, training, streamsBefore);
      throw error;
    }
    // Learners come first: the baselines take a step only in an iteration some learner
    // completes, so they get as many outer steps as the learners (the MAML paper's comparison).
    const lead = this.lead;
    const leadBefore = this.canShowIteration ? lead.values.map((v) => v.slice()) : null;
    for (const [i, run] of training.entries()) {
      if (run.model.role === 'baseline' && this.stoppedBy()) break;
      this.apply(run, readings[i]!, iteration);
      run.milliseconds += milliseconds[i]!;
      run.timedSteps += 1;
    }
    if (!baselineSteps && !this.stoppedBy()) {
      for (const run of waiting) run.completed = iteration;
    }
    if (leadBefore && lead.completed === iteration) {
      this.latest = { iteration, batch: batchOf, before: leadBefore };
    }
    const divergence = this.stoppedBy();
    if (divergence) {
      this.completed = Math.max(...this.learners.map((run) => run.completed));
      return { ok: false, divergence };
    }
    this.completed = iteration;
    return { ok: true, metrics: this.metrics(iteration) };
  }

  private rollBack(
    rng: RngState,
    training: readonly ModelRun<Batch, Data, Chunk>[],
    streams: readonly (RngState | null)[],
  ): void {
    this.taskRng = restoreRng(rng);
    training.forEach((run, i) => {
      const state = streams[i];
      if (state) run.model.training!.stream!.restore(state);
    });
  }

  private apply(run: ModelRun<Batch, Data, Chunk>, reading: StepReading, iteration: number): void {
    if (!reading.ok) {
      run.divergence = { iteration, message: reading.message };
      return;
    }
    run.optimiser!.step(run.values, reading.grads);
    reading.commit?.();
    run.completed = iteration;
    run.last = { iteration, step: reading.step };
  }

  /** The first learner's numbers, the pretrained baseline's, and every learner's loss in a comparison. */
  private metrics(iteration: number): StepMetrics {
    const fresh = (run: ModelRun<Batch, Data, Chunk> | undefined): ModelStep | null =>
      run?.last?.iteration === iteration ? run.last.step : null;
    const learners = this.learners;
    const lead = fresh(learners[0]);
    const pretrained = fresh(
      this.runs.find((run) => run.model.role === 'baseline' && run.model.training),
    );
    return {
      iteration,
      metaTrainLoss: lead?.loss ?? NaN,
      taskLossBefore: lead?.taskLossBefore ?? new Float32Array(0),
      taskLossAfter: lead?.taskLossAfter ?? new Float32Array(0),
      metaTrainAccuracy: lead?.accuracy ?? NaN,
      pretrainedLoss: pretrained?.loss ?? NaN,
      pretrainedAccuracy: pretrained?.accuracy ?? NaN,
      comparedLoss: learners.length > 1 ? learners.map((run) => fresh(run)?.loss ?? NaN) : null,
    };
  }

  /**
   * Every model on the same held-out tasks: the first `tasks` (at most evalTasks) of the seed's
   * evaluation stream, the same at every call. Each model adapts its own way.
   */
  async evaluate(
    tasks: number = this.config.evalTasks,
    beforeChunk?: BeforeChunk,
  ): Promise<Evaluation> {
    const count = Math.min(tasks, this.config.evalTasks);
    // Every model as it stands now: training may go on between the chunks, and the models must
    // be scored at the same moment.
    const frozen = this.runs.map((run) => ({
      run,
      values: run.values.map((v) => v.slice()),
      iteration: run.completed,
      msPerIteration: run.timedSteps > 0 ? run.milliseconds / run.timedSteps : NaN,
      divergence: run.divergence?.message ?? null,
    }));
    const scores: TaskScores[][] = frozen.map(() => []);
    for (const chunk of this.stream.heldOut(count)) {
      for (const [i, { run, values }] of frozen.entries()) {
        scores[i]!.push(await run.model.score(values, chunk, beforeChunk));
      }
    }
    const steps = this.config.testInnerSteps + 1;
    const classifies = this.stream.lossKind === 'cross-entropy';
    const models = frozen.map(({ run, iteration, msPerIteration, divergence }, i): ModelCurves => {
      const curve = (pick: (s: TaskScores) => Float64Array[] | null) =>
        summarize(
          joinChunks(
            scores[i]!.map((s) => pick(s)!),
            steps,
          ),
        );
      return {
        id: run.model.id,
        role: run.model.role,
        loss: curve((s) => s.loss),
        accuracy: classifies ? curve((s) => s.accuracy) : null,
        iteration,
        msPerIteration,
        divergence,
      };
    });
    return {
      steps: Array.from({ length: this.config.testInnerSteps + 1 }, (_, i) => i),
      tasks: count,
      lossKind: this.stream.lossKind,
      models,
    };
  }

  /** What the first learner looks like inside (its tasks' gradients, its learned rates). */
  insights(): Promise<Insights> {
    const { model, values, completed } = this.lead;
    return model.insights?.(values, completed) ?? Promise.resolve(noInsights(completed));
  }

  /** Whether the run can fit a task given by its points (regression). */
  get canFit(): boolean {
    return this.lead.model.fit !== undefined && this.pretrainedRun()?.model.fit !== undefined;
  }

  private pretrainedRun(): ModelRun<Batch, Data, Chunk> | undefined {
    return this.runs.find((run) => run.model.role === 'baseline' && run.model.training);
  }

  /** How the first learner and the pretrained baseline fit a task given by its points. */
  async fit(request: FitRequest): Promise<FunctionPreview> {
    const lead = this.lead;
    const pretrained = this.pretrainedRun();
    if (!lead.model.fit || !pretrained?.model.fit) {
      throw new Error('This run does not fit functions.');
    }
    const learnerValues = lead.values.map((v) => v.slice());
    const pretrainedValues = pretrained.values.map((v) => v.slice());
    return {
      learner: await lead.model.fit(learnerValues, request),
      pretrained: await pretrained.model.fit(pretrainedValues, request),
    };
  }

  /**
   * Whether the first learner's iterations can be slowed down: a regression family that shows a
   * task's points, or images with a learner that adapts.
   */
  get canShowIteration(): boolean {
    const model = this.lead.model;
    return (
      (this.stream.points !== undefined && model.fit !== undefined) || stepsThroughImages(model)
    );
  }

  /**
   * The first learner's latest iteration slowed down. Regression: for up to `maxTasks` tasks of
   * its meta-batch, the fit on `gridX` after 0..innerSteps inner steps from the initialisation it
   * started from, adapting its own way (the code that adapts at test time), with the query loss
   * after each step; and the initialisation's fit before and after the outer step.
   * Classification (`gridX` unused): a few images of each task with their predicted labels and the
   * support and query scores after each step, and the initialisation's query scores before and
   * after the outer step. Null before the first iteration, or where the run cannot show it.
   */
  async iterationPicture(gridX: Float32Array, maxTasks: number): Promise<IterationPicture | null> {
    const latest = this.latest;
    const { model, values } = this.lead;
    if (!latest) return null;
    const after = values.map((v) => v.slice());
    if (stepsThroughImages(model)) {
      // A classification learner's models and stream share the batch type: a NamedBatch.
      const named = latest.batch as NamedBatch;
      return classificationIterationPicture(
        model,
        latest.iteration,
        named,
        latest.before,
        after,
        maxTasks,
      );
    }
    return this.regressionIterationPicture(latest, after, gridX, maxTasks);
  }

  private async regressionIterationPicture(
    latest: { iteration: number; batch: Batch; before: Float32Array[] },
    after: Float32Array[],
    gridX: Float32Array,
    maxTasks: number,
  ): Promise<RegressionIterationPicture | null> {
    const points = this.stream.points;
    const { model } = this.lead;
    if (!points || !model.fit) return null;
    const innerSteps = model.config.innerSteps;
    const tasks: TaskUpClose[] = [];
    const count = Math.min(maxTasks, points.count(latest.batch));
    for (let t = 0; t < count; t++) {
      const task = points.task(latest.batch, t);
      // The query and support points ride along on the grid, so one adaptation gives all three.
      const grid = new Float32Array(gridX.length + task.queryX.length + task.supportX.length);
      grid.set(gridX);
      grid.set(task.queryX, gridX.length);
      grid.set(task.supportX, gridX.length + task.queryX.length);
      const predictions = await model.fit(latest.before, {
        supportX: task.supportX,
        supportY: task.supportY,
        gridX: grid,
        steps: innerSteps,
      });
      const atQuery = gridX.length + task.queryX.length;
      tasks.push({
        ...task,
        fits: predictions.map((p) => p.slice(0, gridX.length)),
        supportLoss: predictions.map((p) => meanSquaredError(p.subarray(atQuery), task.supportY)),
        queryLoss: predictions.map((p) =>
          meanSquaredError(p.subarray(gridX.length, atQuery), task.queryY),
        ),
      });
    }
    const initialFit = async (from: readonly Float32Array[]): Promise<Float32Array> => {
      const empty = new Float32Array(0);
      const [fit] = await model.fit!(from, { supportX: empty, supportY: empty, gridX, steps: 0 });
      return fit!;
    };
    return {
      kind: 'regression',
      iteration: latest.iteration,
      learner: model.id,
      innerSteps,
      gridX,
      tasks,
      before: await initialFit(latest.before),
      after: await initialFit(after),
    };
  }

  snapshot(): TrainerSnapshot {
    return {
      config: this.config,
      iteration: this.completed,
      taskRng: this.taskRng.save(),
      models: this.runs.map((run) => ({
        id: run.model.id,
        iteration: run.completed,
        divergence: run.divergence,
        values: run.values.map((v) => v.slice()),
        optimiser: run.optimiser?.save() ?? null,
        stream: run.model.training?.stream?.save() ?? null,
        milliseconds: run.milliseconds,
        timedSteps: run.timedSteps,
      })),
    };
  }

  /**
   * Puts a snapshot of a run of the same models back into this fresh trainer: the next step is the
   * one that would have followed. Fresh, because what the models keep for their insights (the
   * latest batch) is not in snapshots.
   */
  restore(snapshot: TrainerSnapshot): void {
    if (this.runs.some((run) => run.completed > 0 || run.divergence)) {
      throw new Error('A snapshot is restored into a fresh trainer.');
    }
    const ids = (list: readonly { id: string }[]): string => list.map((m) => m.id).join(', ');
    const models = this.runs.map((run) => run.model);
    if (ids(snapshot.models) !== ids(models)) {
      throw new Error(
        `The snapshot holds the models ${ids(snapshot.models)}, not this run's ${ids(models)}.`,
      );
    }
    this.runs.forEach((run, i) => {
      const saved = snapshot.models[i]!;
      const lengths = (values: readonly Float32Array[]): string =>
        values.map((v) => v.length).join();
      // A starting state leaves out a model that never trains: it keeps its fresh values.
      const untrainedLeftOut = saved.values.length === 0 && run.optimiser === null;
      if (!untrainedLeftOut && lengths(saved.values) !== lengths(run.values)) {
        throw new Error(`The snapshot's ${run.model.id} values do not fit this run's settings.`);
      }
      saved.values.forEach((v, j) => {
        run.values[j]!.set(v);
      });
      if (run.optimiser && saved.optimiser) run.optimiser.restore(saved.optimiser);
      if (saved.stream) {
        run.model.training?.stream?.restore(saved.stream);
      }
      run.completed = saved.iteration;
      run.divergence = saved.divergence;
      run.milliseconds = saved.milliseconds;
      run.timedSteps = saved.timedSteps;
      run.last = null;
    });
    this.taskRng = restoreRng(snapshot.taskRng);
    this.completed = snapshot.iteration;
  }
}
