/**
 * The meta-learners the sinusoid session runs, by `config.algorithm`. Each lives in its own folder
 * (MAML's vectorised engine in core/maml); the registry beside this file describes them.
 */
import { MAML } from '../maml/mamlLearner';
import { FIRST_ORDER_MAML } from './fomaml/fomaml';
import { REPTILE } from './reptile/reptile';
import { META_SGD } from './metasgd/metaSgd';
import { ANIL } from './anil/anil';
import { algorithmInfo, type AlgorithmId } from './registry';
import type { RegressionAlgorithm } from './regressionAlgorithm';

export type { RegressionAlgorithm, RegressionOptions } from './regressionAlgorithm';

const REGRESSION: Partial<Record<AlgorithmId, RegressionAlgorithm>> = {
  maml: MAML,
  fomaml: FIRST_ORDER_MAML,
  reptile: REPTILE,
  metasgd: META_SGD,
  anil: ANIL,
};

export function regressionAlgorithm(id: AlgorithmId): RegressionAlgorithm {
  const algorithm = REGRESSION[id];
  if (!algorithm) {
    throw new Error(`${algorithmInfo(id).name} is not a meta-learner of the sinusoid session.`);
  }
  return algorithm;
}
