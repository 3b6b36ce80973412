/**
 * What a learner is to the rest of the playground. Everything about one learner lives in its folder
 * (core/learners/<id>/): this description, the settings it reads, its engines for the task families
 * it serves and how it adapts at test time. Sessions, the settings table and the page ask these
 * questions of the registry instead of testing an id, so a new learner is one folder and one line.
 */
import type { tf } from '../tfjs/tf';
import type { ExperimentConfig, SettingKey } from '../config/schema';
import type { ClassificationTensors } from '../classification/classificationTensors';
import type { ClassifierSpec } from '../classification/types';
import type { RegressionAlgorithm } from './regressionAlgorithm';

/** The settings that can change what a learner is called. */
export type NamingSettings = Pick<ExperimentConfig, 'algorithm' | 'firstOrder' | 'sharing'>;

/** Which weights move when the learner meets a new task: all, the last layer, or none. */
export type TestTimeAdaptation = 'all' | 'head' | 'none';

/** Views of "Inside the learner" beside task relations that only some learners report. */
export type LearnerInsight = 'innerRates' | 'uncertainty';

/** The settings a classification meta-step reads. */
export interface ClassificationStepOptions {
  readonly innerLr: number;
  readonly innerSteps: number;
  readonly firstOrder: boolean;
  /** Score each task's query set before adapting (default true); NaN in its place without. */
  readonly before?: boolean;
}

/** One classification meta-iteration's kernels, before the session reads them back. */
export interface ClassificationStepResult {
  /** One per learner value tensor (theta, then any learned rates): what goes to the outer Adam. */
  readonly grads: tf.Tensor[];
  /**
   * Each task's query loss before and after adaptation, and accuracy after: [tasks]. The loss
   * before is NaN when the step was asked not to compute it (`before: false`).
   */
  readonly lossBefore: tf.Tensor1D;
  readonly lossAfter: tf.Tensor1D;
  readonly accuracyAfter: tf.Tensor1D;
}

export interface ClassificationLearner {
  /**
   * 'ways': the network ends in one output per way and adapts by gradient steps; 'embedding': a
   * bare encoder whose query images are labelled by the nearest class mean of the support set.
   */
  readonly head: 'ways' | 'embedding';
  /** One sentence: whose directions the task-relations view compares. */
  readonly directionBasis: string;
  /** Meta-learns one inner rate per weight beside theta (values: theta's arrays, then the rates'). */
  readonly learnsInnerRates: boolean;
  /** Scores a learner that does not adapt (an 'embedding' head): per task loss, accuracy, labels. */
  readonly score?: (
    spec: ClassifierSpec,
    theta: readonly tf.Tensor[],
    data: ClassificationTensors,
  ) => Promise<{ loss: Float32Array; accuracy: Float32Array; predictions: Int32Array }>;
  /** The outer direction for theta (and the rates, if learned) on a batch, with per-task scores. */
  step(
    spec: ClassifierSpec,
    theta: readonly tf.Tensor[],
    rates: readonly tf.Tensor[] | null,
    data: ClassificationTensors,
    options: ClassificationStepOptions,
  ): ClassificationStepResult;
}

/**
 * How a learner meets sine waves: as a meta-learner stepped by the sinusoid session on meta-batches,
 * or as a model trained on one fixed set of tasks by the multi-task session.
 */
export type RegressionLearner =
  | { readonly kind: 'meta-batches'; readonly algorithm: RegressionAlgorithm }
  | { readonly kind: 'fixed tasks' };

export interface LearnerDefinition<Id extends string = string> {
  /** The id links and results use (`algorithm=<id>`), the folder's name. */
  readonly id: Id;
  /** The name its paper uses. */
  readonly name: string;
  /** Short citation, e.g. 'Finn, Abbeel and Levine 2017'. */
  readonly reference: string;
  /** What it does in a few words, after its id, for the settings table ("adapts only the last layer"). */
  readonly hint: string;
  /** One sentence for a student. */
  readonly summary: string;
  /** The meta-gradient flows through the inner loop's own gradients (second order). */
  readonly differentiatesInnerLoop: boolean;
  /**
   * The settings it reads beyond those every run reads (task, network, rates, evaluation): the
   * page shows a learner's setting only when a learner of the run reads it.
   */
  readonly reads: readonly SettingKey[];
  readonly adapts: TestTimeAdaptation;
  /** Its name and sentence when a setting changes what it is (MAML with firstOrder, say). */
  readonly label?: (config: NamingSettings) => string;
  readonly summaryFor?: (config: NamingSettings) => string;
  /** The insights it reports for this config. */
  readonly insights?: (config: ExperimentConfig) => readonly LearnerInsight[];
  /** For a learner of inner rates: what one of its rates belongs to, for the learned-rates view. */
  readonly ratesNote?: string;
  readonly regression?: RegressionLearner;
  readonly classification?: ClassificationLearner;
}
