/**
 * One entry point for every task family: the worker and the runner ask for a session by config
 * (and, for Omniglot, the archives the user loaded) and get the right kind.
 */
import type { ExperimentConfig } from '../config';
import type { DatasetLibrary } from '../datasets/library';
import { ClassificationSession, type ClassSources } from '../session/classificationSession';
import { TrainingSession } from '../session/session';
import { MultiTaskSession } from '../session/multiTaskSession';
import type { Session, SessionSnapshot } from '../session/types';
import { CompareSession } from '../compare/compareSession';
import { algorithmInfo } from '../learners/registry';
import { classificationFamily, isClassification } from '../families/registry';

/** Whether a sinusoid config's learner trains on a fixed set of tasks (the multi-task session). */
function fixedTasks(config: ExperimentConfig): boolean {
  return algorithmInfo(config.algorithm).regression?.kind === 'fixed tasks';
}

/** Meta-training and held-out class pools of a classification config. */
export function classSources(
  config: ExperimentConfig,
  library: DatasetLibrary | null,
): ClassSources {
  return classificationFamily(config).classSources(config, library);
}

/** One algorithm's session; classification reads its class pools once, shared by every part. */
function singleSessions(config: ExperimentConfig, library: DatasetLibrary | null) {
  let sources: ClassSources | null = null;
  const classes = (): ClassSources => (sources ??= classSources(config, library));
  return {
    create(part: ExperimentConfig): Session {
      if (isClassification(part)) return new ClassificationSession(part, classes());
      return fixedTasks(part) ? new MultiTaskSession(part) : new TrainingSession(part);
    },
    restore(snapshot: SessionSnapshot): Session {
      const part = snapshot.config;
      if (isClassification(part)) return ClassificationSession.restore(snapshot, classes());
      return fixedTasks(part)
        ? MultiTaskSession.restore(snapshot)
        : TrainingSession.restore(snapshot);
    },
  };
}

export function createSession(config: ExperimentConfig, library: DatasetLibrary | null): Session {
  const single = singleSessions(config, library);
  return config.compare.length > 0 ? new CompareSession(config, single) : single.create(config);
}

export function restoreSession(snapshot: SessionSnapshot, library: DatasetLibrary | null): Session {
  const single = singleSessions(snapshot.config, library);
  return snapshot.config.compare.length > 0
    ? CompareSession.restore(snapshot, single)
    : single.restore(snapshot);
}
