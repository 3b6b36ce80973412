/**
 * MAML (Finn, Abbeel and Levine 2017) as the sinusoid session runs it: the vectorised engine of
 * lowRankMaml.ts for the meta-iteration, plain SGD with innerLr at test time, and each task's own
 * meta-gradient from per-task weight copies when the tasks are compared.
 */
import { tf } from '../../tfjs/tf';
import { paramShapes } from '../../model/mlp';
import { metaGradient } from './lowRankMaml';
import { plainSgd, tileParams } from '../../maml/perTaskAdaptation';
import { perTaskMetaGradients } from '../regressionInnerLoop';
import type { RegressionAlgorithm } from '../regressionAlgorithm';

export const MAML: RegressionAlgorithm = {
  valueShapes: paramShapes,
  initialValues: (theta) => theta,
  metaStep: (theta, batch, options) => metaGradient(theta, batch, options),
  innerRule: (_values, _spec, options) => plainSgd(options.innerLr),
  taskDirections: (theta, batch, options) =>
    tf.tidy(() =>
      perTaskMetaGradients(
        tileParams(theta, batch.queryX.shape[0]),
        plainSgd(options.innerLr),
        batch,
        options,
      ),
    ),
  directionBasis:
    "Each task's meta-gradient: the gradient of its query loss after the inner steps with respect to the shared initial weights.",
  innerRates: () => null,
};
