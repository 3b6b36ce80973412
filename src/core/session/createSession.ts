/**
 * One entry point for every task family: the worker and the runner ask for a session by config
 * (and, for Omniglot, the archives the user loaded) and get the right kind.
 */
import type { ExperimentConfig } from '../config';
import { DataError } from '../data/errors';
import type { DatasetLibrary } from '../datasets/library';
import { glyphPool } from '../tasks/glyphsPool';
import { datasetPool } from '../classification/poolsDataset';
import { ClassificationSession, type ClassSources } from './classificationSession';
import { TrainingSession } from './session';
import type { Session, SessionSnapshot } from './types';

/** Meta-training and held-out class pools of a classification config. */
export function classSources(
  config: ExperimentConfig,
  library: DatasetLibrary | null,
): ClassSources {
  if (config.task === 'glyphs') {
    return {
      train: glyphPool(config.seed, 'train', config.imageSize),
      test: glyphPool(config.seed, 'test', config.imageSize),
    };
  }
  if (!library?.hasAlphabets) {
    throw new DataError(
      'Omniglot runs need the Omniglot images: choose images_background.zip (or its small subsets) from the public Omniglot repository, optionally with images_evaluation.zip and all_runs.zip.',
    );
  }
  const split = library.split(config.imageSize);
  const options = { rotations: config.rotations };
  return { train: datasetPool(split.train, options), test: datasetPool(split.test, options) };
}

export function createSession(config: ExperimentConfig, library: DatasetLibrary | null): Session {
  return config.task === 'sinusoid'
    ? new TrainingSession(config)
    : new ClassificationSession(config, classSources(config, library));
}

export function restoreSession(snapshot: SessionSnapshot, library: DatasetLibrary | null): Session {
  const { config } = snapshot;
  return config.task === 'sinusoid'
    ? TrainingSession.restore(snapshot)
    : ClassificationSession.restore(snapshot, classSources(config, library));
}
