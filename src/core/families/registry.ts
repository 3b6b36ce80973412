/**
 * Every task family the playground runs, one line each. A family's folder beside this file holds
 * everything about it (contract.ts says what); nothing else in the code names a family's id.
 */
import type { ExperimentConfig } from '../config/schema';
import type { ClassificationFamily, RegressionFamily, TaskFamilyDefinition } from './contract';
import { SINUSOID_FAMILY } from './sinusoid';
import { GLYPHS_FAMILY } from './glyphs';
import { OMNIGLOT_FAMILY } from './omniglot';
import { LINES_FAMILY } from './lines';

export type { TaskFamilyDefinition, TaskKind } from './contract';

/** In the order the page lists them; the first is the default. */
export const TASK_FAMILIES = [
  SINUSOID_FAMILY,
  GLYPHS_FAMILY,
  OMNIGLOT_FAMILY,
  LINES_FAMILY,
] as const;

export type TaskId = (typeof TASK_FAMILIES)[number]['id'];

export const TASK_IDS: readonly TaskId[] = TASK_FAMILIES.map((family) => family.id);

export function taskFamily(id: TaskId): TaskFamilyDefinition<TaskId> {
  return TASK_FAMILIES.find((family) => family.id === id)!;
}

/** The family of a config's task. */
export function familyOfTask(config: Pick<ExperimentConfig, 'task'>): TaskFamilyDefinition {
  return taskFamily(config.task);
}

export function isClassification(config: Pick<ExperimentConfig, 'task'>): boolean {
  return familyOfTask(config).kind === 'classification';
}

/** A regression config's family; asking it of an image task is a programming error. */
export function regressionFamily(config: Pick<ExperimentConfig, 'task'>): RegressionFamily {
  const family = familyOfTask(config);
  if (family.kind !== 'regression') throw new Error(`${family.name} is not a regression family.`);
  return family;
}

/** A classification config's family. */
export function classificationFamily(config: Pick<ExperimentConfig, 'task'>): ClassificationFamily {
  const family = familyOfTask(config);
  if (family.kind !== 'classification') {
    throw new Error(`${family.name} is not a classification family.`);
  }
  return family;
}

/** Whether a config's images come from files the user chooses. */
export function needsUserData(config: Pick<ExperimentConfig, 'task'>): boolean {
  const family = familyOfTask(config);
  return family.kind === 'classification' && family.userData;
}
