/** The networks a classification run trains, read off its settings, and the learner's values. */
import type { ExperimentConfig } from '../../config';
import type { ClassPool, ClassifierSpec } from '../../classification/types';
import type { Rng } from '../../random/rng';
import { classifierShapes, initialClassifierValues } from '../../model/classifierParams';
import { initialInnerRates } from '../../learners/innerRates';
import { classificationLearner } from '../../learners/registry';

const learnsRates = (config: ExperimentConfig): boolean =>
  classificationLearner(config.algorithm).learnsInnerRates;

/** Conv blocks of the MAML paper's Omniglot network: 28 -> 14 -> 7 -> 4 -> 2 pixels. */
export const CONV_BLOCKS = 4;

function classifier(config: ExperimentConfig, outputs: number): ClassifierSpec {
  return config.network === 'conv'
    ? {
        kind: 'conv',
        imageSize: config.imageSize,
        filters: config.filters,
        blocks: CONV_BLOCKS,
        norm: config.norm,
        outputs,
      }
    : { kind: 'mlp', imageSize: config.imageSize, hidden: config.hidden, outputs };
}

/** The meta-learner's network: a classifier with one output per way, or a bare encoder (ProtoNets). */
export function learnerSpec(config: ExperimentConfig): ClassifierSpec {
  const { head } = classificationLearner(config.algorithm);
  return classifier(config, head === 'embedding' ? 0 : config.ways);
}

/** The baselines always classify with a head of one output per way. */
export function baselineSpec(config: ExperimentConfig): ClassifierSpec {
  return classifier(config, config.ways);
}

/** Query images per class at evaluation: evalQuery, or as many as the pool has beside the shots. */
export function evaluationQueries(config: ExperimentConfig, pool: ClassPool): number {
  return Math.max(1, Math.min(config.evalQuery, pool.examplesPerClass - config.shots));
}

/**
 * What the learner's values hold: theta (the network's parameters), then for a learner of inner
 * rates (Meta-SGD) alpha, one learned rate per weight, shaped like theta.
 */
export function learnerShapes(config: ExperimentConfig): number[][] {
  const shapes = classifierShapes(learnerSpec(config));
  return learnsRates(config) ? [...shapes, ...shapes] : shapes;
}

/** The learner's starting values: theta from `rng`, and any learned rates = innerLr everywhere. */
export function initialLearnerValues(config: ExperimentConfig, rng: Rng): Float32Array[] {
  const spec = learnerSpec(config);
  const theta = initialClassifierValues(spec, rng);
  return learnsRates(config) ? [...theta, ...initialInnerRates(spec, config.innerLr)] : theta;
}

/** The learner's values split into theta and its learned rates alpha (null if it learns none). */
export function splitLearnerValues<T>(
  config: ExperimentConfig,
  values: readonly T[],
): { theta: T[]; alpha: T[] | null } {
  const count = classifierShapes(learnerSpec(config)).length;
  return {
    theta: values.slice(0, count),
    alpha: learnsRates(config) ? values.slice(count) : null,
  };
}
