/**
 * What the Trainer needs from one model of a run, a learner or a baseline, and from the task
 * family it trains on. Models hold no parameters: the Trainer keeps every model's values and
 * optimiser, so snapshots, rollback and timing are written once.
 */
import type { tf } from '../tfjs/tf';
import type { ExperimentConfig } from '../config';
import type { Rng, RngState } from '../random/rng';
import type { BeforeChunk, Insights, ModelRole, TaskDetail } from './types';

/** A model's scores on held-out tasks, per step: loss[step][task] (and accuracy, if it classifies). */
export interface TaskScores {
  readonly loss: Float64Array[];
  readonly accuracy: Float64Array[] | null;
}

/** What one model's training step reports. */
export interface ModelStep {
  /** Its training loss: a learner's mean query loss after adaptation, a baseline's joint loss. */
  readonly loss: number;
  /** Classification: mean query accuracy of the step; NaN for regression. */
  readonly accuracy: number;
  /** A learner: each task's query loss before and after its inner loop; null for a baseline. */
  readonly taskLossBefore: Float32Array | null;
  readonly taskLossAfter: Float32Array | null;
}

/** A model's share of an iteration, read back and checked. */
export type StepReading =
  | {
      readonly ok: true;
      readonly step: ModelStep;
      /** One per value array: what goes to its Adam. */
      readonly grads: Float32Array[];
      /** Called once the update is applied (to keep what insights need of this batch). */
      readonly commit?: () => void;
    }
  | { readonly ok: false; readonly message: string };

/** The kernels of a model's step: one flat tensor to read back with the others'. */
export interface Launched {
  readonly readout: tf.Tensor;
  /** Tensors the kernels kept past the trainer's tidy, freed after it. */
  readonly kept?: readonly tf.Tensor[];
}

/** What an iteration is asked to compute beside the step itself. */
export interface StepOptions {
  /**
   * Each task's loss before adaptation, for the per-task view (default true). Without it a
   * learner may leave `taskLossBefore` null and check divergence against chance instead.
   */
  readonly taskDetail?: boolean;
}

/** How a model trains; absent for a model that never trains (scratch). */
export interface Training<Batch, Data> {
  /** Runs its kernels on the iteration's batch (inside the trainer's tf.tidy). */
  launch(
    values: readonly Float32Array[],
    batch: Batch,
    data: Data,
    options: Required<StepOptions>,
  ): Launched;
  /** Reads its share of the readout: the step's numbers and gradients, or why it diverged. */
  read(
    readout: Float32Array,
    values: readonly Float32Array[],
    batch: Batch,
    iteration: number,
  ): StepReading;
  /** A model that draws its own data (multi-task learning's points): that stream, to roll back. */
  readonly stream?: { save(): RngState; restore(state: RngState): void };
}

/** A request to fit one task given by its points: the function view. */
export interface FitRequest {
  readonly supportX: Float32Array;
  readonly supportY: Float32Array;
  readonly gridX: Float32Array;
  /** Inner steps to take; testInnerSteps when absent. */
  readonly steps?: number;
}

/** One task of a meta-batch as points, with what defines it. */
export interface TaskPointsView {
  readonly supportX: Float32Array;
  readonly supportY: Float32Array;
  readonly queryX: Float32Array;
  readonly queryY: Float32Array;
  readonly details: readonly TaskDetail[];
}

export interface TrainedModel<Batch, Data, Chunk> {
  /** A learner's registry id, or 'pretrained' / 'scratch'. */
  readonly id: string;
  readonly role: ModelRole;
  /** Its settings (a comparison gives each learner the run's config with its own algorithm). */
  readonly config: ExperimentConfig;
  /** Its values at iteration 0. */
  initialValues(): Float32Array[];
  readonly training: Training<Batch, Data> | null;
  /** The network a new task starts from (theta, or multi-task learning's shared weights). */
  parameters(values: readonly Float32Array[]): Float32Array[];
  /**
   * Scores a chunk of held-out tasks after 0..testInnerSteps steps, adapting its own way;
   * awaits `beforeChunk` before each part of the work it splits the chunk into.
   */
  score(
    values: readonly Float32Array[],
    chunk: Chunk,
    beforeChunk?: BeforeChunk,
  ): Promise<TaskScores>;
  /** What it looks like inside (learners). */
  insights?(values: readonly Float32Array[], iteration: number): Promise<Insights>;
  /** Regression: predictions on a grid after 0..testInnerSteps steps on the given points. */
  fit?(values: readonly Float32Array[], request: FitRequest): Promise<Float32Array[]>;
}

/** What the Trainer needs of a task family: the meta-batch stream and the held-out tasks. */
export interface TaskStream<Batch, Data, Chunk> {
  /** The next meta-batch, drawn from the run's task stream. */
  draw(rng: Rng): Batch;
  /** The batch as tensors, shared by every model's kernels (inside the trainer's tf.tidy). */
  tensors(batch: Batch): Data;
  /** The first `count` held-out tasks of the seed, in chunks; always the same tasks. */
  heldOut(count: number): Iterable<Chunk>;
  readonly lossKind: 'mse' | 'cross-entropy';
  /** Regression: how many tasks a batch holds, and task `t` as points (to show one iteration). */
  readonly points?: {
    count(batch: Batch): number;
    task(batch: Batch, t: number): TaskPointsView;
  };
}
