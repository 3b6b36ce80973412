/**
 * One entry point for every run: the worker and the runner ask for a Trainer by config (and, for
 * Omniglot, the archives the user loaded) and get the run's learners, in order (the one selected,
 * or the compared ones), beside the pretrained and scratch baselines, on the config's task family.
 */
import type { ExperimentConfig } from '../config';
import type { DatasetLibrary } from '../datasets/library';
import type { ClassSources } from '../classification/types';
import { algorithmInfo, algorithmsOf, configFor } from '../learners/registry';
import { classificationFamily, isClassification } from '../families/registry';
import { Trainer } from './trainer';
import type { TrainerSnapshot } from './types';
import { regressionStream } from './regression/stream';
import { metaBatchLearner } from './regression/metaLearner';
import { multiTaskLearner } from './regression/multiTask';
import { regressionPretrained, regressionScratch } from './regression/baselines';
import { classificationStream } from './classification/stream';
import { classificationLearnerModel } from './classification/learner';
import { classificationPretrained, classificationScratch } from './classification/baselines';

/** Meta-training and held-out class pools of a classification config. */
export function classSources(
  config: ExperimentConfig,
  library: DatasetLibrary | null,
): ClassSources {
  return classificationFamily(config).classSources(config, library);
}

function regressionTrainer(config: ExperimentConfig): Trainer {
  const learners = algorithmsOf(config).map((id) => {
    const part = configFor(config, id);
    return algorithmInfo(id).regression?.kind === 'fixed tasks'
      ? multiTaskLearner(part)
      : metaBatchLearner(part);
  });
  const models = [...learners, regressionPretrained(config), regressionScratch(config)];
  return new Trainer(config, regressionStream(config), models);
}

function classificationTrainer(config: ExperimentConfig, library: DatasetLibrary | null): Trainer {
  const sources = classSources(config, library);
  const stream = classificationStream(config, sources);
  const learners = algorithmsOf(config).map((id) =>
    classificationLearnerModel(configFor(config, id), sources),
  );
  const models = [...learners, classificationPretrained(config), classificationScratch(config)];
  return new Trainer(config, stream, models);
}

/** A fresh run; a config the data cannot serve is refused here, with the reason. */
export function createTrainer(config: ExperimentConfig, library: DatasetLibrary | null): Trainer {
  return isClassification(config)
    ? classificationTrainer(config, library)
    : regressionTrainer(config);
}

/** A run that continues a snapshot's: the next step is the one that would have followed. */
export function restoreTrainer(snapshot: TrainerSnapshot, library: DatasetLibrary | null): Trainer {
  const trainer = createTrainer(snapshot.config, library);
  trainer.restore(snapshot);
  return trainer;
}
