/**
 * The `data` slice: the Omniglot archives the worker holds, the files it is still reading, and the
 * latest file it could not use. Data belongs to no run: a new run keeps it.
 */
import { needsUserData } from '../../core/families/registry';
import type { DataSummary } from '../../core/datasets/summary';
import type { WorkerEvent } from '../../worker/protocol';
import type { RunSlice } from './runSlice';

/** A file handed to the worker and not answered yet. */
export interface DataRequest {
  readonly requestId: number;
  /** The file name, or null for a request to forget everything. */
  readonly name: string | null;
}

/** A file the worker refused, and why (its text is rendered only as text). */
export interface DataProblem {
  readonly name: string;
  readonly message: string;
}

export interface DataSlice {
  readonly summary: DataSummary;
  readonly pending: readonly DataRequest[];
  readonly problem: DataProblem | null;
}

export const EMPTY_SUMMARY: DataSummary = Object.freeze({
  archives: [],
  heldOutAlphabets: [],
  ready: false,
  oneShotRuns: false,
});

export function initialData(): DataSlice {
  return { summary: EMPTY_SUMMARY, pending: [], problem: null };
}

export function dataAfterRequest(slice: DataSlice, request: DataRequest): DataSlice {
  // A new choice of file answers the last complaint.
  return { ...slice, pending: [...slice.pending, request], problem: null };
}

export function dataAfterEvent(slice: DataSlice, event: WorkerEvent): DataSlice {
  if (event.type === 'requestEnded') return dataAfterEnd(slice, event);
  if (event.type !== 'data') return slice;
  const request = slice.pending.find((r) => r.requestId === event.requestId);
  const pending = slice.pending.filter((r) => r.requestId !== event.requestId);
  const problem =
    event.problem === null
      ? slice.problem
      : { name: request?.name ?? 'The file', message: event.problem };
  return { summary: event.summary, pending, problem };
}

/** The worker could not answer a data request: the file is no longer pending, and why is shown. */
function dataAfterEnd(
  slice: DataSlice,
  event: Extract<WorkerEvent, { type: 'requestEnded' }>,
): DataSlice {
  const request = slice.pending.find((r) => r.requestId === event.requestId);
  if (request === undefined) return slice;
  return {
    ...slice,
    pending: slice.pending.filter((r) => r !== request),
    problem: { name: request.name ?? 'Forgetting the files', message: event.message },
  };
}

export function dataProblemDismissed(slice: DataSlice): DataSlice {
  return { ...slice, problem: null };
}

/**
 * The run is an Omniglot one that could not start because no alphabets archive is loaded: the
 * worker said so with an error, which the page shows as guidance rather than as a failure.
 */
export function awaitingData(run: RunSlice, data: DataSlice): boolean {
  return (
    needsUserData(run.config) &&
    !data.summary.ready &&
    run.state === 'failed' &&
    run.recovery === null &&
    run.workerFailure === null
  );
}
