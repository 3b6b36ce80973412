/**
 * The one message protocol between the page and the training worker. Every command and event is a
 * plain object with a literal `type`, so both sides switch on it with full type checking. Each
 * carries the `runId` of the run it belongs to: the page starts a new run by configuring with a
 * new id, and drops any event whose id is not the current one, so nothing from a cancelled run
 * can reach the charts.
 */
import type { ExperimentConfig } from '../core/config';
import type { Divergence, Evaluation, Insights, SessionSnapshot } from '../core/session';
import type { SpeedRow } from '../core/bench/metaIterationSpeed';
import type { DataSummary } from '../core/datasets/summary';
import type { OneShotScore, TaskView } from '../core/session/classificationInspect';

export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];

/** One backend considered at start-up, and why it was used or passed over. */
export interface BackendAttempt {
  readonly backend: BackendName;
  readonly used: boolean;
  /** For a backend passed over, the reason; for the one used, what its self-check measured. */
  readonly reason: string;
}

export type RunState = 'idle' | 'running' | 'paused' | 'finished' | 'stopped' | 'failed';

export type Command =
  /** Picks a backend and builds a session; ends any earlier run. Answered by `ready` or `error`. */
  | {
      readonly type: 'configure';
      readonly runId: number;
      readonly config: ExperimentConfig;
      /** Continue this run instead of starting at iteration 0 (after a backend failure). */
      readonly resume?: SessionSnapshot;
      /** Backends not to try (ones that failed during this run). */
      readonly exclude?: readonly BackendName[];
    }
  /** Trains until `config.iterations`, a pause or a stop. */
  | { readonly type: 'start'; readonly runId: number }
  | { readonly type: 'pause'; readonly runId: number }
  | { readonly type: 'resume'; readonly runId: number }
  /** Trains `count` more iterations, then pauses. */
  | { readonly type: 'step'; readonly runId: number; readonly count: number }
  /** Ends training for good; the session stays for evaluation. */
  | { readonly type: 'stop'; readonly runId: number }
  /** Back to iteration 0 with the same settings and backend. */
  | { readonly type: 'reset'; readonly runId: number }
  /** Held-out adaptation curves now, on `tasks` tasks (default: the config's evalTasks). */
  | { readonly type: 'evaluate'; readonly runId: number; readonly tasks?: number }
  /** Tensor and memory counts of the worker's tfjs engine, for leak checks. */
  | { readonly type: 'stats'; readonly runId: number }
  /** Destroys the GPU device (WebGPU) or loses the context (WebGL) for real, to test recovery. */
  | { readonly type: 'simulateDeviceLoss'; readonly runId: number }
  /**
   * Predictions along `gridX` of MAML and the pretrained baseline after 0..testInnerSteps
   * fine-tuning steps on the given support points (the function view).
   */
  | {
      readonly type: 'preview';
      readonly runId: number;
      readonly requestId: number;
      readonly supportX: Float32Array;
      readonly supportY: Float32Array;
      readonly gridX: Float32Array;
    }
  /**
   * Reads an Omniglot zip the user chose and keeps it for task=omniglot runs (belongs to no run;
   * answered by `data`). The current run is untouched whatever the file holds.
   */
  | {
      readonly type: 'loadData';
      readonly runId: typeof NO_RUN;
      readonly requestId: number;
      readonly name: string;
      readonly bytes: ArrayBuffer;
    }
  /** Forgets every loaded archive. Answered by `data`. */
  | { readonly type: 'clearData'; readonly runId: typeof NO_RUN; readonly requestId: number }
  /** Classification: held-out task `task` with its images and the learner's predictions. */
  | {
      readonly type: 'inspectTask';
      readonly runId: number;
      readonly requestId: number;
      readonly task: number;
    }
  /**
   * What the learner looks like inside now: task-gradient similarities, Meta-SGD's learned inner
   * rates, multi-task uncertainties. Answered by `insights`.
   */
  | { readonly type: 'insights'; readonly runId: number; readonly requestId: number }
  /** Scores the 20 standard 20-way one-shot runs of Lake et al. (2015) from a loaded all_runs.zip. */
  | { readonly type: 'scoreOneShotRuns'; readonly runId: number; readonly requestId: number }
  /** Times the vectorised engine, the per-task loop and a session step on this run's settings. */
  | {
      readonly type: 'benchmark';
      readonly runId: number;
      readonly iterations: number;
      readonly secondsPerEngine: number;
    };

/** Run id of events that belong to no run, such as the heartbeat. */
export const NO_RUN = -1;

export type WorkerEvent =
  /** Sent every couple of seconds while the worker's thread is free, so the page can tell a slow
   * backend (a long GPU evaluation) from a dead or hung worker. */
  | { readonly type: 'heartbeat'; readonly runId: typeof NO_RUN }
  | {
      readonly type: 'ready';
      readonly runId: number;
      readonly backend: BackendName;
      /** What the backend runs on, e.g. the GPU adapter or "WASM, SIMD, 2 threads". */
      readonly adapter: string;
      readonly attempts: readonly BackendAttempt[];
      /** 0 for a new run; the snapshot's iteration for a resumed one. */
      readonly iteration: number;
    }
  | {
      /** Only what is new since the last progress event; at most about 20 a second. */
      readonly type: 'progress';
      readonly runId: number;
      readonly state: RunState;
      /** The iteration of metaTrainLoss[0]; the arrays hold consecutive iterations. */
      readonly firstIteration: number;
      readonly metaTrainLoss: Float32Array;
      readonly pretrainedLoss: Float32Array;
      /** Classification: query accuracy after adaptation per iteration (NaN for regression). */
      readonly metaTrainAccuracy: Float32Array;
      readonly pretrainedAccuracy: Float32Array;
      /**
       * A comparison run: per compared algorithm (config.compare order), its meta-training loss
       * for the same iterations as metaTrainLoss; null for a single-algorithm run.
       */
      readonly comparedLoss: readonly Float32Array[] | null;
      /** The latest iteration's per-task query losses before and after adaptation. */
      readonly taskLossBefore: Float32Array;
      readonly taskLossAfter: Float32Array;
      readonly iteration: number;
      /** Measured over the last second or so of training. */
      readonly iterationsPerSecond: number;
    }
  | {
      readonly type: 'evaluation';
      readonly runId: number;
      readonly iteration: number;
      readonly evaluation: Evaluation;
    }
  | {
      readonly type: 'finished';
      readonly runId: number;
      readonly iteration: number;
      readonly divergence: Divergence | null;
    }
  | {
      readonly type: 'error';
      readonly runId: number;
      readonly message: string;
      /** Set when a backend failed mid-run: the run can go on from `snapshot` elsewhere. */
      readonly recovery: {
        readonly failedBackend: BackendName;
        readonly nextBackend: BackendName | null;
        readonly snapshot: SessionSnapshot;
      } | null;
    }
  | {
      readonly type: 'preview';
      readonly runId: number;
      readonly requestId: number;
      /** The iteration whose parameters made the predictions. */
      readonly iteration: number;
      /** maml[step][gridPoint], likewise pretrained. */
      readonly maml: readonly Float32Array[];
      readonly pretrained: readonly Float32Array[];
    }
  | {
      readonly type: 'data';
      readonly runId: typeof NO_RUN;
      readonly requestId: number;
      /** What is loaded now (after this request, successful or not). */
      readonly summary: DataSummary;
      /** Why the file could not be used, or null when it was added. */
      readonly problem: string | null;
    }
  | {
      readonly type: 'insights';
      readonly runId: number;
      readonly requestId: number;
      readonly insights: Insights;
    }
  | {
      readonly type: 'taskView';
      readonly runId: number;
      readonly requestId: number;
      readonly iteration: number;
      readonly view: TaskView;
    }
  | {
      readonly type: 'oneShotRuns';
      readonly runId: number;
      readonly requestId: number;
      readonly iteration: number;
      /** Null with `problem` set when the runs cannot be scored (none loaded, or ways != 20). */
      readonly score: OneShotScore | null;
      readonly problem: string | null;
    }
  | {
      readonly type: 'benchmark';
      readonly runId: number;
      readonly backend: BackendName;
      readonly rows: readonly SpeedRow[];
    }
  | {
      readonly type: 'stats';
      readonly runId: number;
      readonly backend: BackendName;
      readonly numTensors: number;
      readonly numBytes: number;
    };
