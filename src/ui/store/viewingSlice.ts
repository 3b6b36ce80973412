/**
 * The `viewing` slice: a results file shown in the charts instead of the live run, read-only.
 * The live run's slices go on underneath, untouched, so closing the file shows the run as it is.
 * Charts read through `shownConfig`, `shownSeries` and `shownEvaluations`, which prefer the file.
 */
import { parseJson, type ExperimentConfig } from '../../core/config';
import type { Results } from '../../core/results/resultsFile';
import type { EvaluationSlice } from './evaluationSlice';
import type { SeedEvaluation } from './seedsSlice';
import { appendLosses, emptyLossSeries } from './lossSeries';
import { initialSeries, type SeriesSlice } from './seriesSlice';

export interface ShownFile {
  readonly fileName: string;
  readonly results: Results;
  /** The file's settings, read as the address would be (older settings upgraded). */
  readonly config: ExperimentConfig;
  readonly series: SeriesSlice;
  readonly evaluations: EvaluationSlice;
  /** A file of several seeds: each seed's final evaluation, which its evaluation summarises. */
  readonly seedEvaluations: readonly SeedEvaluation[];
}

/** The file shown, or null while the live run is. */
export type ViewingSlice = ShownFile | null;

/** The iteration an evaluation was made at: the furthest any model had trained. */
function evaluationIteration(results: Results): number {
  const models = results.evaluation?.models ?? [];
  return models.length === 0 ? results.iterations : Math.max(...models.map((m) => m.iteration));
}

/**
 * The curves of a file's run as the charts keep a live run's, from iteration 1. A comparison's
 * file holds the training loss of its first learner only, so the others have no curve.
 */
function seriesOf(results: Results, config: ExperimentConfig): SeriesSlice {
  const loss = appendLosses(emptyLossSeries(), results.metaTrainLoss, 1);
  const accuracy = appendLosses(emptyLossSeries(), results.metaTrainAccuracy, 1);
  const latestAccuracy = results.metaTrainAccuracy.at(-1);
  return {
    ...initialSeries(results.metaTrainLoss.length + 1),
    metaTrainLoss: loss,
    metaTrainAccuracy: accuracy,
    comparedLoss: config.compare.length > 0 ? [loss] : [],
    latestLoss: results.metaTrainLoss.at(-1) ?? null,
    latestAccuracy:
      latestAccuracy !== undefined && Number.isFinite(latestAccuracy) ? latestAccuracy : null,
  };
}

/** The seeds' evaluations of a file whose evaluation is their mean (every seed has one). */
function seedEvaluationsOf(results: Results): readonly SeedEvaluation[] {
  if (results.evaluation === null || results.seedRuns.length < 2) return [];
  const evaluated = results.seedRuns.flatMap(({ seed, evaluation }) =>
    evaluation === null ? [] : [{ seed, evaluation }],
  );
  return evaluated.length === results.seedRuns.length ? evaluated : [];
}

export function shownFile(fileName: string, results: Results): ShownFile {
  const { evaluation } = results;
  const config = parseJson(results.config).config;
  return {
    fileName,
    results,
    config,
    series: seriesOf(results, config),
    evaluations: {
      points: evaluation === null ? [] : [{ iteration: evaluationIteration(results), evaluation }],
    },
    seedEvaluations: seedEvaluationsOf(results),
  };
}

/** The slices a chart draws: the shown file's, else the live run's. */
interface ShownSource {
  readonly viewing: ViewingSlice;
  readonly run: { readonly config: ExperimentConfig };
  readonly series: SeriesSlice;
  readonly evaluations: EvaluationSlice;
}

export const shownConfig = (state: ShownSource): ExperimentConfig =>
  state.viewing?.config ?? state.run.config;

export const shownSeries = (state: ShownSource): SeriesSlice =>
  state.viewing?.series ?? state.series;

export const shownEvaluations = (state: ShownSource): EvaluationSlice =>
  state.viewing?.evaluations ?? state.evaluations;
