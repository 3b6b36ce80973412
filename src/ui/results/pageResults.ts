/**
 * The page's run as a results file, in the runner's format (`--out`), so one reader, one chart and
 * one script serve both. Built from the store alone: every number is one the page holds.
 */
import { toJson } from '../../core/config';
import { RESULTS_FORMAT, type Results } from '../../core/results/resultsFile';
import type { DataSlice } from '../store/dataSlice';
import type { EvaluationSlice } from '../store/evaluationSlice';
import type { InspectSlice } from '../store/inspectSlice';
import type { RunSlice } from '../store/runSlice';
import { seedRunConfig, severalSeeds, type SeedsSlice } from '../store/seedsSlice';
import { severalSeedsResults } from './seedsResults';
import type { IterationLog } from './iterationLog';
import type { RunRecord } from './runRecord';

/** The store's slices the file is made of. */
export interface PageRun {
  readonly run: RunSlice;
  readonly record: RunRecord;
  readonly evaluations: EvaluationSlice;
  readonly inspect: InspectSlice;
  readonly data: DataSlice;
  readonly seeds: SeedsSlice;
}

/** A results file of the page's run, and what it could not hold as the runner would. */
export interface PageResults {
  readonly results: Results;
  /** Iterations trained before the page's record began (a lesson's starting state), or 0. */
  readonly unrecorded: number;
  /** What a reader should know of a run of several seeds that has not finished every seed. */
  readonly seedsNote?: string;
}

/**
 * One value per iteration 1..`iterations`; NaN (null in JSON) for iterations the log never held,
 * those of a starting state the run opened from, whose curve was kept only coarsened.
 */
function everyIteration(log: IterationLog, iterations: number): number[] {
  return Array.from({ length: iterations }, (_, i) => {
    const at = i + 1 - log.firstIteration;
    return at >= 0 && at < log.length ? log.buffer[at]! : NaN;
  });
}

function failureOf(run: PageRun['run']): Results['failure'] {
  if (run.workerFailure !== null) {
    const { message, kind } = run.workerFailure;
    return { iteration: run.iteration, message, outOfMemory: kind === 'outOfMemory' };
  }
  if (run.state === 'failed' && run.error !== null) {
    return { iteration: run.iteration, message: run.error, outOfMemory: false };
  }
  return null;
}

function oneShotRunsOf({ inspect, record }: PageRun): Results['oneShotRuns'] {
  const { oneShot } = inspect;
  if (oneShot === null || record.oneShotMs === null) return null;
  return { score: oneShot.score, problem: oneShot.problem, seconds: record.oneShotMs / 1000 };
}

/**
 * The run as the runner writes it. `parameters` are the first learner's tensors, row-major, or
 * none where the page could not ask the worker for them.
 */
export function pageResults(
  page: PageRun,
  parameters: readonly (readonly number[])[],
): PageResults {
  const { run, seeds } = page;
  if (!severalSeeds(run.config)) return oneRunResults(page, parameters);
  // The seeds finished so far, summarised as the runner summarises all of them.
  if (seeds.finished.length > 0) return severalSeedsResults(page);
  const seed = seeds.seeds[seeds.index] ?? run.config.seed;
  const alone = { ...page, run: { ...run, config: seedRunConfig(run.config, seeds.index) } };
  return {
    ...oneRunResults(alone, parameters),
    seedsNote:
      `No seed of the ${seeds.seeds.length} asked for has finished yet: this file holds seed ` +
      `${seed}'s run so far, as a run of that seed alone.`,
  };
}

/** A run of one seed, as the runner writes one. */
function oneRunResults(page: PageRun, parameters: readonly (readonly number[])[]): PageResults {
  const { run, record } = page;
  const iterations = run.iteration;
  const latest = page.evaluations.points.at(-1) ?? null;
  const work = record.evaluationWork;
  const evaluationMs = latest !== null && work?.iteration === latest.iteration ? work.ms : null;
  const classification = record.accuracy.length > 0;
  const results: Results = {
    format: RESULTS_FORMAT,
    config: toJson(run.config),
    backend: run.backend ?? 'none',
    iterations,
    msPerIteration: record.timedIterations > 0 ? record.trainingMs / record.timedIterations : null,
    trainingSeconds: record.trainingMs / 1000,
    evaluationSeconds: evaluationMs === null ? null : evaluationMs / 1000,
    divergence: run.divergence,
    failure: failureOf(run),
    metaTrainLoss: everyIteration(record.loss, iterations),
    metaTrainAccuracy: classification ? everyIteration(record.accuracy, iterations) : [],
    evaluation: latest?.evaluation ?? null,
    oneShotRuns: oneShotRunsOf(page),
    data: page.data.summary.archives.length > 0 ? page.data.summary : null,
    parameters,
    seedRuns: [],
  };
  return { results, unrecorded: Math.max(0, Math.min(iterations, record.loss.firstIteration - 1)) };
}

/**
 * The file's text: the results as JSON, with a `note` (which readers pass over) where some
 * iterations' values are unknown, so the nulls are not read as a loss that blew up.
 */
export function resultsFileText({ results, unrecorded, seedsNote }: PageResults): string {
  const notes = [
    ...(unrecorded > 0
      ? [
          `Iterations 1 to ${unrecorded} come from a starting state whose curve was kept ` +
            'only coarsened: their training loss and accuracy are unknown and written as null.',
        ]
      : []),
    ...(seedsNote === undefined ? [] : [seedsNote]),
  ];
  const note = notes.length > 0 ? { note: notes.join(' ') } : {};
  return `${JSON.stringify({ ...results, ...note })}\n`;
}
