/** The networks a classification run trains, read off its settings. */
import type { ExperimentConfig } from '../config';
import type { ClassPool, ClassifierSpec } from '../classification/types';

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
  return classifier(config, config.algorithm === 'protonet' ? 0 : config.ways);
}

/** The baselines always classify with a head of one output per way. */
export function baselineSpec(config: ExperimentConfig): ClassifierSpec {
  return classifier(config, config.ways);
}

/** Query images per class at evaluation: evalQuery, or as many as the pool has beside the shots. */
export function evaluationQueries(config: ExperimentConfig, pool: ClassPool): number {
  return Math.max(1, Math.min(config.evalQuery, pool.examplesPerClass - config.shots));
}
