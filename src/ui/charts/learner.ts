/**
 * Names that follow the experiment: the learner is whatever algorithm the run trains (in a
 * comparison, the first compared algorithm: the evaluation's first learner), named as the
 * algorithm registry names it, and losses are named by what they measure.
 */
import { isClassification } from '../../core/families/registry';
import { useMemo } from 'react';
import type { ExperimentConfig } from '../../core/config';
import {
  algorithmsOf,
  learnerLabel,
  type AlgorithmId,
  type NamingSettings,
} from '../../core/learners/registry';

export { learnerLabel };
import type { Evaluation } from '../../core/trainer';
import { pretrainScheduleText } from '../../core/trainer/baselineSchedule';
import type { PlaygroundState } from '../store/playgroundStore';
import { shownConfig } from '../store/viewingSlice';
import { usePlayground } from '../training/context';
import { MODEL_STYLES, type ModelKey, type ModelStyle } from './palette';

/** The name of one compared algorithm, run with the rest of `config`. */
export function algorithmLabel(id: AlgorithmId, config: NamingSettings): string {
  return learnerLabel({ ...config, algorithm: id });
}

/** The algorithm the page's "learner" curves belong to: the selected one, or the first compared. */
export function learnerOf(config: Pick<ExperimentConfig, 'algorithm' | 'compare'>): AlgorithmId {
  return algorithmsOf(config)[0] ?? config.algorithm;
}

/** "MSE" or "cross-entropy", as an axis label or inside a sentence. */
export function lossKindLabel(kind: Evaluation['lossKind']): string {
  return kind === 'mse' ? 'MSE' : 'cross-entropy';
}

/** What the run's losses measure, before any evaluation has said so. */
export function lossKindOf(config: Pick<ExperimentConfig, 'task'>): Evaluation['lossKind'] {
  return isClassification(config) ? 'cross-entropy' : 'mse';
}

const selectRunConfig = (state: PlaygroundState) => shownConfig(state);

/** The name of the learner the current run trains. */
export function useLearnerLabel(): string {
  const config = usePlayground(selectRunConfig);
  return algorithmLabel(learnerOf(config), config);
}

const selectPretrainEvery = (state: PlaygroundState) => shownConfig(state).pretrainEvery;

/**
 * The three models' looks, with the learner named after the run's algorithm and the pretrained
 * baseline's legend saying when it trains on fewer batches than the learner.
 */
export function useModelStyles(): Readonly<Record<ModelKey, ModelStyle>> {
  const label = useLearnerLabel();
  const pretrainEvery = usePlayground(selectPretrainEvery);
  return useMemo(() => {
    const schedule = pretrainScheduleText({ pretrainEvery });
    const pretrained = MODEL_STYLES.pretrained;
    return {
      ...MODEL_STYLES,
      learner: { ...MODEL_STYLES.learner, label, name: label },
      pretrained: schedule
        ? { ...pretrained, label: `${pretrained.label} (${schedule})` }
        : pretrained,
    };
  }, [label, pretrainEvery]);
}
