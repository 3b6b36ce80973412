/**
 * Names that follow the experiment: the learner is whatever algorithm the run trains (the worker
 * reports it under "maml" whatever it is), and losses are named by what they measure.
 */
import { useMemo } from 'react';
import type { ExperimentConfig } from '../../core/config';
import type { Evaluation } from '../../core/session';
import type { PlaygroundState } from '../store/playgroundStore';
import { usePlayground } from '../training/context';
import { MODEL_STYLES, type ModelKey, type ModelStyle } from './palette';

export function learnerLabel(config: Pick<ExperimentConfig, 'algorithm' | 'firstOrder'>): string {
  if (config.algorithm === 'protonet') return 'ProtoNet';
  return config.firstOrder ? 'First-order MAML' : 'MAML';
}

/** "MSE" or "cross-entropy", as an axis label or inside a sentence. */
export function lossKindLabel(kind: Evaluation['lossKind']): string {
  return kind === 'mse' ? 'MSE' : 'cross-entropy';
}

/** What the run's losses measure, before any evaluation has said so. */
export function lossKindOf(config: Pick<ExperimentConfig, 'task'>): Evaluation['lossKind'] {
  return config.task === 'sinusoid' ? 'mse' : 'cross-entropy';
}

const selectAlgorithm = (state: PlaygroundState) => state.run.config.algorithm;
const selectFirstOrder = (state: PlaygroundState) => state.run.config.firstOrder;

/** The three models' looks, with the learner named after the run's algorithm. */
export function useModelStyles(): Readonly<Record<ModelKey, ModelStyle>> {
  const algorithm = usePlayground(selectAlgorithm);
  const firstOrder = usePlayground(selectFirstOrder);
  return useMemo(() => {
    const label = learnerLabel({ algorithm, firstOrder });
    return { ...MODEL_STYLES, maml: { ...MODEL_STYLES.maml, label, name: label } };
  }, [algorithm, firstOrder]);
}
