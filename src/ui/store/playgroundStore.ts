/**
 * The page's one store, made of three slices (`settings`, `run`, `series`) and the actions that
 * change them. Components select the few fields they show; everything that talks to the worker
 * goes through the controller, which reports back here.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ExperimentConfig, SettingKey } from '../../core/config';
import type { WorkerEvent } from '../../worker/protocol';
import {
  initialRun,
  runAfterEvent,
  runAfterWorkerFailure,
  startedRun,
  type RunSlice,
  type RunStart,
} from './runSlice';
import { initialSeries, seriesAfterEvent, seriesFrom, type SeriesSlice } from './seriesSlice';
import {
  evaluationsAfterEvent,
  evaluationsFrom,
  initialEvaluations,
  type EvaluationSlice,
} from './evaluationSlice';
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
  workerFailed: (message: string) => void;
}

export interface PlaygroundState extends PlaygroundActions {
  readonly settings: SettingsSlice;
  readonly run: RunSlice;
  readonly series: SeriesSlice;
  readonly evaluations: EvaluationSlice;
}

export type PlaygroundStore = StoreApi<PlaygroundState>;

export function createPlaygroundStore(linkText: string, historyState?: unknown): PlaygroundStore {
  const settings = settingsFromLink(linkText, historyState);
  return createStore<PlaygroundState>()((set, get) => ({
    settings,
    run: initialRun(settings.config),
    series: initialSeries(),
    evaluations: initialEvaluations(),

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
        run: startedRun(start),
        series: seriesFrom(state.series, start.resume?.iteration ?? 0),
        evaluations: evaluationsFrom(state.evaluations, start.resume?.iteration ?? 0),
      }));
    },

    applyEvent: (event) => {
      set((state) => ({
        run: runAfterEvent(state.run, event),
        series: seriesAfterEvent(state.series, event),
        evaluations: evaluationsAfterEvent(state.evaluations, event),
      }));
    },

    workerFailed: (message) => {
      set((state) => ({ run: runAfterWorkerFailure(state.run, message) }));
    },
  }));
}
