/**
 * When the worker evaluates on held-out tasks, so the held-out and adaptation charts fill in while
 * a run trains: once as soon as a run is ready (its starting point), up to about twenty times
 * during the run on a modest number of tasks, once when training pauses, and a last time on every
 * evaluation task when the run finishes. Only one is ever in flight. While training they are at
 * least two seconds apart, and further apart if they take long: an evaluation shares the worker
 * with training, so the pause after one is a few times the worker's time spent on it (not the wall
 * time, which includes the training done between its chunks), which keeps evaluating to a small
 * part of the worker's time. Pure, so the rules read in one place and are tested with numbers.
 */
import type { RunState } from './protocol';

/** About this many evaluations over a whole run. */
export const EVALUATIONS_PER_RUN = 20;
/** Evaluations during a run use at most this many of the config's evaluation tasks. */
export const INTERIM_EVALUATION_TASKS = 100;
/** Least wall time between two evaluations started while training or paused. */
export const MIN_EVALUATION_GAP_MS = 2000;
/** While training, the pause after an evaluation is at least this many times its work time. */
export const PAUSE_PER_EVALUATION_TIME = 4;

/** What the policy needs to know of the run. */
export interface EvaluatedRun {
  readonly state: RunState;
  readonly iteration: number;
  /** The config's iterations and evalTasks. */
  readonly iterations: number;
  readonly evalTasks: number;
  /** Training stopped because the loss diverged: nothing worth a final evaluation. */
  readonly diverged: boolean;
}

/** What the schedule remembers of the run it follows. */
export interface EvaluationMemory {
  /** The iteration and time of the latest evaluation started, if any. */
  readonly lastIteration: number | null;
  readonly lastAt: number;
  readonly inFlight: boolean;
  /** When the latest one ended, and the worker's time spent on it. */
  readonly answeredAt: number;
  readonly lastWorkMs: number;
  /** The iteration the full, final evaluation was started at. */
  readonly finalIteration: number | null;
}

export function freshEvaluationMemory(): EvaluationMemory {
  return {
    lastIteration: null,
    lastAt: -Infinity,
    inFlight: false,
    answeredAt: -Infinity,
    lastWorkMs: 0,
    finalIteration: null,
  };
}

/** An evaluation to start now, or when to look again (null: only on the next change). */
export type EvaluationDecision =
  | { readonly kind: 'evaluate'; readonly tasks: number; readonly final: boolean }
  | { readonly kind: 'wait'; readonly retryInMs: number | null };

const WAIT: EvaluationDecision = { kind: 'wait', retryInMs: null };

/** Waits until `dueAt`, or evaluates `tasks` now if that time has come. */
function dueOrWait(dueAt: number, now: number, tasks: number): EvaluationDecision {
  const wait = dueAt - now;
  return wait > 0 ? { kind: 'wait', retryInMs: wait } : { kind: 'evaluate', tasks, final: false };
}

export function decideEvaluation(
  run: EvaluatedRun,
  memory: EvaluationMemory,
  now: number,
): EvaluationDecision {
  if (memory.inFlight) return WAIT;
  const interim = Math.min(run.evalTasks, INTERIM_EVALUATION_TASKS);
  const evaluated = memory.lastIteration === run.iteration;
  switch (run.state) {
    case 'finished':
    case 'stopped':
      if (run.diverged || memory.finalIteration === run.iteration) return WAIT;
      return { kind: 'evaluate', tasks: run.evalTasks, final: true };
    case 'idle':
      // A run that is ready but not started: show where it starts from.
      return evaluated ? WAIT : { kind: 'evaluate', tasks: interim, final: false };
    case 'paused':
      return evaluated ? WAIT : dueOrWait(memory.lastAt + MIN_EVALUATION_GAP_MS, now, interim);
    case 'running': {
      // Started before the starting point was evaluated: that one comes first.
      if (memory.lastIteration === null) return { kind: 'evaluate', tasks: interim, final: false };
      const every = Math.max(1, Math.ceil(run.iterations / EVALUATIONS_PER_RUN));
      if (run.iteration - memory.lastIteration < every) return WAIT;
      const dueAt = Math.max(
        memory.lastAt + MIN_EVALUATION_GAP_MS,
        memory.answeredAt + PAUSE_PER_EVALUATION_TIME * memory.lastWorkMs,
      );
      return dueOrWait(dueAt, now, interim);
    }
    case 'failed':
      return WAIT;
  }
}

/** The memory once an evaluation of `iteration` started at `now`. */
export function afterStart(
  memory: EvaluationMemory,
  iteration: number,
  final: boolean,
  now: number,
): EvaluationMemory {
  return {
    ...memory,
    lastIteration: iteration,
    lastAt: now,
    inFlight: true,
    finalIteration: final ? iteration : memory.finalIteration,
  };
}

/** The memory once the evaluation in flight ended at `now`, having cost `workMs` of the worker. */
export function afterEnd(memory: EvaluationMemory, workMs: number, now: number): EvaluationMemory {
  return { ...memory, inFlight: false, answeredAt: now, lastWorkMs: workMs };
}
