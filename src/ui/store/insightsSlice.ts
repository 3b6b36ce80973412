/**
 * The `insights` slice: what the learner looks like inside, as the worker last described it (task
 * relations, Meta-SGD's learned inner rates, multi-task uncertainties), the watch that keeps it
 * coming while the insights view is shown, and why it stopped, if it failed. All belong to one
 * run: configuring a new run clears them.
 */
import type { Insights } from '../../core/trainer';
import type { WorkerEvent } from '../../worker/protocol';

export interface InsightsSlice {
  /** The watch the worker answers with pictures; null when the view watches nothing. */
  readonly watch: number | null;
  /** The latest picture, or null before the first. */
  readonly latest: Insights | null;
  /** Why the worker stopped sending pictures (the view keeps the last), or null. */
  readonly problem: string | null;
}

export function initialInsights(): InsightsSlice {
  return { watch: null, latest: null, problem: null };
}

export function insightsAfterWatch(slice: InsightsSlice, watchId: number): InsightsSlice {
  return { ...slice, watch: watchId, problem: null };
}

export function insightsAfterEvent(slice: InsightsSlice, event: WorkerEvent): InsightsSlice {
  switch (event.type) {
    case 'insights':
      // A picture of an older watch of this run is still newer than what is shown.
      return { ...slice, latest: event.insights, problem: null };
    case 'requestEnded':
      if (event.requestId !== slice.watch) return slice;
      return {
        ...slice,
        watch: null,
        problem: event.outcome === 'failed' ? event.message : slice.problem,
      };
    default:
      return slice;
  }
}
