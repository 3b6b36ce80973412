/**
 * The results file of a run of several seeds on the page, as the runner writes one: each finished
 * seed's own run in `seedRuns`, and where a run of one seed has its figures, their summary (the
 * held-out evaluation as the mean over seeds with a 95% interval across seeds, the training curves
 * as the mean over seeds).
 */
import { toJson } from '../../core/config';
import { evaluationAcrossSeeds, meanCurveAcrossSeeds } from '../../core/results/acrossSeeds';
import { RESULTS_FORMAT, type Results } from '../../core/results/resultsFile';
import type { PageResults, PageRun } from './pageResults';

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

export function severalSeedsResults({ run, seeds, data }: PageRun): PageResults {
  const finished = seeds.finished;
  const runs = finished.map((seed) => seed.run);
  const evaluations = runs.map((seedRun) => seedRun.evaluation);
  // Over every finished seed or none: a mean over the seeds that survived would flatter the run.
  const complete = evaluations.every((evaluation) => evaluation !== null);
  const evaluation = complete ? evaluationAcrossSeeds(evaluations) : null;
  const iterations = Math.min(...runs.map((seedRun) => seedRun.iterations));
  const trainingMs = sum(finished.map((seed) => seed.trainingMs));
  const evaluationMs = sum(finished.map((seed) => seed.evaluationMs ?? 0));
  const trained = sum(runs.map((seedRun) => seedRun.iterations));
  const firstStopped = runs.find((seedRun) => seedRun.evaluation === null);
  const results: Results = {
    format: RESULTS_FORMAT,
    config: toJson(run.config),
    backend: run.backend ?? 'none',
    iterations,
    msPerIteration: trained > 0 ? trainingMs / trained : null,
    trainingSeconds: trainingMs / 1000,
    evaluationSeconds: evaluation ? evaluationMs / 1000 : null,
    divergence: evaluation ? null : (firstStopped?.divergence ?? null),
    failure: null,
    metaTrainLoss: meanCurveAcrossSeeds(runs.map((seedRun) => seedRun.metaTrainLoss)),
    metaTrainAccuracy: meanCurveAcrossSeeds(runs.map((seedRun) => seedRun.metaTrainAccuracy)),
    evaluation,
    // Scored for one seed's network at a time, so not summarised (as the runner does).
    oneShotRuns: null,
    data: data.summary.archives.length > 0 ? data.summary : null,
    parameters: seeds.parameters,
    seedRuns: runs,
  };
  const missing = seeds.seeds.length - finished.length;
  const seedsNote =
    missing > 0
      ? `${finished.length} of the ${seeds.seeds.length} seeds asked for had finished ` +
        `(seed ${runs.map((seedRun) => seedRun.seed).join(', ')}); the other ${missing} are ` +
        'not in this file, and the summary is over the finished ones.'
      : undefined;
  return seedsNote === undefined
    ? { results, unrecorded: 0 }
    : { results, unrecorded: 0, seedsNote };
}
