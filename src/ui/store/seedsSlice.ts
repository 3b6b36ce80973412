/**
 * The `seeds` slice: a run of several seeds (`seeds` = N > 1) as the page trains it, one seed after
 * another, each exactly the run of that seed alone. It keeps which seed trains now, every finished
 * seed's run (kept whole: the next seed's run replaces the live slices), and the mean of their
 * held-out evaluations with a 95% interval across seeds once two or more have one.
 */
import type { ExperimentConfig } from '../../core/config';
import { evaluationAcrossSeeds, seedSequence } from '../../core/results/acrossSeeds';
import type { SeedRun } from '../../core/results/resultsFile';
import type { Evaluation } from '../../core/trainer';
import type { EvaluationPoint } from './evaluationSlice';
import type { LossSeries } from './lossSeries';

/** A seed whose run ended (trained to the end or diverged) and whose final evaluation is in. */
export interface FinishedSeed {
  /** The seed's run as a results file's `seedRuns` holds it. */
  readonly run: SeedRun;
  readonly trainingMs: number;
  /** The worker's time on the final evaluation; null without one. */
  readonly evaluationMs: number | null;
  /** The training curve as the charts keep it (bounded), drawn faintly beside the running seed. */
  readonly loss: LossSeries;
}

/** One seed's final held-out evaluation, drawn on its own when the user asks for each seed. */
export interface SeedEvaluation {
  readonly seed: number;
  readonly evaluation: Evaluation;
}

export interface SeedsSlice {
  /** The run's seeds in order (one for a run of one seed). */
  readonly seeds: readonly number[];
  /** Which of them trains now (0-based); `seeds.length` once every seed has finished. */
  readonly index: number;
  /**
   * The client's id of the run that trains seed `index`; null once that seed finished, until the
   * next seed's run is configured (events of the finished run then cannot finish a seed again).
   */
  readonly runId: number | null;
  readonly finished: readonly FinishedSeed[];
  /**
   * The mean of the finished seeds' final evaluations with a 95% interval across seeds, at the
   * fewest iterations any reached; null until two seeds have one, or if any finished seed has none.
   */
  readonly summary: EvaluationPoint | null;
  /** The evaluations `summary` is the mean of, seed by seed (empty while there is no summary). */
  readonly evaluated: readonly SeedEvaluation[];
  /** The first seed's first learner, one row-major array per tensor (as the runner keeps it). */
  readonly parameters: readonly (readonly number[])[];
  /** Whether the charts draw each seed's own curve beside the mean. */
  readonly showEach: boolean;
}

export function initialSeeds(config: Pick<ExperimentConfig, 'seed' | 'seeds'>): SeedsSlice {
  return {
    seeds: seedSequence(config.seed, config.seeds),
    index: 0,
    runId: null,
    finished: [],
    summary: null,
    evaluated: [],
    parameters: [],
    showEach: false,
  };
}

/** Whether the settings ask for several seeds. */
export function severalSeeds(config: Pick<ExperimentConfig, 'seeds'>): boolean {
  return config.seeds > 1;
}

/**
 * The settings the worker trains for seed number `index` of a run: the run's own with that seed,
 * as a run of one seed (the runner's rule). A run of one seed goes unchanged.
 */
export function seedRunConfig(config: ExperimentConfig, index: number): ExperimentConfig {
  if (!severalSeeds(config)) return config;
  const seed = seedSequence(config.seed, config.seeds)[index];
  if (seed === undefined) throw new RangeError(`no seed number ${index} in ${config.seeds}`);
  return { ...config, seed, seeds: 1 };
}

/** The finished seeds' evaluations summarised, when there are two or more and none is missing. */
export function summaryOf(finished: readonly FinishedSeed[]): EvaluationPoint | null {
  const evaluations = finished.map((seed) => seed.run.evaluation);
  if (finished.length < 2) return null;
  // A mean over the seeds that happened to survive would flatter the settings (the runner's rule).
  if (!evaluations.every((evaluation) => evaluation !== null)) return null;
  return {
    iteration: Math.min(...finished.map((seed) => seed.run.iterations)),
    evaluation: evaluationAcrossSeeds(evaluations),
  };
}

/** The summary and the evaluations it summarises, seed by seed. */
function summariesOf(finished: readonly FinishedSeed[]): Pick<SeedsSlice, 'summary' | 'evaluated'> {
  const summary = summaryOf(finished);
  if (summary === null) return { summary, evaluated: [] };
  const evaluated = finished.map(({ run }) => ({ seed: run.seed, evaluation: run.evaluation! }));
  return { summary, evaluated };
}

/**
 * The slice for a run configured as seed number `index` of `config`: seed 0 begins the run of
 * seeds afresh (Reset, new settings); a later seed keeps the seeds finished before it.
 */
export function seedsForRun(
  previous: SeedsSlice,
  config: ExperimentConfig,
  index: number,
  runId: number,
): SeedsSlice {
  const fresh = { ...initialSeeds(config), runId };
  if (index <= 0 || !severalSeeds(config)) return { ...fresh, showEach: previous.showEach };
  const finished = previous.finished.slice(0, index);
  return {
    ...previous,
    runId,
    seeds: fresh.seeds,
    index: Math.min(index, fresh.seeds.length),
    finished,
    ...summariesOf(finished),
  };
}

/** The slice once the seed that trained finished: its run is kept and the next one is due. */
export function seedsAfterSeedFinished(slice: SeedsSlice, seed: FinishedSeed): SeedsSlice {
  const finished = [...slice.finished.slice(0, slice.index), seed];
  const index = finished.length;
  return { ...slice, finished, index, runId: null, ...summariesOf(finished) };
}

/** Whether every seed of the run has finished. */
export function allSeedsFinished(slice: SeedsSlice): boolean {
  return slice.finished.length >= slice.seeds.length;
}

/** "Seed 2 of 5 (seed 43)" while a seed trains or waits; "All 5 seeds done" at the end. */
export function seedStatusText(seeds: Pick<SeedsSlice, 'seeds' | 'index'>): string {
  const count = seeds.seeds.length;
  const seed = seeds.seeds[seeds.index];
  if (seed === undefined) {
    return `All ${count} seeds done (seeds ${seeds.seeds[0]} to ${seeds.seeds.at(-1)})`;
  }
  return `Seed ${seeds.index + 1} of ${count} (seed ${seed})`;
}
