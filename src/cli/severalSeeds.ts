/**
 * A run of several seeds (`seeds` = N > 1): the same experiment with seeds seed, seed + 1, ...,
 * one after another, each trained and evaluated on its own; then one results file whose held-out
 * figures are the mean over seeds with a 95% interval across seeds, and each seed's own run beside.
 */
import { toJson, type ExperimentConfig } from '../core/config';
import { evaluationAcrossSeeds, meanCurveAcrossSeeds } from '../core/results/acrossSeeds';
import { RESULTS_FORMAT, type Results, type SeedRun } from '../core/results/resultsFile';
import type { DatasetLibrary } from '../core/datasets/library';
import { createTrainer } from '../core/trainer/createTrainer';
import { evaluateSeed, trainSeed } from './seedRun';
import { evaluationLines } from './summaryLines';

/** The seeds of a run, wrapping past the largest seed. */
export function seedsOf(config: ExperimentConfig): number[] {
  return Array.from({ length: config.seeds }, (_, k) => (config.seed + k) % 2 ** 32);
}

/** One seed's settings: the run's, with that seed, as a run of one seed. */
function seedConfig(config: ExperimentConfig, seed: number): ExperimentConfig {
  return { ...config, seed, seeds: 1 };
}

export interface SeveralSeeds {
  readonly results: Results;
  /** Whether any seed diverged or failed (the exit code says so). */
  readonly diverged: boolean;
  readonly failed: { readonly outOfMemory: boolean } | null;
}

export async function runSeveralSeeds(
  config: ExperimentConfig,
  library: DatasetLibrary,
  backend: string,
): Promise<SeveralSeeds> {
  const seeds = seedsOf(config);
  const runs: SeedRun[] = [];
  let parameters: number[][] = [];
  let trainingMs = 0;
  let evaluationMs = 0;
  for (const [k, seed] of seeds.entries()) {
    process.stderr.write(`\nSeed ${seed} (${k + 1} of ${seeds.length})\n`);
    const settings = seedConfig(config, seed);
    const trainer = createTrainer(settings, library);
    const trained = await trainSeed(trainer, settings, backend);
    const evaluated = await evaluateSeed(trainer, trained, backend);
    if (evaluated.evaluation) {
      process.stderr.write(`${evaluationLines(evaluated.evaluation, settings).join('\n')}\n`);
    }
    if (k === 0) parameters = trainer.parameters.map((values) => Array.from(values));
    trainingMs += trained.trainingMs;
    evaluationMs += evaluated.evaluationMs;
    runs.push({
      seed,
      iterations: trainer.iteration,
      msPerIteration: trainer.iteration > 0 ? trained.trainingMs / trainer.iteration : null,
      divergence: evaluated.divergence,
      failure: evaluated.failure,
      metaTrainLoss: trained.metaTrainLoss,
      metaTrainAccuracy: trained.metaTrainAccuracy,
      evaluation: evaluated.evaluation,
    });
  }
  const evaluations = runs.map((run) => run.evaluation);
  // The summary is over every seed or none: a mean over the seeds that happened to survive
  // would flatter the settings.
  const complete = evaluations.every((evaluation) => evaluation !== null);
  const evaluation = complete ? evaluationAcrossSeeds(evaluations) : null;
  if (evaluation) {
    process.stderr.write(`\n${evaluationLines(evaluation, config, seeds.length).join('\n')}\n`);
  } else {
    const stopped = runs.filter((run) => run.evaluation === null).map((run) => run.seed);
    process.stderr.write(
      `\nNo summary across seeds: seed ${stopped.join(', ')} stopped before its evaluation.\n`,
    );
  }
  const iterations = Math.min(...runs.map((run) => run.iterations));
  const firstStopped = runs.find((run) => run.evaluation === null);
  const failedRun = runs.find((run) => run.failure !== null);
  const results: Results = {
    format: RESULTS_FORMAT,
    config: toJson(config),
    backend,
    iterations,
    msPerIteration:
      iterations > 0 ? trainingMs / runs.reduce((sum, run) => sum + run.iterations, 0) : null,
    trainingSeconds: trainingMs / 1000,
    evaluationSeconds: evaluation ? evaluationMs / 1000 : null,
    divergence: evaluation ? null : (firstStopped?.divergence ?? null),
    failure: evaluation ? null : (firstStopped?.failure ?? null),
    metaTrainLoss: meanCurveAcrossSeeds(runs.map((run) => run.metaTrainLoss)),
    metaTrainAccuracy: meanCurveAcrossSeeds(runs.map((run) => run.metaTrainAccuracy)),
    evaluation,
    // Scored per seed on the page or by a run of one seed; not summarised here.
    oneShotRuns: null,
    data: null,
    parameters,
    seedRuns: runs,
  };
  return {
    results,
    diverged: runs.some((run) => run.divergence !== null),
    failed: failedRun?.failure ? { outOfMemory: failedRun.failure.outOfMemory } : null,
  };
}
