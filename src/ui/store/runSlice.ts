/**
 * The `run` slice: what the current training run is doing, as reported by the worker. A "run"
 * here is one experiment as the user sees it: continuing on another backend after a failure keeps
 * the run (and remembers which backends failed), choosing a backend or resetting starts a new one.
 */
import type { ExperimentConfig } from '../../core/config';
import type { Divergence, TrainerSnapshot } from '../../core/trainer';
import type { TrainingHistory } from '../../core/trainer/history';
import type { TrainingCurves } from '../../core/trainer/trainingCurves';
import { costKey } from '../../core/bench/costKey';
import {
  BACKEND_ORDER,
  type BackendAttempt,
  type BackendMeasurement,
  type BackendName,
  type ProbeStage,
  type RunState,
  type WorkerEvent,
} from '../../worker/protocol';
import { activityText } from './activity';

/** The worker's run states, plus 'starting' while a backend is chosen and the session built. */
export type RunStatus = 'starting' | RunState;

/** A backend that failed during this run, and the worker's message about it. */
export interface BackendFailure {
  readonly backend: BackendName;
  readonly message: string;
}

/** The worker's offer to go on from a snapshot after a backend failed mid-run. */
export interface RecoveryOffer {
  readonly failedBackend: BackendName;
  /** Where to continue; null when every backend has failed. */
  readonly nextBackend: BackendName | null;
  readonly snapshot: TrainerSnapshot;
}

export interface RunSlice {
  /** The client's id of the current run; null before the worker exists. */
  readonly runId: number | null;
  readonly state: RunStatus;
  /** The settings this run was configured with (its backend may differ from the address). */
  readonly config: ExperimentConfig;
  /** The backend in use; null while one is being chosen. */
  readonly backend: BackendName | null;
  /** What the backend runs on, e.g. the GPU adapter. */
  readonly adapter: string | null;
  /** Every backend tried for this run, and why each was used or passed over. */
  readonly attempts: readonly BackendAttempt[];
  /** Meta-iterations completed. */
  readonly iteration: number;
  readonly iterationsPerSecond: number;
  /** A calm note about what just happened, e.g. where a run continued. */
  readonly message: string | null;
  /** The worker's latest error message, if any. */
  readonly error: string | null;
  /** Set while the worker offers to continue on another backend. */
  readonly recovery: RecoveryOffer | null;
  /** Backends that failed during this run, in order; they are not tried again. */
  readonly failures: readonly BackendFailure[];
  /** The latest state to resume from (from a recovery offer), for restarting a dead worker. */
  readonly snapshot: TrainerSnapshot | null;
  /** Set when the worker crashed, stopped answering or ran out of memory: what and why. */
  readonly workerFailure: WorkerFailure | null;
  /** Why training stopped early because the loss diverged. */
  readonly divergence: Divergence | null;
  /**
   * What is happening between Start and the first iteration ("Measuring backends: webgl…",
   * "Compiling GPU kernels on webgl…"); null otherwise. Set by the page at once, refined by the
   * worker, cleared by the first progress.
   */
  readonly activity: string | null;
  /** Why the backend in use was chosen, e.g. "wasm: 5.2 ms per iteration, 11x faster than …". */
  readonly choiceReason: string | null;
  /** The cost key this run's experiment is measured under (network kind and size). */
  readonly costKey: string;
  /** Every backend measured on this experiment so far, in the order measured. */
  readonly measurements: readonly BackendMeasurement[];
  /** True when `measurements` were kept in this browser from an earlier visit. */
  readonly measuredEarlier: boolean;
  /** The backend being measured now, and how far it got; null when nothing is measured. */
  readonly measuring: { readonly backend: BackendName; readonly stage: ProbeStage } | null;
  /** What was timed instead of the experiment, if anything (Omniglot: glyphs of the same shapes). */
  readonly measurementNote: string | null;
  /** The user chose to run these settings although they are over the cost budget. */
  readonly forced: boolean;
}

export function initialRun(config: ExperimentConfig): RunSlice {
  return {
    runId: null,
    state: 'starting',
    config,
    backend: null,
    adapter: null,
    attempts: [],
    iteration: 0,
    iterationsPerSecond: 0,
    message: null,
    error: null,
    recovery: null,
    failures: [],
    snapshot: null,
    workerFailure: null,
    divergence: null,
    activity: null,
    choiceReason: null,
    costKey: costKey(config),
    measurements: [],
    measuredEarlier: false,
    measuring: null,
    measurementNote: null,
    forced: false,
  };
}

export interface RunStart {
  readonly runId: number;
  readonly config: ExperimentConfig;
  /** Resume from here instead of iteration 0. */
  readonly resume?: TrainerSnapshot | null;
  /**
   * The curves up to `resume`, drawn before training goes on: a starting state's coarsened
   * history (a lesson's), or a checkpoint's exact curves.
   */
  readonly history?: TrainingHistory | TrainingCurves | null;
  /** Backends that already failed in this run (kept when continuing, empty for a new run). */
  readonly failures?: readonly BackendFailure[];
  readonly message?: string | null;
  /** Measurements of this experiment kept in this browser, handed to the worker. */
  readonly measurements?: readonly BackendMeasurement[];
  /** The worker was asked to forget what it measured and measure again. */
  readonly remeasure?: boolean;
  /** Settings over the cost budget are run anyway. */
  readonly force?: boolean;
  /**
   * A run of several seeds: which seed this run trains (0-based; the worker has that seed's
   * settings). 0, the default, begins the run of seeds afresh.
   */
  readonly seedIndex?: number;
}

/**
 * The run just after the client was asked to configure it. A run of the same cost key as
 * `previous` keeps its measurement: the worker goes on with it.
 */
export function startedRun(start: RunStart, previous?: RunSlice): RunSlice {
  const resume = start.resume ?? null;
  const fresh = initialRun(start.config);
  const kept =
    previous !== undefined && previous.costKey === fresh.costKey && start.remeasure !== true
      ? previous
      : null;
  const earlier = start.measurements ?? [];
  return {
    ...fresh,
    runId: start.runId,
    iteration: resume?.iteration ?? 0,
    failures: start.failures ?? [],
    snapshot: resume,
    message: start.message ?? null,
    measurements:
      kept !== null && kept.measurements.length >= earlier.length ? kept.measurements : earlier,
    measuredEarlier:
      kept !== null && kept.measurements.length >= earlier.length
        ? kept.measuredEarlier
        : earlier.length > 0,
    measuring: kept?.measuring ?? null,
    measurementNote: kept?.measurementNote ?? null,
    forced: start.force === true,
  };
}

/** The backends a run has lost so far; configure excludes them. */
export function failedBackends(failures: readonly BackendFailure[]): BackendName[] {
  return [...new Set(failures.map((failure) => failure.backend))];
}

/**
 * Where to continue after a failure: the worker's suggestion, unless that backend already failed
 * in this run or was passed over when this run chose its backend (e.g. no WebGPU adapter); then
 * the first backend that is neither.
 */
function nextBackendFor(
  offered: BackendName | null,
  failed: readonly BackendName[],
  attempts: readonly BackendAttempt[],
): BackendName | null {
  const passedOver = attempts
    .filter((attempt) => !attempt.usable)
    .map((attempt) => attempt.backend);
  const usable = (backend: BackendName) =>
    !failed.includes(backend) && !passedOver.includes(backend);
  if (offered !== null && usable(offered)) return offered;
  return BACKEND_ORDER.find(usable) ?? null;
}

/** The run after one worker event. */
export function runAfterEvent(run: RunSlice, event: WorkerEvent): RunSlice {
  switch (event.type) {
    case 'ready':
      return {
        ...run,
        // Training may already be under way if a start was sent right after configuring.
        state: run.state === 'starting' ? 'idle' : run.state,
        backend: event.backend,
        adapter: event.adapter,
        attempts: event.attempts,
        choiceReason: event.reason,
        iteration: run.state === 'starting' ? event.iteration : run.iteration,
        error: null,
        recovery: null,
        divergence: null,
      };
    case 'backendChosen':
      return {
        ...run,
        backend: event.backend,
        adapter: event.adapter,
        attempts: event.attempts,
        choiceReason: event.reason,
      };
    case 'measurement':
      if (event.key !== run.costKey) return run;
      return {
        ...run,
        measurements: event.results,
        measuredEarlier: false,
        measuring: event.measuring,
        measurementNote: event.note,
      };
    case 'phase':
      return { ...run, activity: activityText(event.phase) };
    case 'progress':
      return {
        ...run,
        state: event.state,
        iteration: event.iteration,
        iterationsPerSecond: event.iterationsPerSecond,
        // The first iterations arrived (or training stopped): nothing is pending any more.
        activity: event.metaTrainLoss.length > 0 || event.state !== 'running' ? null : run.activity,
      };
    case 'finished':
      return {
        ...run,
        state: run.state === 'stopped' ? 'stopped' : 'finished',
        iteration: event.iteration,
        iterationsPerSecond: 0,
        divergence: event.divergence,
        activity: null,
      };
    case 'error': {
      if (event.recovery === null) {
        // E.g. no backend could start: nothing runs any more. Otherwise the run goes on as it was.
        return {
          ...run,
          state: run.state === 'starting' ? 'failed' : run.state,
          error: event.message,
          activity: null,
        };
      }
      const { failedBackend, snapshot } = event.recovery;
      const failures = [...run.failures, { backend: failedBackend, message: event.message }];
      const failed = failedBackends(failures);
      return {
        ...run,
        state: 'failed',
        iteration: snapshot.iteration,
        iterationsPerSecond: 0,
        error: event.message,
        failures,
        snapshot,
        recovery: {
          failedBackend,
          nextBackend: nextBackendFor(event.recovery.nextBackend, failed, run.attempts),
          snapshot,
        },
        message: null,
        activity: null,
      };
    }
    default:
      // Evaluations, stats and the like do not change the run itself.
      return run;
  }
}

/** Why the page lost its worker: it crashed, stopped answering, or ran out of memory. */
export type WorkerFailureKind = 'crashed' | 'silent' | 'outOfMemory';

/** A lost worker: the message the page shows, and why it was lost. */
export interface WorkerFailure {
  readonly message: string;
  readonly kind: WorkerFailureKind;
}

/** The run after the client reported a lost worker (see WorkerFailureKind). */
export function runAfterWorkerFailure(
  run: RunSlice,
  message: string,
  kind: WorkerFailureKind,
): RunSlice {
  return {
    ...run,
    state: 'failed',
    iterationsPerSecond: 0,
    workerFailure: { message, kind },
    // A recovery offer needs the worker that made it.
    recovery: null,
    message: null,
    activity: null,
  };
}

/** The run just after the page sent Start or Step: it says what happens before any progress. */
export function runAfterStartRequested(run: RunSlice): RunSlice {
  return { ...run, activity: startingActivity(run) };
}

/** What the status says the moment Start is pressed, before the worker says more. */
export function startingActivity(run: Pick<RunSlice, 'measuring' | 'backend'>): string {
  if (run.measuring !== null) return `Measuring backends: ${run.measuring.backend}…`;
  const backend = run.backend ?? 'the backend';
  return run.backend === 'webgpu' || run.backend === 'webgl'
    ? `First iteration on ${backend} (compiling GPU kernels)…`
    : `First iteration on ${backend}…`;
}
