/**
 * First-order MAML (Finn, Abbeel and Levine 2017, "Model-Agnostic Meta-Learning for Fast
 * Adaptation of Deep Networks", section 5.2): MAML with the inner steps treated as constants, so
 * the meta-gradient is each task's query-loss gradient at its adapted weights. It is MAML with
 * `firstOrder` forced on, whatever the config says, so the two can be compared side by side.
 *
 * Settings: innerLr (default 0.01), innerSteps (1), activation (relu).
 */
import { MAML } from '../maml/regression';
import type { RegressionAlgorithm, RegressionOptions } from '../regressionAlgorithm';

const firstOrder = (options: RegressionOptions): RegressionOptions => ({
  innerLr: options.innerLr,
  innerSteps: options.innerSteps,
  activation: options.activation,
  firstOrder: true,
});

export const FIRST_ORDER_MAML: RegressionAlgorithm = {
  ...MAML,
  metaStep: (theta, batch, options) => MAML.metaStep(theta, batch, firstOrder(options)),
  taskDirections: (theta, batch, options) => MAML.taskDirections(theta, batch, firstOrder(options)),
  directionBasis:
    "Each task's first-order meta-gradient: the gradient of its query loss at its adapted weights.",
};
