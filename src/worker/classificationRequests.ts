/** Requests that only classification runs answer: one held-out task up close, and the 20 runs. */
import type { ClassificationSession } from '../core/session/classificationSession';
import type { DatasetLibrary } from '../core/datasets/library';
import type { WorkerEvent } from './protocol';

export async function inspectTask(
  session: ClassificationSession,
  runId: number,
  requestId: number,
  task: number,
): Promise<WorkerEvent> {
  const iteration = session.iteration;
  const view = await session.inspect(task);
  return { type: 'taskView', runId, requestId, iteration, view };
}

export async function scoreOneShotRuns(
  session: ClassificationSession,
  library: DatasetLibrary,
  runId: number,
  requestId: number,
): Promise<WorkerEvent> {
  const iteration = session.iteration;
  const answer = (score: Awaited<ReturnType<ClassificationSession['scoreOneShotRuns']>>) =>
    ({ type: 'oneShotRuns', runId, requestId, iteration, ...score }) as const;
  const runs = library.oneShotRuns(session.config.imageSize);
  if (!runs) {
    return answer({
      score: null,
      problem: 'Load all_runs.zip from the Omniglot repository to score the 20 one-shot runs.',
    });
  }
  return answer(await session.scoreOneShotRuns(runs));
}
