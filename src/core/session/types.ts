import type { ExperimentConfig } from '../config';
import type { AdamState } from '../optim/adam';
import type { RngState } from '../random/rng';

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
}

/** Mean held-out loss after 0..k inner steps, with the half-width of its 95% interval. */
export interface AdaptationCurve {
  readonly mean: number[];
  readonly ci95: number[];
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
  evaluate(tasks?: number): Promise<Evaluation>;
  snapshot(): SessionSnapshot;
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
}
