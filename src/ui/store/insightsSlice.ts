/**
 * The `insights` slice: what the learner looks like inside, as the worker last described it (task
 * relations, Meta-SGD's learned inner rates, multi-task uncertainties), and the request it is
 * still answering. Both belong to one run: configuring a new run clears them.
 */
import type { Insights } from '../../core/session';
import type { WorkerEvent } from '../../worker/protocol';

export interface InsightsSlice {
  /** The request waiting for an answer; null when none is. */
  readonly request: number | null;
  /** The latest answer, or null before the first. */
  readonly latest: Insights | null;
}

export function initialInsights(): InsightsSlice {
  return { request: null, latest: null };
}

export function insightsAfterRequest(slice: InsightsSlice, requestId: number): InsightsSlice {
  return { ...slice, request: requestId };
}

export function insightsAfterEvent(slice: InsightsSlice, event: WorkerEvent): InsightsSlice {
  switch (event.type) {
    case 'insights':
      // An answer to an older request is still this run's and newer than what is shown.
      return {
        request: event.requestId === slice.request ? null : slice.request,
        latest: event.insights,
      };
    case 'error':
      // The worker may have dropped the request: stop waiting, keep what is shown.
      return slice.request === null ? slice : { ...slice, request: null };
    default:
      return slice;
  }
}
