/**
 * When the seed that trains is done, and what of it is kept: pure readings of the store that the
 * controller uses to move a run of several seeds on to the next seed.
 */
import type { SeedRun } from '../../core/results/resultsFile';
import { logValues, type IterationLog } from '../results/iterationLog';
import type { RunRecord } from '../results/runRecord';
import type { EvaluationSlice } from '../store/evaluationSlice';
import type { RunSlice } from '../store/runSlice';
import { severalSeeds, type FinishedSeed, type SeedsSlice } from '../store/seedsSlice';
import type { SeriesSlice } from '../store/seriesSlice';

/** The store's slices a seed's end is read from. */
export interface SeedState {
  readonly run: RunSlice;
  readonly seeds: SeedsSlice;
  readonly evaluations: EvaluationSlice;
  readonly record: RunRecord;
  readonly series: SeriesSlice;
}

/**
 * Whether the seed that trains has ended as a run of that seed alone ends: trained to its last
 * iteration (or stopped) with its final evaluation on every evaluation task in, or stopped by a
 * divergence, after which nothing is evaluated. Only once per seed.
 */
export function seedIsDone({ run, seeds, evaluations }: SeedState): boolean {
  if (!severalSeeds(run.config) || seeds.finished.length !== seeds.index) return false;
  // The run of this seed, not one whose seed already finished (a late evaluation of it).
  if (seeds.runId === null || seeds.runId !== run.runId) return false;
  if (seeds.index >= seeds.seeds.length) return false;
  if (run.state !== 'finished' && run.state !== 'stopped') return false;
  if (run.divergence !== null) return true;
  const latest = evaluations.points.at(-1);
  return (
    latest !== undefined &&
    latest.iteration === run.iteration &&
    latest.evaluation.tasks === run.config.evalTasks
  );
}

/** Iterations 1..`iterations` of a log; NaN where it holds none (it always holds them here). */
function everyIteration(log: IterationLog, iterations: number): number[] {
  const values = logValues(log);
  return Array.from({ length: iterations }, (_, i) => values[i + 1 - log.firstIteration] ?? NaN);
}

/** The seed that just finished, as the seeds slice and the results file keep it. */
export function finishedSeedOf({
  run,
  seeds,
  evaluations,
  record,
  series,
}: SeedState): FinishedSeed {
  const latest = evaluations.points.at(-1);
  const evaluated = run.divergence === null && latest?.iteration === run.iteration;
  const evaluation = evaluated ? latest.evaluation : null;
  const classification = record.accuracy.length > 0;
  const seedRun: SeedRun = {
    seed: seeds.seeds[seeds.index]!,
    iterations: run.iteration,
    msPerIteration: record.timedIterations > 0 ? record.trainingMs / record.timedIterations : null,
    divergence: run.divergence,
    failure: null,
    metaTrainLoss: everyIteration(record.loss, run.iteration),
    metaTrainAccuracy: classification ? everyIteration(record.accuracy, run.iteration) : [],
    evaluation,
  };
  const work = record.evaluationWork;
  return {
    run: seedRun,
    trainingMs: record.trainingMs,
    evaluationMs: evaluated && work?.iteration === run.iteration ? work.ms : null,
    loss: series.metaTrainLoss,
  };
}
