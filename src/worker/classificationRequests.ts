/** Requests that only classification runs answer: one held-out task up close, and the 20 runs. */
import type { Trainer } from '../core/trainer';
import type { ClassificationLearnerModel } from '../core/trainer/classification/learner';
import type { DatasetLibrary } from '../core/datasets/library';
import type { WorkerEvent } from './protocol';

/** A run's first learner when it classifies images: its model and its values as they stand. */
export interface ClassificationLead {
  readonly model: ClassificationLearnerModel;
  readonly values: readonly Float32Array[];
}

export async function inspectTask(
  trainer: Trainer,
  lead: ClassificationLead,
  runId: number,
  requestId: number,
  task: number,
): Promise<WorkerEvent> {
  const iteration = trainer.iteration;
  const view = await lead.model.inspect(
    lead.values.map((v) => v.slice()),
    task,
  );
  return { type: 'taskView', runId, requestId, iteration, view };
}

export async function scoreOneShotRuns(
  trainer: Trainer,
  lead: ClassificationLead,
  library: DatasetLibrary,
  runId: number,
  requestId: number,
): Promise<WorkerEvent> {
  const iteration = trainer.iteration;
  const answer = (score: Awaited<ReturnType<ClassificationLearnerModel['scoreOneShotRuns']>>) =>
    ({ type: 'oneShotRuns', runId, requestId, iteration, ...score }) as const;
  const runs = library.oneShotRuns(trainer.config.imageSize);
  if (!runs) {
    return answer({
      score: null,
      problem: 'Load all_runs.zip from the Omniglot repository to score the 20 one-shot runs.',
    });
  }
  return answer(
    await lead.model.scoreOneShotRuns(
      lead.values.map((v) => v.slice()),
      runs,
    ),
  );
}
