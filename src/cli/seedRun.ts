/** One seed's run in the runner: training to the set length, then the held-out evaluation. */
import type { ExperimentConfig } from '../core/config';
import type { Divergence, Evaluation, Trainer } from '../core/trainer';
import type { Results } from '../core/results/resultsFile';
import type { CurveRecorder } from '../core/trainer/curveRecorder';
import { describeOutOfMemory, firstLine, isOutOfMemory } from '../core/trainer/outOfMemory';
import { ProgressReporter } from './progress';

export type RunFailure = NonNullable<Results['failure']>;

export interface TrainedSeed {
  readonly metaTrainLoss: number[];
  readonly metaTrainAccuracy: number[];
  /** A comparison: each compared learner's loss per iteration. */
  readonly comparedLoss: number[][];
  readonly trainingMs: number;
  readonly failure: RunFailure | null;
}

export interface EvaluatedSeed {
  readonly evaluation: Evaluation | null;
  readonly evaluationMs: number;
  readonly divergence: Divergence | null;
  readonly failure: RunFailure | null;
}

/** A run stopped by an error: out of memory named as that, anything else in one line. */
export function runFailure(
  error: unknown,
  config: ExperimentConfig,
  iteration: number,
  backend: string,
): RunFailure {
  const outOfMemory = isOutOfMemory(error);
  const reason = error instanceof Error ? error.message : String(error);
  const message = outOfMemory
    ? describeOutOfMemory(config, iteration, backend, error)
    : `Training stopped at iteration ${iteration + 1}: ${firstLine(reason)}`;
  return { iteration, message, outOfMemory };
}

/**
 * Trains until the settings' iterations, a divergence or an error, reporting progress; `curves`,
 * where given, keeps every iteration's numbers exactly for a checkpoint.
 */
export async function trainSeed(
  trainer: Trainer,
  config: ExperimentConfig,
  backend: string,
  curves?: CurveRecorder,
): Promise<TrainedSeed> {
  const metaTrainLoss: number[] = [];
  const metaTrainAccuracy: number[] = [];
  const comparedLoss: number[][] = [];
  const progress = new ProgressReporter(config.iterations);
  const started = performance.now();
  let failure: RunFailure | null = null;
  try {
    while (trainer.iteration < config.iterations) {
      // Each task's loss before adapting is for the page's per-task view: not computed here.
      const result = await trainer.step({ taskDetail: false });
      if (!result.ok) break;
      curves?.add(result.metrics);
      metaTrainLoss.push(result.metrics.metaTrainLoss);
      if (!Number.isNaN(result.metrics.metaTrainAccuracy))
        metaTrainAccuracy.push(result.metrics.metaTrainAccuracy);
      result.metrics.comparedLoss?.forEach((loss, i) => (comparedLoss[i] ??= []).push(loss));
      progress.update(result.metrics.iteration, result.metrics.metaTrainLoss);
    }
  } catch (error) {
    failure = runFailure(error, config, trainer.iteration, backend);
  }
  progress.finish();
  const trainingMs = performance.now() - started;
  return { metaTrainLoss, metaTrainAccuracy, comparedLoss, trainingMs, failure };
}

/** The held-out evaluation, unless training diverged or failed. */
export async function evaluateSeed(
  trainer: Trainer,
  trained: TrainedSeed,
  backend: string,
): Promise<EvaluatedSeed> {
  const divergence = trainer.divergence;
  if (divergence) process.stderr.write(`${divergence.message}\n`);
  const started = performance.now();
  let evaluation: Evaluation | null = null;
  let failure = trained.failure;
  if (!divergence && !failure) {
    try {
      evaluation = await trainer.evaluate();
    } catch (error) {
      failure = runFailure(error, trainer.config, trainer.iteration, backend);
    }
  }
  const evaluationMs = performance.now() - started;
  if (failure) process.stderr.write(`${failure.message}\n`);
  return { evaluation, evaluationMs, divergence, failure };
}
