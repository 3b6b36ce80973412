/**
 * What the sinusoid session needs from a meta-learner. A learner's values are the network's
 * parameters theta, in the network's order, followed by anything else it meta-learns (Meta-SGD's
 * inner rates); all of them are updated by the same outer Adam.
 */
import type { tf } from '../tfjs/tf';
import type { Activation, MlpSpec } from '../model/mlp';
import type { MetaGradient, TaskTensors } from './maml/lowRankMaml';
import type { InnerRule } from '../maml/perTaskAdaptation';
import type { LayerRates } from '../results/types';

/** The config's inner-loop settings. */
export interface RegressionOptions {
  readonly innerLr: number;
  readonly innerSteps: number;
  readonly firstOrder: boolean;
  readonly activation: Activation;
}

export interface RegressionAlgorithm {
  /** Shapes of the learner's values: theta's, then those of anything else it learns. */
  valueShapes(spec: MlpSpec, options: RegressionOptions): number[][];
  /** The values at iteration 0, from the network's initial parameters (not copied). */
  initialValues(theta: Float32Array[], options: RegressionOptions): Float32Array[];
  /**
   * One meta-iteration: each task's query loss after adapting on its support set the learner's way
   * ([tasks], their mean is the reported meta-training loss) and the outer update direction for
   * every value, which Adam takes as a gradient.
   */
  metaStep(values: tf.Tensor[], batch: TaskTensors, options: RegressionOptions): MetaGradient;
  /** How the learner adapts to a task at test time. */
  innerRule(values: tf.Tensor[], spec: MlpSpec, options: RegressionOptions): InnerRule;
  /** Each task's own share of the outer direction, with respect to theta: [tasks, theta's size]. */
  taskDirections(values: tf.Tensor[], batch: TaskTensors, options: RegressionOptions): tf.Tensor2D;
  /** One sentence: what taskDirections holds. */
  readonly directionBasis: string;
  /** The learned inner rates per parameter tensor, or null for learners with one fixed rate. */
  innerRates(values: readonly Float32Array[], spec: MlpSpec): LayerRates[] | null;
}

/** The number of parameter tensors of the network (theta's share of the values). */
export function thetaTensors(spec: MlpSpec): number {
  return 2 * (spec.hidden.length + 1);
}
