/**
 * The page's results file: built from the page's slices after the worker's events, it passes the runner's
 * reader and reads back the same; it keeps every iteration however long the run (the charts
 * average long curves); iterations the page never saw are null and said so. Opening refuses
 * foreign, damaged and newer files with a message, and showing a file leaves the live run alone.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, toJson, type ExperimentConfig } from '../../src/core/config';
import type { Evaluation } from '../../src/core/results/evaluation';
import { RESULTS_FORMAT, readResults } from '../../src/core/results/resultsFile';
import { LOSS_SERIES_CAPACITY } from '../../src/ui/store/lossSeries';
import { initialData } from '../../src/ui/store/dataSlice';
import { evaluationsAfterEvent, initialEvaluations } from '../../src/ui/store/evaluationSlice';
import { initialInspect } from '../../src/ui/store/inspectSlice';
import { runAfterEvent, runAfterStartRequested, startedRun } from '../../src/ui/store/runSlice';
import { initialSeries, seriesAfterEvent } from '../../src/ui/store/seriesSlice';
import {
  shownConfig,
  shownEvaluations,
  shownFile,
  shownSeries,
} from '../../src/ui/store/viewingSlice';
import { appendToLog } from '../../src/ui/results/iterationLog';
import { checkResultsSize, openResultsText } from '../../src/ui/results/openResults';
import { pageResults, resultsFileText, type PageRun } from '../../src/ui/results/pageResults';
import {
  initialRecord,
  recordAfterEvent,
  recordAfterStartRequested,
  recordFrom,
} from '../../src/ui/results/runRecord';
import type { WorkerEvent } from '../../src/worker/protocol';
import { initialSeeds } from '../../src/ui/store/seedsSlice';

const curve = (mean: number[], ci95: number[]) => ({ mean, ci95 });

function evaluationAt(iteration: number): Evaluation {
  const model = (id: string, role: 'learner' | 'baseline', mean: number[]) => ({
    id,
    role,
    loss: curve(mean, [0.25, 0.125]),
    accuracy: null,
    iteration,
    msPerIteration: 2.5,
    divergence: null,
  });
  return {
    steps: [0, 1],
    tasks: 7,
    lossKind: 'mse',
    models: [
      model('maml', 'learner', [2, 0.5]),
      model('pretrained', 'baseline', [2, 1.5]),
      model('scratch', 'baseline', [3, 2.75]),
    ],
  };
}

/** A progress event of iterations first..first+count-1, each loss 1/iteration. */
function progress(first: number, count: number, state: 'running' | 'paused'): WorkerEvent {
  const losses = Float32Array.from({ length: count }, (_, i) => 1 / (first + i));
  return {
    type: 'progress',
    runId: 1,
    state,
    firstIteration: first,
    metaTrainLoss: losses,
    pretrainedLoss: losses,
    metaTrainAccuracy: new Float32Array(count).fill(NaN),
    pretrainedAccuracy: new Float32Array(count).fill(NaN),
    comparedLoss: null,
    taskLossBefore: new Float32Array(0),
    taskLossAfter: new Float32Array(0),
    iteration: first + count - 1,
    iterationsPerSecond: 100,
  };
}

const CONFIG: ExperimentConfig = { ...DEFAULT_CONFIG, task: 'sinusoid', algorithm: 'maml' };
const ITERATIONS = LOSS_SERIES_CAPACITY + 5_000;

/** The page's slices after a run trained to ITERATIONS, as the store folds the worker's events. */
interface TrainedPage extends PageRun {
  readonly series: ReturnType<typeof initialSeries>;
}

/**
 * A run trained to ITERATIONS in three reports and evaluated: Start at 1 s on the page's clock,
 * reports at 2 s, 3 s and 4.5 s (the last one paused), the evaluation at 5 s.
 */
function trainedPage(): TrainedPage {
  const events: [WorkerEvent, number][] = [
    [
      {
        type: 'ready',
        runId: 1,
        backend: 'wasm',
        adapter: 'WASM',
        attempts: [],
        reason: 'test',
        iteration: 0,
      },
      500,
    ],
    [progress(1, 10_000, 'running'), 2_000],
    [progress(10_001, 10_000, 'running'), 3_000],
    [progress(20_001, ITERATIONS - 20_000, 'paused'), 4_500],
    [
      {
        type: 'evaluation',
        runId: 1,
        requestId: null,
        iteration: ITERATIONS,
        evaluation: evaluationAt(ITERATIONS),
        workMs: 1_500,
      },
      5_000,
    ],
  ];
  let page: TrainedPage = {
    run: startedRun({ runId: 1, config: CONFIG }),
    series: initialSeries(),
    evaluations: initialEvaluations(),
    record: initialRecord(),
    inspect: initialInspect(),
    data: initialData(),
    seeds: initialSeeds(CONFIG),
  };
  for (const [event, now] of events) {
    page = {
      ...page,
      run: runAfterEvent(page.run, event),
      series: seriesAfterEvent(page.series, event),
      evaluations: evaluationsAfterEvent(page.evaluations, event),
      record: recordAfterEvent(page.record, event, now),
    };
    if (event.type === 'ready') {
      page = {
        ...page,
        run: runAfterStartRequested(page.run),
        record: recordAfterStartRequested(page.record, 1_000),
      };
    }
  }
  return page;
}

describe('the page results file', () => {
  it('passes the runner reader with every iteration, and reads back the same', () => {
    const state = trainedPage();
    // The chart's curve has averaged pairs by now; the file must not.
    expect(state.series.metaTrainLoss.stride).toBeGreaterThan(1);

    const built = pageResults(state, [[0.5, -0.25], [0.125]]);
    const text = resultsFileText(built);
    expect(text).not.toContain('"note"');
    const read = readResults(JSON.parse(text));
    if (!read.ok) throw new Error(read.message);
    expect(read.migratedFrom).toBeNull();
    expect(read.results).toEqual(built.results);

    const { results } = read;
    expect(results.format).toBe(RESULTS_FORMAT);
    expect(results.config).toEqual(toJson(CONFIG));
    expect(results.backend).toBe('wasm');
    expect(results.iterations).toBe(ITERATIONS);
    expect(results.metaTrainLoss).toHaveLength(ITERATIONS);
    const expected = Array.from({ length: ITERATIONS }, (_, i) => Math.fround(1 / (i + 1)));
    expect(results.metaTrainLoss).toEqual(expected);
    expect(results.metaTrainAccuracy).toEqual([]);
    expect(results.trainingSeconds).toBeCloseTo(3.5, 12);
    expect(results.msPerIteration).toBeCloseTo(3_500 / ITERATIONS, 12);
    expect(results.evaluationSeconds).toBe(1.5);
    expect(results.evaluation).toEqual(evaluationAt(ITERATIONS));
    expect(results.parameters).toEqual([[0.5, -0.25], [0.125]]);
    expect(results.divergence).toBeNull();
    expect(results.failure).toBeNull();
    expect(results.oneShotRuns).toBeNull();
    expect(results.data).toBeNull();
  });

  it('writes null, and says why, for iterations of a starting state it never saw', () => {
    const state = trainedPage();
    // A lesson opened at iteration 100: its curve came coarsened, the record starts after it.
    let record = recordFrom(initialRecord(), 100, false);
    record = {
      ...record,
      loss: appendToLog(record.loss, [0.5, 0.25], 101),
      accuracy: appendToLog(record.accuracy, [0.75, 1], 101),
    };
    const page = {
      ...state,
      record,
      run: { ...state.run, iteration: 102, backend: 'cpu' as const },
    };
    const built = pageResults(page, []);
    expect(built.unrecorded).toBe(100);
    const text = resultsFileText(built);
    expect(text).toContain('Iterations 1 to 100 come from a starting state');
    const read = readResults(JSON.parse(text));
    if (!read.ok) throw new Error(read.message);
    expect(read.results.metaTrainLoss).toEqual([...Array<number>(100).fill(NaN), 0.5, 0.25]);
    expect(read.results.metaTrainAccuracy).toEqual([...Array<number>(100).fill(NaN), 0.75, 1]);
    expect(read.results.msPerIteration).toBeNull();
  });
});

describe('opening a results file', () => {
  const good = () => resultsFileText(pageResults(trainedPage(), []));
  /** A good file with some fields changed. */
  const changed = (fields: Record<string, unknown>) =>
    JSON.stringify({ ...(JSON.parse(good()) as Record<string, unknown>), ...fields });

  it('refuses text that is not JSON, foreign JSON and a newer format, saying so', () => {
    const cases: [string, RegExp][] = [
      ['{"metaTrainLoss": [1, 2', /not a results file: it is not JSON/],
      ['{"hello": "world"}', /not a results file: config is missing/],
      [changed({ format: 3 }), /format 3 is newer/],
      [changed({ metaTrainLoss: 'high' }), /metaTrainLoss is/],
    ];
    for (const [text, reason] of cases) {
      const opened = openResultsText('run.json', text);
      expect(opened.ok).toBe(false);
      if (opened.ok) continue;
      expect(opened.message).toMatch(/^Could not open run\.json: /);
      expect(opened.message).toMatch(reason);
      expect(opened.message).toMatch(/Nothing changed\.$/);
    }
    expect(checkResultsSize('big.json', 300 * 1024 * 1024)?.ok).toBe(false);
    expect(checkResultsSize('small.json', 1_000)).toBeNull();
  });

  it('shows a file in place of the live run, which stays as it was underneath', () => {
    const live = { ...trainedPage(), viewing: null };
    const file = changed({
      config: { ...toJson(CONFIG), algorithm: 'reptile' },
      iterations: 3,
      metaTrainLoss: [4, 2, 1],
      evaluation: null,
    });
    const opened = openResultsText('reptile.json', file);
    if (!opened.ok) throw new Error(opened.message);
    const viewing = { ...live, viewing: shownFile('reptile.json', opened.results) };
    expect(viewing.viewing.fileName).toBe('reptile.json');
    expect(shownConfig(viewing).algorithm).toBe('reptile');
    expect(Array.from(shownSeries(viewing).metaTrainLoss.values)).toEqual([4, 2, 1]);
    // Not a comparison: no compared curves.
    expect(shownSeries(viewing).comparedLoss).toEqual([]);
    expect(shownEvaluations(viewing).points).toEqual([]);

    const closed = { ...viewing, viewing: null };
    expect(shownSeries(closed)).toBe(live.series);
    expect(shownConfig(closed)).toBe(live.run.config);
    expect(shownEvaluations(closed).points.at(-1)?.iteration).toBe(ITERATIONS);
  });

  it("draws a comparison's file with its first learner's curve, and its evaluation where made", () => {
    const opened = openResultsText(
      'compare.json',
      changed({ config: { ...toJson(CONFIG), compare: ['maml', 'reptile'] } }),
    );
    if (!opened.ok) throw new Error(opened.message);
    const shown = shownFile('compare.json', opened.results);
    expect(shown.config.compare).toEqual(['maml', 'reptile']);
    // The file holds the first learner's training loss only: one compared curve, that one.
    expect(shown.series.comparedLoss).toHaveLength(1);
    expect(shown.series.comparedLoss[0]).toBe(shown.series.metaTrainLoss);
    expect(shown.series.metaTrainLoss.lastIteration).toBe(ITERATIONS);
    expect(shown.evaluations.points).toEqual([
      { iteration: ITERATIONS, evaluation: evaluationAt(ITERATIONS) },
    ]);
  });
});
