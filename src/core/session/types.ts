import type { ExperimentConfig } from '../config';
import type { AdamState } from '../optim/adam';
import type { RngState } from '../random/rng';
import type { AdaptationCurve, LayerRates, TaskRelations, TaskUncertainty } from '../results/types';

export type { AdaptationCurve, LayerRates, TaskRelations, TaskUncertainty };

/** What one meta-iteration reports. Arrays are per task of the meta-batch, in sampling order. */
export interface StepMetrics {
  /** 1-based index of the meta-iteration that produced these numbers. */
  readonly iteration: number;
  /** Mean over the meta-batch of each task's query loss after inner adaptation (the meta-objective). */
  readonly metaTrainLoss: number;
  /** Each task's query loss at the meta-learned initialisation, before any inner step. */
  readonly taskLossBefore: Float32Array;
  /** Each task's query loss after the training inner steps. */
  readonly taskLossAfter: Float32Array;
  /** Training loss of the jointly trained ("pretrained") baseline on this meta-batch. */
  readonly pretrainedLoss: number;
  /** Classification: mean query accuracy after adaptation over the meta-batch; NaN for regression. */
  readonly metaTrainAccuracy: number;
  /** Classification: the pretrained baseline's accuracy on this meta-batch; NaN for regression. */
  readonly pretrainedAccuracy: number;
  /**
   * A comparison run: each compared algorithm's meta-training loss for this iteration, in
   * `config.compare` order (NaN once an algorithm has stopped); null for a single-algorithm run.
   */
  readonly comparedLoss: readonly number[] | null;
}

/** The three models every evaluation compares; "maml" is the meta-learner the config selects. */
export interface CurvesByModel {
  readonly maml: AdaptationCurve;
  readonly pretrained: AdaptationCurve;
  readonly scratch: AdaptationCurve;
}

export interface Evaluation extends CurvesByModel {
  /** Inner steps taken: 0, 1, ..., testInnerSteps. */
  readonly steps: number[];
  readonly tasks: number;
  /** What the loss curves measure: mean squared error or cross-entropy. */
  readonly lossKind: 'mse' | 'cross-entropy';
  /** Classification: held-out query accuracy (0..1) after each step; null for regression. */
  readonly accuracy: CurvesByModel | null;
  /**
   * A comparison run: every compared algorithm's curves on the same held-out tasks, in
   * `config.compare` order (`maml` above is the first of them); null for a single-algorithm run.
   */
  readonly compared: readonly ComparedCurve[] | null;
}

/** One compared algorithm's held-out result. */
export interface ComparedCurve {
  readonly algorithm: ExperimentConfig['algorithm'];
  /** Iterations it completed (fewer than the others when it stopped early). */
  readonly iteration: number;
  readonly loss: AdaptationCurve;
  readonly accuracy: AdaptationCurve | null;
  /** Mean wall time of its meta-iterations so far, in milliseconds. */
  readonly msPerIteration: number;
  /** Why it stopped early, or null. */
  readonly divergence: string | null;
}

/** Why a run stopped before its last iteration because a loss stopped being a finite number. */
export interface Divergence {
  readonly iteration: number;
  readonly message: string;
}

export type StepResult =
  | { readonly ok: true; readonly metrics: StepMetrics }
  | { readonly ok: false; readonly divergence: Divergence };

/**
 * Awaited before each chunk of a long computation (an evaluation), so the caller can let other
 * work go first, or stop it by throwing. It never changes what is computed.
 */
export type BeforeChunk = () => Promise<void>;

/**
 * What the worker and the runner need from a run, whatever its task family: one meta-iteration at
 * a time, held-out evaluation, and a plain-data snapshot to continue elsewhere.
 */
export interface Session {
  readonly config: ExperimentConfig;
  readonly iteration: number;
  readonly divergence: Divergence | null;
  /** The meta-learned parameters as they stand, in the network's parameter order. */
  readonly parameters: readonly Float32Array[];
  step(): Promise<StepResult>;
  evaluate(tasks?: number, beforeChunk?: BeforeChunk): Promise<Evaluation>;
  /** What the learner looks like inside right now (task relations, learned rates, uncertainties). */
  insights(): Promise<Insights>;
  snapshot(): SessionSnapshot;
}

export interface Insights {
  readonly iteration: number;
  /** Null before the first iteration, or where the learner has no tasks' gradients to compare. */
  readonly relations: TaskRelations | null;
  /** Meta-SGD only. */
  readonly innerRates: readonly LayerRates[] | null;
  /** Multi-task learning only (the sigma is learned only with weighting=uncertainty). */
  readonly uncertainty: readonly TaskUncertainty[] | null;
}

/** Insights of a learner that has nothing to show yet. */
export function noInsights(iteration: number): Insights {
  return { iteration, relations: null, innerRates: null, uncertainty: null };
}

/**
 * Everything needed to continue a run exactly where it was, as plain data (structured-cloneable):
 * e.g. to move a run to another backend after a GPU failure.
 */
export interface SessionSnapshot {
  readonly config: ExperimentConfig;
  readonly iteration: number;
  readonly taskRng: RngState;
  readonly maml: { readonly values: Float32Array[]; readonly optimiser: AdamState };
  readonly pretrained: { readonly values: Float32Array[]; readonly optimiser: AdamState };
  /** A comparison run: each compared algorithm's own snapshot, in `config.compare` order. */
  readonly parts?: readonly SessionSnapshot[];
}

/** Regression sessions also fit a task given by its points (the function view). */
export interface FunctionPreviewer {
  /** Predictions on `gridX` of the learner and the pretrained baseline after 0..k SGD steps. */
  preview(
    supportX: Float32Array,
    supportY: Float32Array,
    gridX: Float32Array,
  ): Promise<{ maml: Float32Array[]; pretrained: Float32Array[] }>;
}

export function canPreview(session: object): session is FunctionPreviewer {
  return typeof (session as Partial<FunctionPreviewer>).preview === 'function';
}
