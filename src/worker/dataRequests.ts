/**
 * Loading and forgetting the user's Omniglot zips. A file that cannot be used is answered with
 * the reason and changes nothing: the loaded archives and the current run stay as they were.
 */
import type { DatasetLibrary } from '../core/datasets/library';
import { errorText } from './errorText';
import { NO_RUN, type Command, type WorkerEvent } from './protocol';

export function answerDataCommand(
  library: DatasetLibrary,
  command: Extract<Command, { type: 'loadData' | 'clearData' }>,
): Extract<WorkerEvent, { type: 'data' }> {
  let problem: string | null = null;
  if (command.type === 'clearData') {
    library.clear();
  } else {
    try {
      library.add(command.name, new Uint8Array(command.bytes));
    } catch (error) {
      problem = errorText(error);
    }
  }
  return {
    type: 'data',
    runId: NO_RUN,
    requestId: command.requestId,
    summary: library.summary(),
    problem,
  };
}
