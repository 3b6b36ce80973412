/**
 * The page's one store, made of typed slices (`settings`, `run`, `series`, `evaluations`, `data`,
 * `inspect`, `insights`, `record`, `viewing`, `seeds`) and the actions that change them. Components select
 * the few fields they show; everything that talks to the worker goes through the controller,
 * which reports back here.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ExperimentConfig, SettingKey } from '../../core/config';
import type { WorkerEvent } from '../../worker/protocol';
import {
  initialRun,
  runAfterEvent,
  runAfterStartRequested,
  runAfterWorkerFailure,
  startedRun,
  type RunSlice,
  type RunStart,
  type WorkerFailureKind,
} from './runSlice';
import {
  initialSeries,
  seriesAfterEvent,
  seriesFrom,
  seriesFromHistory,
  type SeriesSlice,
} from './seriesSlice';
import {
  evaluationsAfterEvent,
  evaluationsFrom,
  initialEvaluations,
  type EvaluationSlice,
} from './evaluationSlice';
import {
  dataAfterEvent,
  dataAfterRequest,
  dataProblemDismissed,
  initialData,
  type DataProblem,
  type DataRequest,
  type DataSlice,
} from './dataSlice';
import {
  initialInspect,
  inspectAfterEvent,
  inspectForNewRun,
  inspectAfterOneShotRequest,
  inspectAfterTaskRequest,
  type InspectSlice,
} from './inspectSlice';
import {
  initialInsights,
  insightsAfterEvent,
  insightsAfterWatch,
  type InsightsSlice,
} from './insightsSlice';
import type { Results } from '../../core/results/resultsFile';
import {
  initialRecord,
  recordAfterEvent,
  recordAfterOneShotRequest,
  recordAfterStartRequested,
  recordFrom,
  type RunRecord,
} from '../results/runRecord';
import { shownFile, type ViewingSlice } from './viewingSlice';
import {
  initialSeeds,
  seedsAfterSeedFinished,
  seedsForRun,
  type FinishedSeed,
  type SeedsSlice,
} from './seedsSlice';
import {
  pushSettingsToLink,
  sameConfig,
  settingsAfterCommit,
  settingsFromLink,
  withSetting,
  type SettingsSlice,
} from './settingsSlice';

export interface PlaygroundActions {
  /**
   * Applies settings chosen on the page and writes them all to the address as a new history entry;
   * returns whether the experiment changed (nothing happens if it did not).
   */
  commitSettings: (config: ExperimentConfig) => boolean;
  /** commitSettings with one setting changed. */
  setSetting: <K extends SettingKey>(key: K, value: ExperimentConfig[K]) => boolean;
  /**
   * Re-reads the settings from address text and its history entry's state (Back, Forward, an
   * edited hash); returns whether the experiment changed.
   */
  loadSettingsFromLink: (text: string, historyState?: unknown) => boolean;
  /** Records a run the client was just asked to configure. */
  runConfigured: (start: RunStart) => void;
  /** Applies one event of the current run from the worker. */
  applyEvent: (event: WorkerEvent) => void;
  /** Records that the worker crashed or stopped answering. */
  workerFailed: (message: string, kind: WorkerFailureKind) => void;
  /** Start or Step was just sent: the status says what happens until the first iteration. */
  startRequested: () => void;
  /** Records a file (or a request to forget all files) handed to the worker. */
  dataRequested: (request: DataRequest) => void;
  /** A fresh worker holds no data: forget the summary and any unanswered request. */
  dataLost: () => void;
  dismissDataProblem: () => void;
  /** The page itself could not read a chosen file. */
  dataUnreadable: (problem: DataProblem) => void;
  /** Records that the worker was asked for held-out task `task`. */
  taskRequested: (requestId: number, task: number) => void;
  /** Records that the worker was asked to score the one-shot runs. */
  oneShotRequested: (requestId: number) => void;
  /** Records the watch that keeps the learner's insights coming. */
  insightsWatched: (watchId: number) => void;
  /** Shows a checked results file in the charts, read-only, over the live run. */
  showResults: (fileName: string, results: Results) => void;
  /** Back to the live run, as it is now. */
  closeResults: () => void;
  /** The seed that trained finished (a run of several seeds): its run is kept. */
  seedFinished: (seed: FinishedSeed) => void;
  /** The first seed's network, kept for the results file of a run of several seeds. */
  firstSeedParameters: (parameters: readonly (readonly number[])[]) => void;
  /** Whether the charts draw each seed's own curve beside the mean. */
  showEachSeed: (show: boolean) => void;
}

export interface PlaygroundState extends PlaygroundActions {
  readonly settings: SettingsSlice;
  readonly run: RunSlice;
  readonly series: SeriesSlice;
  readonly evaluations: EvaluationSlice;
  readonly data: DataSlice;
  readonly inspect: InspectSlice;
  readonly insights: InsightsSlice;
  /** What the results file needs beyond the charts: every iteration's numbers and times. */
  readonly record: RunRecord;
  readonly viewing: ViewingSlice;
  /** A run of several seeds: which seed trains, and the finished seeds' runs. */
  readonly seeds: SeedsSlice;
}

export type PlaygroundStore = StoreApi<PlaygroundState>;

export function createPlaygroundStore(linkText: string, historyState?: unknown): PlaygroundStore {
  const settings = settingsFromLink(linkText, historyState);
  return createStore<PlaygroundState>()((set, get) => ({
    settings,
    run: initialRun(settings.config),
    series: initialSeries(),
    evaluations: initialEvaluations(),
    data: initialData(),
    inspect: initialInspect(),
    insights: initialInsights(),
    record: initialRecord(),
    viewing: null,
    seeds: initialSeeds(settings.config),

    commitSettings: (config) => {
      const current = get().settings;
      if (sameConfig(config, current.config)) return false;
      const settings = settingsAfterCommit(current, config);
      pushSettingsToLink(settings);
      set({ settings });
      return true;
    },

    setSetting: (key, value) =>
      get().commitSettings(withSetting(get().settings.config, key, value)),

    loadSettingsFromLink: (text, historyState) => {
      const next = settingsFromLink(text, historyState);
      const changed = !sameConfig(next.config, get().settings.config);
      set({ settings: next });
      return changed;
    },

    runConfigured: (start) => {
      set((state) => ({
        run: startedRun(start, state.run),
        // A starting state brings its own curves; another run's evaluations do not belong to it.
        series: start.history
          ? seriesFromHistory(start.history, start.resume?.iteration ?? 0)
          : seriesFrom(state.series, start.resume?.iteration ?? 0),
        evaluations: evaluationsFrom(
          state.evaluations,
          start.history ? -1 : (start.resume?.iteration ?? 0),
        ),
        // Answers about another run's parameters would mislead; the loaded data stays.
        inspect: inspectForNewRun(state.inspect),
        insights: initialInsights(),
        record: recordFrom(
          state.record,
          start.resume?.iteration ?? 0,
          !start.history && (start.resume ?? null) !== null,
        ),
        seeds: seedsForRun(state.seeds, start.config, start.seedIndex ?? 0, start.runId),
      }));
    },

    applyEvent: (event) => {
      set((state) => ({
        run: runAfterEvent(state.run, event),
        series: seriesAfterEvent(state.series, event),
        evaluations: evaluationsAfterEvent(state.evaluations, event),
        data: dataAfterEvent(state.data, event),
        inspect: inspectAfterEvent(state.inspect, event),
        insights: insightsAfterEvent(state.insights, event),
        record: recordAfterEvent(state.record, event, performance.now()),
      }));
    },

    workerFailed: (message, kind) => {
      set((state) => ({ run: runAfterWorkerFailure(state.run, message, kind) }));
    },

    startRequested: () => {
      set((state) => ({
        run: runAfterStartRequested(state.run),
        record: recordAfterStartRequested(state.record, performance.now()),
      }));
    },

    dataRequested: (request) => {
      set((state) => ({ data: dataAfterRequest(state.data, request) }));
    },

    dataLost: () => {
      set({ data: initialData() });
    },

    dataUnreadable: (problem) => {
      set((state) => ({ data: { ...state.data, problem } }));
    },

    dismissDataProblem: () => {
      set((state) => ({ data: dataProblemDismissed(state.data) }));
    },

    taskRequested: (requestId, task) => {
      set((state) => ({ inspect: inspectAfterTaskRequest(state.inspect, requestId, task) }));
    },

    oneShotRequested: (requestId) => {
      set((state) => ({
        inspect: inspectAfterOneShotRequest(state.inspect, requestId),
        record: recordAfterOneShotRequest(state.record, performance.now()),
      }));
    },

    insightsWatched: (watchId) => {
      set((state) => ({ insights: insightsAfterWatch(state.insights, watchId) }));
    },

    showResults: (fileName, results) => {
      set({ viewing: shownFile(fileName, results) });
    },

    closeResults: () => {
      set({ viewing: null });
    },

    seedFinished: (seed) => {
      set((state) => ({ seeds: seedsAfterSeedFinished(state.seeds, seed) }));
    },

    firstSeedParameters: (parameters) => {
      set((state) => ({ seeds: { ...state.seeds, parameters } }));
    },

    showEachSeed: (show) => {
      set((state) => ({ seeds: { ...state.seeds, showEach: show } }));
    },
  }));
}
