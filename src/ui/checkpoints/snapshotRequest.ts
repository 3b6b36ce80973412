/**
 * Asks the worker for the current run's state between iterations. The worker answers every
 * request once; a run replaced before it answers (its answer is then dropped by the client) is
 * noticed by the first event of the new run.
 */
import { NO_RUN } from '../../worker/protocol';
import type { TrainingClient } from '../worker/trainingClient';
import type { SavedRun } from './savedRun';

/** The run's state and curves, or null when the request ended without them. */
export function askForSnapshot(
  client: TrainingClient,
  requestId: number,
): Promise<SavedRun | null> {
  const runId = client.currentRunId;
  return new Promise((resolve) => {
    const stop = client.listen((event) => {
      const answered = event.type === 'snapshot' && event.requestId === requestId;
      const ended = event.type === 'requestEnded' && event.requestId === requestId;
      const replaced = event.runId !== runId && event.runId !== NO_RUN;
      if (!answered && !ended && !replaced) return;
      stop();
      resolve(
        answered
          ? { snapshot: event.snapshot, curves: event.curves, parameters: event.parameters }
          : null,
      );
    });
    client.send({ type: 'snapshot', requestId });
  });
}
