/**
 * Asks the training worker for held-out evaluations, so the held-out and adaptation charts fill in
 * while a run trains: one as soon as a run is ready (its starting point), up to about twenty during
 * the run on a modest number of tasks, one when training pauses, and a last one on every evaluation
 * task when the run finishes. Only one is ever in flight. While training they are at least two
 * seconds apart, and further apart if they take long: an evaluation shares the worker with
 * training, so the pause after one is a few times the worker's time spent on it (not the wall
 * time, which includes the training done between its chunks), which keeps evaluating to a small
 * part of the worker's time.
 */
import { useContext, useEffect } from 'react';
import type { PlaygroundStore } from '../store/playgroundStore';
import type { RunSlice } from '../store/runSlice';
import type { EvaluationSlice } from '../store/evaluationSlice';
import type { TrainingClient } from '../worker/trainingClient';
import type { WorkerEvent } from '../../worker/protocol';
import { PlaygroundContext } from './context';

/** About this many evaluations over a whole run. */
export const EVALUATIONS_PER_RUN = 20;
/** Evaluations during a run use at most this many of the config's evaluation tasks. */
export const INTERIM_EVALUATION_TASKS = 100;
/** Least wall time between two evaluations requested while training. */
export const MIN_EVALUATION_GAP_MS = 2000;
/** While training, the pause after an evaluation is at least this many times its duration. */
export const PAUSE_PER_EVALUATION_TIME = 4;
/**
 * An evaluation unanswered for this long is given up on, so the schedule never stalls. The worker
 * answers every evaluation of a live run, but works on it only between training's slices, so a
 * big one can take many minutes; asking again replaces it there, so this must not come too soon.
 */
export const EVALUATION_TIMEOUT_MS = 30 * 60_000;

/** What the schedule remembers about the run it is following. */
export interface ScheduleMemory {
  readonly runId: number | null;
  /** The iteration and time of the latest request of this run, if any. */
  readonly lastIteration: number | null;
  readonly lastAt: number;
  /** When the pending request was sent; null when none is pending. */
  readonly pendingSince: number | null;
  /** When the latest answer came, and the worker's time spent on it. */
  readonly answeredAt: number;
  readonly lastDurationMs: number;
  /** The iteration the full, final evaluation was requested at. */
  readonly finalIteration: number | null;
}

export function freshMemory(runId: number | null): ScheduleMemory {
  return {
    runId,
    lastIteration: null,
    lastAt: -Infinity,
    pendingSince: null,
    answeredAt: -Infinity,
    lastDurationMs: 0,
    finalIteration: null,
  };
}

/** A request to make now, or the time to look again (null: only on the next change). */
export type Decision =
  | { readonly kind: 'evaluate'; readonly tasks: number; readonly final: boolean }
  | { readonly kind: 'wait'; readonly retryInMs: number | null };

const WAIT: Decision = { kind: 'wait', retryInMs: null };

/** Decides whether to ask for an evaluation now. Pure, so the rules read in one place. */
export function decide(
  run: RunSlice,
  evaluations: EvaluationSlice,
  memory: ScheduleMemory,
  now: number,
): Decision {
  if (run.runId === null || run.runId !== memory.runId || run.backend === null) return WAIT;
  if (memory.pendingSince !== null) return WAIT;
  const { evalTasks, iterations } = run.config;
  const interim = Math.min(evalTasks, INTERIM_EVALUATION_TASKS);
  // A new run keeps the store's points at iteration 0 until they are replaced, and those may come
  // from other settings; a resumed run's earlier points are its own.
  const evaluated = (iteration: number) =>
    memory.lastIteration === iteration ||
    (iteration > 0 && evaluations.points.some((point) => point.iteration === iteration));

  switch (run.state) {
    case 'finished':
    case 'stopped':
      if (run.divergence !== null || memory.finalIteration === run.iteration) return WAIT;
      return { kind: 'evaluate', tasks: evalTasks, final: true };
    case 'idle':
      // A run that is ready but not started: show where it starts from.
      return evaluated(run.iteration) ? WAIT : { kind: 'evaluate', tasks: interim, final: false };
    case 'paused': {
      if (evaluated(run.iteration)) return WAIT;
      const wait = memory.lastAt + MIN_EVALUATION_GAP_MS - now;
      return wait > 0
        ? { kind: 'wait', retryInMs: wait }
        : { kind: 'evaluate', tasks: interim, final: false };
    }
    case 'running': {
      if (memory.lastIteration === null) {
        // Started before the ready evaluation was asked for: do that one first.
        return { kind: 'evaluate', tasks: interim, final: false };
      }
      const every = Math.max(1, Math.ceil(iterations / EVALUATIONS_PER_RUN));
      if (run.iteration - memory.lastIteration < every) return WAIT;
      const wait =
        Math.max(
          memory.lastAt + MIN_EVALUATION_GAP_MS,
          memory.answeredAt + PAUSE_PER_EVALUATION_TIME * memory.lastDurationMs,
        ) - now;
      return wait > 0
        ? { kind: 'wait', retryInMs: wait }
        : { kind: 'evaluate', tasks: interim, final: false };
    }
    default:
      return WAIT;
  }
}

/** Follows the store and the client's events, and sends the evaluations `decide` asks for. */
class EvaluationSchedule {
  private memory = freshMemory(null);
  private client: TrainingClient | null = null;
  private stopListening: (() => void) | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private readonly stopWatching: () => void;

  constructor(
    private readonly store: PlaygroundStore,
    private readonly clientOf: () => TrainingClient | null,
  ) {
    this.stopWatching = store.subscribe(() => {
      this.check();
    });
    this.check();
  }

  dispose(): void {
    this.stopWatching();
    this.stopListening?.();
    if (this.retry !== null) clearTimeout(this.retry);
  }

  private readonly onEvent = (event: WorkerEvent): void => {
    if (event.type !== 'evaluation' && event.type !== 'error') return;
    const { runId, pendingSince } = this.memory;
    if (event.runId !== runId || pendingSince === null) return;
    const now = performance.now();
    this.memory = {
      ...this.memory,
      pendingSince: null,
      answeredAt: now,
      // An error carries no time: count the wall time, an upper bound.
      lastDurationMs: event.type === 'evaluation' ? event.workMs : now - pendingSince,
    };
    this.check();
  };

  private follow(client: TrainingClient | null): void {
    if (client === this.client) return;
    this.stopListening?.();
    this.stopListening = client === null ? null : client.listen(this.onEvent);
    this.client = client;
  }

  private check(): void {
    const client = this.clientOf();
    this.follow(client);
    if (client === null) return;
    const { run, evaluations } = this.store.getState();
    const now = performance.now();
    if (run.runId !== this.memory.runId) this.memory = freshMemory(run.runId);
    const { pendingSince } = this.memory;
    if (pendingSince !== null && now - pendingSince > EVALUATION_TIMEOUT_MS) {
      this.memory = { ...this.memory, pendingSince: null };
    }
    // Commands go to the client's current run: never ask on behalf of a run it has left.
    if (run.runId !== client.currentRunId) return;

    const decision = decide(run, evaluations, this.memory, now);
    if (decision.kind === 'wait') {
      if (decision.retryInMs !== null && this.retry === null) {
        this.retry = setTimeout(() => {
          this.retry = null;
          this.check();
        }, decision.retryInMs);
      }
      return;
    }
    this.memory = {
      ...this.memory,
      lastIteration: run.iteration,
      lastAt: now,
      pendingSince: now,
      finalIteration: decision.final ? run.iteration : this.memory.finalIteration,
    };
    client.send({ type: 'evaluate', tasks: decision.tasks });
  }
}

/**
 * Keeps held-out evaluations coming for the page's current run, through the provider's training
 * client. Mount it once, in the component that shows the evaluations.
 */
export function useEvaluationSchedule(): void {
  const playground = useContext(PlaygroundContext);
  if (playground === null) throw new Error('useEvaluationSchedule needs <PlaygroundProvider>.');
  const { store, controller } = playground;
  useEffect(() => {
    // The provider attaches the client in its own effect, which runs after this one; the store
    // changes as soon as it does (the first run is configured), and the schedule looks again.
    const schedule = new EvaluationSchedule(store, () => controller.trainingClient);
    return () => {
      schedule.dispose();
    };
  }, [store, controller]);
}
