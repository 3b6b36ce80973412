/**
 * What a run really costs, for checking the cost model: the real trainer's peak tensor bytes in
 * one iteration and in a held-out evaluation (tf.profile), and the time of an iteration, the lower
 * quartile of timed iterations after a warm-up (other work on the machine only ever slows one).
 */
import { tf } from '../core/tfjs/tf';
import type { ExperimentConfig } from '../core/config';
import type { DatasetLibrary } from '../core/datasets/library';
import { createTrainer } from '../core/trainer/createTrainer';
import type { Trainer } from '../core/trainer/trainer';

export interface MeasuredCost {
  readonly stepBytes: number;
  readonly evaluationBytes: number;
  readonly msPerIteration: number;
}

export interface CostMeasurementOptions {
  readonly warmUp: number;
  readonly timed: number;
  /** Held-out tasks evaluated: enough for one chunk of the evaluation. */
  readonly evalTasks: number;
}

async function peakBytes(work: () => Promise<unknown>): Promise<number> {
  const before = tf.memory().numBytes;
  const info = await tf.profile(async () => {
    await work();
  });
  return info.peakBytes - before;
}

function lowerQuartile(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 4)]!;
}

/** Each trainer's iteration time, the trainers taking turns so that they share any load. */
async function iterationMs(
  trainers: readonly Trainer[],
  warmUp: number,
  timed: number,
): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) {
    for (const trainer of trainers) await trainer.step({ taskDetail: false });
  }
  const times = trainers.map((): number[] => []);
  for (let i = 0; i < timed; i++) {
    for (const [t, trainer] of trainers.entries()) {
      const started = performance.now();
      await trainer.step({ taskDetail: false });
      times[t]!.push(performance.now() - started);
    }
  }
  return times.map(lowerQuartile);
}

/**
 * An iteration of `config` against one of `reference`, timed in turns: a ratio that other work
 * on the machine changes far less than either time alone.
 */
export async function relativeIterationTime(
  config: ExperimentConfig,
  reference: ExperimentConfig,
  library: DatasetLibrary | null,
  options: Omit<CostMeasurementOptions, 'evalTasks'>,
): Promise<number> {
  const trainers = [createTrainer(config, library), createTrainer(reference, library)];
  const [ms, referenceMs] = await iterationMs(trainers, options.warmUp, options.timed);
  return ms! / referenceMs!;
}

/** Measures `config` on the active backend, as the runner trains it (no per-task detail). */
export async function measureCost(
  config: ExperimentConfig,
  library: DatasetLibrary | null,
  options: CostMeasurementOptions,
): Promise<MeasuredCost> {
  const trainer = createTrainer(config, library);
  // The first iteration compiles and allocates what later ones reuse.
  await trainer.step({ taskDetail: false });
  const stepBytes = await peakBytes(() => trainer.step({ taskDetail: false }));
  const evaluationBytes = await peakBytes(() => trainer.evaluate(options.evalTasks));
  const [msPerIteration] = await iterationMs([trainer], options.warmUp, options.timed);
  return { stepBytes, evaluationBytes, msPerIteration: msPerIteration! };
}
