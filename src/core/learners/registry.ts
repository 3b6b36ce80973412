/**
 * Every learner the playground runs, one line each. A learner's folder beside this file holds
 * everything about it (contract.ts says what); nothing else in the code names a learner's id.
 */
import type { ExperimentConfig } from '../config/schema';
import type {
  ClassificationLearner,
  LearnerDefinition,
  LearnerInsight,
  NamingSettings,
} from './contract';
import type { TaskKind } from '../families/contract';
import type { RegressionAlgorithm } from './regressionAlgorithm';
import { MAML_LEARNER } from './maml';
import { FIRST_ORDER_MAML_LEARNER } from './fomaml';
import { REPTILE_LEARNER } from './reptile';
import { META_SGD_LEARNER } from './metasgd';
import { ANIL_LEARNER } from './anil';
import { PROTOTYPICAL_NETWORKS_LEARNER } from './protonet';
import { MULTI_TASK_LEARNER } from './multitask';
import { MAML_PLUS_PLUS_LEARNER } from './mamlpp';

export type { LearnerDefinition, NamingSettings } from './contract';

/** In the order the page lists them; the first is the default. */
export const LEARNERS = [
  MAML_LEARNER,
  FIRST_ORDER_MAML_LEARNER,
  REPTILE_LEARNER,
  META_SGD_LEARNER,
  ANIL_LEARNER,
  PROTOTYPICAL_NETWORKS_LEARNER,
  MULTI_TASK_LEARNER,
  MAML_PLUS_PLUS_LEARNER,
] as const;

export type AlgorithmId = (typeof LEARNERS)[number]['id'];

export const ALGORITHM_IDS: readonly AlgorithmId[] = LEARNERS.map((learner) => learner.id);

export function algorithmInfo(id: AlgorithmId): LearnerDefinition<AlgorithmId> {
  return LEARNERS.find((learner) => learner.id === id)!;
}

/** The kinds of task family a learner has an engine for. */
export function familiesOf(id: AlgorithmId): TaskKind[] {
  const learner: LearnerDefinition = algorithmInfo(id);
  return [
    ...(learner.regression ? ['regression' as const] : []),
    ...(learner.classification ? ['classification' as const] : []),
  ];
}

export function servesFamily(id: AlgorithmId, family: TaskKind): boolean {
  return familiesOf(id).includes(family);
}

/** Its name for these settings: MAML with firstOrder is first-order MAML, say. */
export function learnerLabel(config: NamingSettings): string {
  const learner: LearnerDefinition = algorithmInfo(config.algorithm);
  return learner.label?.(config) ?? learner.name;
}

/** Its sentence for a student, for these settings. */
export function learnerSummary(config: NamingSettings): string {
  const learner: LearnerDefinition = algorithmInfo(config.algorithm);
  return learner.summaryFor?.(config) ?? learner.summary;
}

/** The insights beside task relations it reports for this config (learned rates, say). */
export function learnerInsights(config: ExperimentConfig): readonly LearnerInsight[] {
  const learner: LearnerDefinition = algorithmInfo(config.algorithm);
  return learner.insights?.(config) ?? [];
}

/** Whether it adapts to a task by inner gradient steps while it trains (innerLr drives them). */
export function hasInnerLoop(id: AlgorithmId): boolean {
  return (algorithmInfo(id).reads as readonly string[]).includes('innerSteps');
}

/** The algorithms a config runs: the compared ones, or the one selected. */
export function algorithmsOf(
  config: Pick<ExperimentConfig, 'algorithm' | 'compare'>,
): readonly AlgorithmId[] {
  return config.compare.length > 0 ? config.compare : [config.algorithm];
}

/** The config one compared algorithm runs with: the same settings and seed, that algorithm. */
export function configFor(config: ExperimentConfig, id: AlgorithmId): ExperimentConfig {
  return Object.freeze({ ...config, algorithm: id, compare: [] });
}

/** The sinusoid session's engine for a meta-learner; a learner without one cannot be asked. */
export function regressionAlgorithm(id: AlgorithmId): RegressionAlgorithm {
  const learner: LearnerDefinition = algorithmInfo(id);
  if (learner.regression?.kind !== 'meta-batches') {
    throw new Error(`${learner.name} is not a meta-learner of the sinusoid session.`);
  }
  return learner.regression.algorithm;
}

/** The classification engine of a learner that serves images. */
export function classificationLearner(id: AlgorithmId): ClassificationLearner {
  const learner: LearnerDefinition = algorithmInfo(id);
  if (!learner.classification) throw new Error(`${learner.name} does not classify images.`);
  return learner.classification;
}
