/**
 * The `inspect` slice: what the page asked the worker to show of the current classification run,
 * a held-out task with the learner's labels and the score on the 20 one-shot runs, and the latest
 * answers. Both belong to one run: configuring a new run clears them (the viewer still follows the
 * same task index, and asks again once the new run is ready).
 */
import type { OneShotScore, TaskView } from '../../core/trainer/classification/inspectTypes';
import type { WorkerEvent } from '../../worker/protocol';

export interface ShownTask {
  /** Which held-out task (0, 1, ...). */
  readonly task: number;
  /** The training iteration whose parameters made the labels. */
  readonly iteration: number;
  readonly view: TaskView;
}

export interface OneShotResult {
  readonly iteration: number;
  readonly score: OneShotScore | null;
  /** Why the runs could not be scored (rendered as text only). */
  readonly problem: string | null;
}

export interface InspectSlice {
  /** The task the viewer follows, or null before the user asks for one. */
  readonly task: number | null;
  /** The request whose answer the viewer waits for; older answers are dropped. */
  readonly taskRequest: number | null;
  readonly shown: ShownTask | null;
  /** Why the latest task asked for could not be shown (the viewer keeps what it shows), or null. */
  readonly taskProblem: string | null;
  readonly oneShotRequest: number | null;
  readonly oneShot: OneShotResult | null;
}

export function initialInspect(): InspectSlice {
  return {
    task: null,
    taskRequest: null,
    shown: null,
    taskProblem: null,
    oneShotRequest: null,
    oneShot: null,
  };
}

/** A new run shows nothing of the old one, but the viewer keeps following the same task. */
export function inspectForNewRun(slice: InspectSlice): InspectSlice {
  return { ...initialInspect(), task: slice.task };
}

export function inspectAfterTaskRequest(
  slice: InspectSlice,
  requestId: number,
  task: number,
): InspectSlice {
  return { ...slice, task, taskRequest: requestId };
}

export function inspectAfterOneShotRequest(slice: InspectSlice, requestId: number): InspectSlice {
  return { ...slice, oneShotRequest: requestId };
}

export function inspectAfterEvent(slice: InspectSlice, event: WorkerEvent): InspectSlice {
  switch (event.type) {
    case 'taskView':
      if (event.requestId !== slice.taskRequest || slice.task === null) return slice;
      return {
        ...slice,
        taskRequest: null,
        shown: { task: slice.task, iteration: event.iteration, view: event.view },
        taskProblem: null,
      };
    case 'oneShotRuns':
      if (event.requestId !== slice.oneShotRequest) return slice;
      return {
        ...slice,
        oneShotRequest: null,
        oneShot: { iteration: event.iteration, score: event.score, problem: event.problem },
      };
    case 'requestEnded':
      return inspectAfterEnd(slice, event);
    default:
      return slice;
  }
}

/** A request ended without its answer: stop waiting, keep what is shown, and say why it failed. */
function inspectAfterEnd(
  slice: InspectSlice,
  event: Extract<WorkerEvent, { type: 'requestEnded' }>,
): InspectSlice {
  const failed = event.outcome === 'failed';
  if (event.requestId === slice.taskRequest) {
    return { ...slice, taskRequest: null, taskProblem: failed ? event.message : slice.taskProblem };
  }
  if (event.requestId !== slice.oneShotRequest) return slice;
  const { oneShot } = slice;
  return {
    ...slice,
    oneShotRequest: null,
    oneShot: failed
      ? {
          iteration: oneShot?.iteration ?? 0,
          score: oneShot?.score ?? null,
          problem: event.message,
        }
      : oneShot,
  };
}
