/**
 * What a run reports and keeps: per-iteration metrics, held-out results naming every model by its
 * id, insights, and snapshots. Plain data, so it crosses to the page and into files unchanged.
 */
import type { ExperimentConfig } from '../config';
import type { AdamState } from '../optim/adam';
import type { RngState } from '../random/rng';
import type {
  AdaptationCurve,
  LayerRates,
  TaskDetail,
  TaskRelations,
  TaskUncertainty,
} from '../results/types';
import type { ModelCurves, ModelRole } from '../results/evaluation';

export type {
  AdaptationCurve,
  LayerRates,
  TaskDetail,
  TaskRelations,
  TaskUncertainty,
  ModelCurves,
  ModelRole,
};
export type { Evaluation } from '../results/evaluation';

/** What one iteration reports. Arrays are per task of the meta-batch, in sampling order. */
export interface StepMetrics {
  /** 1-based index of the iteration that produced these numbers. */
  readonly iteration: number;
  /**
   * The run's first learner (the one the page features): mean over the meta-batch of each task's
   * query loss after inner adaptation (the meta-objective); NaN once it has stopped.
   */
  readonly metaTrainLoss: number;
  /** Each task's query loss at the learner's initialisation, before any inner step. */
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
   * A comparison run: each learner's training loss for this iteration, in `config.compare` order
   * (NaN once a learner has stopped); null for a run of one learner.
   */
  readonly comparedLoss: readonly number[] | null;
}

/** Why a run (or one model of it) stopped because a loss stopped being a finite number. */
export interface Divergence {
  readonly iteration: number;
  readonly message: string;
}

export type StepResult =
  | { readonly ok: true; readonly metrics: StepMetrics }
  | { readonly ok: false; readonly divergence: Divergence };

/**
 * Awaited before each chunk of a long computation (an evaluation), so the caller can let other
 * work go first, or stop it by throwing. It never changes what is computed. With 'step', it is
 * between the inner steps inside one chunk, where only what is already waiting (a command from
 * the page) should go first, not more training.
 */
export type BeforeChunk = (within?: 'step') => Promise<void>;

export interface Insights {
  readonly iteration: number;
  /** Null before the first iteration, or where the learner has no tasks' gradients to compare. */
  readonly relations: TaskRelations | null;
  /** Learners of inner rates only (Meta-SGD, MAML++). */
  readonly innerRates: readonly LayerRates[] | null;
  /** Multi-task learning only (the sigma is learned only with weighting=uncertainty). */
  readonly uncertainty: readonly TaskUncertainty[] | null;
}

/** Insights of a learner that has nothing to show yet. */
export function noInsights(iteration: number): Insights {
  return { iteration, relations: null, innerRates: null, uncertainty: null };
}

/** One model of a snapshot: enough to continue it exactly. */
export interface ModelSnapshot {
  readonly id: string;
  /** Iterations it completed (fewer than the run's once it stopped). */
  readonly iteration: number;
  readonly divergence: Divergence | null;
  readonly values: readonly Float32Array[];
  /** Null for a model that is never trained (scratch). */
  readonly optimiser: AdamState | null;
  /** A model that draws its own data (multi-task learning's points): where that stream stands. */
  readonly stream: RngState | null;
  /** Wall time of its training kernels so far, in milliseconds, and over how many iterations. */
  readonly milliseconds: number;
  readonly timedSteps: number;
}

/**
 * Everything needed to continue a run exactly where it was, as plain data (structured-cloneable):
 * e.g. to move a run to another backend after a GPU failure.
 */
export interface TrainerSnapshot {
  readonly config: ExperimentConfig;
  readonly iteration: number;
  readonly taskRng: RngState;
  /** Every model, in the trainer's order (learners, then the baselines). */
  readonly models: readonly ModelSnapshot[];
}

/** A regression run fits a task given by its points (the function view). */
export interface FunctionPreview {
  /** Predictions on the grid after 0..testInnerSteps steps: the run's first learner, its own way. */
  readonly learner: Float32Array[];
  /** ... and the pretrained baseline, by plain SGD. */
  readonly pretrained: Float32Array[];
}

/** One task of the latest meta-batch up close: its points and the learner adapting to it. */
export interface TaskUpClose {
  readonly supportX: Float32Array;
  readonly supportY: Float32Array;
  readonly queryX: Float32Array;
  readonly queryY: Float32Array;
  readonly details: readonly TaskDetail[];
  /** fits[step][gridPoint]: the prediction after 0..innerSteps inner steps on the support points. */
  readonly fits: Float32Array[];
  /** Mean squared error on the support points after 0..innerSteps steps: what the inner loop lowers. */
  readonly supportLoss: number[];
  /** ... and on the query points; the last is what the outer step minimises. */
  readonly queryLoss: number[];
}

/** The latest meta-iteration of a regression learner: the fits are drawn on `gridX`. */
export interface RegressionIterationPicture {
  readonly kind: 'regression';
  /** The iteration shown (its outer step is the one from `before` to `after`). */
  readonly iteration: number;
  /** The learner's id. */
  readonly learner: string;
  readonly innerSteps: number;
  readonly gridX: Float32Array;
  readonly tasks: readonly TaskUpClose[];
  /** The initialisation's prediction on the grid before the outer step, and after it. */
  readonly before: Float32Array;
  readonly after: Float32Array;
}

/** A few images of one task's support or query set, with the labels the learner gives them. */
export interface ShownImages {
  /** imageSize * imageSize grey levels per image (ink 1, paper 0), one image after another. */
  readonly pixels: Float32Array;
  /** Each image's true label (0..ways-1). */
  readonly labels: Int32Array;
  /** predicted[step][image]: the predicted label after 0..innerSteps inner steps. */
  readonly predicted: Int32Array[];
}

/** One classification task of the latest meta-batch up close, scored on all its images. */
export interface ImageTaskUpClose {
  /** A name for the class behind each label. */
  readonly classNames: readonly string[];
  readonly support: ShownImages;
  readonly query: ShownImages;
  /** Cross-entropy and accuracy on every support image after 0..innerSteps steps: what the inner loop lowers. */
  readonly supportLoss: number[];
  readonly supportAccuracy: number[];
  /** ... and on every query image; the last loss is what the outer step minimises. */
  readonly queryLoss: number[];
  readonly queryAccuracy: number[];
}

/** The initialisation, unadapted, on each shown task's queries. */
export interface InitialisationScores {
  readonly queryLoss: number[];
  readonly queryAccuracy: number[];
}

/** The latest meta-iteration of a classification learner. */
export interface ClassificationIterationPicture {
  readonly kind: 'classification';
  readonly iteration: number;
  readonly learner: string;
  readonly innerSteps: number;
  readonly imageSize: number;
  readonly tasks: readonly ImageTaskUpClose[];
  /** The initialisation before the outer step, and after it. */
  readonly before: InitialisationScores;
  readonly after: InitialisationScores;
}

/**
 * The latest meta-iteration of the run's first learner, slowed down: some of its tasks adapting
 * step by step from the initialisation, and the initialisation before and after the outer step.
 */
export type IterationPicture = RegressionIterationPicture | ClassificationIterationPicture;
