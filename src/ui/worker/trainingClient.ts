/**
 * The page's handle on the training worker. It numbers runs, tags every command with the current
 * run's id and drops events of any other run, so results of a cancelled run never reach the page.
 * It also reports a worker that crashes, and stops one that no longer answers (which frees its
 * memory) rather than letting the page wait.
 */
import { pageKeyValue, type ExperimentConfig } from '../../core/config';
import { WASM_THREADS_NAME } from '../../worker/threadsName';
import { UrgentCounter } from '../../worker/urgentCommands';
import type { TrainerSnapshot } from '../../core/trainer';
import type { TrainingCurves } from '../../core/trainer/trainingCurves';
import {
  NO_RUN,
  type BackendMeasurement,
  type BackendName,
  type Command,
  type WorkerEvent,
} from '../../worker/protocol';
import { formatMs } from '../../worker/ranking';
import { isDeadSilence, silenceLimitMs } from './liveness';
import type { WorkerFailureKind } from '../store/runSlice';

/** Whether the page's link says `threads=1`: the WASM backend may then use several threads. */
function threadsAsked(): boolean {
  return pageKeyValue(window.location.href, 'threads') === '1';
}

/** A command without its run id: the client adds the current one. */
export type RunCommand = Command extends infer C
  ? C extends {
      type: 'configure' | 'loadData' | 'clearData' | 'taskLosses' | 'hang' | 'urgentCounter';
    }
    ? never
    : Omit<C, 'runId'>
  : never;

export interface TrainingClientCallbacks {
  readonly onEvent: (event: WorkerEvent) => void;
  /** The worker died, hangs or ran out of memory; the message says which. */
  readonly onWorkerFailure: (message: string, kind: WorkerFailureKind) => void;
}

/** Events that belong to no run but matter to the page (a data request's end among them). */
function belongsToPage(event: WorkerEvent): boolean {
  return (
    event.type === 'data' ||
    event.type === 'measurement' ||
    (event.type === 'requestEnded' && event.runId === NO_RUN)
  );
}

export class TrainingClient {
  /** Counts urgent commands for the worker to see mid-iteration; null where memory is not shared. */
  private urgent: UrgentCounter | null = null;
  private worker: Worker;
  private runId = 0;
  private expectingProgress = false;
  private lastHeard = performance.now();
  /** How long the worker said its current work would take (its latest `busy`). */
  private expectedMs = 0;
  private readonly watchdog: ReturnType<typeof setInterval>;
  private readonly listeners = new Set<(event: WorkerEvent) => void>();

  constructor(private readonly callbacks: TrainingClientCallbacks) {
    this.worker = this.spawn();
    this.watchdog = setInterval(() => {
      this.checkSilence();
    }, 1000);
  }

  /** Starts a new run (cancelling the current one); returns its id. */
  configure(
    config: ExperimentConfig,
    options: {
      resume?: TrainerSnapshot;
      curves?: TrainingCurves;
      exclude?: readonly BackendName[];
      measured?: readonly BackendMeasurement[];
      remeasure?: boolean;
      scheduleEvaluations?: boolean;
      force?: boolean;
    } = {},
  ): number {
    this.runId += 1;
    this.expectingProgress = false;
    this.post({ type: 'configure', runId: this.runId, config, ...options });
    return this.runId;
  }

  send(command: RunCommand): void {
    if (command.type === 'start' || command.type === 'resume' || command.type === 'step') {
      this.expectingProgress = true;
      this.lastHeard = performance.now();
    }
    this.post({ ...command, runId: this.runId });
  }

  /**
   * Hands the worker an Omniglot zip; the answer is a `data` event (it belongs to no run). The
   * bytes are transferred, so pass a copy if the page keeps them (to reload after a restart).
   */
  loadData(requestId: number, name: string, bytes: ArrayBuffer): void {
    this.worker.postMessage(
      { type: 'loadData', runId: NO_RUN, requestId, name, bytes } satisfies Command,
      [bytes],
    );
  }

  clearData(requestId: number): void {
    this.post({ type: 'clearData', runId: NO_RUN, requestId });
  }

  /** Tells the worker whether the page shows each task's loss before adaptation. */
  showTaskLosses(shown: boolean): void {
    this.post({ type: 'taskLosses', runId: NO_RUN, shown });
  }

  /** Replaces a dead or hung worker with a fresh one; the caller configures a run again. */
  restart(): void {
    this.worker.terminate();
    this.expectingProgress = false;
    this.expectedMs = 0;
    this.worker = this.spawn();
  }

  /**
   * Also passes every event of the current run to `listener` (handy from the developer console,
   * and for tests); returns a function that stops it.
   */
  listen(listener: (event: WorkerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  dispose(): void {
    clearInterval(this.watchdog);
    this.worker.terminate();
  }

  get currentRunId(): number {
    return this.runId;
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('../../worker/trainingWorker.ts', import.meta.url), {
      type: 'module',
      // The worker reads its name before its backends start: threads are fixed from then on.
      name: threadsAsked() ? `training ${WASM_THREADS_NAME}` : 'training',
    });
    // A new count for a new worker, which has read nothing yet.
    this.urgent = UrgentCounter.create();
    if (this.urgent !== null) {
      worker.postMessage({ type: 'urgentCounter', runId: NO_RUN, buffer: this.urgent.buffer });
    }
    worker.onmessage = (message: MessageEvent<WorkerEvent>) => {
      if (worker !== this.worker) return;
      this.lastHeard = performance.now();
      const event = message.data;
      if (event.type === 'busy') this.expectedMs = event.expectedMs;
      if (event.runId !== this.runId && !belongsToPage(event)) return;
      if (event.type === 'progress') this.expectingProgress = event.state === 'running';
      if (event.type === 'finished' || event.type === 'error') this.expectingProgress = false;
      if (event.type === 'error' && event.outOfMemory === true) {
        this.stopOutOfMemory(event.message);
        return;
      }
      this.callbacks.onEvent(event);
      for (const listener of this.listeners) listener(event);
    };
    worker.onerror = (error: ErrorEvent) => {
      error.preventDefault();
      this.expectingProgress = false;
      this.callbacks.onWorkerFailure(
        `The training worker crashed: ${error.message || 'no message given'}.`,
        'crashed',
      );
    };
    worker.onmessageerror = () => {
      this.callbacks.onWorkerFailure(
        'The training worker sent a message the page could not read.',
        'crashed',
      );
    };
    return worker;
  }

  /**
   * A worker whose engine ran out of memory keeps what it took (a WASM heap never shrinks) and
   * cannot go on with the same settings: it is stopped, which frees the memory, and reported
   * with the settings to reduce. What it sent before stays on the page.
   */
  private stopOutOfMemory(message: string): void {
    this.worker.terminate();
    this.callbacks.onWorkerFailure(
      `${message} The training worker was stopped, which frees its memory; the charts keep ` +
        'what it had sent. Restart it after reducing those settings.',
      'outOfMemory',
    );
  }

  private post(command: Command): void {
    this.urgent?.count(command);
    this.worker.postMessage(command);
  }

  /**
   * A worker silent beyond the limit while training is stopped: a hung backend would otherwise
   * keep (and go on growing) its memory. What it sent stays on the page, and its last snapshot
   * lets a restarted worker go on from there.
   */
  private checkSilence(): void {
    if (!this.expectingProgress) return;
    const silent = performance.now() - this.lastHeard;
    if (!isDeadSilence(silent, this.expectedMs)) return;
    this.worker.terminate();
    this.expectingProgress = false;
    const said =
      silenceLimitMs(this.expectedMs) > silenceLimitMs(0)
        ? ` It expected its current work to take about ${formatMs(this.expectedMs)}.`
        : '';
    this.callbacks.onWorkerFailure(
      `The training worker had not answered for ${Math.round(silent / 1000)} s while training.${said} ` +
        'It was stopped, which frees its memory; the charts keep what it had sent.',
      'silent',
    );
  }
}
