/**
 * Several seeds on the page, without a worker: the store folds the events of each seed's run, the
 * seed is done once its final evaluation is in (once only, whatever arrives late), the finished
 * seeds are kept when the next seed's run replaces the live slices, their mean with a t interval
 * across seeds is what the held-out charts draw, and the results file holds every seed as the
 * runner's does. Expected numbers are worked out by hand here.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/core/config';
import type { Evaluation } from '../../src/core/results/evaluation';
import { readResults } from '../../src/core/results/resultsFile';
import { pageResults, resultsFileText } from '../../src/ui/results/pageResults';
import {
  initialRecord,
  recordAfterEvent,
  recordFrom,
  type RunRecord,
} from '../../src/ui/results/runRecord';
import { initialData, type DataSlice } from '../../src/ui/store/dataSlice';
import {
  evaluationsAfterEvent,
  evaluationsFrom,
  initialEvaluations,
  type EvaluationSlice,
} from '../../src/ui/store/evaluationSlice';
import { initialInspect, type InspectSlice } from '../../src/ui/store/inspectSlice';
import {
  runAfterEvent,
  startedRun,
  type RunSlice,
  type RunStart,
} from '../../src/ui/store/runSlice';
import {
  initialSeeds,
  seedRunConfig,
  seedStatusText,
  seedsAfterSeedFinished,
  seedsForRun,
  type FinishedSeed,
  type SeedsSlice,
} from '../../src/ui/store/seedsSlice';
import {
  initialSeries,
  seriesAfterEvent,
  seriesFrom,
  type SeriesSlice,
} from '../../src/ui/store/seriesSlice';
import {
  shownHeldOut,
  shownSeedCount,
  shownSeedEvaluations,
} from '../../src/ui/store/shownHeldOut';
import { shownFile, type ViewingSlice } from '../../src/ui/store/viewingSlice';
import { finishedSeedOf, seedIsDone } from '../../src/ui/training/seedProgress';
import type { WorkerEvent } from '../../src/worker/protocol';
import type { Results } from '../../src/core/results/resultsFile';

const CONFIG: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  task: 'sinusoid',
  algorithm: 'maml',
  iterations: 2,
  evalTasks: 5,
  seed: 40,
  seeds: 3,
};

/** The page's slices a run of seeds touches. */
interface PageSlices {
  readonly run: RunSlice;
  readonly series: SeriesSlice;
  readonly evaluations: EvaluationSlice;
  readonly record: RunRecord;
  readonly seeds: SeedsSlice;
  readonly viewing: ViewingSlice;
  readonly inspect: InspectSlice;
  readonly data: DataSlice;
}

/**
 * The store's actions for those slices, folding them as playgroundStore.ts does (the store itself
 * reads the page address, which a unit test has not got).
 */
class PageStore {
  private state: PageSlices = {
    run: startedRun({ runId: 0, config: CONFIG }),
    series: initialSeries(),
    evaluations: initialEvaluations(),
    record: initialRecord(),
    seeds: initialSeeds(CONFIG),
    viewing: null,
    inspect: initialInspect(),
    data: initialData(),
  };

  getState() {
    return {
      ...this.state,
      runConfigured: (start: RunStart) => {
        const s = this.state;
        this.state = {
          ...s,
          run: startedRun(start, s.run),
          series: seriesFrom(s.series, 0),
          evaluations: evaluationsFrom(s.evaluations, 0),
          record: recordFrom(s.record, 0, false),
          seeds: seedsForRun(s.seeds, start.config, start.seedIndex ?? 0, start.runId),
        };
      },
      applyEvent: (event: WorkerEvent) => {
        const s = this.state;
        this.state = {
          ...s,
          run: runAfterEvent(s.run, event),
          series: seriesAfterEvent(s.series, event),
          evaluations: evaluationsAfterEvent(s.evaluations, event),
          record: recordAfterEvent(s.record, event, 0),
        };
      },
      seedFinished: (seed: FinishedSeed) => {
        this.state = { ...this.state, seeds: seedsAfterSeedFinished(this.state.seeds, seed) };
      },
      showEachSeed: (show: boolean) => {
        this.state = { ...this.state, seeds: { ...this.state.seeds, showEach: show } };
      },
      showResults: (fileName: string, results: Results) => {
        this.state = { ...this.state, viewing: shownFile(fileName, results) };
      },
    };
  }
}

/** An evaluation whose learner starts at `start` and ends at `end`; baselines fixed. */
function evaluation(start: number, end: number, tasks = 5): Evaluation {
  const model = (id: string, role: 'learner' | 'baseline', mean: number[]) => ({
    id,
    role,
    loss: { mean, ci95: [0.5, 0.5] },
    accuracy: null,
    iteration: 2,
    msPerIteration: 3,
    divergence: null,
  });
  return {
    steps: [0, 1],
    tasks,
    lossKind: 'mse',
    models: [
      model('maml', 'learner', [start, end]),
      model('pretrained', 'baseline', [2, 2]),
      model('scratch', 'baseline', [3, 3]),
    ],
  };
}

function progress(runId: number, losses: number[]): WorkerEvent {
  const values = Float32Array.from(losses);
  return {
    type: 'progress',
    runId,
    state: 'running',
    firstIteration: 1,
    metaTrainLoss: values,
    pretrainedLoss: values,
    metaTrainAccuracy: new Float32Array(values.length).fill(NaN),
    pretrainedAccuracy: new Float32Array(values.length).fill(NaN),
    comparedLoss: null,
    taskLossBefore: new Float32Array(0),
    taskLossAfter: new Float32Array(0),
    iteration: values.length,
    iterationsPerSecond: 10,
  };
}

/** Seed number `index` trains its two iterations and gets its final evaluation. */
function trainSeed(store: PageStore, index: number, losses: number[], final: Evaluation) {
  const runId = index + 1;
  store.getState().runConfigured({ runId, config: CONFIG, seedIndex: index });
  const apply = (event: WorkerEvent) => {
    store.getState().applyEvent(event);
  };
  apply({
    type: 'ready',
    runId,
    backend: 'wasm',
    adapter: 'WASM',
    attempts: [],
    reason: 'test',
    iteration: 0,
  });
  apply(progress(runId, losses));
  apply({ type: 'finished', runId, iteration: 2, divergence: null });
  expect(seedIsDone(store.getState())).toBe(false);
  // An interim evaluation on fewer tasks is not the final one.
  const interim = { ...final, tasks: 3 };
  apply({
    type: 'evaluation',
    runId,
    requestId: null,
    iteration: 2,
    evaluation: interim,
    workMs: 1,
  });
  expect(seedIsDone(store.getState())).toBe(false);
  apply({ type: 'evaluation', runId, requestId: null, iteration: 2, evaluation: final, workMs: 4 });
  expect(seedIsDone(store.getState())).toBe(true);
  store.getState().seedFinished(finishedSeedOf(store.getState()));
  // The same evaluation again (a late one of the finished run) finishes nothing more.
  apply({ type: 'evaluation', runId, requestId: null, iteration: 2, evaluation: final, workMs: 4 });
  expect(seedIsDone(store.getState())).toBe(false);
}

/** Student's t 0.975 quantile for 2 degrees of freedom, to the table's three decimals. */
const T2 = 4.303;

describe('several seeds in the store', () => {
  it('runs seed, seed + 1, ... each as a run of one seed, wrapping past the largest', () => {
    expect(seedRunConfig(CONFIG, 2)).toEqual({ ...CONFIG, seed: 42, seeds: 1 });
    const top = { ...CONFIG, seed: 2 ** 32 - 1 };
    expect(seedRunConfig(top, 1).seed).toBe(0);
    expect(seedRunConfig({ ...CONFIG, seeds: 1 }, 0)).toEqual({ ...CONFIG, seeds: 1 });
    expect(() => seedRunConfig(CONFIG, 3)).toThrow(RangeError);
    expect(initialSeeds(CONFIG).seeds).toEqual([40, 41, 42]);
    expect(seedStatusText({ seeds: [40, 41, 42], index: 1 })).toBe('Seed 2 of 3 (seed 41)');
    expect(seedStatusText({ seeds: [40, 41, 42], index: 3 })).toBe(
      'All 3 seeds done (seeds 40 to 42)',
    );
  });

  it('keeps every finished seed and shows their mean with a t interval across seeds', () => {
    const store = new PageStore();
    trainSeed(store, 0, [5, 4], evaluation(1, 0.5));
    let state = store.getState();
    expect(state.seeds.index).toBe(1);
    expect(state.seeds.finished.map(({ run }) => run.seed)).toEqual([40]);
    // One seed is no summary: the live run's latest evaluation is shown.
    expect(state.seeds.summary).toBeNull();
    expect(shownHeldOut(state)?.evaluation).toBe(state.evaluations.points.at(-1)?.evaluation);
    expect(shownSeedCount(state)).toBeNull();

    trainSeed(store, 1, [6, 3], evaluation(2, 1));
    trainSeed(store, 2, [7, 2], evaluation(4, 3));
    state = store.getState();
    expect(state.seeds.index).toBe(3);
    const [first, second, third] = state.seeds.finished.map(({ run }) => run);
    expect(first!.metaTrainLoss).toEqual([5, 4]);
    expect(second!.metaTrainLoss).toEqual([6, 3]);
    expect(third!.metaTrainLoss).toEqual([7, 2]);

    // Step 0: seeds 1, 2, 4; mean 7/3, sample variance 7/3. Step 1: 0.5, 1, 3; mean 1.5,
    // sample variance 1.75.
    const shown = shownHeldOut(state)!;
    const learner = shown.evaluation.models[0]!.loss;
    expect(learner.mean[0]).toBeCloseTo(7 / 3, 14);
    expect(learner.ci95[0]).toBeCloseTo((T2 * Math.sqrt(7 / 3)) / Math.sqrt(3), 12);
    expect(learner.mean[1]).toBeCloseTo(1.5, 14);
    expect(learner.ci95[1]).toBeCloseTo((T2 * Math.sqrt(1.75)) / Math.sqrt(3), 12);
    // Every seed scored the pretrained network the same: no spread across seeds.
    expect(shown.evaluation.models[1]!.loss.ci95).toEqual([0, 0]);
    expect(shownSeedCount(state)).toBe(3);
    expect(shownSeedEvaluations(state).map(({ seed }) => seed)).toEqual([40, 41, 42]);

    // Reset (seed 0 again) forgets every seed, and keeps whether each seed is drawn.
    store.getState().showEachSeed(true);
    store.getState().runConfigured({ runId: 10, config: CONFIG });
    expect(store.getState().seeds).toMatchObject({ index: 0, finished: [], summary: null });
    expect(store.getState().seeds.showEach).toBe(true);
  });

  it('writes the runner format: every seed in seedRuns, their mean where one run has its own', () => {
    const store = new PageStore();
    trainSeed(store, 0, [5, 4], evaluation(1, 0.5));
    trainSeed(store, 1, [6, 3], evaluation(2, 1));
    const partial = pageResults(store.getState(), []);
    expect(partial.seedsNote).toContain('2 of the 3 seeds asked for had finished');
    trainSeed(store, 2, [7, 2], evaluation(4, 3));
    const file = pageResults(store.getState(), []);
    expect(file.seedsNote).toBeUndefined();
    const read = readResults(JSON.parse(resultsFileText(file)));
    if (!read.ok) throw new Error(read.message);
    const { results } = read;
    expect(results.config).toMatchObject({ seed: 40, seeds: 3 });
    expect(results.seedRuns.map((run) => run.seed)).toEqual([40, 41, 42]);
    expect(results.metaTrainLoss).toEqual([6, 3]);
    expect(results.iterations).toBe(2);
    expect(results.evaluation!.models[0]!.loss.mean[0]).toBeCloseTo(7 / 3, 14);
    expect(results.seedRuns[2]!.evaluation).toEqual(evaluation(4, 3));

    // Opened again, the file shows the mean across its three seeds.
    store.getState().showResults('seeds.json', results);
    expect(shownSeedCount(store.getState())).toBe(3);
    expect(shownHeldOut(store.getState())?.evaluation).toEqual(results.evaluation);
    expect(shownSeedEvaluations(store.getState()).map(({ seed }) => seed)).toEqual([40, 41, 42]);
  });

  it('has no mean across seeds when a finished seed has no evaluation', () => {
    const previous = initialSeeds(CONFIG);
    const seeds = seedsForRun(previous, CONFIG, 0, 1);
    expect(seeds.runId).toBe(1);
    const store = new PageStore();
    trainSeed(store, 0, [5, 4], evaluation(1, 0.5));
    // Seed 41 diverges: done at once, with no evaluation.
    store.getState().runConfigured({ runId: 2, config: CONFIG, seedIndex: 1 });
    store.getState().applyEvent(progress(2, [6]));
    store.getState().applyEvent({
      type: 'finished',
      runId: 2,
      iteration: 1,
      divergence: { iteration: 1, message: 'diverged' },
    });
    expect(seedIsDone(store.getState())).toBe(true);
    store.getState().seedFinished(finishedSeedOf(store.getState()));
    trainSeed(store, 2, [7, 2], evaluation(4, 3));
    const state = store.getState();
    expect(state.seeds.finished[1]!.run.evaluation).toBeNull();
    expect(state.seeds.summary).toBeNull();
    expect(pageResults(state, []).results.evaluation).toBeNull();
  });
});
