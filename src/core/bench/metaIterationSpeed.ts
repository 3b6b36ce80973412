/**
 * How fast one meta-iteration runs on the active backend: a whole training step of the settings
 * (every model the page trains), each model's share of it, and for sinusoid MAML the vectorised
 * engine against the plain per-task loop on the same task stream. The pieces run in turn, round
 * after round (`timeInterleaved`), after at least 50 warm-up rounds; the slow per-task loop then
 * runs in a window of its own. Shared by the Node benchmark
 * and the browser one (in the worker), so both measure exactly the same work.
 */
import { tf } from '../tfjs/tf';
import type { ExperimentConfig } from '../config';
import { isClassification } from '../families/registry';
import { createRng } from '../random/rng';
import { sampleSinusoidBatch } from '../tasks/sinusoid';
import { toTaskTensors } from '../tasks/taskTensors';
import { initialValues, paramShapes, toTensors } from '../model/mlp';
import { metaGradient } from '../learners/maml/lowRankMaml';
import { taskLoopMetaGradient } from '../learners/maml/taskLoopMaml';
import { Adam } from '../optim/adam';
import { createTrainer } from '../trainer/createTrainer';
import type { Trainer } from '../trainer/trainer';
import { modelSpec } from '../trainer/regression/stream';
import { timeInterleaved } from './interleaved';
import { spreadOf, type Spread } from './spread';

type Engine = typeof metaGradient;

export const TRAINING_STEP = 'training step (all models)';
export const VECTORISED = 'vectorised engine';
export const TASK_LOOP = 'per-task loop';

export interface SpeedRow {
  /** What was timed: a whole step, one model's share of it ("of which maml"), or an engine. */
  readonly engine: string;
  /** Median milliseconds over the measured iterations, after the warm-up. */
  readonly msPerIteration: number;
  /** Its interquartile range; a model's share is a mean over the window (q1 = q3 = mean). */
  readonly spread: Spread;
  readonly iterationsMeasured: number;
  /** Kernels launched by one iteration, counted by tf.profile (null for a model's share). */
  readonly kernelsPerIteration: number | null;
}

export interface SpeedBudget {
  /** Iterations measured at most, per piece of work. */
  readonly iterations: number;
  /** Stop measuring a piece after this long (at least three iterations are always measured). */
  readonly secondsPerEngine: number;
  /** A clock in milliseconds (performance.now where there is one). */
  readonly now: () => number;
  /** Unmeasured rounds first (at least 50). */
  readonly warmUp?: number;
}

/**
 * One meta-iteration with `engine`: sample tasks, meta-gradient, one download, Adam in JS. Each
 * runner has its own task stream and parameters.
 */
export function metaIterationRunner(config: ExperimentConfig, engine: Engine): () => Promise<void> {
  const spec = modelSpec(config);
  const rng = createRng(config.seed, 'tasks');
  const values = initialValues(spec, createRng(config.seed, 'init'));
  const adam = new Adam(values, { learningRate: config.metaLr });
  const sizes = paramShapes(spec).map((shape) => shape.reduce((a, b) => a * b, 1));
  return async () => {
    const batch = sampleSinusoidBatch(rng, config.metaBatch, config.shots, config.query);
    const flat = tf.tidy(() => {
      const result = engine(toTensors(spec, values), toTaskTensors(batch), config);
      return tf.concat([result.taskLoss, ...result.grads.map((g) => tf.reshape(g, [-1]))]);
    });
    const data = (await flat.data()) as Float32Array;
    flat.dispose();
    let offset = config.metaBatch;
    adam.step(
      values,
      sizes.map((size) => data.subarray(offset, (offset += size))),
    );
  };
}

/** Each model's training time so far, from the trainer's own clock around its kernels. */
function modelTimes(trainer: Trainer): { id: string; ms: number; steps: number }[] {
  return trainer.snapshot().models.map((model) => ({
    id: model.id,
    ms: model.milliseconds,
    steps: model.timedSteps,
  }));
}

/** Whether the settings are plain sinusoid MAML, which the two engines compute. */
function hasEngines(config: ExperimentConfig): boolean {
  return !isClassification(config) && config.algorithm === 'maml' && config.compare.length === 0;
}

/** Measures a training step (and, for sinusoid MAML, the two engines) in turn, round by round. */
export async function measureMetaIterationSpeed(
  config: ExperimentConfig,
  budget: SpeedBudget,
): Promise<SpeedRow[]> {
  // The trainer stops at its last iteration: give it room for every round.
  const room = Math.max(config.iterations, (budget.warmUp ?? 0) + 2 * budget.iterations + 200);
  const trainer = createTrainer({ ...config, iterations: room }, null);
  const pieces: { engine: string; run: () => Promise<unknown> }[] = [
    // As the page runs it while its per-task view is not shown, and as the runner does.
    { engine: TRAINING_STEP, run: () => trainer.step({ taskDetail: false }) },
  ];
  if (hasEngines(config)) {
    pieces.push({ engine: VECTORISED, run: metaIterationRunner(config, metaGradient) });
  }
  const before: { value: ReturnType<typeof modelTimes> } = { value: [] };
  const times = await timeInterleaved(
    pieces.map((piece) => piece.run),
    {
      iterations: budget.iterations,
      seconds: budget.secondsPerEngine * pieces.length,
      now: budget.now,
      ...(budget.warmUp === undefined ? {} : { warmUp: budget.warmUp }),
      afterWarmUp: () => {
        before.value = modelTimes(trainer);
      },
    },
  );
  const after = modelTimes(trainer);
  if (hasEngines(config)) {
    // The per-task loop gets a window of its own: interleaved, its 30 times more kernels and
    // garbage slowed the vectorised engine's next round by a third (2.9-3.5 ms alone, 4.4 ms
    // interleaved, sinusoid MAML on WASM), so the loop would have flattered the ratio.
    const loop = { engine: TASK_LOOP, run: metaIterationRunner(config, taskLoopMetaGradient) };
    pieces.push(loop);
    const [loopTimes] = await timeInterleaved([loop.run], {
      iterations: budget.iterations,
      seconds: budget.secondsPerEngine,
      now: budget.now,
      ...(budget.warmUp === undefined ? {} : { warmUp: budget.warmUp }),
    });
    times.push(loopTimes!);
  }
  const rows: SpeedRow[] = [];
  for (const [i, piece] of pieces.entries()) {
    const profile = await tf.profile(async () => {
      await piece.run();
    });
    const spread = spreadOf(times[i]!);
    rows.push({
      engine: piece.engine,
      msPerIteration: spread.median,
      spread,
      iterationsMeasured: spread.count,
      kernelsPerIteration: profile.kernels.length,
    });
    if (piece.engine !== TRAINING_STEP) continue;
    for (const [m, model] of after.entries()) {
      const steps = model.steps - (before.value[m]?.steps ?? 0);
      if (steps <= 0) continue;
      const mean = (model.ms - (before.value[m]?.ms ?? 0)) / steps;
      rows.push({
        engine: `of which ${model.id}`,
        msPerIteration: mean,
        spread: { median: mean, q1: mean, q3: mean, count: steps },
        iterationsMeasured: steps,
        kernelsPerIteration: null,
      });
    }
  }
  return rows;
}
