/**
 * What the buttons, the shortcuts and the backend choice do: each turns into commands for the
 * training client and a note in the store. The client is attached while the page is mounted;
 * before that (and after) every action does nothing.
 */
import { exceedsBudget } from '../../core/bench/costBudget';
import { isClassification, needsUserData } from '../../core/families/registry';
import type { ExperimentConfig } from '../../core/config';
import type { TrainerSnapshot } from '../../core/trainer';
import type { LessonState } from '../../core/lessons/lessonState';
import type { TrainingHistory } from '../../core/trainer/history';
import type { TrainingCurves } from '../../core/trainer/trainingCurves';
import { askForSnapshot } from '../checkpoints/snapshotRequest';
import type { SavedRun } from '../checkpoints/savedRun';
import { costKey } from '../../core/bench/costKey';
import { NO_RUN, type WorkerEvent } from '../../worker/protocol';
import type { TrainingClient } from '../worker/trainingClient';
import type { PreviewSupport } from '../functionView/previewTypes';
import type { PlaygroundState, PlaygroundStore } from '../store/playgroundStore';
import { failedBackends, type BackendFailure, type RunSlice } from '../store/runSlice';
import { sameConfig } from '../store/settingsSlice';
import { seedRunConfig } from '../store/seedsSlice';
import { finishedSeedOf, seedIsDone } from './seedProgress';
import {
  forgetMeasurements,
  loadMeasurements,
  saveMeasurements,
  type CacheContext,
  type KeyValueStore,
} from './measurementCache';

export type BackendChoice = ExperimentConfig['backend'];

/** Whether training can begin or go on from here (it has iterations left and is not busy). */
/** Settings over the cost budget train only once the user said to run them anyway. */
export function refusedForCost(run: RunSlice): boolean {
  return !run.forced && exceedsBudget(run.config);
}

function hasWorkLeft(run: RunSlice): boolean {
  return run.iteration < run.config.iterations && run.divergence === null && !refusedForCost(run);
}

export function canStart(run: RunSlice): boolean {
  return run.state === 'idle' && hasWorkLeft(run);
}

export function canStep(run: RunSlice): boolean {
  return (run.state === 'idle' || run.state === 'paused') && hasWorkLeft(run);
}

export function canPauseOrResume(run: RunSlice): boolean {
  return run.state === 'running' || (run.state === 'paused' && hasWorkLeft(run));
}

export function canReset(run: RunSlice): boolean {
  if (run.state === 'starting' || run.workerFailure !== null) return false;
  return !(run.state === 'idle' && run.iteration === 0);
}

/** Reset also clears the seeds finished before the one waiting at iteration 0. */
export function canResetSeeds(state: Pick<PlaygroundState, 'run' | 'seeds'>): boolean {
  const { run, seeds } = state;
  if (canReset(run)) return true;
  return seeds.finished.length > 0 && run.state !== 'starting' && run.workerFailure === null;
}

interface ConfigureOptions {
  readonly resume?: TrainerSnapshot | null;
  /** The curves up to `resume`: a lesson state's coarsened history or a checkpoint's exact ones. */
  readonly history?: TrainingHistory | TrainingCurves | null;
  readonly failures?: readonly BackendFailure[];
  readonly message?: string | null;
  /** Forget this experiment's backend measurement and measure again. */
  readonly remeasure?: boolean;
  /** Run settings over the cost budget anyway. */
  readonly force?: boolean;
  /** A run of several seeds: the seed to train (0-based); 0 begins the run of seeds afresh. */
  readonly seedIndex?: number;
}

/** This browser's storage for measurements, if the page may use it. */
function browserStore(): KeyValueStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function cacheContext(): CacheContext {
  return { userAgent: navigator.userAgent, now: Date.now() };
}

/** Fewer than two algorithms is no comparison: the button that runs one stays disabled. */
export const MIN_COMPARED = 2;

/** Whether the settings name enough algorithms for a comparison worth running. */
export function enoughToCompare(config: Pick<ExperimentConfig, 'compare'>): boolean {
  return config.compare.length >= MIN_COMPARED;
}

/** Whether a run has a session that can answer questions about its parameters. */
export function sessionReady(run: RunSlice): boolean {
  return run.backend !== null && run.state !== 'starting' && run.state !== 'failed';
}

/** A file the user chose, kept so a restarted worker can be given it again. */
interface KeptFile {
  readonly requestId: number;
  readonly bytes: ArrayBuffer;
}

export class PlaygroundController {
  private client: TrainingClient | null = null;
  private stopListening: (() => void) | null = null;
  /** Request ids are unique on the page, so an answer is never taken for another's. */
  private lastRequestId = 0;
  private readonly keptFiles = new Map<string, KeptFile>();
  /** Views showing each task's loss before adaptation; the worker computes it while any does. */
  private taskLossViews = 0;
  /**
   * Whether a run of several seeds goes on to the next seed by itself: after Start or Resume, not
   * after Step or Pause, which leave the next seed waiting for Start.
   */
  private keepGoing = false;

  constructor(private readonly store: PlaygroundStore) {}

  /**
   * Connects the client and configures a run from the current settings. Nothing trains until the
   * user says so, a shared comparison included: the page shows what it will run, and waits.
   */
  attach(client: TrainingClient): void {
    this.client = client;
    this.stopListening = client.listen(this.onEvent);
    if (this.taskLossViews > 0) client.showTaskLosses(true);
    this.configureFromSettings();
  }

  detach(): void {
    this.stopListening?.();
    this.stopListening = null;
    this.client = null;
  }

  /** The attached client (null before mounting and after), for views that ask the worker. */
  get trainingClient(): TrainingClient | null {
    return this.client;
  }

  /** A new run from the settings in the address, from iteration 0, on any backend. */
  configureFromSettings(): void {
    this.configure(this.store.getState().settings.config);
  }

  /** Start, pause or resume, whichever fits: what Space and K do. */
  toggle(): void {
    const run = this.run();
    if (canStart(run)) this.start();
    else if (canPauseOrResume(run)) this.pauseOrResume();
  }

  start(): void {
    if (canStart(this.run())) this.sendStart();
  }

  pauseOrResume(): void {
    const run = this.run();
    if (!canPauseOrResume(run)) return;
    this.keepGoing = run.state !== 'running';
    this.client?.send({ type: run.state === 'running' ? 'pause' : 'resume' });
  }

  /** Trains exactly one more iteration, then pauses. */
  step(): void {
    if (!canStep(this.run()) || this.client === null || this.viewingFile()) return;
    this.keepGoing = false;
    this.client.send({ type: 'step', count: 1 });
    if (this.run().iteration === 0) this.store.getState().startRequested();
  }

  /**
   * Measures the backends on this experiment again (forgetting what this browser kept), in a new
   * run of the current settings from iteration 0, like choosing a backend.
   */
  measureAgain(): void {
    const { config } = this.store.getState().settings;
    forgetMeasurements(browserStore(), costKey(config));
    this.configure(config, { remeasure: true });
  }

  /**
   * Back to iteration 0 with the same settings and backend. Done as a fresh run rather than the
   * worker's reset, so no progress of the old session can arrive after the charts were cleared.
   */
  reset(): void {
    const run = this.run();
    if (!canResetSeeds(this.store.getState())) return;
    this.configure(run.backend === null ? run.config : { ...run.config, backend: run.backend }, {
      failures: run.failures,
      force: run.forced,
    });
  }

  /**
   * Applies settings chosen on the page: they go into the address as a new history entry and a
   * new run is configured with them, from iteration 0. With `start`, training begins at once.
   * Settings equal to the current ones change nothing.
   */
  commitSettings(config: ExperimentConfig, options: { readonly start?: boolean } = {}): void {
    if (!this.store.getState().commitSettings(config)) return;
    this.configureFromSettings();
    if (options.start === true && !this.waitsForData(config)) this.sendStart();
  }

  /**
   * Runs the comparison the settings describe from iteration 0: a new run if the settings changed
   * or the current run has trained, else the current one starts.
   */
  runComparison(): void {
    const { settings, run } = this.store.getState();
    if (!enoughToCompare(settings.config)) return;
    const untrained = run.iteration === 0 && (run.state === 'idle' || run.state === 'starting');
    const fresh = untrained && sameConfig(run.config, settings.config);
    if (!fresh) this.configureFromSettings();
    if (!this.waitsForData(settings.config)) this.sendStart();
  }

  /** Saves the backend in the address and starts a new run on it. */
  chooseBackend(backend: BackendChoice): void {
    if (this.store.getState().setSetting('backend', backend)) this.configureFromSettings();
  }

  /**
   * Back, Forward or an edited hash changed the address: the settings are read again from it and
   * from its history entry, and if they differ, a new run is configured for them.
   */
  followLink(text: string, historyState: unknown): void {
    const changed = this.store.getState().loadSettingsFromLink(text, historyState);
    if (changed) this.configureFromSettings();
  }

  /**
   * Opens a lesson's starting state in place of a run that has not begun: the run goes on from
   * the state's iteration, its curves drawn so far. Does nothing (and says so) once the run has
   * begun or the settings are no longer the state's.
   */
  openStartingState(state: LessonState): boolean {
    const { run, settings } = this.store.getState();
    const untouched = run.iteration === 0 && run.activity === null;
    const waiting = run.state === 'idle' || run.state === 'starting';
    if (this.client === null || !untouched || !waiting) return false;
    if (!sameConfig(state.snapshot.config, settings.config)) return false;
    this.configure(settings.config, {
      resume: state.snapshot,
      history: state.history,
      failures: run.failures,
    });
    return true;
  }

  /**
   * The current run's state between iterations (while running, paused or finished), with its
   * curves so far; null when there is no run to ask or it was replaced before answering.
   */
  requestSavedRun(): Promise<SavedRun | null> {
    const client = this.readyClient();
    if (client === null) return Promise.resolve(null);
    return askForSnapshot(client, this.nextRequestId());
  }

  /**
   * Continues a saved run: its settings become the page's (and the address's), and the run stands
   * at its iteration with its curves drawn, waiting for Start.
   */
  resumeSavedRun(saved: SavedRun, name: string): void {
    const { snapshot } = saved;
    this.store.getState().commitSettings(snapshot.config);
    this.configure(snapshot.config, {
      resume: snapshot,
      history: saved.curves,
      message: `Resumed “${name}” at iteration ${snapshot.iteration}.`,
    });
  }

  /** Accepts the worker's offer: the same run goes on from its snapshot on the next backend. */
  continueOnNextBackend(): void {
    const run = this.run();
    const offer = run.recovery;
    if (offer === null || offer.nextBackend === null) return;
    const { nextBackend, snapshot } = offer;
    this.configure(
      { ...run.config, backend: nextBackend },
      {
        resume: snapshot,
        failures: run.failures,
        message: `Continuing on ${nextBackend} from iteration ${snapshot.iteration}, after ${offer.failedBackend} failed.`,
        force: run.forced,
        seedIndex: this.store.getState().seeds.index,
      },
    );
    this.sendStart();
  }

  /**
   * Hands one Omniglot zip to the worker. The page keeps the bytes (the worker gets a copy) so a
   * restarted worker can be given them again.
   */
  loadData(name: string, bytes: ArrayBuffer): void {
    const client = this.client;
    if (client === null) return;
    const requestId = this.nextRequestId();
    this.keptFiles.set(name, { requestId, bytes });
    this.store.getState().dataRequested({ requestId, name });
    client.loadData(requestId, name, bytes.slice(0));
  }

  /** Forgets every loaded archive, here and in the worker. */
  clearData(): void {
    const client = this.client;
    if (client === null) return;
    this.keptFiles.clear();
    const requestId = this.nextRequestId();
    this.store.getState().dataRequested({ requestId, name: null });
    client.clearData(requestId);
  }

  /**
   * A view of each task's loss before and after adaptation is shown: the worker computes the
   * unadapted pass (skipped otherwise) until the returned function is called.
   */
  showTaskLosses(): () => void {
    this.taskLossViews += 1;
    if (this.taskLossViews === 1) this.client?.showTaskLosses(true);
    let shown = true;
    return () => {
      if (!shown) return;
      shown = false;
      this.taskLossViews -= 1;
      if (this.taskLossViews === 0) this.client?.showTaskLosses(false);
    };
  }

  /** Asks for held-out task `task` with the current run's labels for it. */
  inspectTask(task: number): void {
    const client = this.client;
    if (client === null || !sessionReady(this.run())) return;
    const requestId = this.nextRequestId();
    this.store.getState().taskRequested(requestId, task);
    client.send({ type: 'inspectTask', requestId, task });
  }

  /** Asks again for the task the viewer follows, if any, e.g. after an evaluation. */
  refreshTask(): void {
    const { task } = this.store.getState().inspect;
    if (task !== null && isClassification(this.run().config)) this.inspectTask(task);
  }

  /**
   * The insights view is shown: the worker sends what the learner looks like inside, and again
   * as it changes, into the insights slice. Returns the watch's id for `unwatch`, or null if there
   * is no session to watch.
   */
  watchInsights(): number | null {
    const client = this.readyClient();
    if (client === null) return null;
    const requestId = this.nextRequestId();
    this.store.getState().insightsWatched(requestId);
    client.send({ type: 'insights', requestId });
    return requestId;
  }

  /**
   * The function view shows these support points: the worker sends both models' fits on them
   * along `gridX`, and again as training changes the models. Returns the watch's id (the id of
   * the `preview` events that answer it), or null if there is no session to watch.
   */
  watchPreview(support: PreviewSupport, gridX: Float32Array): number | null {
    const client = this.readyClient();
    if (client === null) return null;
    const requestId = this.nextRequestId();
    client.send({ type: 'preview', requestId, supportX: support.x, supportY: support.y, gridX });
    return requestId;
  }

  /**
   * The one-iteration view is shown: the worker sends the learner's latest meta-iteration slowed
   * down (up to `tasks` tasks, fits along `gridX`), and again as training goes on. Returns the
   * watch's id, or null if there is no run to watch.
   */
  watchIteration(gridX: Float32Array, tasks: number): number | null {
    const client = this.readyClient();
    if (client === null) return null;
    const requestId = this.nextRequestId();
    client.send({ type: 'iteration', requestId, gridX, tasks });
    return requestId;
  }

  /**
   * The parameter-space view is shown (a two-parameter run): the worker sends where every model
   * stands on the (w, b) plane, and again as training moves them. Returns the watch's id (the id
   * of the `paramSpace` events that answer it), or null if there is no session to watch.
   */
  watchParamSpace(): number | null {
    const client = this.readyClient();
    if (client === null) return null;
    const requestId = this.nextRequestId();
    client.send({ type: 'paramSpace', requestId });
    return requestId;
  }

  /** A view that watched is gone: the worker stops sending it pictures. */
  unwatch(watchId: number): void {
    this.client?.send({ type: 'unwatch', watchId });
  }

  /** Asks for the current run's error rate on the 20 one-shot runs of a loaded all_runs.zip. */
  scoreOneShotRuns(): void {
    const client = this.client;
    if (client === null || !sessionReady(this.run())) return;
    const requestId = this.nextRequestId();
    this.store.getState().oneShotRequested(requestId);
    client.send({ type: 'scoreOneShotRuns', requestId });
  }

  /** Replaces a crashed or hung worker and configures again, from the last snapshot if any. */
  restartWorker(): void {
    const client = this.client;
    if (client === null) return;
    const run = this.run();
    client.restart();
    if (this.taskLossViews > 0) client.showTaskLosses(true);
    // The new worker reads the kept files before it builds the run: it handles commands in order.
    this.store.getState().dataLost();
    for (const [name, file] of [...this.keptFiles]) this.loadData(name, file.bytes);
    const snapshot = run.snapshot;
    const { settings, seeds } = this.store.getState();
    const { config } = settings;
    const same = sameConfig(config, run.config);
    this.configure(config, {
      resume: snapshot,
      failures: run.failures,
      force: run.forced && same,
      seedIndex: same ? seeds.index : 0,
      message:
        snapshot === null
          ? 'Started a new worker; training begins again at iteration 0.'
          : `Started a new worker; training can go on from iteration ${snapshot.iteration}.`,
    });
  }

  private run(): RunSlice {
    return this.store.getState().run;
  }

  /** A results file is shown read-only: Start and Step wait until it is closed. */
  private viewingFile(): boolean {
    return this.store.getState().viewing !== null;
  }

  /**
   * The user's answer to the cost budget's refusal: the same settings as a new run that may
   * allocate what they need, started at once.
   */
  startAnyway(): void {
    const run = this.run();
    if (!refusedForCost(run) || run.state !== 'idle') return;
    this.configure(run.config, { failures: run.failures, force: true });
    this.sendStart();
  }

  /**
   * Starts training; the status says at once what happens until the first iteration. Not while a
   * results file is shown: the run underneath waits until it is closed.
   */
  private sendStart(): void {
    if (this.client === null || refusedForCost(this.run()) || this.viewingFile()) return;
    this.keepGoing = true;
    this.client.send({ type: 'start' });
    this.store.getState().startRequested();
  }

  /** Omniglot without data cannot run: the worker says so, and the data panel explains. */
  private waitsForData(config: ExperimentConfig): boolean {
    return needsUserData(config) && !this.store.getState().data.summary.ready;
  }

  /** The client, if its current run is the page's and has a session to ask. */
  private readyClient(): TrainingClient | null {
    const client = this.client;
    const run = this.run();
    // Commands go to the client's current run: never ask on behalf of a run it has left.
    if (client === null || !sessionReady(run) || run.runId !== client.currentRunId) return null;
    return client;
  }

  private nextRequestId(): number {
    this.lastRequestId += 1;
    return this.lastRequestId;
  }

  private readonly onEvent = (event: WorkerEvent): void => {
    if (event.type === 'measurement') {
      // A measurement that ended is kept for the next visit (what was cut short is not).
      if (event.measuring === null) {
        saveMeasurements(browserStore(), event.key, event.results, cacheContext());
      }
      return;
    }
    const refused =
      (event.type === 'requestEnded' && event.runId === NO_RUN) ||
      (event.type === 'data' && event.problem !== null);
    if (refused) {
      // A file the worker refused is not worth giving to a restarted one.
      for (const [name, file] of this.keptFiles) {
        if (file.requestId === event.requestId) this.keptFiles.delete(name);
      }
      return;
    }
    if (event.type === 'data') this.configureForNewData();
    if (event.type === 'finished' || event.type === 'evaluation') this.afterSeedEvent();
  };

  /**
   * A run of several seeds: once the seed that trains is done (trained and evaluated), its run is
   * kept and the next seed is configured, exactly as a run of that seed alone, on the same
   * backend, and started if training was meant to go on. The first seed's network is asked for
   * first, for the results file.
   */
  private afterSeedEvent(): void {
    const state = this.store.getState();
    if (!seedIsDone(state)) return;
    const { index } = state.seeds;
    const runId = state.run.runId;
    state.seedFinished(finishedSeedOf(state));
    if (index > 0) {
      this.configureSeed(index + 1, runId);
      return;
    }
    void this.requestSavedRun().then((saved) => {
      if (saved !== null && this.run().runId === runId) {
        const parameters = (saved.parameters ?? []).map((values) => Array.from(values));
        this.store.getState().firstSeedParameters(parameters);
      }
      this.configureSeed(index + 1, runId);
    });
  }

  /** Seed number `index` of the run of seeds that `runId` belongs to, unless that run was left. */
  private configureSeed(index: number, runId: number | null): void {
    const { run, seeds } = this.store.getState();
    if (run.runId !== runId || index >= seeds.seeds.length) return;
    const config = run.backend === null ? run.config : { ...run.config, backend: run.backend };
    this.configure(config, { failures: run.failures, force: run.forced, seedIndex: index });
    if (this.keepGoing) this.sendStart();
  }

  /**
   * An Omniglot run that has not trained yet is built again with the archives now loaded, once
   * the worker has read every file chosen: it could not start without them, or would keep the
   * held-out split it had before. A run that has trained keeps its data until Reset.
   */
  private configureForNewData(): void {
    const { run, data } = this.store.getState();
    if (!needsUserData(run.config) || data.pending.length > 0) return;
    const untrained = run.iteration === 0 && (run.state === 'idle' || run.state === 'failed');
    if (!untrained || run.workerFailure !== null) return;
    this.configure(run.config, {
      failures: run.failures,
      seedIndex: this.store.getState().seeds.index,
    });
  }

  private configure(config: ExperimentConfig, options: ConfigureOptions = {}): void {
    const client = this.client;
    if (client === null) return;
    const failures = options.failures ?? [];
    const exclude = failedBackends(failures);
    const resume = options.resume ?? undefined;
    const remeasure = options.remeasure === true;
    const measured = remeasure
      ? []
      : loadMeasurements(browserStore(), costKey(config), cacheContext());
    const force = options.force === true;
    // A checkpoint's exact curves go on in the worker, so its later checkpoints carry them too.
    const history = options.history ?? null;
    const curves = history !== null && 'firstIteration' in history ? history : undefined;
    const seedIndex = Math.min(options.seedIndex ?? 0, Math.max(0, config.seeds - 1));
    // The worker trains one seed at a time; the store keeps the settings of the whole run.
    const runId = client.configure(seedRunConfig(config, seedIndex), {
      resume,
      curves,
      exclude,
      measured,
      remeasure,
      force,
    });
    this.store.getState().runConfigured({
      runId,
      config,
      resume: options.resume ?? null,
      history: options.history ?? null,
      failures,
      message: options.message ?? null,
      measurements: measured,
      remeasure,
      force,
      seedIndex,
    });
  }
}
