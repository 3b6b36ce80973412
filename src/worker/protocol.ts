/**
 * The one message protocol between the page and the training worker. Every command and event is a
 * plain object with a literal `type`, so both sides switch on it with full type checking. Each
 * carries the `runId` of the run it belongs to: the page starts a new run by configuring with a
 * new id, and drops any event whose id is not the current one, so nothing from a cancelled run
 * can reach the charts.
 *
 * A command with a `requestId` is answered exactly once, so the page never waits on a timer:
 * a one-shot request (evaluate, inspectTask, scoreOneShotRuns, snapshot, loadData, clearData, benchmark) by
 * its result or by `requestEnded`; a watch (preview, insights) gets pictures whenever the
 * parameters change and ends with one `requestEnded` (replaced, withdrawn, its run replaced, or
 * failed). The worker schedules held-out evaluations itself.
 */
import type { ExperimentConfig } from '../core/config';
import type {
  Divergence,
  Evaluation,
  Insights,
  IterationPicture,
  TrainerSnapshot,
} from '../core/trainer';
import type { SpeedRow } from '../core/bench/metaIterationSpeed';
import type { DataSummary } from '../core/datasets/summary';
import type { OneShotScore, TaskView } from '../core/trainer/classification/inspectTypes';
import type { ParameterPlane } from '../core/trainer/regression/parameterPlane';
import type { TrainingCurves } from '../core/trainer/trainingCurves';

export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];

/** One backend considered at start-up, and why it was used or passed over. */
export interface BackendAttempt {
  readonly backend: BackendName;
  readonly used: boolean;
  /**
   * False when it is missing here or failed its self-check. A usable backend that measured slower
   * is passed over, yet still a place to continue after a failure.
   */
  readonly usable: boolean;
  /** For a backend passed over, the reason; for the one used, what its self-check measured. */
  readonly reason: string;
}

/** How far a backend's measurement got. */
export type ProbeStage = 'starting' | 'checking' | 'first-iteration' | 'steady' | 'done';

/**
 * One backend timed on this experiment: checked, then run for a bounded moment (the first
 * iteration, compilation included, then a few more for a steady median), under a wall-clock cap.
 */
export interface BackendMeasurement {
  readonly backend: BackendName;
  /**
   * measured: checked and timed; unavailable: this browser or TensorFlow.js cannot run it;
   * failed: its self-check failed or it crashed; capped: stopped at the wall-clock cap; cut:
   * stopped because training began (not a verdict: it is measured again another time).
   */
  readonly outcome: 'measured' | 'unavailable' | 'failed' | 'capped' | 'cut';
  /** The self-check's message, or why the backend could not be checked. */
  readonly detail: string;
  /** Whether it passed the self-check; null when the check did not finish. */
  readonly checkPassed: boolean | null;
  /** What it runs on (the GPU adapter or renderer), when known. */
  readonly adapter: string | null;
  /** A software renderer (SwiftShader, llvmpipe, a WebGPU fallback adapter...): a CPU in disguise. */
  readonly software: boolean;
  /** The first iteration's wall time, shader compilation included; null if none finished. */
  readonly firstIterationMs: number | null;
  /** Median wall time of the iterations after the first; null if none was timed. */
  readonly msPerIteration: number | null;
  /** Iterations behind msPerIteration. */
  readonly timedIterations: number;
  /** The cap of the stage it reached (the self-check's, or the timing's), in milliseconds. */
  readonly capMs: number;
  /** The stage it had reached when it ended. */
  readonly stoppedAt: ProbeStage;
}

/** What the worker is doing between Start and the first completed iteration. */
export type TrainingPhase =
  /** Waiting a moment for the backend measurement before training begins. */
  | { readonly kind: 'measuring'; readonly backend: BackendName | null; readonly graceMs: number }
  /** The first iteration is running; on a GPU it compiles its kernels first. */
  | {
      readonly kind: 'first-iteration';
      readonly backend: BackendName;
      readonly compiling: boolean;
      readonly expectedMs: number | null;
    };

export type RunState = 'idle' | 'running' | 'paused' | 'finished' | 'stopped' | 'failed';

export type Command =
  /** Picks a backend and builds a trainer; ends any earlier run. Answered by `ready` or `error`. */
  | {
      readonly type: 'configure';
      readonly runId: number;
      readonly config: ExperimentConfig;
      /** Continue this run instead of starting at iteration 0 (after a backend failure). */
      readonly resume?: TrainerSnapshot;
      /** The resumed run's exact curves so far (a checkpoint's), which its snapshots carry on. */
      readonly curves?: TrainingCurves;
      /** Backends not to try (ones that failed during this run). */
      readonly exclude?: readonly BackendName[];
      /** Measurements of this experiment's cost key the page kept from earlier visits. */
      readonly measured?: readonly BackendMeasurement[];
      /** Forget any measurement of this experiment's cost key and measure again. */
      readonly remeasure?: boolean;
      /**
       * Whether the worker schedules held-out evaluations for this run (default true). The
       * benchmark page turns them off so that nothing competes with its timings.
       */
      readonly scheduleEvaluations?: boolean;
      /**
       * Run settings over the cost budget anyway (the user chose "Start anyway"). Without it such
       * a run is built but allocates nothing large: no measurement, no evaluation, no training.
       */
      readonly force?: boolean;
    }
  /** Trains until `config.iterations`, a pause or a stop. */
  | { readonly type: 'start'; readonly runId: number }
  | { readonly type: 'pause'; readonly runId: number }
  | { readonly type: 'resume'; readonly runId: number }
  /** Trains `count` more iterations, then pauses. */
  | { readonly type: 'step'; readonly runId: number; readonly count: number }
  /** Ends training for good; the trainer stays for evaluation. */
  | { readonly type: 'stop'; readonly runId: number }
  /** Back to iteration 0 with the same settings and backend. */
  | { readonly type: 'reset'; readonly runId: number }
  /**
   * Held-out adaptation curves now, on `tasks` tasks (default: the config's evalTasks), beside
   * the worker's own schedule; it replaces an evaluation in progress. Answered by `evaluation`.
   */
  | {
      readonly type: 'evaluate';
      readonly runId: number;
      readonly requestId: number;
      readonly tasks?: number;
    }
  /** Tensor and memory counts of the worker's tfjs engine, for leak checks. */
  | { readonly type: 'stats'; readonly runId: number }
  /** Destroys the GPU device (WebGPU) or loses the context (WebGL) for real, to test recovery. */
  | { readonly type: 'simulateDeviceLoss'; readonly runId: number }
  /**
   * A watch for the function view: predictions along `gridX` of MAML and the pretrained baseline
   * after 0..testInnerSteps fine-tuning steps on these support points, now and again whenever
   * the parameters change (at a bounded rate). It replaces the run's earlier preview watch.
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
  /**
   * Whether the page shows each task's loss before adaptation (the meta-batch tasks view): the
   * learners compute that unadapted pass only while it does (belongs to no run; not answered).
   */
  | { readonly type: 'taskLosses'; readonly runId: typeof NO_RUN; readonly shown: boolean }
  /**
   * Keeps the worker's thread busy for `ms` (at most ten minutes), answering nothing, heartbeat
   * included: a worker that stops answering, as a hung backend would, for tests of the page's
   * watchdog. Handled as it arrives, not after the commands before it.
   */
  | { readonly type: 'hang'; readonly runId: typeof NO_RUN; readonly ms: number }
  /**
   * The page's count of urgent commands in shared memory (urgentCommands.ts), posted first to a
   * new worker where the page is cross-origin isolated. Handled as it arrives; not answered.
   */
  | {
      readonly type: 'urgentCounter';
      readonly runId: typeof NO_RUN;
      readonly buffer: SharedArrayBuffer;
    }
  /** Classification: held-out task `task` with its images and the learner's predictions. */
  | {
      readonly type: 'inspectTask';
      readonly runId: number;
      readonly requestId: number;
      readonly task: number;
    }
  /**
   * A watch for the insights view: what the learner looks like inside (task-gradient
   * similarities, Meta-SGD's learned inner rates, multi-task uncertainties), now and again
   * whenever the parameters change (at a bounded rate). It replaces the run's earlier one.
   */
  | { readonly type: 'insights'; readonly runId: number; readonly requestId: number }
  /**
   * A watch for the one-iteration view: the latest meta-iteration of the run's first learner
   * slowed down (up to `tasks` of its tasks adapting step by step, with their fits along `gridX`
   * or, for images, a few of each task's images with their predicted labels, and the
   * initialisation before and after the outer step), again whenever it trains on.
   */
  | {
      readonly type: 'iteration';
      readonly runId: number;
      readonly requestId: number;
      readonly gridX: Float32Array;
      readonly tasks: number;
    }
  /**
   * A watch for the parameter-space view of a two-parameter run (a linear model): where every
   * model stands on the (w, b) plane, held-out tasks' optima and losses, and their points one
   * inner step away, again whenever the parameters change.
   */
  | { readonly type: 'paramSpace'; readonly runId: number; readonly requestId: number }
  /** The view gone: the watch `watchId` (its requestId) ends, with its `requestEnded`. */
  | { readonly type: 'unwatch'; readonly runId: number; readonly watchId: number }
  /**
   * The run's state between iterations (running, paused or finished) with its curves so far, for
   * a checkpoint. Answered by `snapshot`.
   */
  | { readonly type: 'snapshot'; readonly runId: number; readonly requestId: number }
  /** Scores the 20 standard 20-way one-shot runs of Lake et al. (2015) from a loaded all_runs.zip. */
  | { readonly type: 'scoreOneShotRuns'; readonly runId: number; readonly requestId: number }
  /** Times the vectorised engine, the per-task loop and a trainer step on this run's settings. */
  | {
      readonly type: 'benchmark';
      readonly runId: number;
      readonly requestId: number;
      readonly iterations: number;
      readonly secondsPerEngine: number;
    };

/** The commands that are answered: each gets its result or `requestEnded`, once. */
export type RequestCommand = Extract<Command, { readonly requestId: number }>;

/**
 * Why a request ended without (more) results. cancelled: its run was replaced, or it was
 * replaced by a newer one or withdrawn; failed: the trainer cannot do it, or it threw.
 */
export type RequestOutcome = 'cancelled' | 'failed';

/** Run id of events that belong to no run, such as the heartbeat. */
export const NO_RUN = -1;

export type WorkerEvent =
  /** Sent every couple of seconds while the worker's thread is free, so the page can tell a slow
   * backend (a long GPU evaluation) from a dead or hung worker. */
  | { readonly type: 'heartbeat'; readonly runId: typeof NO_RUN }
  /**
   * Sent just before work that keeps the worker's thread busy (so silent) for long: how long it
   * is expected to take. It holds until the next one; a short expectation ends a long one.
   */
  | {
      readonly type: 'busy';
      readonly runId: typeof NO_RUN;
      readonly what: 'iteration' | 'evaluation';
      readonly expectedMs: number;
    }
  | {
      readonly type: 'ready';
      readonly runId: number;
      readonly backend: BackendName;
      /** What the backend runs on, e.g. the GPU adapter or "WASM, SIMD, 2 threads". */
      readonly adapter: string;
      readonly attempts: readonly BackendAttempt[];
      /** Why this backend: e.g. "wasm: 5.2 ms per iteration, 11x faster than webgl (...)". */
      readonly reason: string;
      /** 0 for a new run; the snapshot's iteration for a resumed one. */
      readonly iteration: number;
    }
  /**
   * The run moved to (or kept) a backend once a measurement ended, before its first iteration;
   * the fields mean what they mean in `ready`.
   */
  | {
      readonly type: 'backendChosen';
      readonly runId: number;
      readonly backend: BackendName;
      readonly adapter: string;
      readonly attempts: readonly BackendAttempt[];
      readonly reason: string;
    }
  /**
   * Backend measurement of one cost key (it belongs to no run: runs of the same key share it),
   * sent as each backend starts and ends.
   */
  | {
      readonly type: 'measurement';
      readonly runId: typeof NO_RUN;
      readonly key: string;
      /** What was timed instead of the experiment itself, if anything (Omniglot: glyphs). */
      readonly note: string | null;
      /** Every backend measured so far, in the order they were measured. */
      readonly results: readonly BackendMeasurement[];
      /** The backend being measured now, and how far it is; null once the measurement ended. */
      readonly measuring: { readonly backend: BackendName; readonly stage: ProbeStage } | null;
    }
  /** Between Start and the first iteration: what the worker is doing. */
  | { readonly type: 'phase'; readonly runId: number; readonly phase: TrainingPhase }
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
      /** The `evaluate` command this answers; null for one the worker scheduled itself. */
      readonly requestId: number | null;
      readonly iteration: number;
      readonly evaluation: Evaluation;
      /** The worker's time spent on it, without the training done between its chunks. */
      readonly workMs: number;
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
      /**
       * The engine ran out of memory: the message names the settings to reduce, and the page
       * stops this worker to free what it holds (no backend can go on with the same settings).
       */
      readonly outOfMemory?: boolean;
      /** Set when a backend failed mid-run: the run can go on from `snapshot` elsewhere. */
      readonly recovery: {
        readonly failedBackend: BackendName;
        readonly nextBackend: BackendName | null;
        readonly snapshot: TrainerSnapshot;
      } | null;
    }
  /** A picture for the preview watch `requestId`. */
  | {
      readonly type: 'preview';
      readonly runId: number;
      readonly requestId: number;
      /** The iteration whose parameters made the predictions. */
      readonly iteration: number;
      /** learner[step][gridPoint]: the run's first learner, adapting its own way; likewise pretrained. */
      readonly learner: readonly Float32Array[];
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
  /** A picture for the one-iteration watch `requestId`; null before the first iteration. */
  | {
      readonly type: 'iteration';
      readonly runId: number;
      readonly requestId: number;
      readonly picture: IterationPicture | null;
    }
  /** A picture for the insights watch `requestId`. */
  | {
      readonly type: 'insights';
      readonly runId: number;
      readonly requestId: number;
      readonly insights: Insights;
    }
  /** A picture for the parameter-space watch `requestId`. */
  | {
      readonly type: 'paramSpace';
      readonly runId: number;
      readonly requestId: number;
      readonly plane: ParameterPlane;
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
  /**
   * A request ended without its result, or a watch ended: the page stops waiting for it. A view
   * keeps its last picture; `message` says why, for a short note (not a failed run).
   */
  | {
      readonly type: 'requestEnded';
      readonly runId: number;
      readonly requestId: number;
      readonly outcome: RequestOutcome;
      readonly message: string;
    }
  /** The answer to `snapshot`: everything to continue the run exactly, and its curves. */
  | {
      readonly type: 'snapshot';
      readonly runId: number;
      readonly requestId: number;
      readonly snapshot: TrainerSnapshot;
      readonly curves: TrainingCurves;
      /** The first learner's network, one row-major array per tensor (for a results file). */
      readonly parameters: readonly Float32Array[];
    }
  | {
      readonly type: 'benchmark';
      readonly runId: number;
      readonly requestId: number;
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

/** The training worker asks a throwaway probe worker to check and time one backend. */
export interface ProbeRequest {
  readonly backend: BackendName;
  /** The experiment to time (a real trainer step of it). */
  readonly config: ExperimentConfig;
  /** Whether to run the self-check (false when the training worker already ran it here). */
  readonly check: boolean;
}

/** What a probe worker reports as it goes; the training worker may end it at any moment. */
export type ProbeReport =
  | { readonly type: 'unavailable'; readonly reason: string }
  | { readonly type: 'adapter'; readonly adapter: string; readonly software: boolean }
  | { readonly type: 'checked'; readonly passed: boolean; readonly message: string }
  /** One timed iteration; the first includes compilation. */
  | { readonly type: 'iteration'; readonly ms: number }
  | { readonly type: 'done' }
  | { readonly type: 'failed'; readonly message: string };
